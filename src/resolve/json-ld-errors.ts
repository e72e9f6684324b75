import { findPropertyPointer } from '../shared/json-pointer.js';
import { ProblemError } from '../shared/problems.js';
import { findProblemError } from './document-loader.js';

interface SafeModeEvent {
  code?: string;
  message?: string;
  details?: { property?: string; type?: string; value?: unknown };
}

/**
 * Turns what jsonld throws into a problem that names the field: safe mode reports a
 * dropped term by name only, so the pointer is found in the document we sent.
 * Returns undefined for errors that are not about the document (bugs).
 */
export function explainJsonLdError(error: unknown, document: object): ProblemError | undefined {
  const fromLoader = findProblemError(error);
  if (fromLoader !== undefined) return fromLoader;

  const details = (error as { name?: string; details?: { event?: SafeModeEvent } }) ?? {};
  if (details.name === 'jsonld.ValidationError' && details.details?.event !== undefined) {
    const event = details.details.event;
    const term = event.details?.property ?? event.details?.type;
    const pointer = term === undefined ? undefined : findPropertyPointer(document, term);
    const what = term === undefined ? 'A value' : `"${term}"`;
    return new ProblemError(
      'undefined-term',
      `${what} is not defined by the credential's @context (${event.code ?? 'safe mode'}), so a signature would not cover it. Define it in a context or remove it.`,
      { ...(pointer === undefined ? {} : { pointer }), extensions: { term: term ?? null } },
    );
  }

  // Structural checks inside @digitalcredentials/vc throw plain Errors whose messages quote the property.
  const message = error instanceof Error ? error.message : undefined;
  if (message !== undefined && /^(property )?"[^"]+" /.test(message)) {
    const property = /^(?:property )?"([^"]+)"/.exec(message)?.[1];
    const pointer = property === undefined ? undefined : findPropertyPointer(document, property);
    return new ProblemError('invalid-credential', message, pointer === undefined ? {} : { pointer });
  }
  if (error instanceof Error && error.name.startsWith('jsonld.')) {
    return new ProblemError('invalid-credential', `The credential is not valid JSON-LD: ${error.message}`);
  }
  return undefined;
}

/** `basePointer` locates `document` inside the request, e.g. `/credential`. */
export function rethrowAsProblem(error: unknown, document: object, basePointer = ''): never {
  const problem = explainJsonLdError(error, document);
  if (problem === undefined) throw error;
  if (problem.pointer === undefined || basePointer === '') throw problem;
  throw new ProblemError(problem.type, problem.message, { pointer: basePointer + problem.pointer, extensions: problem.extensions });
}
