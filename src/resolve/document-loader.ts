import { ProblemError } from '../shared/problems.js';
import type { DidResolver } from './did-resolver.js';
import { findVerificationMethod } from './did-document.js';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
  /**
   * `static` tells jsonld that the document never changes, so it may keep the processed
   * context in its process-wide cache. Without it every expansion re-processed the
   * OB 3.0 context and its type-scoped contexts: ~40 ms per OB 3.0 credential.
   */
  tag?: 'static';
}

export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/**
 * The only document loader of the service: contexts from a fixed map, DIDs from the
 * DID resolver (which itself never leaves the machine). Any other URL is refused with
 * a problem that names it, because a fetched context or key is an attacker's choice.
 */
export function createDocumentLoader(options: { contexts: ReadonlyMap<string, object>; didResolver?: DidResolver }): DocumentLoader {
  const { contexts, didResolver } = options;
  return async (url: string): Promise<RemoteDocument> => {
    const context = contexts.get(url);
    if (context !== undefined) {
      // Callers (jsonld) may annotate what they get; never hand out the shared copy.
      return { contextUrl: null, documentUrl: url, document: structuredClone(context), tag: 'static' };
    }
    if (url.startsWith('did:') && didResolver !== undefined) {
      const [did = url] = url.split('#');
      const didDocument = await didResolver.resolve(did, url.includes('#') ? url : undefined);
      const document = url.includes('#') ? findVerificationMethod(didDocument, url) : didDocument;
      if (document === undefined) {
        throw new ProblemError('issuer-unresolved', `The DID document of ${did} has no verification method ${url}.`);
      }
      return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
    }
    throw new ProblemError('unknown-context', `"${url}" is not a context this service knows; contexts are never fetched from the network.`, {
      extensions: { url },
    });
  };
}

/**
 * jsonld and jsonld-signatures wrap a loader's error in their own (`cause`,
 * `details.cause`); this digs our ProblemError back out so the caller gets its type.
 */
export function findProblemError(error: unknown, depth = 0): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (depth > 8 || error === null || typeof error !== 'object') return undefined;
  const record = error as { cause?: unknown; details?: { cause?: unknown } };
  return findProblemError(record.cause, depth + 1) ?? findProblemError(record.details?.cause, depth + 1);
}
