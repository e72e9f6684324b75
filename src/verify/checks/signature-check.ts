import { compactVerify, importJWK } from 'jose';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { verifyProofInPool } from '../../resolve/json-ld-pool.js';
import type { Credential } from '../../shared/credential-model.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, signersOf, type Check, type CheckResult, type Signer } from '../check.js';
import { withOnlyProof, type DataIntegrityProofValue } from './proofs-of.js';

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
 * would let a valid proof by one key vouch for a bogus proof naming another.)
 */
async function verifyProofSet(credential: Credential, signers: Signer[], extraContexts?: Record<string, object>): Promise<CheckResult> {
  const verified: string[] = [];
  for (const [index, signer] of signers.entries()) {
    const label = signers.length === 1 ? 'The proof' : `Proof ${index + 1} of ${signers.length} (key ${signer.methodId})`;
    const outcome = await verifyOneDataIntegrityProof(withOnlyProof(credential, signer.proof as DataIntegrityProofValue), signer, extraContexts);
    if (outcome.verified) {
      verified.push(signers.length === 1 ? `by ${signer.methodId}` : `proof ${index + 1} by ${signer.methodId}`);
      continue;
    }
    if (outcome.unresolved !== undefined)
      return { status: 'skipped', cause: 'could-not-check', reason: outcome.unresolved.message, problems: [outcome.unresolved] };
    return { status: 'failure', problems: [new ProblemError('invalid-signature', `${label} does not match the credential: ${outcome.message}`)] };
  }
  return {
    status: 'success',
    message:
      signers.length === 1
        ? `The eddsa-rdfc-2022 proof is valid (${verified[0]}).`
        : `All ${signers.length} eddsa-rdfc-2022 proofs are valid: ${verified.join('; ')}.`,
  };
}

/**
 * One eddsa-rdfc-2022 proof, through jsonld-signatures in the JSON-LD worker pool; the only
 * place a Data Integrity proof is verified. The key comes from the DID document the
 * issuer-key check resolved, never from a new lookup.
 */
export async function verifyOneDataIntegrityProof(
  credentialWithOneProof: Credential,
  signer: Signer,
  extraContexts?: Record<string, object>,
): Promise<{ verified: true } | { verified: false; message: string; unresolved?: ProblemError }> {
  return verifyProofInPool(credentialWithOneProof, { [signer.didDocument.id]: signer.didDocument }, extraContexts);
}

async function verifyJwt(jwt: string, alg: string | undefined, signer: Signer): Promise<CheckResult> {
  if (alg !== 'EdDSA') {
    return { status: 'failure', problems: [new ProblemError('unsupported-proof', `JWT algorithm "${String(alg)}" is not accepted; only EdDSA (Ed25519) is.`)] };
  }
  const keyPair = await Ed25519Multikey.from({ ...signer.method, '@context': 'https://w3id.org/security/multikey/v1' });
  const key = await importJWK({ ...(await Ed25519Multikey.toJwk({ keyPair })), alg: 'EdDSA' }, 'EdDSA');
  try {
    await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    return { status: 'success', message: `The EdDSA JWS signature is valid (by ${signer.methodId}).` };
  } catch {
    return { status: 'failure', problems: [new ProblemError('invalid-signature', 'The JWS signature does not match the header and payload.')] };
  }
}
