import {
  decodeJwt,
  Oauth2ErrorCodes,
  Oauth2ResourceUnauthorizedError,
  Oauth2ServerErrorResponseError,
  SupportedAuthenticationScheme,
  type RequestLike,
} from '@openid4vc/oauth2';
import type { CredentialResponse } from '@openid4vc/openid4vci';
import { issueCredential } from '../issue/issue-credential.js';
import type { CredentialFormat, IssuerRecord } from '../store/ports.js';
import { cNonceExpiry } from './c-nonce.js';
import { parseConfigurationId } from './credential-configurations.js';
import type { DeliverDeps } from './deliver-deps.js';
import { credentialForHolder, profileOfRecord } from './holder-credential.js';
import { holderKeyOf } from './holder-key.js';
import { issuerContext } from './issuer-context.js';

const refuse = (error: Oauth2ErrorCodes, description: string) => new Oauth2ServerErrorResponseError({ error, error_description: description });
const tokenRefused = (description: string) =>
  new Oauth2ResourceUnauthorizedError(description, {
    scheme: SupportedAuthenticationScheme.Bearer,
    error: Oauth2ErrorCodes.InvalidToken,
    error_description: description,
  });

export interface Delivered {
  response: CredentialResponse;
  format: CredentialFormat;
  profile: string;
}

/**
 * The credential endpoint: access token (ours, for a redeemed offer) → request (one of the
 * offered configurations) → c_nonce (ours, fresh) → key proof (signed by the key its kid or jwk
 * names: the holder) → the stored credential re-issued to the holder DID through the ordinary
 * issue pipeline, with its own id and status entry. The library verifies and words refusals.
 */
export async function deliverCredential(deps: DeliverDeps, issuer: IssuerRecord, body: unknown, request: RequestLike): Promise<Delivered> {
  const context = await issuerContext(deps, issuer);
  const now = deps.clock.now();
  const { tokenPayload } = await context.resourceServer.verifyResourceRequest({
    request,
    resourceServer: context.endpoints.credentialIssuer,
    authorizationServers: context.metadata.authorizationServers,
    now,
  });
  const offer = tokenPayload.sub === undefined ? undefined : await deps.store.credentialOffers.findById(tokenPayload.sub);
  if (offer === undefined || offer.issuerId !== issuer.id) throw tokenRefused('The access token is not for an offer of this issuer.');
  if (offer.state !== 'redeemed') throw tokenRefused('The credential of this offer was already delivered.');
  const record = await deps.store.credentials.findById(offer.credentialId);
  if (record === undefined) throw tokenRefused('The offered credential no longer exists.');

  const parsed = context.credentialIssuer.parseCredentialRequest({
    issuerMetadata: context.metadata,
    credentialRequest: (body ?? {}) as Record<string, unknown>,
  });
  const requested = parsed.credentialConfigurationId === undefined ? undefined : parseConfigurationId(parsed.credentialConfigurationId);
  if (requested === undefined || requested.profile !== profileOfRecord(record)) {
    throw refuse(Oauth2ErrorCodes.UnknownCredentialConfiguration, 'Request one of the credential_configuration_ids of the offer.');
  }
  const proofs = parsed.proofs?.jwt ?? [];
  if (proofs.length !== 1 || (parsed.proofs !== undefined && Object.keys(parsed.proofs).length !== 1)) {
    throw refuse(Oauth2ErrorCodes.InvalidProof, 'Send exactly one proof of type jwt: one credential is delivered per offer.');
  }
  const jwt = proofs[0] as string;
  const nonce = decodeNonce(jwt);
  if (nonce === null) throw refuse(Oauth2ErrorCodes.InvalidProof, 'The proof is not a JWT.');
  const nonceExpiresAt = nonce === undefined ? undefined : await cNonceExpiry(context, nonce, now);
  if (nonce === undefined || nonceExpiresAt === undefined) {
    throw refuse(Oauth2ErrorCodes.InvalidNonce, 'The proof does not carry a valid c_nonce of this issuer; get a fresh one from the nonce endpoint.');
  }
  const { signer } = await context.credentialIssuer.verifyCredentialRequestJwtProof({
    issuerMetadata: context.metadata,
    jwt,
    expectedNonce: nonce,
    nonceExpiresAt,
    now,
  });
  const holder = await holderKeyOf(signer, deps.didResolver);
  if (holder === undefined) throw refuse(Oauth2ErrorCodes.InvalidProof, 'The proof key must be an Ed25519 or P-256 key given as did:key, did:jwk or jwk.');
  if ((await deps.store.status.stateOf(record.id)).revoked) throw refuse(Oauth2ErrorCodes.CredentialRequestDenied, 'The offered credential was revoked.');

  // Claimed before issuing, so two requests with the one token cannot both get a credential.
  if (!(await deps.store.credentialOffers.transition(offer.id, 'redeemed', 'delivered', { deliveredAt: now.toISOString() }))) {
    throw tokenRefused('The credential of this offer was already delivered.');
  }
  let issued;
  try {
    issued = await issueCredential(deps, issuer, { credential: credentialForHolder(record, holder.holderDid), options: { format: requested.format } });
  } catch (error) {
    // Nothing was handed out: the wallet may try again while its token is valid.
    await deps.store.credentialOffers.transition(offer.id, 'delivered', 'redeemed', { deliveredAt: undefined });
    throw error;
  }
  await deps.store.credentialOffers.transition(offer.id, 'delivered', 'delivered', { deliveredCredentialId: issued.record.id });
  const credential = issued.record.jwt ?? issued.record.credential;
  return {
    response: context.credentialIssuer.createCredentialResponse({ credentialRequest: parsed, credentials: [{ credential }] }),
    format: requested.format,
    profile: requested.profile,
  };
}

/** The proof's nonce; undefined when it has none, null when the proof is not a JWT at all. */
function decodeNonce(jwt: string): string | undefined | null {
  try {
    const nonce = decodeJwt({ jwt }).payload.nonce;
    return typeof nonce === 'string' ? nonce : undefined;
  } catch {
    return null;
  }
}
