import type { Clock } from '../shared/clock.js';
import { assertCredentialStructure, dataModelOf, expandSafely, type Credential, type DataModel } from '../shared/credential-model.js';
import { ProblemError } from '../shared/problems.js';
import { assertMatchesSchema } from '../shared/schema-validator.js';
import type { DocumentLoader } from '../resolve/document-loader.js';
import { STATUS_V1_CONTEXT } from '../resolve/known-contexts.js';
import { signDataIntegrity } from '../sign/data-integrity-signer.js';
import { envelope } from '../shared/enveloped-credential.js';
import { signVcJwt, signVcJwtJson } from '../sign/jose-signer.js';
import type { Keyring } from '../sign/keyring.js';
import type { SigningKey } from '../sign/signing-key.js';
import type { CredentialFormat, CredentialRecord, IssuerRecord, StatusPosition, StatusPurpose, Store } from '../store/ports.js';
import { allocateStatus, type StatusEntry } from '../status/allocate-status.js';
import type { StatusPositions } from '../status/status-positions.js';
import { isOpenBadgeCredential, statusPurposesFor } from '../status/status-purposes.js';
import { requestHash } from './idempotency.js';
import { prepareCredential } from './prepare-credential.js';
import { assertClaimedProfileSchemas } from '../ob3/profile-conformance.js';

export interface IssueDeps {
  store: Store;
  keyring: Keyring;
  documentLoader: DocumentLoader;
  clock: Clock;
  publicUrl: string;
  statusPositions: StatusPositions;
}

export interface IssueRequest {
  credential: Credential;
  /** credentialStatus (VC API): every VC 2.0 credential gets its entries anyway; a VC 1.1 one only when asked. */
  options?: { format?: CredentialFormat; credentialStatus?: { type: 'BitstringStatusListEntry' } };
}

export interface IssueResult {
  verifiableCredential: Record<string, unknown>;
  /** True when an earlier request with the same Idempotency-Key is answered again. */
  replayed: boolean;
  record: CredentialRecord;
}

/**
 * validate → replay? → prepare → signed form, structure, safe mode → allocate status → sign → store → answer.
 * Nothing is returned before it is stored: a credential the holder has but we do
 * not know of could never be read back or revoked.
 */
export async function issueCredential(deps: IssueDeps, issuer: IssuerRecord, body: unknown, idempotencyKey?: string): Promise<IssueResult> {
  assertMatchesSchema<IssueRequest>('issue-request', body);
  const claim = idempotencyKey === undefined ? undefined : { issuerId: issuer.id, key: idempotencyKey, requestHash: requestHash(body) };

  if (claim !== undefined) {
    const earlier = await deps.store.credentials.findByIdempotencyKey(issuer.id, claim.key);
    if (earlier !== undefined) return replay(earlier, claim.requestHash);
  }

  const prepared = prepareIssue(deps, issuer, body);
  // Safe mode before a status position is taken: an undefined term refused by the signer
  // afterwards would use up a position (positions are never reused).
  await expandSafely(prepared.credential, '/credential');
  const key = await deps.keyring.activeKey(issuer);
  // The status position is taken last, once the request is known to be valid, so
  // that bad requests do not use up positions (which are never reused).
  const purposes = statusPurposesFor(prepared.credential);
  const status = purposes.length === 0 ? undefined : await allocateStatus(deps, issuer.id, prepared.format, purposes);
  const record = await signPrepared(deps, issuer, prepared, key, status?.position, status?.entries ?? []);

  const saved = await deps.store.credentials.saveIssued(record, claim);
  if (saved.outcome === 'replayed') return replay(saved, claim?.requestHash ?? '');
  return { verifiableCredential: saved.record.credential, replayed: false, record: saved.record };
}

/** A request checked up to safe mode: what signing needs, minus the status position. */
export interface PreparedIssue {
  credential: Credential;
  format: CredentialFormat;
  now: Date;
}

/**
 * VC 2.0 is what a credential is issued as unless its first context asks for VC 1.1
 * (as the W3C/CCG VC API suites and older wallets do); it is then signed as 1.1, never
 * rewritten into 2.0 — the holder gets the data model the caller wrote.
 */
const ISSUED_DATA_MODELS: readonly DataModel[] = ['2.0', '1.1'];

/**
 * prepare → the one signed form + VC DM 2.0 (or 1.1) → profile conformance, all synchronous.
 * The caller then runs safe mode (`expandSafely`, one credential; or many at once for a
 * batch) before taking a status position and signing: no check is skipped either way.
 */
export function prepareIssue(deps: Pick<IssueDeps, 'clock' | 'publicUrl'>, issuer: IssuerRecord, body: IssueRequest): PreparedIssue {
  const now = deps.clock.now();
  const format = body.options?.format ?? 'di';
  const credential = prepareCredential(body.credential, { issuer, publicUrl: deps.publicUrl, now });
  assertCredentialStructure(credential, '/credential', ISSUED_DATA_MODELS);
  if (dataModelOf(credential) === '1.1') prepareVc11(credential, format, body.options?.credentialStatus !== undefined);
  // A credential that names one of our profiles in credentialSchema must match it.
  assertClaimedProfileSchemas(credential, '/credential');
  return { credential, format, now };
}

