import { CompactSign } from 'jose';
import type { SigningKey } from './signing-key.js';

/**
 * VC-JOSE-COSE §3.1.1: the credential itself is the JWS payload (no `vc` claim),
 * `typ` is `vc+jwt`, and `kid` is the verification method, so a verifier can find
 * the key from the header alone.
 */
export async function signVcJwt(credential: Record<string, unknown>, key: SigningKey): Promise<string> {
  return signVcJwtJson(JSON.stringify(credential), key);
}

/** The same for a credential already serialized (a batch worker serializes it off the main thread): `json` is the payload as is. */
export async function signVcJwtJson(json: string, key: SigningKey): Promise<string> {
  const payload = new TextEncoder().encode(json);
  return new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: key.verificationMethodId }).sign(await key.joseKey());
}
