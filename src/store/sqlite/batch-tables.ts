import type Database from 'better-sqlite3';
import {
  BatchLeaseLostError,
  type BatchGroup,
  type BatchJobRecord,
  type BatchJobStore,
  type BatchLease,
  type BatchRowError,
  type BatchRowOffer,
  type BatchRowOutcome,
  type BatchRowRecord,
  type BatchRowStatus,
} from '../ports.js';
import { offerInsert } from './offer-table.js';
import { toConflict } from './constraint-errors.js';
import { credentialInsert } from './credential-table.js';

interface JobRow {
  id: string;
  issuer_id: string;
  profile: string;
  format: BatchJobRecord['format'];
  mode: BatchJobRecord['mode'];
  total: number;
  state: BatchJobRecord['state'];
  created_at: string;
  finished_at: string | null;
  offers: number;
}

interface RowRow {
  job_id: string;
  row: number;
  row_key: string | null;
  idempotency_key: string;
  request: string | null;
  status: BatchRowStatus;
  credential_id: string | null;
  errors: string | null;
  offer_id: string | null;
  sealed_offer: string | null;
}

const NO_COUNTS: Record<BatchRowStatus, number> = { pending: 0, issued: 0, replayed: 0, invalid: 0, failed: 0 };

export function sqliteBatchJobStore(db: Database.Database): BatchJobStore {
  const insertJob = db.prepare(
    `INSERT INTO batch_jobs (id, issuer_id, profile, format, mode, total, state, created_at, finished_at, offers)
     VALUES (@id, @issuerId, @profile, @format, @mode, @total, @state, @createdAt, @finishedAt, @offers)`,
  );
  const insertRow = db.prepare(
    `INSERT INTO batch_rows (job_id, row, row_key, idempotency_key, request, status, credential_id, errors)
     VALUES (@jobId, @row, @rowKey, @idempotencyKey, @request, @status, @credentialId, @errors)`,
  );
  const jobById = db.prepare<[string], JobRow>('SELECT * FROM batch_jobs WHERE id = ?');
  // The results never need the requests (the largest column): only the runner reads them, of pending rows.
  const allRows = db.prepare<[string], RowRow>(
    'SELECT job_id, row, row_key, idempotency_key, NULL AS request, status, credential_id, errors, offer_id, sealed_offer FROM batch_rows WHERE job_id = ? ORDER BY row',
  );
  const pendingRows = db.prepare<[string], RowRow>(`SELECT * FROM batch_rows WHERE job_id = ? AND status = 'pending' ORDER BY row`);
  const takeLease = db.prepare(
    `UPDATE batch_jobs SET lease_owner = @owner, lease_expires_at = @expiresAt
     WHERE id = @jobId AND state = 'running' AND (lease_owner IS NULL OR lease_owner = @owner OR lease_expires_at < @now)`,
  );
  const renewLease = db.prepare(`UPDATE batch_jobs SET lease_expires_at = @expiresAt WHERE id = @jobId AND lease_owner = @owner AND state = 'running'`);
  const releaseLease = db.prepare('UPDATE batch_jobs SET lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?');
  const insertOffer = offerInsert(db);
  const counts = db.prepare<[string], { status: BatchRowStatus; n: number }>('SELECT status, count(*) AS n FROM batch_rows WHERE job_id = ? GROUP BY status');
  const setRow = db.prepare(
    `UPDATE batch_rows SET status = @status, credential_id = @credentialId, errors = @errors, request = NULL,
       offer_id = @offerId, sealed_offer = @sealedOffer
     WHERE job_id = @jobId AND row = @row AND status = 'pending'`,
  );
  const claimKey = db.prepare(
    `INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id)
     VALUES (@issuerId, @key, @requestHash, @credentialId)`,
  );
  const claimed = db.prepare<[string, string], { request_hash: string; credential_id: string }>(
    'SELECT request_hash, credential_id FROM idempotency_keys WHERE issuer_id = ? AND key = ?',
  );
  const finish = db.prepare(
    `UPDATE batch_jobs SET state = 'completed', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND lease_owner = ?`,
  );
  const forgetRequests = db.prepare('UPDATE batch_rows SET request = NULL WHERE job_id = ? AND request IS NOT NULL');
  const unfinished = db.prepare<[], JobRow>(`SELECT * FROM batch_jobs WHERE state = 'running' ORDER BY created_at, rowid`);
  const insertCredential = credentialInsert(db);

  const create = db.transaction((job: BatchJobRecord, rows: BatchRowRecord[]) => {
    insertJob.run({ ...job, finishedAt: job.finishedAt ?? null, offers: job.offers === true ? 1 : 0 });
    for (const row of rows) {
      insertRow.run({
        jobId: row.jobId,
        row: row.row,
        rowKey: row.rowKey ?? null,
        idempotencyKey: row.idempotencyKey,
        request: row.request === undefined ? null : JSON.stringify(row.request),
        status: row.status,
        credentialId: row.credentialId ?? null,
        errors: row.errors === undefined ? null : JSON.stringify(row.errors),
      });
    }
  });

  // One IMMEDIATE transaction per group: its credentials, their claims and the row results
  // are durable together (one fsync), or not at all.
  const commit = db.transaction((jobId: string, { issued, replayed, failed }: BatchGroup, lease: BatchLease) => {
    // Inside the transaction: a runner whose lease ran out (another took the job) writes nothing.
    if (renewLease.run({ jobId, owner: lease.owner, expiresAt: lease.expiresAt }).changes !== 1) {
      throw new BatchLeaseLostError(`Batch job ${jobId} is no longer leased to ${lease.owner}.`);
    }
    const outcomes: BatchRowOutcome[] = [];
    const offers = new Map<number, BatchRowOffer>();
    for (const { row, record, claim, offer } of issued) {
      let outcome: BatchRowOutcome;
      // The write lock is held (IMMEDIATE), so a key free now is still free when claimed below; the primary key decides anyway.
      const first = claimed.get(claim.issuerId, claim.key);
      if (first === undefined) {
        // The credential before its claim: a claim written first is a pending (deferred) reference, and while one
        // is pending SQLite scans the whole claims table for every credential inserted (10,000 rows: seconds).
        insertCredential(record);
        claimKey.run({ ...claim, credentialId: record.id });
        outcome = { row, status: 'issued', credentialId: record.id };
      } else {
        outcome =
          first.request_hash === claim.requestHash
            ? { row, status: 'replayed', credentialId: first.credential_id }
            : { row, status: 'failed', errors: [{ pointer: '/rowKey', detail: 'was already used for a credential with other data' }] };
      }
      outcomes.push(outcome);
      if (offer !== undefined) offers.set(row, offer);
    }
    for (const { row, credentialId, offer } of replayed) {
      outcomes.push({ row, status: 'replayed', credentialId });
      if (offer !== undefined) offers.set(row, offer);
    }
    for (const { row, errors } of failed) outcomes.push({ row, status: 'failed', errors });
    for (const outcome of outcomes) {
      // The offer is for the credential the row ends up with (a claim found taken: the earlier credential).
      const offer = outcome.status === 'failed' ? undefined : offers.get(outcome.row);
      if (offer !== undefined && outcome.status !== 'failed') insertOffer({ ...offer.record, credentialId: outcome.credentialId });
      setRow.run({
        jobId,
        row: outcome.row,
        status: outcome.status,
        credentialId: outcome.status === 'failed' ? null : outcome.credentialId,
        errors: outcome.status === 'failed' ? JSON.stringify(outcome.errors) : null,
        offerId: offer?.record.id ?? null,
        sealedOffer: offer?.sealed ?? null,
      });
    }
    return outcomes;
  });

  return {
    async create(job, rows) {
      try {
        create.immediate(job, rows);
      } catch (error) {
        throw toConflict(error, `Batch job ${job.id}`);
      }
    },
    async findById(id) {
      const row = jobById.get(id);
      return row === undefined ? undefined : toJob(row);
    },
    async rows(jobId) {
      return allRows.all(jobId).map(toRow);
    },
    async pendingRows(jobId) {
      return pendingRows.all(jobId).map(toRow);
    },
    async takeLease(jobId, lease, now) {
      return takeLease.run({ jobId, owner: lease.owner, expiresAt: lease.expiresAt, now }).changes === 1;
    },
    async releaseLease(jobId, owner) {
      releaseLease.run(jobId, owner);
    },
    async counts(jobId) {
      const result = { ...NO_COUNTS };
      for (const { status, n } of counts.all(jobId)) result[status] = n;
      return result;
    },
    async commitRows(jobId, group, lease) {
      return commit.immediate(jobId, group, lease);
    },
    async finish(jobId, at, owner) {
      db.transaction(() => {
        if (finish.run(at, jobId, owner).changes !== 1) throw new BatchLeaseLostError(`Batch job ${jobId} is no longer leased to ${owner}.`);
        forgetRequests.run(jobId);
      }).immediate();
    },
    async listUnfinished() {
      return unfinished.all().map(toJob);
    },
  };
}

function toJob(row: JobRow): BatchJobRecord {
  return {
    id: row.id,
    issuerId: row.issuer_id,
    profile: row.profile,
    format: row.format,
    mode: row.mode,
    total: row.total,
    state: row.state,
    createdAt: row.created_at,
    ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
    ...(row.offers === 1 ? { offers: true } : {}),
  };
}

function toRow(row: RowRow): BatchRowRecord {
  return {
    jobId: row.job_id,
    row: row.row,
    ...(row.row_key === null ? {} : { rowKey: row.row_key }),
    idempotencyKey: row.idempotency_key,
    ...(row.request === null ? {} : { request: JSON.parse(row.request) as Record<string, unknown> }),
    status: row.status,
    ...(row.credential_id === null ? {} : { credentialId: row.credential_id }),
    ...(row.errors === null ? {} : { errors: JSON.parse(row.errors) as BatchRowError[] }),
    ...(row.offer_id === null ? {} : { offerId: row.offer_id }),
    ...(row.sealed_offer === null ? {} : { sealedOffer: row.sealed_offer }),
  };
}
