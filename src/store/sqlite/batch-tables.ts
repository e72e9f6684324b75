import type Database from 'better-sqlite3';
import type { BatchGroup, BatchJobRecord, BatchJobStore, BatchRowError, BatchRowOutcome, BatchRowRecord, BatchRowStatus } from '../ports.js';
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
}

const NO_COUNTS: Record<BatchRowStatus, number> = { pending: 0, issued: 0, replayed: 0, invalid: 0, failed: 0 };

export function sqliteBatchJobStore(db: Database.Database): BatchJobStore {
  const insertJob = db.prepare(
    `INSERT INTO batch_jobs (id, issuer_id, profile, format, mode, total, state, created_at, finished_at)
     VALUES (@id, @issuerId, @profile, @format, @mode, @total, @state, @createdAt, @finishedAt)`,
  );
  const insertRow = db.prepare(
    `INSERT INTO batch_rows (job_id, row, row_key, idempotency_key, request, status, credential_id, errors)
     VALUES (@jobId, @row, @rowKey, @idempotencyKey, @request, @status, @credentialId, @errors)`,
  );
  const jobById = db.prepare<[string], JobRow>('SELECT * FROM batch_jobs WHERE id = ?');
  const allRows = db.prepare<[string], RowRow>('SELECT * FROM batch_rows WHERE job_id = ? ORDER BY row');
  const rowsWithStatus = db.prepare<[string, string], RowRow>('SELECT * FROM batch_rows WHERE job_id = ? AND status = ? ORDER BY row');
  const counts = db.prepare<[string], { status: BatchRowStatus; n: number }>('SELECT status, count(*) AS n FROM batch_rows WHERE job_id = ? GROUP BY status');
  const setRow = db.prepare(
    `UPDATE batch_rows SET status = @status, credential_id = @credentialId, errors = @errors, request = NULL
     WHERE job_id = @jobId AND row = @row AND status = 'pending'`,
  );
  const claimKey = db.prepare(
    `INSERT INTO idempotency_keys (issuer_id, key, request_hash, credential_id)
     VALUES (@issuerId, @key, @requestHash, @credentialId)
     ON CONFLICT (issuer_id, key) DO NOTHING`,
  );
  const claimed = db.prepare<[string, string], { request_hash: string; credential_id: string }>(
    'SELECT request_hash, credential_id FROM idempotency_keys WHERE issuer_id = ? AND key = ?',
  );
  const finish = db.prepare(`UPDATE batch_jobs SET state = 'completed', finished_at = ? WHERE id = ?`);
  const forgetRequests = db.prepare('UPDATE batch_rows SET request = NULL WHERE job_id = ? AND request IS NOT NULL');
  const unfinished = db.prepare<[], JobRow>(`SELECT * FROM batch_jobs WHERE state = 'running' ORDER BY created_at, rowid`);
  const insertCredential = credentialInsert(db);

  const create = db.transaction((job: BatchJobRecord, rows: BatchRowRecord[]) => {
    insertJob.run({ ...job, finishedAt: job.finishedAt ?? null });
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
  const commit = db.transaction((jobId: string, { issued, replayed, failed }: BatchGroup) => {
    const outcomes: BatchRowOutcome[] = [];
    for (const { row, record, claim } of issued) {
      let outcome: BatchRowOutcome;
      if (claimKey.run({ ...claim, credentialId: record.id }).changes === 1) {
        insertCredential(record);
        outcome = { row, status: 'issued', credentialId: record.id };
      } else {
        const first = claimed.get(claim.issuerId, claim.key);
        if (first === undefined) throw new Error(`Idempotency key ${claim.key} is claimed but not readable.`);
        outcome =
          first.request_hash === claim.requestHash
            ? { row, status: 'replayed', credentialId: first.credential_id }
            : { row, status: 'failed', errors: [{ pointer: '/rowKey', detail: 'was already used for a credential with other data' }] };
      }
      outcomes.push(outcome);
    }
    for (const { row, credentialId } of replayed) outcomes.push({ row, status: 'replayed', credentialId });
    for (const { row, errors } of failed) outcomes.push({ row, status: 'failed', errors });
    for (const outcome of outcomes) {
      setRow.run({
        jobId,
        row: outcome.row,
        status: outcome.status,
        credentialId: outcome.status === 'failed' ? null : outcome.credentialId,
        errors: outcome.status === 'failed' ? JSON.stringify(outcome.errors) : null,
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
    async rows(jobId, options = {}) {
      return (options.status === undefined ? allRows.all(jobId) : rowsWithStatus.all(jobId, options.status)).map(toRow);
    },
    async counts(jobId) {
      const result = { ...NO_COUNTS };
      for (const { status, n } of counts.all(jobId)) result[status] = n;
      return result;
    },
    async commitRows(jobId, group) {
      return commit.immediate(jobId, group);
    },
    async finish(jobId, at) {
      db.transaction(() => {
        finish.run(at, jobId);
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
  };
}
