import { readFileSync } from 'node:fs';
import { SCHEMAS_DIR } from '../shared/package-paths.js';

/**
 * Spreadsheet columns ⇄ profile request JSON, read from the request schemas themselves
 * (schemas/<profile>-request.schema.json and profile-common), so a field added to a
 * schema is a column at once. One convention, documented in the README:
 *   holder.name            nested object members, by dots
 *   title.fr, title.ar     a multilingual text, one column per language (or `title` alone: one string)
 *   learningOutcomes.0.text.fr   array items by index, from 0
 * An empty cell is an absent field. Numbers and booleans are read as such where the
 * schema says so; everything else stays the text of the cell, exactly.
 */

type Schema = Record<string, unknown>;
export type LeafType = 'string' | 'number' | 'integer' | 'boolean';

const files = new Map<string, Schema>();

function schemaFile(name: string): Schema {
  let schema = files.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(`${SCHEMAS_DIR}${name}.schema.json`, 'utf8')) as Schema;
    files.set(name, schema);
  }
  return schema;
}

/** Follows `$ref`s (same file or profile-common.json) and merges the keywords beside them. */
function resolve(schema: Schema, file: string): { schema: Schema; file: string } {
  let current = schema;
  let currentFile = file;
  while (typeof current.$ref === 'string') {
    const [target = '', fragment = ''] = current.$ref.split('#');
    if (target !== '') currentFile = target.replace(/\.json$/, '').replace(/\.schema$/, '');
    let referenced: unknown = schemaFile(currentFile === 'profile-common' ? 'profile-common' : currentFile);
    for (const part of fragment.split('/').filter((segment) => segment !== '')) referenced = (referenced as Schema)[part];
    const { $ref: _ref, ...siblings } = current;
    current = { ...(referenced as Schema), ...siblings };
  }
  return { schema: current, file: currentFile };
}

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.enum) || 'const' in schema) return ['string'];
  return [];
}

/**
 * The type of the value a column holds, or undefined when the column names no field of
 * the profile's request (an unknown column).
 */
export function columnType(profile: string, column: string): LeafType | undefined {
  const file = `${profile}-request`;
  let node = resolve(schemaFile(file), file);
  for (const segment of column.split('.')) {
    const types = typesOf(node.schema);
    const properties = node.schema.properties as Record<string, Schema> | undefined;
    if (types.includes('object') && properties?.[segment] !== undefined) {
      node = resolve(properties[segment], node.file);
    } else if (types.includes('object') && typeof node.schema.additionalProperties === 'object') {
      // A map such as a multilingual text: the key is the language tag (checked by the schema).
      node = resolve(node.schema.additionalProperties as Schema, node.file);
    } else if (types.includes('array') && /^(0|[1-9]\d{0,3})$/.test(segment) && typeof node.schema.items === 'object') {
      node = resolve(node.schema.items as Schema, node.file);
    } else {
      return undefined;
    }
  }
  const types = typesOf(node.schema);
  for (const type of ['string', 'integer', 'number', 'boolean'] as const) if (types.includes(type)) return type;
  return undefined;
}

/** The cell's text as the column's type; a string explaining why when it cannot be. */
export function cellValue(type: LeafType, text: string): { value: unknown } | { error: string } {
  if (type === 'string') return { value: text };
  if (type === 'boolean') {
    if (text === 'true' || text === 'false') return { value: text === 'true' };
    return { error: 'must be true or false' };
  }
  const number = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(number)) return { error: `must be a number, not "${text}"` };
  if (type === 'integer' && !Number.isInteger(number)) return { error: `must be a whole number, not "${text}"` };
  return { value: number };
}

/**
 * A setter of `value` at a dotted path, making objects, and arrays for numeric segments.
 * Worked out once per column, not once per cell (10,000 rows of 65 columns: 650,000 cells).
 */
export function pathSetter(column: string): (target: Record<string, unknown>, value: unknown) => void {
  const segments = column.split('.');
  const last = segments.length - 1;
  const steps = segments.map((segment, index) => ({
    segment,
    index: Number(segment),
    nextIsIndex: index < last && /^\d+$/.test(segments[index + 1] as string),
  }));
  return (target, value) => {
    let node: Record<string | number, unknown> = target;
    for (let at = 0; at <= last; at += 1) {
      const step = steps[at] as (typeof steps)[number];
      const key: string | number = Array.isArray(node) ? step.index : step.segment;
      if (at === last) {
        node[key] = value;
        return;
      }
      node[key] ??= step.nextIsIndex ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    }
  };
}

/** Every dotted path of a JSON value's leaves, in order: the columns a request fills (the template). */
export function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [[prefix, String(value)]];
  const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => flatten(item, prefix === '' ? key : `${prefix}.${key}`));
}

/** A JSON Pointer into one request (`/holder/birthDate`) → its column (`holder.birthDate`). */
export function columnOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}
