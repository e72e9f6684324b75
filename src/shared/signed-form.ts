import { isDeepStrictEqual } from 'node:util';
import canonicalizeModule from 'canonicalize';
import { pathOf, toPointer, type PathNode } from './json-pointer.js';
import { ProblemError } from './problems.js';

/**
 * One signed form. A Data Integrity signature covers the RDF graph, while every check,
 * report and page reads the JSON. JSON-LD lets many JSON documents map to one graph
 * (a property written as its IRI, moved under an `@nest` alias, typed as a value object,
 * re-keyed by an inline context, split across two objects with one `id`…), so a check
 * reading the JSON could read something other than what was signed.
 *
 * This rule accepts only the compacted form our contexts define, in which each signed
 * statement has exactly one JSON spelling that the checks read:
 *  - `@context` only at the root, and only as URLs (the document loader then accepts
 *    only the fixed contexts): no inline or nested context objects, so no `@vocab`,
 *    no aliasing of a term to `@index`, `@nest`, `@type`…;
 *  - no other JSON-LD keyword as a key, except the language-tagged string
 *    `{"@value": "…", "@language": "xx", "@direction"?: "rtl"}` (VC 2.0 multilingual texts);
 *  - no key that is an IRI or a compact IRI (contains ":"), and no `type` that is one:
 *    a type written as an IRI escapes the protected type-scoped contexts;
 *  - no `null` (JSON-LD drops it, so it would be unsigned) and no `__proto__`,
 *    `constructor` or `prototype` key;
 *  - no value repeated in one array (JSON-LD sets merge repeats, so a repeat is unsigned);
 *  - a node `id` on one object only (JSON-LD merges objects with one id, so a status
 *    entry or a subject could otherwise be split into pieces no check reads whole),
 *    unless the copies are identical.
 *
 * Issue and verify both apply it; safe-mode expansion then proves every key is a term.
 * The walk is iterative, so a deeply nested document cannot overflow the stack.
 */
export function assertSignedForm(document: unknown, basePointer = ''): void {
  const seenIds = new Map<string, { value: unknown; path: PathNode | undefined }>();
  // Paths as linked nodes, turned into a pointer only for a refusal: no array copy per node.
  const stack: Array<{ value: unknown; path: PathNode | undefined }> = [{ value: document, path: undefined }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PathNode | undefined };
    if (value === null) refuse(path, 'null is not allowed: JSON-LD drops it, so it would not be signed.');
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      // A set holds each value once: a repeated value signs the same graph but could be counted twice.
      const first = firstRepeat(value);
      if (first !== undefined) refuse(child(path, first.index), `the same value is repeated (first at index ${first.earlier}); a set holds each value once.`);
      for (let index = 0; index < value.length; index += 1) stack.push({ value: value[index], path: child(path, index) });
      continue;
    }
    const object = value as Record<string, unknown>;
    if ('@value' in object) {
      assertLanguageString(object, path);
      continue;
    }
    for (const key of Object.keys(object)) {
      const member = object[key];
      const at = child(path, key);
      if (key === '@context') {
        if (path !== undefined) refuse(at, '@context is allowed only at the root of the credential.');
        assertContextUrls(member, at);
        continue;
      }
      if (FORBIDDEN_KEYS.has(key)) refuse(at, `The key "${key}" is not allowed.`);
      if (key.startsWith('@')) refuse(at, `The JSON-LD keyword "${key}" is not allowed: write the property by its term.`);
      if (key.includes(':')) refuse(at, `The key "${key}" is an IRI: write the property by the term its context defines.`);
      if (key === 'type') assertTypeTerms(member, at);
      if (key === 'id' && typeof member === 'string') rememberId(seenIds, member, object, path);
      stack.push({ value: member, path: at });
    }
  }

  function refuse(path: PathNode | undefined, detail: string): never {
    throw new ProblemError('invalid-credential', `Not in the signed form: ${detail}`, {
      pointer: basePointer + toPointer(pathOf(path)),
      extensions: { rule: 'signed-form' },
    });
  }

  function assertLanguageString(object: Record<string, unknown>, path: PathNode | undefined): void {
    const keys = Object.keys(object);
    const isLanguageString =
      typeof object['@value'] === 'string' &&
      typeof object['@language'] === 'string' &&
      (object['@direction'] === undefined || object['@direction'] === 'ltr' || object['@direction'] === 'rtl') &&
      keys.every((key) => LANGUAGE_STRING_KEYS.has(key));
    if (!isLanguageString) refuse(path, 'a value object may only be a language-tagged string {"@value": "…", "@language": "…", "@direction"?: "ltr" | "rtl"}.');
  }

  function assertContextUrls(value: unknown, path: PathNode): void {
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
      if (typeof entry !== 'string') {
        refuse(Array.isArray(value) ? child(path, index) : path, 'an inline context object is not allowed; name a known context by its URL.');
      }
    });
  }

  function assertTypeTerms(value: unknown, path: PathNode): void {
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
      if (typeof entry === 'string' && entry.includes(':')) {
        refuse(Array.isArray(value) ? child(path, index) : path, `the type "${entry}" is an IRI: write the type by its term.`);
      }
    });
  }

  function rememberId(seen: typeof seenIds, id: string, object: Record<string, unknown>, path: PathNode | undefined): void {
    const earlier = seen.get(id);
    if (earlier === undefined) {
      seen.set(id, { value: object, path });
      return;
    }
    if (!isDeepStrictEqual(earlier.value, object)) {
      refuse(child(path, 'id'), `the id "${id}" is also used at ${basePointer + toPointer(pathOf(earlier.path))}; one node must be written in one place.`);
    }
  }
}

