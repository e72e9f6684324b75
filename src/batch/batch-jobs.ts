import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { newOffer } from '../deliver/create-offer.js';
import type { DeliverDeps } from '../deliver/deliver-deps.js';
import { issuerContext } from '../deliver/issuer-context.js';
import { ProblemError } from '../shared/problems.js';
import type { KeyVault } from '../sign/key-vault.js';
import {
  BatchLeaseLostError,
  type BatchJobRecord,
  type BatchMode,
  type BatchRowOffer,
  type BatchRowRecord,
  type BatchRowStatus,
  type CredentialFormat,
  type IssuerRecord,
} from '../store/ports.js';
import type { BatchInput } from './batch-input.js';
import { issueGroup } from './issue-group.js';
import { createSafeModeByShape } from './safe-mode-by-shape.js';
import { prepareGroups, SYNC_MAX_ROWS, type GroupPreparation } from './group-preparation.js';
import { validateBatch } from './validate-batch.js';

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
  submit(
    issuer: IssuerRecord,
    batch: { profile: string; format: CredentialFormat; mode: BatchMode; input: BatchInput; offers?: boolean },
  ): Promise<BatchJobRecord>;
  /** The job, only for its own issuer (another issuer's job does not exist for them). */
  find(issuerId: string, jobId: string): Promise<BatchJobRecord | undefined>;
  progress(job: BatchJobRecord): Promise<JobProgress>;
  /** The rows' results so far, with each row's wallet offer opened (offer URI and PIN: the school's own download). */
  rows(job: BatchJobRecord): Promise<Array<BatchRowRecord & { offer?: OpenedOffer }>>;
  /** Progress after every committed group, until the job completes; returns the unsubscribe function. */
  subscribe(jobId: string, listener: (progress: JobProgress) => void): () => void;
  /**
   * Runs to the end every job a stopped process left running (called at start); a job another
   * runner holds is taken over once that runner's lease runs out. Answers how many it took now.
   */
  resumeUnfinished(): Promise<number>;
  /** Resolves when every job this process runs has stopped (tests, the CLI). */
  idle(): Promise<void>;
  /** Shutdown: no new group is started; resolves when the groups under way are committed. Jobs stay running in the store. */
  stop(): Promise<void>;
}

/** A row's offer as the school gets it: the URI for the QR code and the PIN to hand over apart from it. */
export interface OpenedOffer {
  id: string;
  offerUri: string;
  txCode: string;
  expiresAt: string;
}

export interface BatchJobDeps extends DeliverDeps {
  vault: KeyVault;
  log: (message: string) => void;
  /** BATCH_LEASE_SECONDS: how long a runner holds a job without committing a group before another may take it. */
  leaseSeconds: number;
}

/** The sealed offer of a row is bound to its job and row: copied onto another row it does not open. */
function offerAad(jobId: string, row: number): string {
  return `batch-offer:${jobId}:${row}`;
}

