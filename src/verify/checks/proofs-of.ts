import type { Credential } from '../../shared/credential-model.js';

/** Issuer plus a few co-signers or endorsers. */
export const MAX_PROOFS = 4;

/**
 * The proof suites this verifier checks, named as reports name them: Data Integrity by
 * its cryptosuite, the older Linked Data suite by its type.
 */
export type ProofSuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020';

export type EmbeddedProofValue = (
  { type: 'DataIntegrityProof'; cryptosuite: 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019' } | { type: 'Ed25519Signature2020'; cryptosuite?: undefined }
) & {
  verificationMethod: string;
  [other: string]: unknown;
};

const CRYPTOSUITES: ReadonlySet<unknown> = new Set(['eddsa-rdfc-2022', 'ecdsa-rdfc-2019']);
const ACCEPTED = 'DataIntegrityProof (eddsa-rdfc-2022 or ecdsa-rdfc-2019) and Ed25519Signature2020';

/** The suite a proof accepted by proofsOf is checked with. */
export function suiteOf(proof: EmbeddedProofValue): ProofSuite {
  return proof.type === 'Ed25519Signature2020' ? 'Ed25519Signature2020' : proof.cryptosuite;
}

/**
 * Every proof of a Data Integrity credential, or a sentence saying why they cannot be
 * checked. All of them are checked, each on its own: a set is accepted only when
 * every proof in it verifies, so an unverifiable proof naming the issuer's key cannot
 * ride along with a valid proof made by someone else's key.
 */
export function proofsOf(credential: Credential): EmbeddedProofValue[] | string {
  const proofs: unknown[] = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (proofs.length === 0) return 'The credential has no proof.';
  // Each proof costs a full canonicalisation; a set larger than this is refused unverified.
  if (proofs.length > MAX_PROOFS) return `The credential has ${proofs.length} proofs; this verifier checks at most ${MAX_PROOFS}.`;
  for (const [index, proof] of proofs.entries()) {
    const candidate = proof as Partial<Record<string, unknown>> | null;
    const label = proofs.length === 1 ? 'The proof' : `Proof ${index + 1} of ${proofs.length}`;
    if (candidate === null || typeof candidate !== 'object') return `${label} is ${candidate === null ? 'null' : typeof candidate}, not a proof object.`;
    const accepted =
      (candidate.type === 'DataIntegrityProof' && CRYPTOSUITES.has(candidate.cryptosuite)) ||
      // A cryptosuite on a non-Data-Integrity proof is not part of what that suite signs; it would be read by nobody.
      (candidate.type === 'Ed25519Signature2020' && candidate.cryptosuite === undefined);
    if (!accepted) {
      const kind =
        candidate.type === 'DataIntegrityProof' ? `DataIntegrityProof with cryptosuite ${describe(candidate.cryptosuite)}` : describe(candidate.type);
      return `${label} is of an unsupported type: ${kind}. This verifier checks ${ACCEPTED}.`;
    }
    if (typeof candidate.verificationMethod !== 'string') return `${label} has no verificationMethod.`;
    if (candidate.previousProof !== undefined) return `${label} is chained (previousProof); proof chains are not supported.`;
  }
  return proofs as EmbeddedProofValue[];
}

/** The credential as it would be with this proof alone: what that proof signed. */
export function withOnlyProof(credential: Credential, proof: EmbeddedProofValue): Credential {
  return { ...credential, proof };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? '(none)' : typeof value;
}
