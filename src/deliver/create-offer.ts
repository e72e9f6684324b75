import { randomUUID } from 'node:crypto';
import { preAuthorizedCodeGrantIdentifier } from '@openid4vc/oauth2';
import type { CredentialOfferObject } from '@openid4vc/openid4vci';
import { qrSvg } from '../present/qr/qr-image.js';
import { ProblemError } from '../shared/problems.js';
import type { CredentialFormat, CredentialOfferRecord, CredentialRecord, IssuerRecord } from '../store/ports.js';
import { configurationId } from './credential-configurations.js';
import type { DeliverDeps } from './deliver-deps.js';
import { profileOfRecord } from './holder-credential.js';
import { issuerContext, type IssuerContext } from './issuer-context.js';
import { codeHash, newPreAuthorizedCode, newTxCode, TX_CODE_LENGTH, txCodeHash } from './offer-secrets.js';

export interface CreatedOffer {
  id: string;
  /** `openid-credential-offer://?credential_offer_uri=…`: what the QR code carries. */
  offerUri: string;
  /** The offer URI as an SVG QR code. */
  qr: string;
  /** The PIN, shown once: the school hands it over apart from the QR code. */
  txCode: string;
  expiresAt: string;
}

const FORMATS: CredentialFormat[] = ['di', 'jwt'];

/**
 * Offers one of the issuer's stored profile credentials to the holder's wallet (OpenID4VCI,
 * pre-authorized code with a PIN). The offer names both formats of the credential's profile
 * so the wallet takes the one it holds (ldp_vc for the Learner Credential Wallet, jwt_vc_json
 * for others). Only hashes of the code and the PIN are stored. A batch with offers makes its offers with newOffer.
 */
export async function createCredentialOffer(deps: DeliverDeps, issuer: IssuerRecord, credentialId: string): Promise<CreatedOffer> {
  const record = await deps.store.credentials.findById(credentialId);
  // Another issuer's credential is answered exactly like a missing one.
  if (record === undefined || record.issuerId !== issuer.id)
    throw new ProblemError('not-found', `No credential ${credentialId} issued by this API key's issuer.`);
  const profile = offerableProfile(record);
  if ((await deps.store.status.stateOf(record.id)).revoked)
    throw new ProblemError('conflict', 'This credential is revoked; a revoked credential is not delivered to a wallet.');

  const { record: offer, offerUri, txCode } = await newOffer(deps, await issuerContext(deps, issuer), record.id, profile);
  await deps.store.credentialOffers.add(offer);
  return { id: offer.id, offerUri, qr: await qrSvg(offerUri), txCode, expiresAt: offer.expiresAt };
}

/**
 * A new offer of one credential, not stored yet: its record (hashes only), and the offer URI
 * and PIN that exist only in this answer. createCredentialOffer stores it at once; a batch
 * stores it with the row's credential, in the group's commit.
 */
export async function newOffer(
  deps: Pick<DeliverDeps, 'clock' | 'offerTtlSeconds'>,
  context: IssuerContext,
  credentialId: string,
  profile: string,
): Promise<{ record: CredentialOfferRecord; offerUri: string; txCode: string }> {
  const now = deps.clock.now();
  const code = newPreAuthorizedCode();
  const txCode = newTxCode();
  const record: CredentialOfferRecord = {
    id: randomUUID(),
    issuerId: context.issuer.id,
    credentialId,
    codeHash: codeHash(code),
    txCodeHash: txCodeHash(code, txCode),
    state: 'offered',
    failedTxCodes: 0,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.offerTtlSeconds * 1000).toISOString(),
  };
  const { credentialOffer } = await offerObject(context, profile, code);
  return { record, offerUri: credentialOffer, txCode };
}

/** The profile of a credential that can be offered; profile credentials only (the configurations are per profile). */
export function offerableProfile(record: CredentialRecord): string {
  const profile = profileOfRecord(record);
  if (profile === undefined) {
    throw new ProblemError('conflict', 'Only credentials issued through POST /issuers/{slug}/credentials (a profile) can be delivered to a wallet.');
  }
  return profile;
}

/**
 * The credential offer, built by the library: the same object whether it is made when the offer
 * is created (for its URI) or when a wallet fetches the credential_offer_uri (for the object).
 */
export async function offerObject(
  context: IssuerContext,
  profile: string,
  code: string,
): Promise<{ credentialOffer: string; credentialOfferObject: CredentialOfferObject }> {
  return context.credentialIssuer.createCredentialOffer({
    issuerMetadata: context.metadata,
    credentialConfigurationIds: FORMATS.map((format) => configurationId(profile, format)),
    grants: {
      [preAuthorizedCodeGrantIdentifier]: {
        'pre-authorized_code': code,
        tx_code: { input_mode: 'numeric', length: TX_CODE_LENGTH, description: 'The PIN your school gave you with this QR code' },
      },
    },
    credentialOfferUri: context.endpoints.offer(code),
  });
}

/** GET credential_offer_uri: the offer object while the offer can still be taken, else undefined. */
export async function resolveOffer(deps: DeliverDeps, issuer: IssuerRecord, code: string): Promise<CredentialOfferObject | undefined> {
  const offer = await deps.store.credentialOffers.findByCodeHash(codeHash(code));
  if (offer === undefined || offer.issuerId !== issuer.id || offer.state !== 'offered') return undefined;
  if (Date.parse(offer.expiresAt) < deps.clock.now().getTime()) return undefined;
  const record = await deps.store.credentials.findById(offer.credentialId);
  if (record === undefined) return undefined;
  return (await offerObject(await issuerContext(deps, issuer), offerableProfile(record), code)).credentialOfferObject;
}

/**
 * The offer URI of an open offer of this credential, for the printable certificate
 * (`certificate.pdf?offer=<code>`): only the holder of the code can ask for it, and only
 * while the offer can still be taken. Undefined otherwise.
 */
export async function openOfferUri(deps: DeliverDeps, record: CredentialRecord, code: string): Promise<string | undefined> {
  const offer = await deps.store.credentialOffers.findByCodeHash(codeHash(code));
  if (offer === undefined || offer.credentialId !== record.id || offer.state !== 'offered') return undefined;
  if (Date.parse(offer.expiresAt) < deps.clock.now().getTime()) return undefined;
  const issuer = await deps.store.issuers.findById(offer.issuerId);
  if (issuer === undefined) return undefined;
  return (await offerObject(await issuerContext(deps, issuer), offerableProfile(record), code)).credentialOffer;
}
