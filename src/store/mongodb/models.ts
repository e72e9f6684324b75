import { Schema, type Connection, type Model } from 'mongoose';
import type { CredentialOfferRecord, DidMethod, KeyStatus, CredentialFormat, StatusEvent, StatusPosition } from '../ports.js';

/**
 * The MongoDB documents. They hold the port's fields under the same names, plus
 * Mongo's own `_id`, which never leaves the adapter. Timestamps stay ISO strings
 * (not BSON dates) so both adapters return exactly what was stored.
 *
 * Unique indexes have explicit names: the adapter reads the name in a duplicate-key
 * error to know which rule was broken (see `duplicate-key.ts`).
 */

export interface IssuerDoc {
  id: string;
  slug: string;
  legalName: string;
  country: string;
  names: Record<string, string>;
  didMethod: DidMethod;
  did: string;
  createdAt: string;
}

export interface KeyDoc {
  id: string;
  issuerId: string;
  publicKeyMultibase: string;
  sealedSecretKey: string;
  status: KeyStatus;
  createdAt: string;
  retiredAt?: string;
}

export interface ApiKeyDoc {
  id: string;
  issuerId: string;
  secretHash: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export interface ClaimDoc {
  issuerId: string;
  key: string;
  requestHash: string;
}

export interface CredentialDoc {
  id: string;
  issuerId: string;
  format: CredentialFormat;
  /**
   * The signed credential as JSON text, not as a BSON object: a JSON-LD document may
   * use full IRIs (with dots) or `$`-prefixed names as keys, which MongoDB restricts
   * and Mongoose reads as paths. A signed document must come back exactly as signed.
   * Absent for a JWT credential kept as its JWT alone (store/stored-credential.ts).
   */
  credentialJson?: string;
  jwt?: string;
  issuedAt: string;
  /** The Idempotency-Key this credential was issued under, kept in the same document. */
  idempotency?: ClaimDoc;
  status?: StatusPosition;
}

export interface StatusListDoc {
  id: string;
  issuerId: string;
  size: number;
  allocated: number;
  permutationKey: string;
  version: number;
  createdAt: string;
}

/**
 * The state of one credential whose status changed, with its log. The log lives in
 * the same document as the state so that "set the state and append the event" is a
 * single atomic update, which a standalone mongod guarantees without transactions.
 */
export interface CredentialStatusDoc {
  credentialId: string;
  listId: string;
  ordinal: number;
  revoked: boolean;
  suspended: boolean;
  events: StatusEvent[];
}

/** The entry is JSON text for the same reason as credentialJson: its keys are not ours to restrict. */
export interface TrustEntryDoc {
  id: string;
  origin: 'operator' | 'hosted';
  subjectDid: string;
  entryJson: string;
  credentialId?: string;
  createdAt: string;
  withdrawnAt?: string;
}

/** Offers hold only hashes and plain fields, so the document is the port's record. */
export type CredentialOfferDoc = CredentialOfferRecord;

/** A batch job; its rows are separate documents (a job may have tens of thousands). */
export interface BatchJobDoc {
  id: string;
  issuerId: string;
  profile: string;
  format: CredentialFormat;
  mode: 'all-or-nothing' | 'valid-rows';
  total: number;
  state: 'running' | 'completed';
  createdAt: string;
  finishedAt?: string;
  offers?: boolean;
  leaseOwner?: string;
  leaseExpiresAt?: string;
}

/** The request as JSON text, like credentialJson: holder-supplied keys are not ours to restrict. */
export interface BatchRowDoc {
  jobId: string;
  row: number;
  rowKey?: string;
  idempotencyKey: string;
  requestJson?: string;
  status: 'pending' | 'issued' | 'replayed' | 'invalid' | 'failed';
  credentialId?: string;
  /** Named rowErrors: `errors` is reserved by Mongoose documents. */
  rowErrors?: Array<{ pointer: string; detail: string }>;
  offerId?: string;
  sealedOffer?: string;
}

export interface Models {
  batchJobs: Model<BatchJobDoc>;
  batchRows: Model<BatchRowDoc>;
  issuers: Model<IssuerDoc>;
  keys: Model<KeyDoc>;
  apiKeys: Model<ApiKeyDoc>;
  credentials: Model<CredentialDoc>;
  statusLists: Model<StatusListDoc>;
  credentialStatus: Model<CredentialStatusDoc>;
  trustEntries: Model<TrustEntryDoc>;
  credentialOffers: Model<CredentialOfferDoc>;
}

// No `required` on strings: Mongoose would refuse '' where SQLite accepts it, and the
// port's types already say which fields exist. `id: false` drops Mongoose's `id`
// virtual, which would otherwise shadow our own `id` field on documents.
const common = { versionKey: false, id: false, strict: 'throw' } as const;

const issuerSchema = new Schema<IssuerDoc>(
  {
    id: String,
    slug: String,
    legalName: String,
    country: String,
    names: { type: Schema.Types.Mixed },
    didMethod: { type: String, enum: ['web', 'key'] },
    did: String,
    createdAt: String,
  },
  // minimize would drop `names: {}` on save, and it would come back undefined.
  { ...common, collection: 'issuers', minimize: false },
);
issuerSchema.index({ id: 1 }, { unique: true, name: 'issuer_id' });
issuerSchema.index({ slug: 1 }, { unique: true, name: 'issuer_slug' });

const keySchema = new Schema<KeyDoc>(
  {
    id: String,
    issuerId: String,
    publicKeyMultibase: String,
    sealedSecretKey: String,
    status: { type: String, enum: ['active', 'retired'] },
    createdAt: String,
    retiredAt: String,
  },
  { ...common, collection: 'issuer_keys' },
);
keySchema.index({ id: 1 }, { unique: true, name: 'key_id' });
keySchema.index({ issuerId: 1, createdAt: 1 }, { name: 'keys_by_issuer' });
// The database itself forbids two active keys for one issuer, as in SQLite.
keySchema.index({ issuerId: 1 }, { unique: true, name: 'one_active_key_per_issuer', partialFilterExpression: { status: 'active' } });

const apiKeySchema = new Schema<ApiKeyDoc>(
  {
    id: String,
    issuerId: String,
    secretHash: String,
    label: String,
    createdAt: String,
    revokedAt: String,
  },
  { ...common, collection: 'api_keys' },
);
apiKeySchema.index({ id: 1 }, { unique: true, name: 'api_key_id' });
apiKeySchema.index({ issuerId: 1, createdAt: 1 }, { name: 'api_keys_by_issuer' });

const claimSchema = new Schema<ClaimDoc>({ issuerId: String, key: String, requestHash: String }, { ...common, _id: false });

const credentialSchema = new Schema<CredentialDoc>(
  {
    id: String,
    issuerId: String,
    format: { type: String, enum: ['di', 'jwt'] },
    credentialJson: String,
    jwt: String,
    issuedAt: String,
    idempotency: { type: claimSchema, default: undefined },
    status: { type: new Schema<StatusPosition>({ listId: String, ordinal: Number }, { ...common, _id: false }), default: undefined },
  },
  { ...common, collection: 'credentials' },
);
credentialSchema.index({ id: 1 }, { unique: true, name: 'credential_id' });
credentialSchema.index({ issuerId: 1, issuedAt: 1 }, { name: 'credentials_by_issuer' });
// Partial, so credentials issued without a key do not all collide on "no key".
credentialSchema.index(
  { 'idempotency.issuerId': 1, 'idempotency.key': 1 },
  { unique: true, name: 'idempotency_key', partialFilterExpression: { 'idempotency.key': { $exists: true } } },
);

// Two credentials can never share a status position, as in SQLite.
credentialSchema.index(
  { 'status.listId': 1, 'status.ordinal': 1 },
  { unique: true, name: 'credential_status_position', partialFilterExpression: { 'status.listId': { $exists: true } } },
);

const statusListSchema = new Schema<StatusListDoc>(
  {
    id: String,
    issuerId: String,
    size: Number,
    allocated: Number,
    permutationKey: String,
    version: Number,
    createdAt: String,
  },
  { ...common, collection: 'status_lists' },
);
statusListSchema.index({ id: 1 }, { unique: true, name: 'status_list_id' });
statusListSchema.index({ issuerId: 1, createdAt: 1 }, { name: 'status_lists_by_issuer' });

const statusEventSchema = new Schema<StatusEvent>(
  {
    id: String,
    credentialId: String,
    issuerId: String,
    action: { type: String, enum: ['revoke', 'suspend', 'unsuspend'] },
    reason: String,
    actor: String,
    at: String,
  },
  { ...common, _id: false },
);

const credentialStatusSchema = new Schema<CredentialStatusDoc>(
  {
    credentialId: String,
    listId: String,
    ordinal: Number,
    revoked: Boolean,
    suspended: Boolean,
    events: [statusEventSchema],
  },
  { ...common, collection: 'credential_status' },
);
credentialStatusSchema.index({ credentialId: 1 }, { unique: true, name: 'credential_status_credential' });
credentialStatusSchema.index({ listId: 1, ordinal: 1 }, { name: 'credential_status_by_list' });

const trustEntrySchema = new Schema<TrustEntryDoc>(
  {
    id: String,
    origin: { type: String, enum: ['operator', 'hosted'] },
    subjectDid: String,
    entryJson: String,
    credentialId: String,
    createdAt: String,
    withdrawnAt: String,
  },
  { ...common, collection: 'trust_entries' },
);
trustEntrySchema.index({ id: 1 }, { unique: true, name: 'trust_entry_id' });
trustEntrySchema.index({ subjectDid: 1 }, { name: 'trust_entries_by_subject' });

const credentialOfferSchema = new Schema<CredentialOfferDoc>(
  {
    id: String,
    issuerId: String,
    credentialId: String,
    codeHash: String,
    txCodeHash: String,
    state: { type: String, enum: ['offered', 'redeemed', 'delivered'] },
    failedTxCodes: Number,
    createdAt: String,
    expiresAt: String,
    redeemedAt: String,
    deliveredAt: String,
    deliveredCredentialId: String,
  },
  { ...common, collection: 'credential_offers' },
);
credentialOfferSchema.index({ id: 1 }, { unique: true, name: 'credential_offer_id' });
credentialOfferSchema.index({ codeHash: 1 }, { unique: true, name: 'credential_offer_code' });
credentialOfferSchema.index({ credentialId: 1, createdAt: 1 }, { name: 'credential_offers_by_credential' });

const batchJobSchema = new Schema<BatchJobDoc>(
  {
    id: String,
    issuerId: String,
    profile: String,
    format: { type: String, enum: ['di', 'jwt'] },
    mode: { type: String, enum: ['all-or-nothing', 'valid-rows'] },
    total: Number,
    state: { type: String, enum: ['running', 'completed'] },
    createdAt: String,
    finishedAt: String,
    offers: Boolean,
    leaseOwner: String,
    leaseExpiresAt: String,
  },
  { ...common, collection: 'batch_jobs' },
);
batchJobSchema.index({ id: 1 }, { unique: true, name: 'batch_job_id' });
batchJobSchema.index({ state: 1, createdAt: 1 }, { name: 'batch_jobs_by_state' });

const batchRowSchema = new Schema<BatchRowDoc>(
  {
    jobId: String,
    row: Number,
    rowKey: String,
    idempotencyKey: String,
    requestJson: String,
    status: { type: String, enum: ['pending', 'issued', 'replayed', 'invalid', 'failed'] },
    credentialId: String,
    rowErrors: [{ _id: false, pointer: String, detail: String }],
    offerId: String,
    sealedOffer: String,
  },
  { ...common, collection: 'batch_rows' },
);
batchRowSchema.index({ jobId: 1, row: 1 }, { unique: true, name: 'batch_row' });
batchRowSchema.index({ jobId: 1, status: 1, row: 1 }, { name: 'batch_rows_by_status' });

/**
 * Registers the models on this connection and waits until their collections and
 * indexes exist, so the very first write is already checked by the unique indexes.
 *
 * `init()` only creates missing indexes. `syncIndexes()` would also drop indexes it
 * does not know, which an older release still running during a rolling upgrade
 * would do to the newer release's indexes.
 */
export async function defineModels(connection: Connection): Promise<Models> {
  const models: Models = {
    issuers: connection.model<IssuerDoc>('Issuer', issuerSchema),
    keys: connection.model<KeyDoc>('IssuerKey', keySchema),
    apiKeys: connection.model<ApiKeyDoc>('ApiKey', apiKeySchema),
    credentials: connection.model<CredentialDoc>('Credential', credentialSchema),
    statusLists: connection.model<StatusListDoc>('StatusList', statusListSchema),
    credentialStatus: connection.model<CredentialStatusDoc>('CredentialStatus', credentialStatusSchema),
    trustEntries: connection.model<TrustEntryDoc>('TrustEntry', trustEntrySchema),
    credentialOffers: connection.model<CredentialOfferDoc>('CredentialOffer', credentialOfferSchema),
    batchJobs: connection.model<BatchJobDoc>('BatchJob', batchJobSchema),
    batchRows: connection.model<BatchRowDoc>('BatchRow', batchRowSchema),
  };
  await Promise.all(Object.values(models).map((model: Model<unknown>) => model.init()));
  return models;
}
