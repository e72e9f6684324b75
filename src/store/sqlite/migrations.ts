import type Database from 'better-sqlite3';

/**
 * The SQLite schema, as an ordered list of steps. A change to the schema is a new
 * entry at the end; entries already released are never edited, because files in
 * the field have already run them.
 */
export interface Migration {
  /** 1, 2, 3…: the position in the list, recorded in `schema_migrations`. */
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'issuers, keys, api keys, credentials, idempotency keys',
    // STRICT tables refuse a value of the wrong type instead of silently storing it.
    // JSON columns are TEXT, checked by json_valid so a bad write fails loudly.
    sql: `
      CREATE TABLE issuers (
        id TEXT PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        legal_name TEXT NOT NULL,
        country TEXT NOT NULL,
        names TEXT NOT NULL CHECK (json_valid(names)),
        did_method TEXT NOT NULL CHECK (did_method IN ('web', 'key')),
        did TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE issuer_keys (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        public_key_multibase TEXT NOT NULL,
        sealed_secret_key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
      CREATE INDEX issuer_keys_by_issuer ON issuer_keys (issuer_id, created_at);
      -- The database itself forbids two active keys for one issuer.
      CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys (issuer_id) WHERE status = 'active';

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        secret_hash TEXT NOT NULL,
        label TEXT,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX api_keys_by_issuer ON api_keys (issuer_id, created_at);

      CREATE TABLE credentials (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
        credential TEXT NOT NULL CHECK (json_valid(credential)),
        jwt TEXT,
        issued_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX credentials_by_issuer ON credentials (issuer_id, issued_at);

      -- The primary key decides idempotency races. The claim is written before its
      -- credential in the same transaction, so that reference is checked at commit.
      CREATE TABLE idempotency_keys (
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        credential_id TEXT NOT NULL REFERENCES credentials (id) DEFERRABLE INITIALLY DEFERRED,
        PRIMARY KEY (issuer_id, key)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'status lists, credential status, append-only status events',
    sql: `
      CREATE TABLE status_lists (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        size INTEGER NOT NULL CHECK (size > 0),
        allocated INTEGER NOT NULL CHECK (allocated BETWEEN 0 AND size),
        permutation_key TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX status_lists_by_issuer ON status_lists (issuer_id, created_at);

      ALTER TABLE credentials ADD COLUMN status_list_id TEXT REFERENCES status_lists (id);
      ALTER TABLE credentials ADD COLUMN status_ordinal INTEGER;
      -- Whatever happens in the code above, two credentials can never share a position.
      CREATE UNIQUE INDEX credentials_one_per_position ON credentials (status_list_id, status_ordinal)
        WHERE status_list_id IS NOT NULL;

      -- Only credentials whose status ever changed have a row; no row means active.
      CREATE TABLE credential_status (
        credential_id TEXT PRIMARY KEY REFERENCES credentials (id),
        list_id TEXT NOT NULL REFERENCES status_lists (id),
        ordinal INTEGER NOT NULL,
        revoked INTEGER NOT NULL CHECK (revoked IN (0, 1)),
        suspended INTEGER NOT NULL CHECK (suspended IN (0, 1))
      ) STRICT;
      CREATE INDEX credential_status_by_list ON credential_status (list_id, ordinal);

      CREATE TABLE status_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        credential_id TEXT NOT NULL REFERENCES credentials (id),
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        action TEXT NOT NULL CHECK (action IN ('revoke', 'suspend', 'unsuspend')),
        reason TEXT,
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX status_events_by_credential ON status_events (credential_id, seq);
      -- The log is evidence for auditors: the database refuses to rewrite it.
      CREATE TRIGGER status_events_no_update BEFORE UPDATE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status_events is append-only'); END;
      CREATE TRIGGER status_events_no_delete BEFORE DELETE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status_events is append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'trust entries (operator entries and recognitions of hosted issuers)',
    sql: `
      CREATE TABLE trust_entries (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('operator', 'hosted')),
        subject_did TEXT NOT NULL,
        entry TEXT NOT NULL,
        credential_id TEXT REFERENCES credentials (id),
        created_at TEXT NOT NULL,
        withdrawn_at TEXT
      ) STRICT;
      CREATE INDEX trust_entries_by_subject ON trust_entries (subject_did);
    `,
  },
  {
    version: 4,
    name: 'batch jobs and their rows (cohort issuance)',
    sql: `
      CREATE TABLE batch_jobs (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        profile TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
        mode TEXT NOT NULL CHECK (mode IN ('all-or-nothing', 'valid-rows')),
        total INTEGER NOT NULL CHECK (total >= 0),
        state TEXT NOT NULL CHECK (state IN ('running', 'completed')),
        created_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX batch_jobs_running ON batch_jobs (state) WHERE state = 'running';

      -- A row's result is written in the same transaction as its credential and claim,
      -- so a row marked issued always has its credential, and a crash loses only pending rows.
      CREATE TABLE batch_rows (
        job_id TEXT NOT NULL REFERENCES batch_jobs (id),
        row INTEGER NOT NULL,
        row_key TEXT,
        idempotency_key TEXT NOT NULL,
        request TEXT CHECK (request IS NULL OR json_valid(request)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'issued', 'replayed', 'invalid', 'failed')),
        credential_id TEXT REFERENCES credentials (id),
        errors TEXT CHECK (errors IS NULL OR json_valid(errors)),
        PRIMARY KEY (job_id, row)
      ) STRICT;
      CREATE INDEX batch_rows_by_status ON batch_rows (job_id, status, row);
    `,
  },
  {
    version: 5,
    name: 'OpenID4VCI credential offers (secrets hashed)',
    sql: `
      CREATE TABLE credential_offers (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        credential_id TEXT NOT NULL REFERENCES credentials (id),
        code_hash TEXT NOT NULL UNIQUE,
        tx_code_hash TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('offered', 'redeemed', 'delivered')),
        failed_tx_codes INTEGER NOT NULL CHECK (failed_tx_codes >= 0),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        redeemed_at TEXT,
        delivered_at TEXT,
        delivered_credential_id TEXT REFERENCES credentials (id)
      ) STRICT;
      CREATE INDEX credential_offers_by_credential ON credential_offers (credential_id, created_at);
    `,
  },
  {
    version: 6,
    name: 'Batch jobs: one runner at a time (lease), wallet offers per row',
    sql: `
      -- The runner working the job (service, CLI, another process on this file) and until when;
      -- renewed with every committed group, taken over once it has run out.
      ALTER TABLE batch_jobs ADD COLUMN lease_owner TEXT;
      ALTER TABLE batch_jobs ADD COLUMN lease_expires_at TEXT;
      ALTER TABLE batch_jobs ADD COLUMN offers INTEGER NOT NULL DEFAULT 0 CHECK (offers IN (0, 1));
      -- The row's offer; its URI and PIN sealed under the master key, for the school's results only.
      ALTER TABLE batch_rows ADD COLUMN offer_id TEXT REFERENCES credential_offers (id);
      ALTER TABLE batch_rows ADD COLUMN sealed_offer TEXT;
    `,
  },
  {
    version: 7,
    name: 'A JWT credential stored once: its JWT, without the envelope that repeats it',
    // SQLite cannot drop NOT NULL from a column, so the table is rebuilt (sqlite.org/lang_altertable.html,
    // "making other kinds of table schema changes"): migrate() runs this with foreign keys off and checks
    // them all before committing. The tables that reference credentials name it, so they follow the rename.
    // Rows written before keep their JSON and read as before; store/stored-credential.ts decides what is kept.
    sql: `
      CREATE TABLE credentials_v7 (
        id TEXT PRIMARY KEY,
        issuer_id TEXT NOT NULL REFERENCES issuers (id),
        format TEXT NOT NULL CHECK (format IN ('di', 'jwt')),
        -- The signed JSON; NULL for a JWT credential whose JSON is only the envelope of its JWT.
        credential TEXT CHECK (credential IS NULL OR json_valid(credential)),
        jwt TEXT,
        issued_at TEXT NOT NULL,
        status_list_id TEXT REFERENCES status_lists (id),
        status_ordinal INTEGER,
        CHECK (credential IS NOT NULL OR (format = 'jwt' AND jwt IS NOT NULL))
      ) STRICT;
      INSERT INTO credentials_v7 (id, issuer_id, format, credential, jwt, issued_at, status_list_id, status_ordinal)
        SELECT id, issuer_id, format, credential, jwt, issued_at, status_list_id, status_ordinal FROM credentials;
      DROP TABLE credentials;
      ALTER TABLE credentials_v7 RENAME TO credentials;
      CREATE INDEX credentials_by_issuer ON credentials (issuer_id, issued_at);
      CREATE UNIQUE INDEX credentials_one_per_position ON credentials (status_list_id, status_ordinal)
        WHERE status_list_id IS NOT NULL;
    `,
  },
];