export function createBatchJobs(deps: BatchJobDeps): BatchJobs {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const running = new Map<string, Promise<void>>();
  const waiting = new Map<string, NodeJS.Timeout>();
  // This runner (the service or the CLI, one per process): the owner of the leases it takes.
  const owner = randomUUID();
  let stopping = false;
  const leaseUntil = () => ({ owner, expiresAt: new Date(deps.clock.now().getTime() + deps.leaseSeconds * 1000).toISOString() });

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

  /** `created`: the rows of a job this runner has just stored, already being prepared (no need to read them back: 10,000 rows, 0.3 s). */
  async function runJob(job: BatchJobRecord, created?: GroupPreparation): Promise<void> {
    const issuer = await deps.store.issuers.findById(job.issuerId);
    if (issuer === undefined) throw new Error(`Batch job ${job.id}: issuer ${job.issuerId} not found.`);
    const preparation = created ?? prepareGroups(deps, issuer, job, await deps.store.batchJobs.pendingRows(job.id));
    const { groups } = preparation;
    let next = 0;
    const safeMode = createSafeModeByShape();
    const context = job.offers === true ? await issuerContext(deps, issuer) : undefined;
    const offerFor =
      context === undefined
        ? undefined
        : async (row: number, credentialId: string): Promise<BatchRowOffer> => {
            const { record, offerUri, txCode } = await newOffer(deps, context, credentialId, job.profile);
            const opened = { offerUri, txCode, expiresAt: record.expiresAt };
            return { record, sealed: deps.vault.seal(JSON.stringify(opened), offerAad(job.id, row)) };
          };
    await Promise.all(
      Array.from({ length: GROUPS_IN_FLIGHT }, async () => {
        while (next < groups.length && !stopping) {
          const group = await preparation.prepared(next++);
          await issueGroup(deps, issuer, job, group, { safeMode, lease: leaseUntil, ...(offerFor === undefined ? {} : { offerFor }) });
          events.emit(job.id, await progressOf(job));
        }
      }),
    );
    if (stopping) {
      // Given up cleanly: another runner may take the job at once instead of waiting for the lease to run out.
      await deps.store.batchJobs.releaseLease(job.id, owner);
      return;
    }
    const finishedAt = deps.clock.now().toISOString();
    await deps.store.batchJobs.finish(job.id, finishedAt, owner);
    events.emit(job.id, await progressOf({ ...job, state: 'completed', finishedAt }));
  }

  /** Runs the job if this runner gets its lease; otherwise tries again when the holder's lease may have run out. */
  function start(job: BatchJobRecord, created?: GroupPreparation): Promise<boolean> {
    const current = running.get(job.id);
    if (current !== undefined) return Promise.resolve(true);
    const taking = (async () => {
      if (stopping) return false;
      if (!(await deps.store.batchJobs.takeLease(job.id, leaseUntil(), deps.clock.now().toISOString()))) {
        retryLater(job);
        return false;
      }
      return true;
    })();
    const run = taking.then(async (taken) => {
      if (!taken) return;
      try {
        await runJob(job, created);
      } catch (error) {
        if (error instanceof BatchLeaseLostError) {
          // Another runner took the job (this one stalled past its lease): it finishes it, or, should it stop
          // too, this runner takes the job back once that lease has run out.
          deps.log(`Batch job ${job.id}: ${error.message} Stopped here; the runner holding it goes on.`);
          retryLater(job);
          return;
        }
        // The job stays "running" in the store: this runner tries again once a lease's time has passed (a JSON-LD
        // deadline on a busy machine passes), unless another runner or the next start has resumed it by then.
        deps.log(`Batch job ${job.id} stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        // Given up, so that another runner need not wait for the lease to run out; this one takes it back if still free.
        await deps.store.batchJobs.releaseLease(job.id, owner).catch(() => undefined);
        retryLater(job);
      }
    });
    running.set(
      job.id,
      run.finally(() => running.delete(job.id)),
    );
    return taking;
  }

  /** A job held by another runner: looked at again once its lease may have run out, while this runner lives. */
  function retryLater(job: BatchJobRecord): void {
    if (stopping || waiting.has(job.id)) return;
    const timer = setTimeout(
      () => {
        waiting.delete(job.id);
        void deps.store.batchJobs.findById(job.id).then((current) => {
          if (current?.state === 'running') void start(current);
        });
      },
      deps.leaseSeconds * 1000 + 100,
    );
    timer.unref();
    waiting.set(job.id, timer);
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
        ...(batch.offers === true ? { offers: true } : {}),
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
      // The first groups go to the prepare pool now, while the rows are stored (nothing is issued before both are done).
      const preparation = prepareGroups(
        deps,
        issuer,
        job,
        rows.filter((row) => row.status === 'pending'),
      );
      await deps.store.batchJobs.create(job, rows);
      await start(job, preparation);
      if (valid.length <= SYNC_MAX_ROWS) await running.get(job.id);
      return (await deps.store.batchJobs.findById(jobId)) ?? job;
    },
    async find(issuerId, jobId) {
      const job = await deps.store.batchJobs.findById(jobId);
      return job?.issuerId === issuerId ? job : undefined;
    },
    progress: progressOf,
    async rows(job) {
      return (await deps.store.batchJobs.rows(job.id)).map(({ sealedOffer, ...row }) => {
        if (sealedOffer === undefined || row.offerId === undefined) return row;
        const opened = JSON.parse(deps.vault.open(sealedOffer, offerAad(job.id, row.row))) as Omit<OpenedOffer, 'id'>;
        return { ...row, offer: { id: row.offerId, ...opened } };
      });
    },
    subscribe(jobId, listener) {
      events.on(jobId, listener);
      return () => events.off(jobId, listener);
    },
    async resumeUnfinished() {
      const jobs = await deps.store.batchJobs.listUnfinished();
      const taken = await Promise.all(jobs.map((job) => start(job)));
      return taken.filter(Boolean).length;
    },
    async idle() {
      await Promise.all([...running.values()]);
    },
    async stop() {
      stopping = true;
      for (const timer of waiting.values()) clearTimeout(timer);
      waiting.clear();
      await Promise.all([...running.values()]);
    },
  };
}
