import type { IssueDeps } from '../issue/issue-credential.js';
import type { DidResolver } from '../resolve/did-resolver.js';

export interface DeliverDeps extends IssueDeps {
  didResolver: DidResolver;
  /** CREDENTIAL_OFFER_TTL: how long an offer can be picked up. */
  offerTtlSeconds: number;
}

/** An access token is good for one credential request soon after the PIN was typed. */
export const ACCESS_TOKEN_SECONDS = 300;
/** A c_nonce is good for one proof made now; a wallet asks for a fresh one each time. */
export const C_NONCE_SECONDS = 300;
/** Wrong PINs tolerated per offer: 5 guesses of a 6-digit PIN leave 1 chance in 200,000. */
export const MAX_FAILED_TX_CODES = 5;
