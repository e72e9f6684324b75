import { expandLiteralsInPool, expandManyInPool } from '../resolve/json-ld-pool.js';
import { ProblemError } from '../shared/problems.js';

/**
 * Safe mode (no term outside the contexts) for a batch, expanded once per *shape* instead of
 * once per credential: the rows of a cohort, built by one profile builder from validated rows,
 * differ mostly in literal values (names, dates, grades), and a literal's value cannot change
 * what JSON-LD expansion does with it. The rule itself is not weakened — every credential is
 * still in the signed form (checked before, per credential) and every one of its keys, types
 * and non-literal values is exactly one that expanded:
 *
 * 1. structure: the keys (nesting, order, array lengths), the kind of every value, and verbatim
 *    every `type`, `@context` and `@…` value (they pick the term definitions that apply below them).
 * 2. Once per structure, a probe: the first credential with every other string replaced by a
 *    distinct sentinel IRI, expanded in safe mode. A sentinel found as an `@value` marks a literal
 *    position (its term coerces no string to an IRI or a type); every other string position is
 *    pinned. A probe that does not expand, or a sentinel that became a type, leaves that structure
 *    to one expansion per credential.
 * 3. shape = structure + every pinned value (verbatim, or its class when it is an absolute IRI:
 *    pinnedValue). The first credential of a
 *    shape is expanded for real; the others of that shape are accepted with it. A shape that fails
 *    sends each of its credentials to its own expansion, so every row gets its own problem.
 */
export type SafeModeCheck = (documents: object[], shapes?: CredentialShape[]) => Promise<Array<ProblemError | undefined>>;

/** A credential's structure and its other strings in walk order (traverse); computed where the credential was built. */
export interface CredentialShape {
  structure: string;
  strings: string[];
}

const SENTINEL = 'urn:passerelle:probe:';
/** Beyond this many structures or shapes a batch is not a cohort: no more are remembered. */
const MAX_REMEMBERED = 2_000;

export function createSafeModeByShape(): SafeModeCheck {
  // Settled answers are kept as values, so a cohort's rows are matched without waiting on a promise each.
  const pinnedOfStructure = new Map<string, Set<number> | undefined | Promise<Set<number> | undefined>>();
  const shapeOutcome = new Map<string, Promise<ProblemError | undefined>>();
  const shapesPassed = new Set<string>();

  return async (documents, shapes) => {
    const outcomes: Array<Promise<ProblemError | undefined> | undefined> = Array.from({ length: documents.length }, () => undefined);
    const alone: number[] = [];
    for (const [index, document] of documents.entries()) {
      const { structure, strings } = shapes?.[index] ?? traverse(document);
      if (!pinnedOfStructure.has(structure) && pinnedOfStructure.size < MAX_REMEMBERED) {
        const probing = pinnedPositions(document).then((pinned) => {
          // A probe stopped by the deadline (a busy machine) says nothing about the structure: the next credential probes again.
          if (pinned === 'timed-out') pinnedOfStructure.delete(structure);
          else pinnedOfStructure.set(structure, pinned);
          return pinned === 'timed-out' ? undefined : pinned;
        });
        pinnedOfStructure.set(structure, probing);
      }
      const known = pinnedOfStructure.get(structure);
      const pinned = known instanceof Promise ? await known : known;
      if (pinned === undefined) {
        alone.push(index);
        continue;
      }
      const shape = structure + '\n' + [...pinned].map((at) => pinnedValue(strings[at] as string)).join(',');
      if (shapesPassed.has(shape)) continue;
      let outcome = shapeOutcome.get(shape);
      if (outcome === undefined && shapeOutcome.size < MAX_REMEMBERED) {
        outcome = expandManyInPool([document]).then(([problem]) => {
          if (problem === undefined) shapesPassed.add(shape);
          return problem;
        });
        shapeOutcome.set(shape, outcome);
        outcomes[index] = outcome;
      } else if (outcome === undefined) alone.push(index);
      else outcomes[index] = outcome.then((problem) => (problem === undefined ? undefined : expandManyInPool([document]).then(([own]) => own)));
    }
    const own = await expandManyInPool(alone.map((index) => documents[index] as object));
    alone.forEach((index, at) => (outcomes[index] = Promise.resolve(own[at])));
    return Promise.all(outcomes.map((outcome) => outcome ?? Promise.resolve(undefined)));
  };
}

/** Keys whose values choose term definitions (type-scoped contexts) or are JSON-LD keywords: always kept verbatim (`@value` and `@id` are probed). */
function verbatimKey(key: string): boolean {
  return key === 'type' || (key.startsWith('@') && key !== '@value' && key !== '@id');
}

/**
 * A pinned (non-literal) string in a shape. `scheme:rest` without white space expands to an
 * absolute IRI whatever the rest is — as an absolute IRI, or a compact IRI when `scheme` is a
 * defined prefix (part of the class) — so credential ids and DIDs do not split a cohort into
 * one shape per row. Anything else may be a term or a relative reference: kept verbatim.
 */
function pinnedValue(value: string): string {
  const colon = value.indexOf(':');
  const scheme = value.slice(0, colon);
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme) && !/\s/.test(value)) return `iri(${scheme}:${value.startsWith('//', colon + 1)})`;
  return JSON.stringify(value);
}

/**
 * One walk: the structure (keys in order, array lengths, value kinds, verbatim values) and the
 * other strings in walk order — the same order for every document of one structure, so a
 * position is its index in `strings`.
 */
export function traverse(document: unknown): CredentialShape {
  const parts: string[] = [];
  const strings: string[] = [];
  const walk = (value: unknown, verbatim: boolean): void => {
    if (typeof value === 'string') {
      if (verbatim) parts.push(JSON.stringify(value));
      else {
        parts.push('s');
        strings.push(value);
      }
    } else if (Array.isArray(value)) {
      parts.push('[');
      for (const item of value) walk(item, verbatim);
      parts.push(']');
    } else if (value !== null && typeof value === 'object') {
      parts.push('{');
      for (const key in value) {
        parts.push(JSON.stringify(key));
        walk((value as Record<string, unknown>)[key], verbatim || verbatimKey(key));
      }
      parts.push('}');
    } else parts.push(value === null ? 'null' : typeof value);
  };
  walk(document, false);
  return { structure: parts.join(' '), strings };
}

/** The string positions (indices in walk order) that are not literals, learnt from a probe of this document (undefined: no probe possible). */
async function pinnedPositions(document: object): Promise<Set<number> | undefined | 'timed-out'> {
  let count = 0;
  const withSentinels = (value: unknown, verbatim: boolean): unknown => {
    if (typeof value === 'string') return verbatim ? value : SENTINEL + count++;
    if (Array.isArray(value)) return value.map((item) => withSentinels(item, verbatim));
    if (value !== null && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const key in value) copy[key] = withSentinels((value as Record<string, unknown>)[key], verbatim || verbatimKey(key));
      return copy;
    }
    return value;
  };
  const probe = withSentinels(document, false) as object;
  let expanded: { literals: string[]; types: string[] };
  try {
    expanded = await expandLiteralsInPool(probe);
  } catch (error) {
    if (error instanceof ProblemError) return error.type === 'processing-timeout' ? 'timed-out' : undefined;
    throw error;
  }
  if (expanded.types.some((type) => type.startsWith(SENTINEL))) return undefined;
  const literals = new Set(expanded.literals);
  const pinned = new Set<number>();
  for (let at = 0; at < count; at++) if (!literals.has(SENTINEL + at)) pinned.add(at);
  return pinned;
}
