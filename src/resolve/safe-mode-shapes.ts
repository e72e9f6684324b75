import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { knownContexts } from './known-contexts.js';

/**
 * Remembers which *shapes* of document passed JSON-LD safe-mode expansion, so that the same
 * shape is not expanded again for every request (issue #16: a JWT's data-model check ran a
 * full expansion on bytes the signature already covers; a profile credential costs ~10 ms).
 *
 * Whether safe-mode expansion (jsonld 9, base null, the fixed contexts) of a document in the
 * signed form (shared/signed-form.ts) succeeds depends only on what this key keeps:
 *  - the `@context` list, every key and where it sits (property-scoped contexts), and the
 *    array lengths and value kinds (string, number, boolean, object, array) — the key is the
 *    document's skeleton, in its own key order;
 *  - every string that is a term of any known context, verbatim: `type` values select
 *    type-scoped contexts, and an `@vocab`-typed value or an `@type` value is looked up as a term;
 *  - for every other string, what IRI expansion looks at (jsonld lib/context.js `_expandIri`,
 *    lib/expand.js `@id`/`@type`/`@language`): the part before the first ":" (a prefix a
 *    context may define), whether the rest starts with "//", whether it contains white space,
 *    whether it is an absolute IRI by jsonld's own pattern, whether it looks like a keyword;
 *  - `@language` and `@direction` values verbatim (BCP 47 check).
 * Which of those an event needs (a relative `id`, a relative `type`, a keyword-like `@id`
 * value, an undefined term) is therefore the same for two documents with one key, and so is
 * the verdict. test/resolve/safe-mode-shapes.test.ts checks that claim differentially: many
 * mutated credentials, grouped by key, each group with one verdict from the full expansion.
 *
 * Only successes are remembered: a failure always comes from a full expansion, which names
 * the offending term. A document expanded with extra contexts (tests) bypasses the cache.
 */

const ABSOLUTE_IRI = /^([A-Za-z][A-Za-z0-9+\-.]*|_):[^\s]*$/; // jsonld lib/url.js isAbsoluteRegex
const KEYWORD_LIKE = /^@[a-zA-Z]+$/; // jsonld lib/util.js REGEX_KEYWORD
const WHITE_SPACE = /\s/;
/** Language-string members kept verbatim. */
const VERBATIM_KEYS = new Set(['@language', '@direction']);

let terms: ReadonlySet<string> | undefined;

/** Every key defined anywhere in any known context (scoped contexts included): more than the terms, never fewer. */
function termsOfKnownContexts(): ReadonlySet<string> {
  if (terms !== undefined) return terms;
  const found = new Set<string>();
  const stack: unknown[] = [...knownContexts().values()];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) stack.push(...(value as unknown[]));
    else
      for (const [key, child] of Object.entries(value)) {
        found.add(key);
        stack.push(child);
      }
  }
  terms = found;
  return found;
}

function stringTokenOf(value: string, known: ReadonlySet<string>): string {
  if (known.has(value)) return `t${JSON.stringify(value)}`;
  const colon = value.indexOf(':');
  const prefix = colon > 0 ? value.slice(0, colon) : colon === 0 ? ':' : '';
  const flags =
    (colon > 0 && value.startsWith('//', colon + 1) ? '/' : '') +
    (WHITE_SPACE.test(value) ? 'w' : '') +
    (ABSOLUTE_IRI.test(value) ? 'a' : '') +
    (KEYWORD_LIKE.test(value) ? 'k' : '');
  return `s${flags}${JSON.stringify(prefix)}`;
}

/**
 * Tokens of strings seen before (context URLs, types, framework IRIs, keys: most of a credential
 * recurs from one to the next), so each is classified and quoted once. A token depends on the
 * string alone (one map per way of making it); a map is simply emptied when full.
 */
const TOKENS_KEPT = 10_000;
/** Longer strings (descriptions, encoded data) rarely recur and are not kept: the three maps hold ~15 MB at worst. */
const LONGEST_KEPT = 256;
const stringTokens = new Map<string, string>();
const verbatimTokens = new Map<string, string>();
const keyTokens = new Map<string, string>();

function remembered(tokens: Map<string, string>, value: string, make: (value: string) => string): string {
  if (value.length > LONGEST_KEPT) return make(value);
  let token = tokens.get(value);
  if (token === undefined) {
    token = make(value);
    if (tokens.size >= TOKENS_KEPT) tokens.clear();
    tokens.set(value, token);
  }
  return token;
}

const quoted = (value: string) => JSON.stringify(value);
const verbatim = (value: string) => `v${JSON.stringify(value)}`;

/**
 * The skeleton of `document` with each leaf reduced to what expansion's verdict depends on
 * (see above); undefined when the document carries a context of its own (an inline context
 * object, or `@context` below the root: the signed form refuses both), whose terms the key
 * cannot know. Built as one string (no array of parts): it runs on every verification.
 */
export function safeModeShapeOf(document: unknown): string | undefined {
  const known = termsOfKnownContexts();
  const classify = (value: string) => stringTokenOf(value, known);
  let shape = '';
  let first = true;
  let ownContext = false;
  const append = (token: string): void => {
    shape = first ? token : `${shape},${token}`;
    first = false;
  };
  const walk = (value: unknown, keepVerbatim: boolean, depth: number): void => {
    if (typeof value === 'string') append(keepVerbatim ? remembered(verbatimTokens, value, verbatim) : remembered(stringTokens, value, classify));
    else if (typeof value === 'number') append('n');
    else if (typeof value === 'boolean') append(value ? 'T' : 'F');
    else if (value === null || value === undefined) append('z');
    else if (Array.isArray(value)) {
      append('[');
      for (const item of value) walk(item, keepVerbatim, depth + 1);
      append(']');
    } else {
      append('{');
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        const child = object[key];
        append(remembered(keyTokens, key, quoted));
        if (key === '@context' && (depth > 0 || !isUrlList(child))) ownContext = true;
        // The context list is part of the meaning, not a value: kept verbatim.
        walk(child, keepVerbatim || key === '@context' || VERBATIM_KEYS.has(key), depth + 1);
      }
      append('}');
    }
  };
  walk(document, false, 0);
  return ownContext ? undefined : shape;
}

function isUrlList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
}

/** The shapes that passed, by SHA-256 of their key (a profile credential's key is a few kB). */
const passed = new LRUCache<string, true>({ max: 10_000 });

/**
 * The key a shape's verdict is remembered under: the SHA-256 of safeModeShapeOf (a diploma's
 * shape is some 4 kB). This cache keeps it, and a batch hands it from its prepare worker to
 * the main thread for each row (batch/safe-mode-by-shape.ts); undefined as safeModeShapeOf.
 */
export function safeModeShapeKeyOf(document: unknown): string | undefined {
  const shape = safeModeShapeOf(document);
  return shape === undefined ? undefined : createHash('sha256').update(shape).digest('base64url');
}

/**
 * Runs `expand` (a full safe-mode expansion that throws on failure) unless a document of
 * the same shape already passed; remembers the shape when it passes.
 */
export async function expandUnlessShapePassed(document: object, expand: () => Promise<void>): Promise<void> {
  const key = safeModeShapeKeyOf(document);
  if (key === undefined) return expand();
  if (passed.has(key)) return;
  await expand();
  passed.set(key, true);
}

/** For tests: forget every shape. */
export function forgetPassedShapes(): void {
  passed.clear();
}
