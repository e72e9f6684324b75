import type Database from 'better-sqlite3';
import type { CredentialFormat, CredentialRecord, CredentialStore, IdempotencyClaim, SaveIssuedResult } from '../ports.js';
import { credentialJsonToStore, credentialOfStored } from '../stored-credential.js';
import { toConflict } from './constraint-errors.js';

interface CredentialRow {
  id: string;
  issuer_id: string;
  format: CredentialFormat;
  /** NULL for a JWT credential stored as its JWT alone (stored-credential.ts). */
  credential: string | null;
  jwt: string | null;
  issued_at: string;
  status_list_id: string | null;
  status_ordinal: number | null;
}

type ClaimedRow = CredentialRow & { request_hash: string };

/** Inserts one credential row (conflicts as `StoreConflictError`); batch-tables.ts writes through it too. */
export function credentialInsert(db: Database.Database): (record: CredentialRecord) => void {
  const insert = db.prepare(
    `INSERT INTO credentials (id, issuer_id, format, credential, jwt, issued_at, status_list_id, status_ordinal)
     VALUES (@id, @issuerId, @format, @credential, @jwt, @issuedAt, @statusListId, @statusOrdinal)`,
  );
  return (record) => {
    try {
      insert.run({
        id: record.id,
        issuerId: record.issuerId,
        format: record.format,
        credential: credentialJsonToStore(record) ?? null,
        jwt: record.jwt ?? null,
        issuedAt: record.issuedAt,
        statusListId: record.status?.listId ?? null,
        statusOrdinal: record.status?.ordinal ?? null,
      });
    } catch (error) {
      throw toConflict(error, `Credential ${record.id}`);
    }
  };
}

export function sqliteCredentialStore(db: Database.Database): CredentialStore {
  const claimKey = db.prepare(
    `INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id)
     VALUES (@issuerId, @key, @requestHash, @credentialId)`,
  );
  const byId = db.prepare<[string], CredentialRow>('SELECT * FROM credentials WHERE id = ?');
  const byClaim = db.prepare<[string, string], ClaimedRow>(
    `SELECT c.*, k.request_hash FROM idempotency_keys k JOIN credentials c ON c.id = k.credential_id
     WHERE k.issuer_id = ? AND k.key = ?`,
  );

  const store = credentialInsert(db);
  // IMMEDIATE takes the write lock up front, so two processes cannot both read
  // "no claim yet"; the primary key on (issuer_id, key) is what decides regardless.
  // The credential goes in before its claim: a claim written first is a pending (deferred)
  // reference, and while one is pending SQLite scans every claim for the credential inserted.
  // If either insert fails, both roll back.
  const saveClaimed = db.transaction((record: CredentialRecord, claim: IdempotencyClaim): SaveIssuedResult => {
    const first = byClaim.get(claim.issuerId, claim.key);
    if (first !== undefined) return { outcome: 'replayed', record: toCredential(first), requestHash: first.request_hash };
    store(record);
    claimKey.run({ ...claim, credentialId: record.id });
    return { outcome: 'saved', record };
  });

  return {
    async saveIssued(record, claim) {
      if (claim === undefined) {
        store(record);
        return { outcome: 'saved', record };
      }
      return saveClaimed.immediate(record, claim);
    },
    async findById(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : toCredential(row);
    },
    async findByIdempotencyKey(issuerId, key) {
      const row = byClaim.get(issuerId, key);
      return row === undefined ? undefined : { record: toCredential(row), requestHash: row.request_hash };
    },
  };
}

function toCredential(row: CredentialRow): CredentialRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    format: row.format,
    credential: credentialOfStored({ id: row.id, format: row.format, credentialJson: row.credential, jwt: row.jwt }),
    ...(row.jwt === null ? {} : { jwt: row.jwt }),
    issuedAt: row.issued_at,
    ...(row.status_list_id === null || row.status_ordinal === null ? {} : { status: { listId: row.status_list_id, ordinal: row.status_ordinal } }),
  };
}
