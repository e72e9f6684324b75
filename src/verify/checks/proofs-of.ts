import type { Credential } from '../../shared/credential-model.js';

/** Issuer plus a few co-signers or endorsers. */
export const MAX_PROOFS = 4;

export interface DataIntegrityProofValue {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  verificationMethod: string;
  [other: string]: unknown;
}

/**
 * Every proof of a Data Integrity credential, or a sentence saying why they cannot be
 * checked. All of them are checked, each on its own: a set is accepted only when
 * every proof in it verifies, so an unverifiable proof naming the issuer's key cannot
 * ride along with a valid proof made by someone else's key.
 */
export function proofsOf(credential: Credential): DataIntegrityProofValue[] | string {
  const proofs: unknown[] = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (proofs.length === 0) return 'The credential has no proof.';
  // Each proof costs a full canonicalisation; a set larger than this is refused unverified.
  if (proofs.length > MAX_PROOFS) return `The credential has ${proofs.length} proofs; this verifier checks at most ${MAX_PROOFS}.`;
  for (const [index, proof] of proofs.entries()) {
    const candidate = proof as Partial<DataIntegrityProofValue> | null;
    const label = proofs.length === 1 ? 'The proof' : `Proof ${index + 1} of ${proofs.length}`;
    if (candidate === null || typeof candidate !== 'object' || candidate.type !== 'DataIntegrityProof' || candidate.cryptosuite !== 'eddsa-rdfc-2022') {
      const kind = candidate !== null && typeof candidate === 'object' ? `${describe(candidate.type)}/${describe(candidate.cryptosuite)}` : typeof candidate;
      return `${label} is not a DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (found ${kind}).`;
    }
    if (typeof candidate.verificationMethod !== 'string') return `${label} has no verificationMethod.`;
    if (candidate.previousProof !== undefined) return `${label} is chained (previousProof); proof chains are not supported.`;
  }
  return proofs as DataIntegrityProofValue[];
}

/** The credential as it would be with this proof alone: what that proof signed. */
export function withOnlyProof(credential: Credential, proof: DataIntegrityProofValue): Credential {
  return { ...credential, proof };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '-' : typeof value;
}
