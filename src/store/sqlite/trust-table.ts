import type Database from 'better-sqlite3';
import type { TrustEntryRecord, TrustEntryStore } from '../ports.js';
import { toConflict } from './constraint-errors.js';

interface TrustEntryRow {
  id: string;
  origin: TrustEntryRecord['origin'];
  subject_did: string;
  entry: string;
  credential_id: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

export function sqliteTrustEntryStore(db: Database.Database): TrustEntryStore {
  const insert = db.prepare(
    `INSERT INTO trust_entries (id, origin, subject_did, entry, credential_id, created_at, withdrawn_at)
     VALUES (@id, @origin, @subjectDid, @entry, @credentialId, @createdAt, @withdrawnAt)`,
  );
  const byId = db.prepare<[string], TrustEntryRow>('SELECT * FROM trust_entries WHERE id = ?');
  const all = db.prepare<[], TrustEntryRow>('SELECT * FROM trust_entries ORDER BY created_at, rowid');
  const withdraw = db.prepare('UPDATE trust_entries SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL');
  return {
    async add(record) {
      try {
        insert.run({
          id: record.id,
          origin: record.origin,
          subjectDid: record.subjectDid,
          entry: JSON.stringify(record.entry),
          credentialId: record.credentialId ?? null,
          createdAt: record.createdAt,
          withdrawnAt: record.withdrawnAt ?? null,
        });
      } catch (error) {
        throw toConflict(error, `Trust entry ${record.id}`);
      }
    },
    async findById(id) {
      const row = byId.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    async list() {
      return all.all().map(fromRow);
    },
    async withdraw(id, at) {
      return withdraw.run(at, id).changes === 1;
    },
  };
}

function fromRow(row: TrustEntryRow): TrustEntryRecord {
  return {
    id: row.id,
    origin: row.origin,
    subjectDid: row.subject_did,
    entry: JSON.parse(row.entry) as Record<string, unknown>,
    ...(row.credential_id === null ? {} : { credentialId: row.credential_id }),
    createdAt: row.created_at,
    ...(row.withdrawn_at === null ? {} : { withdrawnAt: row.withdrawn_at }),
  };
}
