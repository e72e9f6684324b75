import { compactVerify, importJWK } from 'jose';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import jsigs from '@digitalcredentials/jsonld-signatures';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { findProblemError } from '../../resolve/document-loader.js';
import { ProblemError } from '../../shared/problems.js';
import { parsedOf, type Check, type CheckResult, type VerifyContext } from '../check.js';

const { AssertionProofPurpose } = jsigs.purposes;

/** The cryptographic check: the content is exactly what the key signed. */
export const signatureCheck: Check = {
  id: 'signature',
  fatal: true,
  async run(context) {
    const parsed = parsedOf(context);
    return parsed.format === 'jwt' ? verifyJwt(context, parsed.jwt, parsed.header.alg) : verifyDataIntegrity(context);
  },
};

async function verifyDataIntegrity(context: VerifyContext): Promise<CheckResult> {
  const result = await jsigs.verify(parsedOf(context).credential, {
    suite: new DataIntegrityProof({ cryptosuite }),
    purpose: new AssertionProofPurpose(),
    documentLoader: context.documentLoader,
  });
  if (result.verified) return { status: 'success', message: 'The eddsa-rdfc-2022 proof is valid.' };
  const unresolved = findProblemError(result.error);
  if (unresolved !== undefined) return { status: 'skipped', cause: 'could-not-check', reason: unresolved.message, problems: [unresolved] };
  return { status: 'failure', problems: [new ProblemError('invalid-signature', `The proof does not match the credential: ${firstMessage(result.error)}`)] };
}

async function verifyJwt(context: VerifyContext, jwt: string, alg: string | undefined): Promise<CheckResult> {
  if (alg !== 'EdDSA') {
    return { status: 'failure', problems: [new ProblemError('unsupported-proof', `JWT algorithm "${String(alg)}" is not accepted; only EdDSA (Ed25519) is.`)] };
  }
  const method = context.verificationMethod;
  if (method === undefined) throw new TypeError('The issuer-key check must run first.');
  const keyPair = await Ed25519Multikey.from({ ...method, '@context': 'https://w3id.org/security/multikey/v1' });
  const key = await importJWK({ ...(await Ed25519Multikey.toJwk({ keyPair })), alg: 'EdDSA' }, 'EdDSA');
  try {
    await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    return { status: 'success', message: 'The EdDSA JWS signature is valid.' };
  } catch {
    return { status: 'failure', problems: [new ProblemError('invalid-signature', 'The JWS signature does not match the header and payload.')] };
  }
}

function firstMessage(error: unknown): string {
  const nested = (error as { errors?: Array<{ message?: string }> } | undefined)?.errors?.[0]?.message;
  return nested ?? (error instanceof Error ? error.message : 'verification failed');
}
