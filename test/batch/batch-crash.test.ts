import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { freePort, startMain, stop } from '../helpers/main-process.js';
import { recordSecret } from '../helpers/run-log.js';
import { diplomaRow, toCsv } from './batch-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

const ADMIN_TOKEN = 'crash-admin-token-0123456789';

describe('batch job: SIGKILL in the middle, then restart', function () {
  this.timeout(240_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'passerelle-crash-'));
    recordSecret(ADMIN_TOKEN);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses nothing reported done, issues nothing twice, and completes the job after restart', async () => {
    const port = await freePort();
    // A short lease: the killed runner's lease has to run out before the restarted one takes the job.
    const env = {
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      BATCH_LEASE_SECONDS: '3',
    };
    const base = `http://localhost:${port}`;
    const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
      const response = await fetch(base + path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text.startsWith('{') || text.startsWith('[') ? (JSON.parse(text) as Json) : undefined,
        text,
      };
    };

    let { child } = await startMain(env);
    const created = await call('POST', '/admin/issuers', JSON.stringify({ slug: 'crash-school', legalName: 'Crash School', country: 'MA' }), {
      'content-type': 'application/json',
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    expect(created.status, created.text).to.equal(201);
    const key = created.body?.apiKey as string;
    recordSecret(key);
    const auth = { authorization: `Bearer ${key}` };

    const total = 2000;
    const csv = toCsv(Array.from({ length: total }, (_, index) => diplomaRow(index, { rowKey: `crash-${index}` })));
    const submitted = await call('POST', '/issuers/crash-school/credentials/batch?profile=diploma&format=jwt', csv, { 'content-type': 'text/csv', ...auth });
    expect(submitted.status, submitted.text).to.equal(202);
    const location = submitted.headers.get('location') as string;

    // Wait until some groups are committed, then kill the process without warning.
    let before: Json = {};
    for (;;) {
      before = (await call('GET', location, undefined, auth)).body as Json;
      if (before.done > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    process.stderr.write(`killing at done=${String(before.done)}\n`);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(before.done, 'killed before the end').to.be.below(total);
    const reportedDone = (before.results as Json[]).filter((row) => row.status === 'issued');
    expect(reportedDone.length).to.equal(before.done);

    // Restart on the same data: the job resumes by itself.
    ({ child } = await startMain(env));
    try {
      let after: Json = {};
      for (let attempt = 0; attempt < 1200; attempt += 1) {
        after = (await call('GET', location, undefined, auth)).body as Json;
        if (attempt % 50 === 0) process.stderr.write(`after restart: ${after.state} done=${String(after.done)} ${after.title ?? ''}\n`);
        if (after.state === 'completed') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(after).to.include({ state: 'completed', total, failed: 0, pending: 0 });
      expect(after.done).to.equal(total);

      // Every credential reported done before the kill is still there, under the same id, and verifies.
      const rowsAfter = new Map((after.results as Json[]).map((row) => [row.row, row]));
      for (const row of reportedDone) expect(rowsAfter.get(row.row)?.credentialId).to.equal(row.credentialId);
      for (const row of reportedDone.slice(0, 50)) {
        const stored = await call('GET', `/credentials/${row.credentialId.split('/').pop()}`, undefined, auth);
        const verified = await call('POST', '/credentials/verify', JSON.stringify({ verifiableCredential: stored.body?.verifiableCredential }), {
          'content-type': 'application/json',
        });
        expect(verified.body?.verified, verified.text).to.equal(true);
      }
    } finally {
      await stop(child);
    }

    // In the store itself: exactly one credential per rowKey (the holder's national id carries the row index).
    const db = new Database(join(dataDir, 'passerelle.sqlite'), { readonly: true });
    try {
      const jwts = db.prepare('SELECT jwt FROM credentials WHERE jwt IS NOT NULL').pluck().all() as string[];
      const perRow = new Map<string, number>();
      for (const jwt of jwts) {
        const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Json;
        const name = payload.credentialSubject?.name as string;
        perRow.set(name, (perRow.get(name) ?? 0) + 1);
      }
      expect(perRow.size).to.equal(total);
      expect([...perRow.values()].every((count) => count === 1)).to.equal(true);
    } finally {
      db.close();
    }
  });
});
