/**
 * The one storage interface of Passerelle. Use cases depend on this file only;
 * `sqlite/` and `mongodb/` implement it and `create-store.ts` picks one.
 *
 * Methods are shaped by what the domain needs, not by tables: there is no generic
 * `find(table, query)`. Every adapter must pass `test/store/store-contract.ts`.
 *
 * Timestamps are ISO 8601 strings (UTC, `Z`), so both adapters store and return
 * exactly the same values.
 */

export type DidMethod = 'web' | 'key';

export interface IssuerRecord {
  id: string;
  slug: string;
  legalName: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Display names by BCP 47 language tag, e.g. `{fr: "…", ar: "…"}`. */
  names: Record<string, string>;
  didMethod: DidMethod;
  did: string;
  createdAt: string;
}

export type KeyStatus = 'active' | 'retired';

export interface IssuerKeyRecord {
  /** The verification method id (a DID URL). */
  id: string;
  issuerId: string;
  publicKeyMultibase: string;
  /** The secret key, sealed by `sign/key-vault.ts`; never leaves the service. */
  sealedSecretKey: string;
  status: KeyStatus;
  createdAt: string;
  retiredAt?: string;
}

export interface ApiKeyRecord {
  /** Public half of the key, shown in the key itself (`psk_<id>_<secret>`). */
  id: string;
  issuerId: string;
  /** SHA-256 of the secret half, hex. The secret itself is never stored. */
  secretHash: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export type CredentialFormat = 'di' | 'jwt';

export interface CredentialRecord {
  /** The credential's `id` (a URL under the service). */
  id: string;
  issuerId: string;
  format: CredentialFormat;
  /** What was returned to the caller: a signed VC, or an EnvelopedVerifiableCredential. */
  credential: Record<string, unknown>;
  /** The compact JWS, for `jwt` credentials. */
  jwt?: string;
  issuedAt: string;
  /** Where the credential's status lives: one position, shared by its revocation and suspension lists. */
  status?: StatusPosition;
}

export interface IdempotencyClaim {
  issuerId: string;
  key: string;
  /** SHA-256 of the canonical request body, so a reused key with another body is caught. */
  requestHash: string;
}

export type SaveIssuedResult = { outcome: 'saved'; record: CredentialRecord } | { outcome: 'replayed'; record: CredentialRecord; requestHash: string };

export interface IssuerStore {
  /** Fails with `StoreConflictError` when the slug is taken. */
  create(issuer: IssuerRecord): Promise<void>;
  findById(id: string): Promise<IssuerRecord | undefined>;
  findBySlug(slug: string): Promise<IssuerRecord | undefined>;
  list(): Promise<IssuerRecord[]>;
}

export interface KeyStore {
  add(key: IssuerKeyRecord): Promise<void>;
  /** All keys of an issuer, oldest first, whatever their status. */
  listForIssuer(issuerId: string): Promise<IssuerKeyRecord[]>;
  /**
   * Atomically retires the issuer's active keys and adds `next` as the active one,
   * so that there is never a moment with zero or two active keys.
   */
  rotate(issuerId: string, next: IssuerKeyRecord, retiredAt: string): Promise<void>;
}

export interface ApiKeyStore {
  add(key: ApiKeyRecord): Promise<void>;
  findById(id: string): Promise<ApiKeyRecord | undefined>;
  listForIssuer(issuerId: string): Promise<ApiKeyRecord[]>;
  /** Returns false when there is no such key for that issuer. */
  revoke(issuerId: string, id: string, revokedAt: string): Promise<boolean>;
}

export interface CredentialStore {
  /**
   * Stores a newly issued credential. With an idempotency claim, the claim and the
   * credential are written together: if the claim already exists, nothing is written
   * and the credential first stored under it is returned as `replayed`.
   * Fails with `StoreConflictError` if the credential id already exists.
   */
  saveIssued(record: CredentialRecord, claim?: IdempotencyClaim): Promise<SaveIssuedResult>;
  findById(id: string): Promise<CredentialRecord | undefined>;
  /** Looks up an earlier idempotent request, before doing the work of signing again. */
  findByIdempotencyKey(issuerId: string, key: string): Promise<{ record: CredentialRecord; requestHash: string } | undefined>;
}

export type StatusPurpose = 'revocation' | 'suspension';

/**
 * A block of status positions of one issuer. Each position is published twice, in a
 * revocation list and in a suspension list (Bitstring Status List), so a credential
 * needs one allocation, not two.
 */
export interface StatusListRecord {
  id: string;
  issuerId: string;
  /** Number of positions (bits per published list); at least 131,072 for herd privacy. */
  size: number;
  /** Positions handed out so far; the next allocation takes ordinal `allocated`. */
  allocated: number;
  /** Secret of the keyed permutation that turns ordinals into random-looking indexes. */
  permutationKey: string;
  /** Bumped on every status change, so publishers know when to re-sign. */
  version: number;
  createdAt: string;
}

export interface StatusPosition {
  listId: string;
  /** The ordinal of the allocation within the list (0, 1, 2…), not the published index. */
  ordinal: number;
}

export interface CredentialStatusState {
  credentialId: string;
  revoked: boolean;
  suspended: boolean;
}

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

/** One line of the append-only status log. */
export interface StatusEvent {
  id: string;
  credentialId: string;
  issuerId: string;
  action: StatusAction;
  reason?: string;
  /** Who: the API key id that asked for the change. */
  actor: string;
  at: string;
}

export interface StatusStore {
  /**
   * Atomically takes the next `count` ordinals (default 1) of the issuer's oldest list
   * that is not full, or fewer when the list has fewer left; when every list is full,
   * stores `newList()` and takes from its ordinal 0. Returns the first ordinal and how
   * many were taken. Two processes never receive the same (list, ordinal).
   */
  allocate(issuerId: string, newList: () => StatusListRecord, count?: number): Promise<{ list: StatusListRecord; ordinal: number; count: number }>;
  findList(listId: string): Promise<StatusListRecord | undefined>;
  /** The credentials of a list whose status is not plain active, with their ordinals. */
  listFlagged(listId: string): Promise<Array<{ ordinal: number; revoked: boolean; suspended: boolean }>>;
  /** Current state; a credential never changed is active (both false). */
  stateOf(credentialId: string): Promise<CredentialStatusState>;
  /**
   * Appends the event and sets the new state in one atomic step, only if the current
   * state still equals `expected` (compare-and-set); also bumps the list's version.
   * Returns false, writing nothing, when the state changed meanwhile.
   */
  applyChange(position: StatusPosition, expected: CredentialStatusState, next: CredentialStatusState, event: StatusEvent): Promise<boolean>;
  /** The status log of one credential, oldest first. */
  eventsFor(credentialId: string): Promise<StatusEvent[]>;
}

/**
 * A recognition this service holds on its own authority: entered by the operator
 * (`operator`), or granted to a hosted issuer and published as a signed
 * RecognizedEntityCredential on GET /trust-list (`hosted`, with that credential's id).
 * The entry itself is JSON shaped by trust/trust-entry.ts; the store does not read it.
 */
export interface TrustEntryRecord {
  id: string;
  origin: 'operator' | 'hosted';
  /** The DID the entry recognizes, for lookups. */
  subjectDid: string;
  entry: Record<string, unknown>;
  credentialId?: string;
  createdAt: string;
  withdrawnAt?: string;
}

export interface TrustEntryStore {
  /** Fails with `StoreConflictError` if the id exists. */
  add(record: TrustEntryRecord): Promise<void>;
  findById(id: string): Promise<TrustEntryRecord | undefined>;
  /** Every entry, withdrawn ones included, oldest first. */
  list(): Promise<TrustEntryRecord[]>;
  /** Marks the entry withdrawn (kept, for the record); false when there is no such entry or it was withdrawn already. */
  withdraw(id: string, at: string): Promise<boolean>;
}

/**
 * Where an offer is in its life: `offered` (the wallet may exchange its pre-authorized code),
 * `redeemed` (the code was exchanged for an access token, once), `delivered` (a credential was
 * issued to the wallet, once). An offer never goes back, except `delivered` → `redeemed` when the
 * issue that followed the claim failed and no credential was handed out.
 */
export type OfferState = 'offered' | 'redeemed' | 'delivered';

/**
 * An OpenID4VCI credential offer of one stored credential. Its secrets are stored only as
 * hashes: the pre-authorized code (which is also the last segment of the offer URI) and the
 * transaction code (PIN), hashed together with the code so that a copy of the database does
 * not give the PINs away.
 */
export interface CredentialOfferRecord {
  id: string;
  issuerId: string;
  /** The stored credential whose claims are re-issued to the wallet's holder DID. */
  credentialId: string;
  /** SHA-256 of the pre-authorized code, hex. */
  codeHash: string;
  /** SHA-256 of the code and the transaction code, hex. */
  txCodeHash: string;
  state: OfferState;
  /** Wrong transaction codes tried so far; the offer is refused from a limit on. */
  failedTxCodes: number;
  createdAt: string;
  expiresAt: string;
  redeemedAt?: string;
  deliveredAt?: string;
  /** The credential issued to the wallet. */
  deliveredCredentialId?: string;
}

export interface CredentialOfferStore {
  /** Fails with `StoreConflictError` if the id or the code hash exists. */
  add(offer: CredentialOfferRecord): Promise<void>;
  findByCodeHash(codeHash: string): Promise<CredentialOfferRecord | undefined>;
  findById(id: string): Promise<CredentialOfferRecord | undefined>;
  /** The offers of one credential, oldest first. */
  listForCredential(credentialId: string): Promise<CredentialOfferRecord[]>;
  /** Counts one more wrong transaction code atomically; returns the new count. */
  recordFailedTxCode(id: string): Promise<number>;
  /**
   * Moves the offer from `from` to `to` only if it is in `from` now (compare-and-set), setting
   * the given fields (`undefined` clears one); false, writing nothing, otherwise.
   */
  transition(
    id: string,
    from: OfferState,
    to: OfferState,
    fields?: { redeemedAt?: string; deliveredAt?: string | undefined; deliveredCredentialId?: string | undefined },
  ): Promise<boolean>;
}

export type BatchMode = 'all-or-nothing' | 'valid-rows';
export type BatchJobState = 'running' | 'completed';
/** pending: to issue; issued: a credential made by this job; replayed: the credential an earlier
 * submission made under the same rowKey; invalid: refused at validation (valid-rows mode); failed: refused while issuing. */
export type BatchRowStatus = 'pending' | 'issued' | 'replayed' | 'invalid' | 'failed';

/** A batch of credentials of one issuer and one profile, issued as a job (batch/). */
export interface BatchJobRecord {
  id: string;
  issuerId: string;
  profile: string;
  format: CredentialFormat;
  mode: BatchMode;
  total: number;
  state: BatchJobState;
  createdAt: string;
  finishedAt?: string;
  /** Each issued row gets an OpenID4VCI credential offer (its URI and PIN are in the job's results). */
  offers?: boolean;
}

/** Who runs a job: one runner at a time (the service, the CLI, another process on the same file), until `expiresAt`. */
export interface BatchLease {
  owner: string;
  /** ISO time; the owner renews it with every committed group. A crashed runner's lease runs out and another takes the job. */
  expiresAt: string;
}

/** The wallet offer made for a batch row: the offer (hashes only) and its code and PIN sealed for the school's results. */
export interface BatchRowOffer {
  record: CredentialOfferRecord;
  /** `{offerUri, txCode, expiresAt}` sealed with the master key (AAD: job and row); only the job's results open it. */
  sealed: string;
}

export interface BatchRowRecord {
  jobId: string;
  /** The row number the caller knows (CSV: the spreadsheet row, header = 1; JSON: the item index). */
  row: number;
  rowKey?: string;
  /** The Idempotency-Key claim the row is issued under (derived from rowKey, or from the job and row). */
  idempotencyKey: string;
  /** The profile request of a pending row; cleared once the job is finished (holder data is not kept twice). */
  request?: Record<string, unknown>;
  status: BatchRowStatus;
  credentialId?: string;
  errors?: BatchRowError[];
  /** The row's wallet offer (jobs with offers), sealed; see BatchRowOffer. */
  offerId?: string;
  sealedOffer?: string;
}

/** Why a row was refused: the same shape as a problem's `errors[]` entry (a JSON Pointer and a reason). */
export interface BatchRowError {
  pointer: string;
  detail: string;
}

/** One credential a batch has signed, with the claim it is issued under. */
export interface BatchIssuedRow {
  row: number;
  record: CredentialRecord;
  claim: IdempotencyClaim;
  /** Its wallet offer (jobs with offers): stored with the credential, for the credential the row ends up with. */
  offer?: BatchRowOffer;
}

/** What one group of a job comes to: signed credentials to store, rows already issued before (replays), rows refused. */
export interface BatchGroup {
  issued: BatchIssuedRow[];
  replayed: Array<{ row: number; credentialId: string; offer?: BatchRowOffer }>;
  failed: Array<{ row: number; errors: BatchRowError[] }>;
}

export type BatchRowOutcome = { row: number; status: 'issued' | 'replayed'; credentialId: string } | { row: number; status: 'failed'; errors: BatchRowError[] };

export interface BatchJobStore {
  /** The job and all its rows, in one write. */
  create(job: BatchJobRecord, rows: BatchRowRecord[]): Promise<void>;
  findById(id: string): Promise<BatchJobRecord | undefined>;
  /** Rows by row number, without their requests (the results). */
  rows(jobId: string): Promise<BatchRowRecord[]>;
  /** The rows still to issue, with their requests, by row number. */
  pendingRows(jobId: string): Promise<BatchRowRecord[]>;
  /**
   * Takes the job for `lease.owner` if nobody holds it, the owner already does, or the holder's
   * lease has run out (before `now`): atomically, so of two runners only one gets it. False otherwise
   * (also for a completed job).
   */
  takeLease(jobId: string, lease: BatchLease, now: string): Promise<boolean>;
  /** Gives the job up (a runner stopping cleanly), so another can take it at once. */
  releaseLease(jobId: string, owner: string): Promise<void>;
  counts(jobId: string): Promise<Record<BatchRowStatus, number>>;
  /**
   * Saves a group of signed credentials, their idempotency claims and the row results
   * together (SQLite: one transaction, one fsync). A claim already taken answers
   * `replayed` with the credential stored under it when the request hash matches,
   * `failed` otherwise; nothing is ever stored twice. `replayed` and `failed` rows are recorded as given.
   * A row's offer is stored for the credential it ends up with (none for a failed row).
   * Only while `lease.owner` holds the job, whose lease is renewed to `lease.expiresAt`: otherwise
   * nothing is written and it throws `BatchLeaseLostError`.
   */
  commitRows(jobId: string, group: BatchGroup, lease: BatchLease): Promise<BatchRowOutcome[]>;
  /** Marks the job completed, gives up its lease and forgets the requests of its rows (only by the lease's owner: else BatchLeaseLostError). */
  finish(jobId: string, at: string, owner: string): Promise<void>;
  /** Jobs still running (a process stopped in the middle): resumed at start. */
  listUnfinished(): Promise<BatchJobRecord[]>;
}

export interface Store {
  issuers: IssuerStore;
  credentialOffers: CredentialOfferStore;
  batchJobs: BatchJobStore;
  trustEntries: TrustEntryStore;
  keys: KeyStore;
  apiKeys: ApiKeyStore;
  credentials: CredentialStore;
  status: StatusStore;
  /** A short name for logs and /healthz, e.g. `sqlite` or `mongodb`. */
  readonly kind: string;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A runner lost its job's lease (it ran out and another runner took the job): it must stop working that job. */
export class BatchLeaseLostError extends Error {
  override readonly name = 'BatchLeaseLostError';
}

/** A uniqueness rule of the store was broken (slug taken, id reused). */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
