import type { Jwk, JwtSigner } from '@openid4vc/oauth2';
import { isDidJwk } from '../resolve/did-jwk.js';
import { isDidKey } from '../resolve/did-key.js';
import { findVerificationMethod, type PublicKeyJwk } from '../resolve/did-document.js';
import type { DidResolver } from '../resolve/did-resolver.js';
import { publicJwkOf, type JwsAlgorithm } from '../resolve/verification-key.js';

export interface HolderKey {
  /** The DID the credential is made out to: the kid's DID, or did:jwk of a bare `jwk` header. */
  holderDid: string;
  jwk: PublicKeyJwk;
  alg: JwsAlgorithm;
}

/**
 * The public key a wallet's proof names (`kid` as did:key / did:jwk, or a `jwk` header) and the
 * holder DID it stands for. did:web and other methods are refused: a wallet key is resolved
 * locally, so a proof never makes this service fetch anything. Undefined when unusable.
 */
export async function holderKeyOf(signer: JwtSigner, didResolver: DidResolver): Promise<HolderKey | undefined> {
  if (signer.method === 'jwk') {
    const key = await publicJwkOf({ id: '#0', controller: '', type: 'JsonWebKey', publicKeyJwk: signer.publicJwk as PublicKeyJwk });
    if (key === undefined) return undefined;
    return { ...key, holderDid: `did:jwk:${Buffer.from(JSON.stringify(key.jwk), 'utf8').toString('base64url')}` };
  }
  if (signer.method !== 'did') return undefined;
  const did = signer.didUrl.split('#')[0] ?? '';
  if (!isDidKey(did) && !isDidJwk(did)) return undefined;
  try {
    const document = await didResolver.resolve(did);
    // A proof of possession is authentication, not an assertion.
    const fragment = signer.didUrl.slice(did.length);
    if (!(document.authentication ?? []).some((entry) => entry === signer.didUrl || entry === fragment)) return undefined;
    const method = findVerificationMethod(document, signer.didUrl);
    const key = method === undefined ? undefined : await publicJwkOf(method);
    return key === undefined ? undefined : { ...key, holderDid: did };
  } catch {
    return undefined;
  }
}

export function asJwk(jwk: PublicKeyJwk): Jwk {
  return jwk as Jwk;
}
