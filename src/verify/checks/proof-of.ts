import type { Credential } from '../../shared/credential-model.js';

export interface DataIntegrityProofValue {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  verificationMethod: string;
  [other: string]: unknown;
}

/** The credential's eddsa-rdfc-2022 proof, or a sentence saying why there is none. */
export function proofOf(credential: Credential): DataIntegrityProofValue | string {
  const proofs = credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (proofs.length === 0) return 'The credential has no proof.';
  const ours = proofs.find(
    (proof): proof is DataIntegrityProofValue =>
      proof !== null && typeof proof === 'object' && proof.type === 'DataIntegrityProof' && proof.cryptosuite === 'eddsa-rdfc-2022',
  );
  if (ours === undefined) {
    const kinds = proofs.map((proof) => `${String(proof?.type)}/${String(proof?.cryptosuite ?? '-')}`).join(', ');
    return `No DataIntegrityProof with cryptosuite eddsa-rdfc-2022 (found ${kinds}).`;
  }
  if (typeof ours.verificationMethod !== 'string') return 'The proof has no verificationMethod.';
  return ours;
}
