import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { CredentialRecord, IssuerRecord, Store } from '../../src/store/ports.js';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { aJwtCredential, runStoreContract } from './store-contract.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/save-idempotently.ts', import.meta.url));
const ALLOCATOR = fileURLToPath(new URL('./fixtures/allocate-positions.ts', import.meta.url));

describe('SQLite store', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'passerelle-sqlite-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  runStoreContract('sqlite', async () => openSqliteStore(join(dir, 'contract.sqlite')));

  describe('on disk', () => {
    it('keeps its data when closed and opened again', async () => {
      const file = join(dir, `reopen-${randomUUID()}.sqlite`);
      const issuer = anIssuer();
      const record = aCredential(issuer.id);
      const first = openSqliteStore(file);
      await first.issuers.create(issuer);
      await first.credentials.saveIssued(record, { issuerId: issuer.id, key: 'k1', requestHash: 'h1' });
      await first.close();

      const again = openSqliteStore(file);
      try {
        expect(await again.issuers.findBySlug(issuer.slug)).to.deep.equal(issuer);
        expect(await again.credentials.findByIdempotencyKey(issuer.id, 'k1')).to.deep.equal({ record, requestHash: 'h1' });
      } finally {
        await again.close();
      }
    });

    it('creates the missing folders of its path', async () => {
      const file = join(dir, `nested-${randomUUID()}`, 'deeper', 'passerelle.sqlite');
      const store = openSqliteStore(file);
      await store.close();

      expect(existsSync(file)).to.equal(true);
    });

    it('puts the file in WAL mode', async () => {
      const file = join(dir, `wal-${randomUUID()}.sqlite`);
      await openSqliteStore(file).close();

      // WAL is a property of the file, so a plain connection can see it.
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).to.equal('wal');
      } finally {
        raw.close();
      }
    });

    it('records each migration once, however often the file is opened', async () => {
      const file = join(dir, `migrations-${randomUUID()}.sqlite`);
      await openSqliteStore(file).close();
      await openSqliteStore(file).close();

      const raw = new Database(file, { readonly: true });
      try {
        const versions = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
        expect(versions).to.deep.equal(MIGRATIONS.map((migration) => migration.version));
      } finally {
        raw.close();
      }
    });

    it('numbers its migrations 1, 2, 3… in order', () => {
      expect(MIGRATIONS.map((migration) => migration.version)).to.deep.equal(MIGRATIONS.map((_, index) => index + 1));
    });

    it('refuses a file migrated by a newer release', () => {
      const file = join(dir, `newer-${randomUUID()}.sqlite`);
      openSqliteStore(file).close();
      const raw = new Database(file);
      raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', '2030-01-01T00:00:00Z')").run(MIGRATIONS.length + 1);
      raw.close();

      expect(() => openSqliteStore(file)).to.throw(/newer than this release knows/);
    });

    it('stores a JWT credential once: its JWT, without the envelope that repeats it', async () => {
      const file = join(dir, `jwt-once-${randomUUID()}.sqlite`);
      const store = openSqliteStore(file);
      const issuer = anIssuer();
      const record = aJwtCredential(issuer.id);
      try {
        await store.issuers.create(issuer);
        await store.credentials.saveIssued(record);
        expect(await store.credentials.findById(record.id)).to.deep.equal(record);
      } finally {
        await store.close();
      }
      const raw = new Database(file, { readonly: true });
      try {
        expect(raw.prepare('SELECT credential, jwt FROM credentials WHERE id = ?').get(record.id)).to.deep.equal({ credential: null, jwt: record.jwt });
      } finally {
        raw.close();
      }
    });

    it('reads credentials written before migration 7 (a JWT with its envelope beside it) as before, references kept', async () => {
      const file = join(dir, `before-7-${randomUUID()}.sqlite`);
      const issuer = anIssuer();
      const jwtRecord = aJwtCredential(issuer.id);
      const diRecord = aCredential(issuer.id);
      const old = new Database(file);
      try {
        old.pragma('foreign_keys = ON');
        migrate(old, MIGRATIONS.slice(0, 6));
        old
          .prepare(`INSERT INTO issuers (id, slug, legal_name, country, names, did_method, did, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(issuer.id, issuer.slug, issuer.legalName, issuer.country, JSON.stringify(issuer.names), issuer.didMethod, issuer.did, issuer.createdAt);
        const insert = old.prepare('INSERT INTO credentials (id, issuer_id, format, credential, jwt, issued_at) VALUES (?, ?, ?, ?, ?, ?)');
        insert.run(jwtRecord.id, issuer.id, 'jwt', JSON.stringify(jwtRecord.credential), jwtRecord.jwt, jwtRecord.issuedAt);
        insert.run(diRecord.id, issuer.id, 'di', JSON.stringify(diRecord.credential), null, diRecord.issuedAt);
        old
          .prepare('INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id) VALUES (?, ?, ?, ?)')
          .run(issuer.id, 'k-old', 'h-old', jwtRecord.id);
      } finally {
        old.close();
      }

      const store = openSqliteStore(file);
      try {
        expect(await store.credentials.findById(jwtRecord.id)).to.deep.equal(jwtRecord);
        expect(await store.credentials.findById(diRecord.id)).to.deep.equal(diRecord);
        expect(await store.credentials.findByIdempotencyKey(issuer.id, 'k-old')).to.deep.equal({ record: jwtRecord, requestHash: 'h-old' });
        // Foreign keys are on again after migrating: no credential of an issuer that does not exist.
        const error = await store.credentials.saveIssued(aCredential(randomUUID())).catch((caught: unknown) => caught);
        expect(error)
          .to.be.instanceOf(Error)
          .with.property('message')
          .that.matches(/FOREIGN KEY/);
      } finally {
        await store.close();
      }
      const raw = new Database(file);
      try {
        raw.pragma('foreign_keys = ON');
        expect(raw.pragma('foreign_key_check')).to.deep.equal([]);
        // The tables that reference credentials follow the rebuilt one: a claim of a missing credential is refused.
        expect(() =>
          raw
            .prepare('INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id) VALUES (?, ?, ?, ?)')
            .run(issuer.id, 'k-x', 'h', 'https://missing.example'),
        ).to.throw(/FOREIGN KEY/);
        raw.prepare('INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id) VALUES (?, ?, ?, ?)').run(issuer.id, 'k-y', 'h', diRecord.id);
        expect(raw.prepare('SELECT credential FROM credentials WHERE id = ?').pluck().get(jwtRecord.id)).to.equal(JSON.stringify(jwtRecord.credential));
        expect(raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get('credentials_one_per_position')).to.match(/UNIQUE INDEX/);
      } finally {
        raw.close();
      }
    });

    it('enforces foreign keys: no key for an issuer that does not exist', async () => {
      const store = openSqliteStore(join(dir, `fk-${randomUUID()}.sqlite`));
      try {
        const key = {
          id: 'did:key:z1#z1',
          issuerId: randomUUID(),
          publicKeyMultibase: 'z1',
          sealedSecretKey: 's',
          status: 'active' as const,
          createdAt: '2026-01-01T00:00:00.000Z',
        };
        let error: unknown;
        await store.keys.add(key).catch((caught: unknown) => (error = caught));
        expect(error)
          .to.be.instanceOf(Error)
          .with.property('message')
          .that.matches(/FOREIGN KEY/);
        expect(await store.keys.listForIssuer(key.issuerId)).to.deep.equal([]);
      } finally {
        await store.close();
      }
    });
  });

  describe('shared by two connections (as by two processes)', () => {
    let file: string;
    let a: Store;
    let b: Store;

    beforeEach(() => {
      file = join(dir, `shared-${randomUUID()}.sqlite`);
      a = openSqliteStore(file);
      b = openSqliteStore(file);
    });

    afterEach(async () => {
      await a.close();
      await b.close();
    });

    it('each sees what the other wrote', async () => {
      const issuer = anIssuer();
      await a.issuers.create(issuer);
      expect(await b.issuers.findById(issuer.id)).to.deep.equal(issuer);

      const record = aCredential(issuer.id);
      await b.credentials.saveIssued(record);
      expect(await a.credentials.findById(record.id)).to.deep.equal(record);
    });

    it('lets one save through when both race on one Idempotency-Key', async () => {
      const issuer = anIssuer();
      await a.issuers.create(issuer);
      const claim = { issuerId: issuer.id, key: randomUUID(), requestHash: 'h' };
      const records = Array.from({ length: 10 }, () => aCredential(issuer.id));

      const results = await Promise.all(records.map((record, i) => (i % 2 === 0 ? a : b).credentials.saveIssued(record, claim)));

      expect(results.filter((result) => result.outcome === 'saved')).to.have.length(1);
      const winner = results.find((result) => result.outcome === 'saved')?.record;
      for (const result of results) expect(result.record).to.deep.equal(winner);
      const stored = await Promise.all(records.map((record) => b.credentials.findById(record.id)));
      expect(stored.filter((found) => found !== undefined)).to.have.length(1);
    });
  });

  describe('shared by real processes', () => {
    it('stores exactly one credential per Idempotency-Key when 3 processes save at once', async function () {
      this.timeout(60_000);
      const file = join(dir, `processes-${randomUUID()}.sqlite`);
      const issuer = anIssuer();
      const setup = openSqliteStore(file);
      await setup.issuers.create(issuer);
      await setup.close();
      const keys = Array.from({ length: 200 }, (_, i) => `key-${i}`);

      // Many keys in the same order: the workers run side by side and contend for each key.
      const workers = ['w1', 'w2', 'w3'].map((name) => startWorker(file, issuer.id, name, keys));
      let outcomes: WorkerOutcome[];
      try {
        await Promise.all(workers.map((worker) => worker.ready));
        for (const worker of workers) worker.go();
        outcomes = (await Promise.all(workers.map((worker) => worker.done))).flat() as WorkerOutcome[];
      } finally {
        // A worker that failed must not leave the others waiting on stdin forever.
        for (const worker of workers) worker.stop();
      }

      const check = openSqliteStore(file);
      try {
        for (const key of keys) {
          const attempts = outcomes.filter((outcome) => outcome.key === key);
          expect(attempts, key).to.have.length(3);
          const saved = attempts.filter((attempt) => attempt.outcome === 'saved');
          expect(saved, key).to.have.length(1);
          const winnerId = saved[0]?.credentialId;
          expect(
            attempts.map((attempt) => attempt.recordId),
            key,
          ).to.deep.equal([winnerId, winnerId, winnerId]);
          const stored = await Promise.all(attempts.map((attempt) => check.credentials.findById(attempt.credentialId)));
          expect(
            stored.filter((found) => found !== undefined).map((found) => found?.id),
            key,
          ).to.deep.equal([winnerId]);
        }
      } finally {
        await check.close();
      }
    });

    it('never gives one of 2,400 status positions twice when 4 processes allocate at once', async function () {
      this.timeout(60_000);
      const file = join(dir, `allocations-${randomUUID()}.sqlite`);
      const issuer = anIssuer();
      const setup = openSqliteStore(file);
      await setup.issuers.create(issuer);
      await setup.close();

      const workers = ['a1', 'a2', 'a3', 'a4'].map((name) => startProcess(ALLOCATOR, [file, issuer.id, '600'], name));
      let positions: Array<{ listId: string; ordinal: number }>;
      try {
        await Promise.all(workers.map((worker) => worker.ready));
        for (const worker of workers) worker.go();
        positions = (await Promise.all(workers.map((worker) => worker.done))).flat() as Array<{ listId: string; ordinal: number }>;
      } finally {
        for (const worker of workers) worker.stop();
      }

      expect(positions).to.have.length(2400);
      expect(new Set(positions.map((p) => `${p.listId}/${p.ordinal}`)).size).to.equal(2400);
      // 2,400 positions in lists of 100: exactly 24 lists, each filled 0…99 with no gap.
      const byList = new Map<string, Array<{ ordinal: number }>>();
      for (const p of positions) byList.set(p.listId, [...(byList.get(p.listId) ?? []), p]);
      expect(byList.size).to.equal(24);
      for (const ordinals of byList.values()) {
        expect(ordinals.map((p) => p.ordinal).sort((x, y) => x - y)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i));
      }
    });
  });
});

interface WorkerOutcome {
  key: string;
  outcome: 'saved' | 'replayed';
  credentialId: string;
  recordId: string;
}

/** Runs `fixtures/save-idempotently.ts` in its own Node process. */
function startWorker(file: string, issuerId: string, name: string, keys: string[]) {
  return startProcess(WORKER, [file, issuerId, name, ...keys], name);
}

/** Runs a fixture script in its own Node process; it prints `ready`, waits for `go`, then prints JSON. */
function startProcess(script: string, args: string[], name: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${name} exited with ${code}: ${stderr}`))));
  });
  const ready = new Promise<void>((resolve, reject) => {
    const poll = (): void => {
      if (stdout.startsWith('ready\n')) resolve();
    };
    child.stdout.on('data', poll);
    exited.then(() => reject(new Error(`worker ${name} exited before it was ready: ${stderr}`)), reject);
  });
  const done = exited.then(() => JSON.parse(stdout.slice('ready\n'.length)) as unknown[]);

  return {
    ready,
    done,
    go: () => child.stdin.end('go\n'),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

function anIssuer(): IssuerRecord {
  const slug = `issuer-${randomUUID()}`;
  return {
    id: randomUUID(),
    slug,
    legalName: 'Lycée professionnel',
    country: 'FR',
    names: { fr: 'Lycée professionnel', ar: 'الثانوية المهنية' },
    didMethod: 'web',
    did: `did:web:passerelle.example:issuers:${slug}`,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

function aCredential(issuerId: string): CredentialRecord {
  const id = `https://passerelle.example/credentials/${randomUUID()}`;
  return { id, issuerId, format: 'di', credential: { id, type: ['VerifiableCredential'] }, issuedAt: '2026-01-01T00:00:00.000Z' };
}
