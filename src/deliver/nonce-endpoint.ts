import type { NonceResponse } from '@openid4vc/openid4vci';
import type { IssuerRecord } from '../store/ports.js';
import { createCNonce } from './c-nonce.js';
import type { DeliverDeps } from './deliver-deps.js';
import { issuerContext } from './issuer-context.js';

/** OpenID4VCI 1.0 §7: a fresh c_nonce for the next key proof; the response is shaped by the library. */
export async function createNonce(deps: DeliverDeps, issuer: IssuerRecord): Promise<NonceResponse> {
  const context = await issuerContext(deps, issuer);
  const { nonce, expiresIn } = await createCNonce(context, deps.clock.now());
  return context.credentialIssuer.createNonceResponse({ cNonce: nonce, cNonceExpiresIn: expiresIn });
}
