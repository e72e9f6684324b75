import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { prepareRows, type PreparedRow, type RowsToPrepare } from './prepare-rows.js';

/**
 * Batch rows are prepared (built, checked, hashed: prepare-rows.ts) in worker threads while
 * the main thread signs and commits: on 2 cores, the main thread's share per row drops by
 * about half (profile of 10,000 JWT diplomas). One thread fewer than the cores, since the main
 * thread is busy too; with one core, rows are prepared on the main thread. Keys never cross.
 * No thread is kept once the batch is done: a worker idle for 10 s exits with its isolate's memory.
 */
let pool: Piscina | undefined;

function workerFile(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./prepare-worker.dev.mjs', import.meta.url) : new URL('./prepare-worker.js', import.meta.url);
}

export async function prepareRowsInPool(task: RowsToPrepare): Promise<PreparedRow[]> {
  const threads = availableParallelism() - 1;
  if (threads < 1) return prepareRows(task);
  pool ??= new Piscina({ filename: workerFile().href, minThreads: 0, maxThreads: threads, idleTimeout: 10_000 });
  return (await pool.run(task)) as PreparedRow[];
}

/** Stops the worker threads (process exit). */
export async function closePreparePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
