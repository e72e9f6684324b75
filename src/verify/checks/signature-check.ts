import { compactVerify } from 'jose';
import { verifyProofInPool } from '../../resolve/json-ld-pool.js';
import { importedPublicKeyOf, type JwsAlgorithm } from '../../resolve/verification-key.js';
import type { Credential } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, signersOf, type Check, type CheckResult, type Signer } from '../check.js';
import { signedInputOf, suiteOf, type EmbeddedProofValue } from './proofs-of.js';

/** The cryptographic check: the content is exactly what the key signed. */
export const signatureCheck: Check = {
  id: 'signature',
  fatal: true,
  async run(context) {
    const parsed = parsedOf(context);
    const signers = signersOf(context);
    return parsed.format === 'jwt'
      ? verifyJwt(parsed.jwt, parsed.header.alg, signers[0] as Signer)
      : verifyProofSet(parsed.credential, signers, context.extraContexts);
  },
};

/**
 * Each proof is verified on its own, with the key the issuer-key check resolved for it;
 * all must verify. (jsonld-signatures accepts a set when any one proof verifies, which
 * would let a valid proof by one key vouch for a bogus proof naming another.) A chained
 * proof (previousProof) is verified over the credential with the proofs it names, as it
 * was signed; no library does this, so proofs-of.ts builds that input.
 */
async function verifyProofSet(credential: Credential, signers: Signer[], extraContexts?: Record<string, object>): Promise<CheckResult> {
  const verified: string[] = [];
  const allProofs = signers.map((signer) => signer.proof as EmbeddedProofValue);
  for (const [index, signer] of signers.entries()) {
    const proof = signer.proof as EmbeddedProofValue;
    const suite = suiteOf(proof);
    const label = signers.length === 1 ? 'The proof' : `Proof ${index + 1} of ${signers.length} (key ${signer.methodId})`;
    const input = signedInputOf(credential, proof, allProofs);
    if (typeof input === 'string') return { status: 'failure', problems: [new ProblemError('invalid-signature', `${label}: ${input}`)] };
    const outcome = await verifyOneDataIntegrityProof(input.credential, signer, extraContexts, input.previousProofs);
    if (outcome.verified) {
      const chained = input.previousProofs === undefined ? '' : `, chained after ${input.previousProofs.map((previous) => String(previous.id)).join(', ')}`;
      verified.push(
        signers.length === 1 ? `The ${suite} proof is valid (by ${signer.methodId})` : `proof ${index + 1} (${suite}) by ${signer.methodId}${chained}`,
      );
      continue;
    }
    if (outcome.unresolved !== undefined)
      return { status: 'skipped', cause: 'could-not-check', reason: outcome.unresolved.message, problems: [outcome.unresolved] };
    return {
      status: 'failure',
      problems: [new ProblemError('invalid-signature', `${label} does not match the credential (${suite} proof): ${outcome.message}`)],
    };
  }
  return {
    status: 'success',
    message: signers.length === 1 ? `${verified[0] as string}.` : `All ${signers.length} proofs are valid: ${verified.join('; ')}.`,
  };
}

/**
 * One embedded proof (eddsa-rdfc-2022, ecdsa-rdfc-2019 or Ed25519Signature2020), through
 * jsonld-signatures in the JSON-LD worker pool, which picks the suite; the only
 * place a Data Integrity proof is verified. The key comes from the DID document the
 * issuer-key check resolved, never from a new lookup.
 */
export async function verifyOneDataIntegrityProof(
  credentialWithOneProof: Credential,
  signer: Signer,
  extraContexts?: Record<string, object>,
  previousProofs?: object[],
): Promise<{ verified: true } | { verified: false; message: string; unresolved?: ProblemError }> {
  return verifyProofInPool(credentialWithOneProof, { [signer.didDocument.id]: signer.didDocument }, extraContexts, undefined, previousProofs);
}

/** Asymmetric algorithms only: never `none`, never HS* (a shared secret would be anyone's to sign with). */
const JWS_ALGORITHMS: ReadonlySet<unknown> = new Set<JwsAlgorithm>(['EdDSA', 'ES256']);

/**
 * The JWS with the key the "kid" names. The header's alg must be the one that key signs
 * with (EdDSA for Ed25519, ES256 for P-256), so the header cannot pick how the key is used.
 */
async function verifyJwt(jwt: string, alg: string | undefined, signer: Signer): Promise<CheckResult> {
  if (!JWS_ALGORITHMS.has(alg)) {
    return {
      status: 'failure',
      problems: [new ProblemError('unsupported-proof', `JWT algorithm "${String(alg)}" is not accepted; only EdDSA (Ed25519) and ES256 (P-256) are.`)],
    };
  }
  const publicKey = await importedPublicKeyOf(signer.method);
  if (publicKey === undefined) {
    return { status: 'failure', problems: [new ProblemError('unsupported-proof', `The key ${signer.methodId} is not an Ed25519 or P-256 public key.`)] };
  }
  if (publicKey.alg !== alg) {
    return {
      status: 'failure',
      problems: [new ProblemError('invalid-signature', `The JWT says ${String(alg)}, but its key ${signer.methodId} signs with ${publicKey.alg}.`)],
    };
  }
  try {
    await compactVerify(jwt, publicKey.key, { algorithms: [publicKey.alg] });
    return { status: 'success', message: `The ${publicKey.alg} JWS signature is valid (by ${signer.methodId}).` };
  } catch {
    return { status: 'failure', problems: [new ProblemError('invalid-signature', 'The JWS signature does not match the header and payload.')] };
  }
}
