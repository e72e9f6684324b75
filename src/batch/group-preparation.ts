import type { BatchJobRecord, BatchRowRecord, IssuerRecord } from '../store/ports.js';
import { prepareRowsInPool } from './prepare-pool.js';
import { prepareRows, type PreparedRow, type RowsToPrepare } from './prepare-rows.js';

/** Batches of at most this many rows are issued within the request (201); larger ones run as a job (202). */
export const SYNC_MAX_ROWS = 20;
/** Rows signed and committed together: one transaction (one fsync) per group. */
const GROUP_SIZE = 250;
/** Groups prepared ahead in the prepare pool while the main thread signs and commits. */
const PREPARED_AHEAD = 3;

/** A job's pending rows in groups, each prepared (prepare-rows.ts) a few groups ahead of its signing. */
export interface GroupPreparation {
  readonly groups: BatchRowRecord[][];
  /** The prepared rows of group `index`; starts preparing the next few. */
  prepared(index: number): Promise<PreparedRow[]>;
}

export function prepareGroups(
  deps: { publicUrl: string; clock: { now(): Date } },
  issuer: IssuerRecord,
  job: BatchJobRecord,
  pending: BatchRowRecord[],
): GroupPreparation {
  const groups: BatchRowRecord[][] = [];
  for (let start = 0; start < pending.length; start += GROUP_SIZE) groups.push(pending.slice(start, start + GROUP_SIZE));
  // A small batch is prepared here; a large one in the prepare pool, a few groups ahead of signing.
  const prepare = job.total <= SYNC_MAX_ROWS ? async (task: RowsToPrepare) => prepareRows(task) : prepareRowsInPool;
  const preparing: Array<Promise<PreparedRow[]> | undefined> = [];
  // A Data Integrity row takes some 4 ms to sign on the main thread and under 1 ms to prepare: one
  // group prepared at a time stays ahead, and the second core is left to the signer, not to a second worker.
  let lane: Promise<unknown> = Promise.resolve();
  const inLane = (task: () => Promise<PreparedRow[]>): Promise<PreparedRow[]> => {
    const queued = lane.then(task, task);
    lane = queued;
    return queued;
  };
  const startAhead = (index: number): void => {
    for (let ahead = index; ahead < Math.min(groups.length, index + PREPARED_AHEAD); ahead += 1) {
      if (preparing[ahead] !== undefined) continue;
      const rows = (groups[ahead] as BatchRowRecord[]).map(({ row, idempotencyKey, request }) => ({
        row,
        idempotencyKey,
        ...(request === undefined ? {} : { request }),
      }));
      const toPrepare: RowsToPrepare = {
        issuer,
        publicUrl: deps.publicUrl,
        now: deps.clock.now().toISOString(),
        profile: job.profile,
        format: job.format,
        rows,
      };
      const task = job.format === 'di' ? inLane(() => prepare(toPrepare)) : prepare(toPrepare);
      // Awaited when its turn comes; a stop (or a job never stored) before then must not leave an unhandled rejection.
      task.catch(() => undefined);
      preparing[ahead] = task;
    }
  };
  // Started at once: a new job's first groups are prepared in the pool while its rows are being stored.
  startAhead(0);
  return {
    groups,
    prepared(index) {
      startAhead(index);
      const current = preparing[index] as Promise<PreparedRow[]>;
      preparing[index] = undefined;
      return current;
    },
  };
}
