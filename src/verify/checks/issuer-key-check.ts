import { findVerificationMethod } from '../../resolve/did-document.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check } from '../check.js';
import { proofOf } from './proof-of.js';

/**
 * Resolves the key the proof names and checks that its DID lists it for assertions.
 * A DID that cannot be resolved here is "could not check", not a forgery.
 */
export const issuerKeyCheck: Check = {
  id: 'issuer-key',
  fatal: true,
  async run(context) {
    const parsed = parsedOf(context);
    let methodId: string;
    if (parsed.format === 'jwt') {
      if (typeof parsed.header.kid !== 'string' || !parsed.header.kid.includes('#')) {
        return failure('unsupported-proof', 'The JWT has no "kid" header naming the verification method (a DID URL).');
      }
      methodId = parsed.header.kid;
    } else {
      const proof = proofOf(parsed.credential);
      if (typeof proof === 'string') return failure('unsupported-proof', proof);
      methodId = proof.verificationMethod;
    }
    const did = methodId.split('#')[0] as string;
    let didDocument;
    try {
      didDocument = await context.didResolver.resolve(did);
    } catch (error) {
      if (error instanceof ProblemError) return { status: 'skipped', cause: 'could-not-check', reason: error.message, problems: [error] };
      throw error;
    }
    const method = findVerificationMethod(didDocument, methodId);
    if (method === undefined) return failure('issuer-key-mismatch', `${did} has no verification method ${methodId}.`);
    if (!didDocument.assertionMethod.includes(methodId)) {
      return failure('issuer-key-mismatch', `${methodId} is not an assertion method of ${did}, so it cannot sign credentials.`);
    }
    context.verificationMethod = method;
    return { status: 'success', message: `Key ${methodId} resolved from ${did}.` };
  },
};

function failure(type: 'unsupported-proof' | 'issuer-key-mismatch', detail: string) {
  return { status: 'failure' as const, problems: [new ProblemError(type, detail)] };
}
