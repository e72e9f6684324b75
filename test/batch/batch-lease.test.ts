import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { diplomaRow, toCsv } from './batch-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

/** Two runners on one SQLite file (the service and the CLI, or two processes): one works a job at a time. */
describe('batch job lease: one runner per job', function () {
  this.timeout(180_000);
  const env = { BATCH_LEASE_SECONDS: '2' };
  let first: TestApp;
  let second: TestApp;
  let issuer: { slug: string; apiKey: string; id: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    first = await startTestApp({ env });
    second = await startTestApp({ env, dataDir: first.dataDir });
    issuer = await first.createIssuer();
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  async function submit(rows: number, prefix: string): Promise<string> {
    const csv = toCsv(Array.from({ length: rows }, (_, index) => diplomaRow(index, { rowKey: `${prefix}-${index}` })));
    const response = await first.request('POST', `/issuers/${issuer.slug}/credentials/batch?profile=diploma&format=jwt`, csv, {
      'content-type': 'text/csv',
      ...auth(),
    });
    expect(response.status, response.text).to.equal(202);
    return response.body.id as string;
  }

  async function until(jobId: string, done: (job: Json) => boolean): Promise<Json> {
    for (;;) {
      // A poll that loses a kept-alive connection to the server closing it is just polled again.
      const job = (await first.get(`/jobs/${jobId}`, auth()).catch(() => ({ body: {} }))).body as Json;
      if (done(job)) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  function credentialsPerRowKey(jobId: string): number[] {
    const db = new Database(join(first.dataDir, 'passerelle.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT count(DISTINCT k.credential_id) FROM batch_rows r JOIN idempotency_keys k ON k.key = r.idempotency_key
           JOIN credentials c ON c.id = k.credential_id WHERE r.job_id = ? GROUP BY r.row`,
        )
        .pluck()
        .all(jobId) as number[];
    } finally {
      db.close();
    }
  }

  it('leaves a job its runner holds alone, and takes it over once a crashed runner\u2019s lease has run out', async () => {
    const total = 3000;
    const jobId = await submit(total, 'lease');

    // The first runner "crashes" right after committing its first group: its lease passes to an owner that
    // will never renew it (8 s). From here on nobody may write to the job until that lease has run out.
    // Taken in the progress event of that commit, before the runner goes on (a poll could come too late:
    // the whole job takes about a second).
    const { crashedUntil, taken } = await new Promise<{ crashedUntil: number; taken: boolean }>((resolve, reject) => {
      const unsubscribe = first.services.batchJobs.subscribe(jobId, (progress) => {
        if (progress.done === 0) return;
        unsubscribe();
        const now = Date.now();
        first.services.store.batchJobs
          .takeLease(jobId, { owner: 'a-runner-that-crashed', expiresAt: new Date(now + 8000).toISOString() }, new Date(now + 3_600_000).toISOString())
          .then((result) => resolve({ crashedUntil: now + 8000, taken: result }), reject);
      });
    });
    expect(taken).to.equal(true);
    expect((await first.services.store.batchJobs.counts(jobId)).pending, 'stolen while rows were pending').to.be.above(0);

    // The second runner finds the job unfinished, but leased: it does not run it (yet).
    expect(await second.services.batchJobs.resumeUnfinished()).to.equal(0);
    expect(Date.now(), 'looked before the lease ran out').to.be.below(crashedUntil);
    expect((await first.services.store.batchJobs.findById(jobId))?.state).to.equal('running');

    const finished = await until(jobId, (job) => job.state === 'completed');
    expect(finished).to.include({ total, done: total, failed: 0, pending: 0 });
    expect(Date.now(), 'taken over only after the lease ran out').to.be.at.least(crashedUntil);
    // The first runner stopped at its next commit instead of writing under a lease it no longer held.
    expect(first.logs.join('\n')).to.include('is no longer leased to');
    // Exactly one credential per row, whichever runner signed it.
    const perRow = credentialsPerRowKey(jobId);
    expect(perRow).to.have.length(total);
    expect(perRow.every((count) => count === 1)).to.equal(true);
  });

  it('gives the job up on a clean stop, so that another runner continues it without waiting', async () => {
    const third = await startTestApp({ env: { BATCH_LEASE_SECONDS: '60' }, dataDir: first.dataDir });
    const csv = toCsv(Array.from({ length: 2000 }, (_, index) => diplomaRow(index, { rowKey: `stop-${index}` })));
    const response = await third.request('POST', `/issuers/${issuer.slug}/credentials/batch?profile=diploma&format=jwt`, csv, {
      'content-type': 'text/csv',
      ...auth(),
    });
    expect(response.status, response.text).to.equal(202);
    const jobId = response.body.id as string;
    // Stopped at once: it finishes the groups under way (at most 2 × 250 rows of the 2,000), then gives the job up.
    await third.close();
    const stoppedAt = Date.now();
    expect((await first.services.store.batchJobs.findById(jobId))?.state).to.equal('running');
    // Released, not left to run out (60 s): taken at once.
    expect(await second.services.batchJobs.resumeUnfinished()).to.equal(1);
    const finished = await until(jobId, (job) => job.state === 'completed');
    expect(finished).to.include({ done: 2000, failed: 0 });
    expect(Date.now() - stoppedAt).to.be.below(60_000);
    expect(credentialsPerRowKey(jobId).every((count) => count === 1)).to.equal(true);
  });
});
