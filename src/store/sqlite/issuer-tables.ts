import type Database from 'better-sqlite3';
import type { ApiKeyRecord, ApiKeyStore, DidMethod, IssuerKeyRecord, IssuerRecord, IssuerStore, KeyStatus, KeyStore } from '../ports.js';
import { toConflict } from './constraint-errors.js';

// better-sqlite3 is synchronous; the async methods only give callers the port's
// shape, and turn a thrown error into a rejected promise.

interface IssuerRow {
  id: string;
  slug: string;
  legal_name: string;
  country: string;
  names: string;
  did_method: DidMethod;
  did: string;
  created_at: string;
}

interface KeyRow {
  id: string;
  issuer_id: string;
  public_key_multibase: string;
  sealed_secret_key: string;
  status: KeyStatus;
  created_at: string;
  retired_at: string | null;
}

interface ApiKeyRow {
  id: string;
  issuer_id: string;
  secret_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export function sqliteIssuerStore(db: Database.Database): IssuerStore {
  const insert = db.prepare(
    `INSERT INTO issuers (id, slug, legal_name, country, names, did_method, did, created_at)
     VALUES (@id, @slug, @legalName, @country, @names, @didMethod, @did, @createdAt)`,
  );
  const byId = db.prepare<[string], IssuerRow>('SELECT * FROM issuers WHERE id = ?');
  const bySlug = db.prepare<[string], IssuerRow>('SELECT * FROM issuers WHERE slug = ?');
  const all = db.prepare<[], IssuerRow>('SELECT * FROM issuers ORDER BY created_at, rowid');

  return {
    async create(issuer) {
      try {
        insert.run({ ...issuer, names: JSON.stringify(issuer.names) });
      } catch (error) {
        throw toConflict(error, `Issuer ${issuer.slug}`);
      }
    },
    async findById(id) {
      return optional(byId.get(id), toIssuer);
    },
    async findBySlug(slug) {
      return optional(bySlug.get(slug), toIssuer);
    },
    async list() {
      return all.all().map(toIssuer);
    },
  };
}

export function sqliteKeyStore(db: Database.Database): KeyStore {
  const insert = db.prepare(
    `INSERT INTO issuer_keys (id, issuer_id, public_key_multibase, sealed_secret_key, status, created_at, retired_at)
     VALUES (@id, @issuerId, @publicKeyMultibase, @sealedSecretKey, @status, @createdAt, @retiredAt)`,
  );
  // rowid breaks ties: a rotation gives the new key the old key's retiredAt as createdAt.
  const forIssuer = db.prepare<[string], KeyRow>('SELECT * FROM issuer_keys WHERE issuer_id = ? ORDER BY created_at, rowid');
  const retireActive = db.prepare(`UPDATE issuer_keys SET status = 'retired', retired_at = @retiredAt WHERE issuer_id = @issuerId AND status = 'active'`);

  const add = (key: IssuerKeyRecord): void => {
    try {
      insert.run({ ...key, retiredAt: key.retiredAt ?? null });
    } catch (error) {
      throw toConflict(error, `Key ${key.id}`);
    }
  };
  // Retire first: the unique index allows one active key per issuer at every statement.
  const rotate = db.transaction((issuerId: string, next: IssuerKeyRecord, retiredAt: string) => {
    retireActive.run({ issuerId, retiredAt });
    add(asActiveKey(issuerId, next));
  });

  return {
    async add(key) {
      add(key);
    },
    async listForIssuer(issuerId) {
      return forIssuer.all(issuerId).map(toKey);
    },
    async rotate(issuerId, next, retiredAt) {
      rotate.immediate(issuerId, next, retiredAt);
    },
  };
}

export function sqliteApiKeyStore(db: Database.Database): ApiKeyStore {
  const insert = db.prepare(
    `INSERT INTO api_keys (id, issuer_id, secret_hash, label, created_at, revoked_at)
     VALUES (@id, @issuerId, @secretHash, @label, @createdAt, @revokedAt)`,
  );
  const byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const forIssuer = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE issuer_id = ? ORDER BY created_at, rowid');
  // coalesce keeps the first revocation date: revoking twice does not move it.
  const revoke = db.prepare('UPDATE api_keys SET revoked_at = coalesce(revoked_at, @revokedAt) WHERE id = @id AND issuer_id = @issuerId');

  return {
    async add(key) {
      try {
        insert.run({ ...key, label: key.label ?? null, revokedAt: key.revokedAt ?? null });
      } catch (error) {
        throw toConflict(error, `API key ${key.id}`);
      }
    },
    async findById(id) {
      return optional(byId.get(id), toApiKey);
    },
    async listForIssuer(issuerId) {
      return forIssuer.all(issuerId).map(toApiKey);
    },
    async revoke(issuerId, id, revokedAt) {
      return revoke.run({ issuerId, id, revokedAt }).changes > 0;
    },
  };
}

function optional<Row, T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row === undefined ? undefined : map(row);
}

/** The key `rotate` stores: active, for that issuer, never with a retiredAt. */
function asActiveKey(issuerId: string, next: IssuerKeyRecord): IssuerKeyRecord {
  const { id, publicKeyMultibase, sealedSecretKey, createdAt } = next;
  return { id, issuerId, publicKeyMultibase, sealedSecretKey, status: 'active', createdAt };
}

function toIssuer(row: IssuerRow): IssuerRecord {
  return {
    id: row.id,
    slug: row.slug,
    legalName: row.legal_name,
    country: row.country,
    names: JSON.parse(row.names) as Record<string, string>,
    didMethod: row.did_method,
    did: row.did,
    createdAt: row.created_at,
  };
}

// Optional fields are left out, not set to undefined, so records compare equal to
// what was stored and serialise without `null`s.
function toKey(row: KeyRow): IssuerKeyRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    publicKeyMultibase: row.public_key_multibase,
    sealedSecretKey: row.sealed_secret_key,
    status: row.status,
    createdAt: row.created_at,
    ...(row.retired_at === null ? {} : { retiredAt: row.retired_at }),
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    ...(row.label === null ? {} : { label: row.label }),
    ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  };
}
