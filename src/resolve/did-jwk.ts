import { DidJwkDriver } from '@digitalbazaar/did-method-jwk';
import { ProblemError } from '../shared/problems.js';
import type { DidDocument, PublicKeyJwk } from './did-document.js';

/**
 * did:jwk, resolved locally like did:key: the DID is the base64url of the public JWK,
 * so the document is derived from the DID and nothing is fetched. The driver builds the
 * document the spec defines (one method `#0`, type JsonWebKey); only signing keys of
 * the two curves this service verifies are accepted.
 */
const driver = new DidJwkDriver();

/** A did:jwk longer than this cannot be an Ed25519 or P-256 public key (a P-256 JWK is ~150 characters). */
const MAX_DID_JWK_LENGTH = 512;

export function isDidJwk(did: string): boolean {
  return did.startsWith('did:jwk:');
}

export async function resolveDidJwk(did: string): Promise<DidDocument> {
  if (did.length > MAX_DID_JWK_LENGTH) unresolved(did, 'it is too long to be an Ed25519 or P-256 public key');
  let document: Record<string, unknown>;
  try {
    document = (await driver.get({ did })) as Record<string, unknown>;
  } catch {
    unresolved(did, 'it is not the base64url of a JSON Web Key');
  }
  const [method] = document.verificationMethod as Array<{ publicKeyJwk: PublicKeyJwk }>;
  const jwk = method?.publicKeyJwk;
  if (jwk === undefined || jwk === null || typeof jwk !== 'object' || Array.isArray(jwk)) unresolved(did, 'it does not encode a JWK object');
  // A private key published in a DID is a leaked key, not an issuer's key.
  if ('d' in jwk) unresolved(did, 'its JWK contains a private key ("d")');
  const curve = `${String(jwk.kty)}/${String(jwk.crv)}`;
  if (curve !== 'OKP/Ed25519' && curve !== 'EC/P-256') unresolved(did, `its key is ${curve}; only Ed25519 (OKP) and P-256 (EC) keys are verified`);
  if (jwk.use !== undefined && jwk.use !== 'sig') unresolved(did, `its key is for "${String(jwk.use)}", not for signatures`);
  if (!Array.isArray(document.assertionMethod)) unresolved(did, 'its key is not a signing key');
  return document as unknown as DidDocument;
}

function unresolved(did: string, why: string): never {
  throw new ProblemError('issuer-unresolved', `${did.length > 80 ? `${did.slice(0, 80)}…` : did} is not a usable did:jwk: ${why}.`);
}