/**
 * VC 1.1 is secured with an embedded proof only (VC-JOSE secures VC 2.0). Its context does
 * not define Bitstring Status List entries, and VC 1.1 verifiers often lack the context that
 * does (the W3C eddsa suite's loader does), so a 1.1 credential gets status entries — and
 * that context, after the caller's — only when options.credentialStatus asks for them
 * (status-purposes.ts reads the context). Without them it cannot be revoked or suspended,
 * and a status change says so (409). The signer adds the Data Integrity context for the proof.
 */
function prepareVc11(credential: Credential, format: CredentialFormat, statusAsked: boolean): void {
  if (format === 'jwt') {
    throw new ProblemError('invalid-request', 'A VC 1.1 credential is issued with a Data Integrity proof only (options.format "di"); VC-JOSE secures VC 2.0.', {
      pointer: '/options/format',
    });
  }
  const contexts = credential['@context'] as unknown[];
  if (statusAsked && !contexts.includes(STATUS_V1_CONTEXT)) credential['@context'] = [...contexts, STATUS_V1_CONTEXT];
}

/**
 * A JWT credential prepared in another thread (batch/prepare-rows.ts) and handed over as its
 * JSON text: one string crosses threads, not a graph of objects that the main thread would
 * rebuild and then serialize again. `json` has no credentialStatus (prepareCredential refuses
 * one); the entries are appended as the last member, which is what assigning them to the
 * object and serializing it would give.
 */
export interface SerializedJwtIssue {
  format: 'jwt';
  id: string;
  json: string;
  statusPurposes: readonly StatusPurpose[];
  now: Date;
}

/** A prepared JWT credential → its serialized form (in the worker that prepared it). */
export function serializeJwtIssue(prepared: PreparedIssue): SerializedJwtIssue {
  const { credential, now } = prepared;
  if ('credentialStatus' in credential) throw new Error('A prepared credential has no credentialStatus yet.');
  return { format: 'jwt', id: credential.id as string, json: JSON.stringify(credential), statusPurposes: statusPurposesFor(credential), now };
}

/** Adds the status entries of `position` and signs; the record is not stored yet. */
export async function signPrepared(
  deps: Pick<IssueDeps, 'documentLoader'>,
  issuer: IssuerRecord,
  prepared: PreparedIssue | SerializedJwtIssue,
  key: SigningKey,
  position: StatusPosition | undefined,
  entries: StatusEntry[],
): Promise<CredentialRecord> {
  if ('json' in prepared) {
    const status = entries.length === 0 ? '' : `,"credentialStatus":${JSON.stringify(entries.length === 1 ? entries[0] : entries)}`;
    return jwtRecord(issuer, prepared.id, prepared.now, position, await signVcJwtJson(`${prepared.json.slice(0, -1)}${status}}`, key));
  }
  const { credential, format, now } = prepared;
  // OB 3.0 allows one credentialStatus (an object in the 1EdTech schema); other credentials get both entries
  // (a VC 1.1 credential none, unless asked: prepareVc11).
  if (entries.length > 0) credential.credentialStatus = entries.length === 1 ? entries[0] : entries;
  if (format === 'jwt') return jwtRecord(issuer, credential.id as string, now, position, await signVcJwt(credential, key));
  const signed = await signDataIntegrity(credential, { key, documentLoader: deps.documentLoader, now, basePointer: '/credential' });
  // The 1EdTech OB 3.0 schema types proof as an array (a set of one proof is the same proof).
  if (isOpenBadgeCredential(credential) && !Array.isArray(signed.proof)) signed.proof = [signed.proof];
  return {
    id: credential.id as string,
    issuerId: issuer.id,
    format,
    credential: signed,
    issuedAt: now.toISOString(),
    ...(position === undefined ? {} : { status: position }),
  };
}

/** The record of a signed JWT credential, whichever way it was prepared: the JWT, and its envelope as the credential. */
function jwtRecord(issuer: IssuerRecord, id: string, now: Date, position: StatusPosition | undefined, jwt: string): CredentialRecord {
  return {
    id,
    issuerId: issuer.id,
    format: 'jwt',
    credential: envelope(jwt),
    jwt,
    issuedAt: now.toISOString(),
    ...(position === undefined ? {} : { status: position }),
  };
}

function replay(earlier: { record: CredentialRecord; requestHash: string }, hash: string): IssueResult {
  if (earlier.requestHash !== hash) {
    throw new ProblemError(
      'idempotency-key-reused',
      'This Idempotency-Key was already used with a different request body; use a new key for a new credential.',
    );
  }
  return { verifiableCredential: earlier.record.credential, replayed: true, record: earlier.record };
}
