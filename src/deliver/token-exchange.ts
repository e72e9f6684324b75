import {
  Oauth2ErrorCodes,
  Oauth2ServerErrorResponseError,
  preAuthorizedCodeGrantIdentifier,
  type AccessTokenResponse,
  type RequestLike,
} from '@openid4vc/oauth2';
import type { IssuerRecord } from '../store/ports.js';
import { ACCESS_TOKEN_SECONDS, MAX_FAILED_TX_CODES, type DeliverDeps } from './deliver-deps.js';
import { issuerContext } from './issuer-context.js';
import { codeHash, sameHash, txCodeHash } from './offer-secrets.js';

const invalidGrant = (description: string) => new Oauth2ServerErrorResponseError({ error: Oauth2ErrorCodes.InvalidGrant, error_description: description });

/**
 * The token endpoint (pre-authorized code grant): the library parses and checks the request and
 * words every refusal; the store decides what only it can (which offer, used or not, how many
 * wrong PINs). A code is exchanged once: the offer moves to `redeemed` by compare-and-set.
 */
export async function exchangeToken(deps: DeliverDeps, issuer: IssuerRecord, body: unknown, request: RequestLike): Promise<AccessTokenResponse> {
  const context = await issuerContext(deps, issuer);
  const parsed = context.authorizationServer.parseAccessTokenRequest({ accessTokenRequest: (body ?? {}) as Record<string, unknown>, request });
  if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) {
    throw new Oauth2ServerErrorResponseError({
      error: Oauth2ErrorCodes.UnsupportedGrantType,
      error_description: 'Only the pre-authorized code grant is supported.',
    });
  }
  const { preAuthorizedCode, txCode } = parsed.grant;
  const offer = await deps.store.credentialOffers.findByCodeHash(codeHash(preAuthorizedCode));
  if (offer === undefined || offer.issuerId !== issuer.id) throw invalidGrant("Invalid 'pre-authorized_code' provided");
  if (offer.state !== 'offered') throw invalidGrant("This 'pre-authorized_code' was already used; ask the issuer for a new offer.");
  if (offer.failedTxCodes >= MAX_FAILED_TX_CODES) throw invalidGrant('Too many wrong transaction codes; ask the issuer for a new offer.');

  const txCodeMatches = txCode !== undefined && sameHash(offer.txCodeHash, txCodeHash(preAuthorizedCode, txCode));
  if (txCode !== undefined && !txCodeMatches) await deps.store.credentialOffers.recordFailedTxCode(offer.id);
  const now = deps.clock.now();
  await context.authorizationServer.verifyPreAuthorizedCodeAccessTokenRequest({
    grant: parsed.grant,
    accessTokenRequest: parsed.accessTokenRequest,
    request,
    authorizationServerMetadata: context.metadata.authorizationServers[0] as never,
    // Found by its hash, so the code sent is the expected one.
    expectedPreAuthorizedCode: preAuthorizedCode,
    // The library compares PINs in clear and we keep only a hash: it is given the PIN sent when
    // its hash matches, and a value that differs from it otherwise, and words the refusal itself.
    expectedTxCode: txCodeMatches ? txCode : `${txCode ?? ''}#wrong`,
    preAuthorizedCodeExpiresAt: new Date(offer.expiresAt),
    now,
  });

  if (!(await deps.store.credentialOffers.transition(offer.id, 'offered', 'redeemed', { redeemedAt: now.toISOString() }))) {
    throw invalidGrant("This 'pre-authorized_code' was already used; ask the issuer for a new offer.");
  }
  return context.authorizationServer.createAccessTokenResponse({
    audience: context.endpoints.credentialIssuer,
    authorizationServer: context.endpoints.credentialIssuer,
    expiresInSeconds: ACCESS_TOKEN_SECONDS,
    // The offer, not the holder: the token lets its bearer pick up this one offer.
    subject: offer.id,
    signer: { method: 'custom', alg: 'EdDSA', kid: context.key.verificationMethodId },
    now,
  });
}
