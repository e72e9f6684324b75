import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { PreparedRow, RowsToPrepare } from './prepare-rows.js';

/**
 * Batch rows are prepared (built, checked, hashed: prepare-rows.ts) in worker threads while
 * the main thread signs and commits. As many threads as cores: per row the main thread now
 * does about a third of what a worker does (10,000 JWT diplomas: some 3.6 s of main-thread
 * CPU for 9.5 s in the pool), so with one thread fewer than the cores the pool was the
 * bottleneck while the main thread waited; the OS shares the cores between them. Keys never cross.
 * No thread is kept once the batch is done: a worker idle for 10 s exits with its isolate's memory.
 */
let pool: Piscina | undefined;

function workerFile(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./prepare-worker.dev.mjs', import.meta.url) : new URL('./prepare-worker.js', import.meta.url);
}

export async function prepareRowsInPool(task: RowsToPrepare): Promise<PreparedRow[]> {
  pool ??= new Piscina({ filename: workerFile().href, minThreads: 0, maxThreads: availableParallelism(), idleTimeout: 10_000 });
  return (await pool.run(task)) as PreparedRow[];
}

/** Stops the worker threads (process exit). */
export async function closePreparePool(): Promise<void> {
  const current = pool;
  pool = undefined;
  await current?.destroy();
}
