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
    if (candidate.previousProof !== undefined) {
      // previousProof is a Data Integrity term (VC DI §2.1.2); the older suites define no chains.
      if (candidate.type !== 'DataIntegrityProof')
        return `${label} (${String(candidate.type)}) names a previousProof; only DataIntegrityProof proofs are chained.`;
      if (previousProofIds(candidate as EmbeddedProofValue) === undefined)
        return `${label} has a previousProof that is neither a proof id nor a list of proof ids.`;
    }
  }
  return proofs as EmbeddedProofValue[];
}

/** The ids a chained proof names in previousProof (one string or a list of strings); undefined when it is neither. */
function previousProofIds(proof: EmbeddedProofValue): string[] | undefined {
  const ids = ([] as unknown[]).concat(proof.previousProof ?? []);
  return ids.length > 0 && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
}

/**
 * What one proof of a set or chain signed (VC Data Integrity §4.5, "verify proof sets and
 * chains"): the credential with that proof alone, and — for a chained proof — the proofs
 * its previousProof names, which were part of the document it signed. A name that is no
 * proof of this credential breaks the chain: the sentence says which. The named proofs are
 * themselves verified like every proof of the set, so a chain holds only when all of it does.
 */
export function signedInputOf(
  credential: Credential,
  proof: EmbeddedProofValue,
  allProofs: readonly EmbeddedProofValue[],
): { credential: Credential; previousProofs?: EmbeddedProofValue[] } | string {
  const alone = { ...credential, proof };
  if (proof.previousProof === undefined) return { credential: alone };
  const previousProofs: EmbeddedProofValue[] = [];
  for (const id of previousProofIds(proof) ?? []) {
    const named = allProofs.find((other) => other !== proof && other.id === id);
    if (named === undefined) return `its previousProof "${id}" is not the id of another proof of this credential, so the chain cannot be verified.`;
    previousProofs.push(named);
  }
  return { credential: alone, previousProofs };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? '(none)' : typeof value;
}
