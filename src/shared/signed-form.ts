import { isDeepStrictEqual } from 'node:util';
import canonicalizeModule from 'canonicalize';
import { toPointer } from './json-pointer.js';
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
  const seenIds = new Map<string, { value: unknown; path: Array<string | number> }>();
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: Array<string | number> };
    if (value === null) refuse(path, 'null is not allowed: JSON-LD drops it, so it would not be signed.');
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      // A set holds each value once: a repeated value signs the same graph but could be counted twice.
      const seen = new Map<string, number>();
      value.forEach((item, index) => {
        const key = canonicalize(item) ?? 'undefined';
        const first = seen.get(key);
        if (first !== undefined) refuse([...path, index], `the same value is repeated (first at index ${first}); a set holds each value once.`);
        seen.set(key, index);
        stack.push({ value: item, path: [...path, index] });
      });
      continue;
    }
    const object = value as Record<string, unknown>;
    if ('@value' in object) {
      assertLanguageString(object, path);
      continue;
    }
    for (const [key, child] of Object.entries(object)) {
      const at = [...path, key];
      if (key === '@context') {
        if (path.length !== 0) refuse(at, '@context is allowed only at the root of the credential.');
        assertContextUrls(child, at);
        continue;
      }
      if (FORBIDDEN_KEYS.has(key)) refuse(at, `The key "${key}" is not allowed.`);
      if (key.startsWith('@')) refuse(at, `The JSON-LD keyword "${key}" is not allowed: write the property by its term.`);
      if (key.includes(':')) refuse(at, `The key "${key}" is an IRI: write the property by the term its context defines.`);
      if (key === 'type') assertTypeTerms(child, at);
      if (key === 'id' && typeof child === 'string') rememberId(seenIds, child, object, path);
      stack.push({ value: child, path: at });
    }
  }

  function refuse(path: Array<string | number>, detail: string): never {
    throw new ProblemError('invalid-credential', `Not in the signed form: ${detail}`, {
      pointer: basePointer + toPointer(path),
      extensions: { rule: 'signed-form' },
    });
  }

  function assertLanguageString(object: Record<string, unknown>, path: Array<string | number>): void {
    const keys = Object.keys(object);
    const isLanguageString =
      typeof object['@value'] === 'string' &&
      typeof object['@language'] === 'string' &&
      (object['@direction'] === undefined || object['@direction'] === 'ltr' || object['@direction'] === 'rtl') &&
      keys.every((key) => LANGUAGE_STRING_KEYS.has(key));
    if (!isLanguageString) refuse(path, 'a value object may only be a language-tagged string {"@value": "…", "@language": "…", "@direction"?: "ltr" | "rtl"}.');
  }

  function assertContextUrls(value: unknown, path: Array<string | number>): void {
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
      if (typeof entry !== 'string') {
        refuse(Array.isArray(value) ? [...path, index] : path, 'an inline context object is not allowed; name a known context by its URL.');
      }
    });
  }

  function assertTypeTerms(value: unknown, path: Array<string | number>): void {
    const entries = Array.isArray(value) ? value : [value];
    entries.forEach((entry, index) => {
      if (typeof entry === 'string' && entry.includes(':')) {
        refuse(Array.isArray(value) ? [...path, index] : path, `the type "${entry}" is an IRI: write the type by its term.`);
      }
    });
  }

  function rememberId(seen: typeof seenIds, id: string, object: Record<string, unknown>, path: Array<string | number>): void {
    const earlier = seen.get(id);
    if (earlier === undefined) {
      seen.set(id, { value: object, path });
      return;
    }
    if (!isDeepStrictEqual(earlier.value, object)) {
      refuse([...path, 'id'], `the id "${id}" is also used at ${basePointer + toPointer(earlier.path)}; one node must be written in one place.`);
    }
  }
}

// canonicalize is CommonJS; under NodeNext its default export is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;
const LANGUAGE_STRING_KEYS = new Set(['@value', '@language', '@direction']);
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
