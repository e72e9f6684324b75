import { pathOf, toPointer, type PathNode } from './json-pointer.js';
import { ProblemError } from './problems.js';

/**
 * Bounds on a parsed JSON value, checked before any JSON-LD processing. jsonld.js is
 * quadratic in the length of one property's array (node-map de-duplication: 10,000
 * strings take ~1.6 s, 100,000 take minutes) and recursive in depth (a deep document
 * overflows the stack when signing), so a public request could otherwise stall the
 * service. Our largest profile credential is 9 levels deep with ~300 values; these
 * limits leave a wide margin and keep the worst JSON-LD run near 100 ms.
 */
export const JSON_LIMITS = {
  /** Objects and arrays nested inside one another. */
  maxDepth: 32,
  /** Items in one array (one property's values). */
  maxArrayLength: 1_000,
  /** Every value in the document: objects, arrays, strings, numbers, booleans, nulls. */
  maxValues: 20_000,
} as const;

/** Own keys that would reach an object's prototype when copied by careless code. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses, with a problem naming the limit and the JSON Pointer, a value that exceeds
 * `JSON_LIMITS` or carries a `__proto__`, `constructor` or `prototype` key. Iterative:
 * a document nested 100,000 deep is refused, not a stack overflow.
 */
export function assertWithinJsonLimits(value: unknown, basePointer = ''): void {
  let values = 0;
  // Paths as linked nodes, turned into a pointer only for a refusal: it runs on every request body.
  const stack: Array<{ value: unknown; path: PathNode | undefined; depth: number }> = [{ value, path: undefined, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: PathNode | undefined; depth: number };
    values += 1;
    if (values > JSON_LIMITS.maxValues) exceeded('maxValues', JSON_LIMITS.maxValues, path, `more than ${JSON_LIMITS.maxValues} values in the document`);
    if (current === null || typeof current !== 'object') continue;
    if (depth >= JSON_LIMITS.maxDepth) exceeded('maxDepth', JSON_LIMITS.maxDepth, path, `nested deeper than ${JSON_LIMITS.maxDepth} levels`);
    if (Array.isArray(current)) {
      if (current.length > JSON_LIMITS.maxArrayLength) {
        exceeded('maxArrayLength', JSON_LIMITS.maxArrayLength, path, `an array of ${current.length} items (at most ${JSON_LIMITS.maxArrayLength})`);
      }
      for (let index = current.length - 1; index >= 0; index -= 1) stack.push({ value: current[index], path: { parent: path, key: index }, depth: depth + 1 });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) {
        throw new ProblemError('invalid-request', `The key "${key}" is not allowed in a request.`, {
          pointer: basePointer + toPointer(pathOf({ parent: path, key })),
        });
      }
      stack.push({ value: (current as Record<string, unknown>)[key], path: { parent: path, key }, depth: depth + 1 });
    }
  }

  function exceeded(limit: keyof typeof JSON_LIMITS, max: number, path: PathNode | undefined, what: string): never {
    throw new ProblemError('limit-exceeded', `The request exceeds the ${limit} limit: ${what}.`, {
      pointer: basePointer + toPointer(pathOf(path)),
      extensions: { limit, max },
    });
  }
}
