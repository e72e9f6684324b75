import { randomBytes } from 'node:crypto';
import { importJWK, jwtVerify, SignJWT } from 'jose';
import { C_NONCE_SECONDS } from './deliver-deps.js';
import type { IssuerContext } from './issuer-context.js';
import { publicJwk } from './library-callbacks.js';

const NONCE_TYPE = 'passerelle-c-nonce+jwt';

/**
 * A c_nonce (OpenID4VCI 1.0 nonce endpoint) that needs no storage: a short JWT signed by the
 * issuer's key, valid C_NONCE_SECONDS. Replaying one within that time gains nothing: the
 * access token it goes with delivers one credential, once.
 */
export async function createCNonce(context: IssuerContext, now: Date): Promise<{ nonce: string; expiresIn: number }> {
  const iat = Math.floor(now.getTime() / 1000);
  const nonce = await new SignJWT({ jti: randomBytes(16).toString('base64url') })
    .setProtectedHeader({ alg: 'EdDSA', typ: NONCE_TYPE, kid: context.key.verificationMethodId })
    .setIssuer(context.endpoints.credentialIssuer)
    .setAudience(context.endpoints.credentialIssuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + C_NONCE_SECONDS)
    .sign(await context.key.joseKey());
  return { nonce, expiresIn: C_NONCE_SECONDS };
}

/** When the nonce expires if it is one of this issuer's and still valid; undefined otherwise. */
export async function cNonceExpiry(context: IssuerContext, nonce: string, now: Date): Promise<Date | undefined> {
  try {
    const key = await importJWK(await publicJwk(context.key), 'EdDSA');
    const { payload } = await jwtVerify(nonce, key, {
      algorithms: ['EdDSA'],
      typ: NONCE_TYPE,
      issuer: context.endpoints.credentialIssuer,
      audience: context.endpoints.credentialIssuer,
      currentDate: now,
    });
    return payload.exp === undefined ? undefined : new Date(payload.exp * 1000);
  } catch {
    return undefined;
  }
}
