import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../ports.js';
import { sqliteBatchJobStore } from './batch-tables.js';
import { sqliteCredentialStore } from './credential-table.js';
import { sqliteApiKeyStore, sqliteIssuerStore, sqliteKeyStore } from './issuer-tables.js';
import { migrate } from './migrations.js';
import { sqliteCredentialOfferStore } from './offer-table.js';
import { sqliteStatusStore } from './status-tables.js';
import { sqliteTrustEntryStore } from './trust-table.js';

/** How long a write waits for another process's write to finish before failing. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The default store: one file, no server. Several processes may open the same file
 * (WAL lets readers go on while one writes; writers queue for up to BUSY_TIMEOUT_MS).
 */
export function openSqliteStore(filePath: string): Store {
  // Holder names and birth dates live here: the folder and the file are the service user's
  // alone (SQLite gives the -wal and -shm files the database file's mode).
  mkdirSync(dirname(filePath), { recursive: true, mode: 0o700 });
  closeSync(openSync(filePath, 'a', 0o600));
  const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    // busy_timeout comes first (the constructor sets it) so that switching to WAL
    // waits for a process that is busy with the file instead of failing at once.
    db.pragma('journal_mode = WAL');
    // FULL: a credential is answered only after it is stored, so a commit must survive
    // a power cut too (NORMAL in WAL mode may lose the last commits); one fsync per write.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const ping = db.prepare('SELECT 1');
  return {
    kind: 'sqlite',
    issuers: sqliteIssuerStore(db),
    keys: sqliteKeyStore(db),
    apiKeys: sqliteApiKeyStore(db),
    credentials: sqliteCredentialStore(db),
    status: sqliteStatusStore(db),
    trustEntries: sqliteTrustEntryStore(db),
    credentialOffers: sqliteCredentialOfferStore(db),
    batchJobs: sqliteBatchJobStore(db),
    async ping() {
      ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