// canonicalize is CommonJS; under NodeNext its default export is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;
const LANGUAGE_STRING_KEYS = new Set(['@value', '@language', '@direction']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function child(parent: PathNode | undefined, key: string | number): PathNode {
  return { parent, key };
}

/**
 * The first item equal (by canonical JSON, as before) to an earlier one, and that earlier
 * index. Primitives are compared as values: canonical JSON tells apart exactly what a Map
 * does (1 and "1" differ, 0 and -0 are both written 0). Objects and arrays are first told
 * apart by a cheap fingerprint that equal items always share (an array's length; an
 * object's sorted keys with its primitive members); only items with a fingerprint seen
 * before are canonicalised and compared. It runs on every array of every credential
 * verified, so it builds no string for a primitive and no JSON for a fingerprint.
 */
function firstRepeat(items: unknown[]): { index: number; earlier: number } | undefined {
  if (items.length < 2) return undefined;
  const primitives = new Map<unknown, number>();
  let byFingerprint: Map<string, number[]> | undefined;
  let canonical: Map<number, string> | undefined;
  const canonicalOf = (index: number): string => {
    canonical ??= new Map();
    let text = canonical.get(index);
    if (text === undefined) {
      text = canonicalize(items[index]) ?? 'undefined';
      canonical.set(index, text);
    }
    return text;
  };
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (item === null || typeof item !== 'object') {
      const earlier = primitives.get(item);
      if (earlier !== undefined) return { index, earlier };
      primitives.set(item, index);
      continue;
    }
    byFingerprint ??= new Map();
    const print = fingerprintOf(item);
    const earlier = byFingerprint.get(print);
    if (earlier === undefined) {
      byFingerprint.set(print, [index]);
      continue;
    }
    const text = canonicalOf(index);
    const same = earlier.find((candidate) => canonicalOf(candidate) === text);
    if (same !== undefined) return { index, earlier: same };
    earlier.push(index);
  }
  return undefined;
}

/**
 * Equal for canonically equal objects or arrays (more may share one: they are then compared
 * whole). Not an encoding: keys and values are joined without escaping, on purpose.
 */
function fingerprintOf(item: object): string {
  if (Array.isArray(item)) return `a${item.length}`;
  const object = item as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let print = 'o';
  for (const key of keys) {
    const value = object[key];
    print += value === null || typeof value !== 'object' ? `\u0001${key}\u0002${typeof value}${String(value)}` : `\u0001${key}`;
  }
  return print;
}