/**
 * Brings the file up to the latest version. It runs in an IMMEDIATE transaction, so
 * when several processes open a new file together, one migrates and the others
 * wait (busy_timeout) and then find nothing left to do.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`SQLite migration "${migration.name}" has version ${migration.version}; expected ${index + 1}.`);
    }
  });

  // A rebuilt table (migration 7) is dropped while other tables still reference it, which foreign
  // keys refuse even when deferred; so they are off while migrating (the pragma is ignored inside a
  // transaction, hence here), every reference is checked before the commit, and they are on again after.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    migrateInTransaction(db, migrations);
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
}

function migrateInTransaction(db: Database.Database, migrations: readonly Migration[]): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const { current } = db.prepare('SELECT coalesce(max(version), 0) AS current FROM schema_migrations').get() as { current: number };
    // A newer release may have reshaped tables this code writes to: refuse rather than guess.
    if (current > migrations.length) {
      throw new Error(`The SQLite file is at schema version ${current}, newer than this release knows (${migrations.length}). Upgrade Passerelle.`);
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
    if (current === migrations.length) return;
    // Only after a change: on a large file the check reads every referencing row.
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0)
      throw new Error(`SQLite migration left ${broken.length} broken reference(s), e.g. ${JSON.stringify(broken[0])}; nothing was changed.`);
  }).immediate();
}
