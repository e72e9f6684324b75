import { expandManyInPool } from '../resolve/json-ld-pool.js';
import { safeModeShapeKeyOf } from '../resolve/safe-mode-shapes.js';
import type { ProblemError } from '../shared/problems.js';

/**
 * Safe mode (no term outside the contexts) for a batch, expanded once per *shape* instead of
 * once per credential. The shape is the one key resolve/safe-mode-shapes.ts defines for the
 * whole service (the skeleton, the strings that are terms verbatim, and of every other string
 * only what IRI expansion looks at), whose claim — two documents with one shape get one
 * verdict — is checked differentially in test/resolve/safe-mode-shapes.test.ts. Rows of a cohort,
 * built by one profile builder from validated rows, differ in literal values, so a cohort is a
 * handful of shapes. Nothing is weakened: every credential is still in the signed form (checked
 * before, per credential); the first credential of a shape is expanded for real, and a shape that
 * fails sends each of its credentials to an expansion of its own, so every row gets its own problem.
 * A document with no shape (a context of its own) is always expanded alone.
 */
/**
 * `shapes`: each document's safeModeShapeKeyOf, when computed where it was built (the prepare worker).
 * A document may come as its JSON text (a serialized JWT row): it is parsed only if expanded.
 */
export type SafeModeCheck = (documents: Array<object | string>, shapes?: Array<string | undefined>) => Promise<Array<ProblemError | undefined>>;

function documentOf(document: object | string): object {
  return typeof document === 'string' ? (JSON.parse(document) as object) : document;
}

/** Beyond this many shapes a batch is not a cohort: no more are remembered. */
const MAX_REMEMBERED = 2_000;

export function createSafeModeByShape(): SafeModeCheck {
  const shapeOutcome = new Map<string, Promise<ProblemError | undefined>>();

  return async (documents, shapes) => {
    const outcomes: Array<Promise<ProblemError | undefined> | undefined> = Array.from({ length: documents.length }, () => undefined);
    const alone: number[] = [];
    for (const [index, given] of documents.entries()) {
      const document = (): object => documentOf(given);
      const shape = shapes === undefined ? safeModeShapeKeyOf(document()) : shapes[index];
      if (shape === undefined) {
        alone.push(index);
        continue;
      }
      let outcome = shapeOutcome.get(shape);
      if (outcome === undefined && shapeOutcome.size < MAX_REMEMBERED) {
        outcome = expandManyInPool([document()]).then(([problem]) => {
          // A timed-out or failed expansion says nothing about the next credential of the shape: it is tried again.
          if (problem !== undefined) shapeOutcome.delete(shape);
          return problem;
        });
        shapeOutcome.set(shape, outcome);
        outcomes[index] = outcome;
      } else if (outcome === undefined) alone.push(index);
      else outcomes[index] = outcome.then((problem) => (problem === undefined ? undefined : expandManyInPool([document()]).then(([own]) => own)));
    }
    const own = await expandManyInPool(alone.map((index) => documentOf(documents[index] as object | string)));
    alone.forEach((index, at) => (outcomes[index] = Promise.resolve(own[at])));
    return Promise.all(outcomes.map((outcome) => outcome ?? Promise.resolve(undefined)));
  };
}
