import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { joinPointer } from './json-pointer.js';
import { ProblemError, type FieldError } from './problems.js';
import { SCHEMAS_DIR } from './package-paths.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** One ajv instance for every schema in `schemas/` (draft 2020-12), compiled once. */
function createAjv(): Ajv2020 {
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  for (const file of readdirSync(SCHEMAS_DIR).filter((name) => name.endsWith('.schema.json'))) {
    const schema = JSON.parse(readFileSync(SCHEMAS_DIR + file, 'utf8')) as { $id?: string; $schema?: string };
    // Schemas of other drafts (e.g. the frameworks data schema) are compiled by their owners.
    if (schema.$schema !== undefined && !schema.$schema.includes('2020-12')) continue;
    ajv.addSchema(schema, file.replace(/\.schema\.json$/, ''));
  }
  return ajv;
}

let ajv: Ajv2020 | undefined;

/** One sentence per field, naming it by JSON Pointer (cf. Unleash's BadDataError). */
export function describeSchemaErrors(errors: ErrorObject[], basePointer = ''): FieldError[] {
  return errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      let pointer = basePointer + error.instancePath;
      let detail = error.message ?? 'is invalid';
      if (error.keyword === 'required') {
        pointer = joinPointer(pointer, String(error.params.missingProperty));
        detail = 'is required';
      } else if (error.keyword === 'additionalProperties') {
        pointer = joinPointer(pointer, String(error.params.additionalProperty));
        detail = 'is not a known property';
      } else if (error.keyword === 'unevaluatedProperties') {
        pointer = joinPointer(pointer, String(error.params.unevaluatedProperty));
        detail = 'is not a known property';
      } else if (error.keyword === 'enum') {
        detail = `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
      }
      return { pointer: pointer === '' ? '/' : pointer, detail };
    });
}

/** Every error of `value` against `schemas/<name>.schema.json`, as field errors (none: valid). */
export function schemaErrorsOf(name: string, value: unknown, basePointer = ''): FieldError[] {
  ajv ??= createAjv();
  const validate = ajv.getSchema(name);
  if (validate === undefined) throw new TypeError(`No schema named "${name}" in schemas/.`);
  return validate(value) ? [] : describeSchemaErrors(validate.errors ?? [], basePointer);
}

/**
 * Validates `value` against `schemas/<name>.schema.json`; throws `invalid-request`
 * listing every invalid field at once, so a client fixes them in one round.
 */
export function assertMatchesSchema<T>(name: string, value: unknown, basePointer = ''): asserts value is T {
  ajv ??= createAjv();
  const validate = ajv.getSchema(name);
  if (validate === undefined) throw new TypeError(`No schema named "${name}" in schemas/.`);
  if (validate(value)) return;
  const errors = describeSchemaErrors(validate.errors ?? [], basePointer);
  const first = errors[0];
  throw new ProblemError('invalid-request', errors.map((error) => `${error.pointer} ${error.detail}`).join('; '), {
    errors,
    ...(first === undefined ? {} : { pointer: first.pointer }),
  });
}
