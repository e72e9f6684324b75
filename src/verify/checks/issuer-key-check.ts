import { findVerificationMethod, type DidDocument, type VerificationMethod } from '../../resolve/did-document.js';
import type { DidResolver } from '../../resolve/did-resolver.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check, type CheckResult, type Signer } from '../check.js';
import { proofsOf, type EmbeddedProofValue } from './proofs-of.js';

/**
 * Resolves the key each proof names (the JWS "kid", or every Data Integrity proof's
 * verificationMethod) and checks that its DID lists it for assertions. A DID that
 * cannot be resolved here is "could not check", not a forgery.
 */
export const issuerKeyCheck: Check = {
  id: 'issuer-key',
  fatal: true,
  async run(context) {
    const parsed = parsedOf(context);
    const claimed: Array<{ methodId: string; proof?: EmbeddedProofValue }> = [];
    if (parsed.format === 'jwt') {
      if (typeof parsed.header.kid !== 'string' || !parsed.header.kid.includes('#')) {
        return failure('unsupported-proof', 'The JWT has no "kid" header naming the verification method (a DID URL).');
      }
      claimed.push({ methodId: parsed.header.kid });
    } else {
      const proofs = proofsOf(parsed.credential);
      if (typeof proofs === 'string') return failure('unsupported-proof', proofs);
      for (const proof of proofs) claimed.push({ methodId: proof.verificationMethod, proof });
    }
    const signers: Signer[] = [];
    for (const { methodId, proof } of claimed) {
      const resolved = await resolveKey(context.didResolver, methodId);
      if ('status' in resolved) return resolved;
      signers.push({ methodId, method: resolved.method, didDocument: resolved.didDocument, ...(proof === undefined ? {} : { proof }) });
    }
    context.signers = signers;
    const resolved = signers.map((signer) => `${signer.methodId} resolved from ${signer.method.controller}`);
    return { status: 'success', message: resolved.length === 1 ? `Key ${resolved[0]}.` : `${resolved.length} proofs; keys ${resolved.join('; ')}.` };
  },
};

async function resolveKey(didResolver: DidResolver, methodId: string): Promise<CheckResult | { method: VerificationMethod; didDocument: DidDocument }> {
  const did = methodId.split('#')[0] as string;
  let didDocument;
  try {
    didDocument = await didResolver.resolve(did, methodId);
  } catch (error) {
    if (error instanceof ProblemError) return { status: 'skipped', cause: 'could-not-check', reason: error.message, problems: [error] };
    throw error;
  }
  const method = findVerificationMethod(didDocument, methodId);
  if (method === undefined) {
    const listed = (didDocument.verificationMethod as Array<{ id?: unknown; type?: unknown }>).find((candidate) => candidate.id === methodId);
    // A key of a type no suite here reads is not a forgery: say which type it is.
    if (listed !== undefined) {
      return failure(
        'unsupported-proof',
        `${methodId} is a ${String(listed.type)}; keys are read from Multikey, Ed25519VerificationKey2020, JsonWebKey and JsonWebKey2020 methods.`,
      );
    }
    return failure('issuer-key-mismatch', `${did} has no verification method ${methodId}.`);
  }
  if (!didDocument.assertionMethod.includes(methodId)) {
    return failure('issuer-key-mismatch', `${methodId} is not an assertion method of ${did}, so it cannot sign credentials.`);
  }
  return { method, didDocument };
}

function failure(type: 'unsupported-proof' | 'issuer-key-mismatch', detail: string) {
  return { status: 'failure' as const, problems: [new ProblemError(type, detail)] };
}
