import { createHash, randomBytes } from 'node:crypto';
import { clientAuthenticationNone, HashAlgorithm, type CallbackContext, type Jwk } from '@openid4vc/oauth2';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { CompactSign, compactVerify, importJWK, type CompactJWSHeaderParameters } from 'jose';
import type { DidResolver } from '../resolve/did-resolver.js';
import type { SigningKey } from '../sign/signing-key.js';
import { holderKeyOf } from './holder-key.js';

type Callbacks = Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'>;

const HASHES: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'sha256',
  [HashAlgorithm.Sha384]: 'sha384',
  [HashAlgorithm.Sha512]: 'sha512',
};

/**
 * What the OpenID4VC libraries ask of us: jose signs and verifies, node:crypto hashes and
 * draws random bytes. One set per request, bound to the issuer whose key signs access tokens
 * and whose JWKS verifies them.
 *
 * `fetch` answers only the issuer's own jwks_uri, from memory: the resource server asks for it
 * to verify our access tokens, and a request from this service to itself would gain nothing.
 */
export function libraryCallbacks(options: { issuerKey: SigningKey; jwks: { url: string; keys: () => Promise<Jwk[]> }; didResolver: DidResolver }): Callbacks {
  const { issuerKey } = options;
  return {
    hash: (data, alg) => createHash(HASHES[alg]).update(data).digest(),
    generateRandom: (length) => randomBytes(length),
    clientAuthentication: clientAuthenticationNone({ clientId: 'wallet' }),
    async fetch(input) {
      const url = input instanceof Request ? input.url : String(input);
      if (url !== options.jwks.url) throw new Error(`This service fetches only its own JWKS here, not ${url}.`);
      return new Response(JSON.stringify({ keys: await options.jwks.keys() }), { headers: { 'content-type': 'application/json' } });
    },
    async signJwt(signer, { header, payload }) {
      // Only access tokens are signed here, with the issuer's active Ed25519 key; its kid finds it in the JWKS.
      if (signer.alg !== 'EdDSA') throw new Error(`Access tokens are signed with EdDSA, not ${signer.alg}.`);
      // The JSON round trip drops the members the library left undefined.
      const protectedHeader = { ...(JSON.parse(JSON.stringify(header)) as CompactJWSHeaderParameters), alg: 'EdDSA', kid: issuerKey.verificationMethodId };
      const body = new TextEncoder().encode(JSON.stringify(payload));
      const jwt = await new CompactSign(body).setProtectedHeader(protectedHeader).sign(await issuerKey.joseKey());
      return { jwt, signerJwk: (await publicJwk(issuerKey)) as Jwk };
    },
    async verifyJwt(signer, { compact }) {
      // Access tokens arrive as `jwk` signers from our JWKS; wallet proofs as did/jwk signers.
      const key = await holderKeyOf(signer, options.didResolver);
      if (key === undefined || key.alg !== signer.alg) return { verified: false };
      try {
        await compactVerify(compact, await importJWK(key.jwk, key.alg), { algorithms: [key.alg] });
        return { verified: true, signerJwk: key.jwk as Jwk };
      } catch {
        return { verified: false };
      }
    },
  };
}

/** The public half of an issuer key as a JWK, with its verification method id as kid. */
export async function publicJwk(key: SigningKey): Promise<Record<string, unknown>> {
  const { kty, crv, x } = (await Ed25519Multikey.toJwk({ keyPair: key.keyPair })) as { kty: string; crv: string; x: string };
  return { kty, crv, x, kid: key.verificationMethodId, alg: 'EdDSA', use: 'sig' };
}
