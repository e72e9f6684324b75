import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { IssueDeps } from '../issue/issue-credential.js';
import { ProblemError } from '../shared/problems.js';
import type { BatchJobRecord, BatchMode, BatchRowRecord, BatchRowStatus, CredentialFormat, IssuerRecord } from '../store/ports.js';
import type { BatchInput } from './batch-input.js';
import { issueGroup } from './issue-group.js';
import { validateBatch } from './validate-batch.js';

/** Batches of at most this many rows are issued within the request (201); larger ones run as a job (202). */
export const SYNC_MAX_ROWS = 20;
/** Rows signed and committed together: one transaction (one fsync) per group. */
const GROUP_SIZE = 250;
/** Groups in flight: one is signed on the main thread while the next is in safe mode in the worker pool. */
const GROUPS_IN_FLIGHT = 2;

export interface JobProgress {
  id: string;
  state: BatchJobRecord['state'];
  total: number;
  /** issued + replayed. */
  done: number;
  /** failed + invalid. */
  failed: number;
  pending: number;
  counts: Record<BatchRowStatus, number>;
}

export interface BatchJobs {
  /** Validates the whole batch, stores it as a job, and issues it (small: before returning; large: in the background). */
  submit(issuer: IssuerRecord, batch: { profile: string; format: CredentialFormat; mode: BatchMode; input: BatchInput }): Promise<BatchJobRecord>;
  /** The job, only for its own issuer (another issuer's job does not exist for them). */
  find(issuerId: string, jobId: string): Promise<BatchJobRecord | undefined>;
  progress(job: BatchJobRecord): Promise<JobProgress>;
  rows(job: BatchJobRecord): Promise<BatchRowRecord[]>;
  /** Progress after every committed group, until the job completes; returns the unsubscribe function. */
  subscribe(jobId: string, listener: (progress: JobProgress) => void): () => void;
  /** Runs to the end every job a stopped process left running (called at start). */
  resumeUnfinished(): Promise<number>;
  /** Resolves when every job this process runs has stopped (tests, the CLI). */
  idle(): Promise<void>;
  /** Shutdown: no new group is started; resolves when the groups under way are committed. Jobs stay running in the store. */
  stop(): Promise<void>;
}

export function createBatchJobs(deps: IssueDeps & { log: (message: string) => void }): BatchJobs {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const running = new Map<string, Promise<void>>();
  let stopping = false;

  async function progressOf(job: BatchJobRecord): Promise<JobProgress> {
    const counts = await deps.store.batchJobs.counts(job.id);
    return {
      id: job.id,
      state: job.state,
      total: job.total,
      done: counts.issued + counts.replayed,
      failed: counts.failed + counts.invalid,
      pending: counts.pending,
      counts,
    };
  }

  async function runJob(job: BatchJobRecord): Promise<void> {
    const issuer = await deps.store.issuers.findById(job.issuerId);
    if (issuer === undefined) throw new Error(`Batch job ${job.id}: issuer ${job.issuerId} not found.`);
    const pending = await deps.store.batchJobs.rows(job.id, { status: 'pending' });
    const groups: BatchRowRecord[][] = [];
    for (let start = 0; start < pending.length; start += GROUP_SIZE) groups.push(pending.slice(start, start + GROUP_SIZE));
    let next = 0;
    await Promise.all(
      Array.from({ length: GROUPS_IN_FLIGHT }, async () => {
        while (next < groups.length && !stopping) {
          const group = groups[next++] as BatchRowRecord[];
          await issueGroup(deps, issuer, job, group);
          events.emit(job.id, await progressOf(job));
        }
      }),
    );
    if (stopping) return;
    const finishedAt = deps.clock.now().toISOString();
    await deps.store.batchJobs.finish(job.id, finishedAt);
    events.emit(job.id, await progressOf({ ...job, state: 'completed', finishedAt }));
  }

  function start(job: BatchJobRecord): Promise<void> {
    let run = running.get(job.id);
    if (run === undefined) {
      run = runJob(job)
        .catch((error: unknown) => {
          // The job stays "running" in the store: the next start resumes it where it stopped.
          deps.log(`Batch job ${job.id} stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        })
        .finally(() => running.delete(job.id));
      running.set(job.id, run);
    }
    return run;
  }

  return {
    async submit(issuer, batch) {
      const jobId = randomUUID();
      const { valid, errors } = await validateBatch(deps, issuer, { ...batch, jobId });
      if (valid.length === 0 || (errors.length > 0 && batch.mode === 'all-or-nothing')) {
        const what = batch.input.kind === 'csv' ? 'row' : 'item';
        throw new ProblemError(
          'invalid-batch',
          valid.length === 0 && errors.length === 0
            ? 'The batch has no credential to issue.'
            : `${errors.length} error(s) in ${new Set(errors.map((error) => error.row)).size} ${what}(s); nothing was issued` +
                (batch.mode === 'all-or-nothing' ? ' (mode all-or-nothing: fix them, or send ?mode=valid-rows to issue the others).' : '.'),
          { pointer: errors[0]?.pointer ?? '/', errors },
        );
      }
      const invalidRows = new Map<number, typeof errors>();
      for (const error of errors) if (error.row !== undefined) invalidRows.set(error.row, [...(invalidRows.get(error.row) ?? []), error]);
      const job: BatchJobRecord = {
        id: jobId,
        issuerId: issuer.id,
        profile: batch.profile,
        format: batch.format,
        mode: batch.mode,
        total: valid.length + invalidRows.size,
        state: 'running',
        createdAt: deps.clock.now().toISOString(),
      };
      const rows: BatchRowRecord[] = [
        ...valid.map((item) => ({
          jobId,
          row: item.row,
          ...(item.rowKey === undefined ? {} : { rowKey: item.rowKey }),
          idempotencyKey: item.idempotencyKey,
          request: item.request,
          status: 'pending' as const,
        })),
        ...[...invalidRows].map(([row, rowErrors]) => {
          const rowKey = batch.input.items.find((item) => item.row === row)?.rowKey;
          return {
            jobId,
            row,
            ...(rowKey === undefined ? {} : { rowKey }),
            idempotencyKey: `batch-job:${jobId}:row:${row}`,
            status: 'invalid' as const,
            errors: rowErrors.map(({ pointer, detail }) => ({ pointer, detail })),
          };
        }),
      ].sort((a, b) => a.row - b.row);
      await deps.store.batchJobs.create(job, rows);
      const run = start(job);
      if (valid.length <= SYNC_MAX_ROWS) await run;
      return (await deps.store.batchJobs.findById(jobId)) ?? job;
    },
    async find(issuerId, jobId) {
      const job = await deps.store.batchJobs.findById(jobId);
      return job?.issuerId === issuerId ? job : undefined;
    },
    progress: progressOf,
    rows: (job) => deps.store.batchJobs.rows(job.id),
    subscribe(jobId, listener) {
      events.on(jobId, listener);
      return () => events.off(jobId, listener);
    },
    async resumeUnfinished() {
      const jobs = await deps.store.batchJobs.listUnfinished();
      for (const job of jobs) void start(job);
      return jobs.length;
    },
    async idle() {
      await Promise.all([...running.values()]);
    },
    async stop() {
      stopping = true;
      await Promise.all([...running.values()]);
    },
  };
}
