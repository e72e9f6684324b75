/**
 * A cohort batch end to end through HTTP: one CSV of `rows` diplomas (the profile's template
 * row, one rowKey each) posted to POST /issuers/{slug}/credentials/batch, timed until the job
 * reports completed (its Server-Sent Events). Run alone, it starts Passerelle as production runs
 * it (passerelle-process.ts: compiled, its own process) and sends BENCH_BATCH_REPEAT batches
 * (default 3): the first is the one a freshly started service gets. BENCH_PASSERELLE=sources
 * runs the service in this process from the sources under tsx instead; for profiling:
 *   BENCH_PASSERELLE=sources BENCH_BATCH_ROWS=10000 BENCH_BATCH_FORMAT=jwt node --import tsx --cpu-prof scripts/bench/batch-bench.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { cpuMilliseconds } from './measure.js';
import { templateCsv } from '../../src/batch/job-results.js';

export interface BatchRun {
  rows: number;
  format: string;
  profile: string;
  ms: number;
  /** Of which until the job was accepted (202): the file read, every row validated, the job and its rows stored. */
  acceptedMs: number;
  /** CPU time of the service's whole process (main thread + worker threads) during the run: what a loaded machine does not inflate. */
  cpuMs: number;
  /** Of which the main thread's (Linux only; else undefined): on 2 cores, the busier of main and workers bounds the time. */
  mainCpuMs?: number;
  issued: number;
}

/** The template's example row `rows` times, each with its own rowKey (a rowKey seen before would be replayed, not issued). */
export function cohortCsv(profile: string, rows: number, runId: string): string {
  const template = templateCsv(profile);
  if (template === undefined) throw new Error(`No profile ${profile}`);
  const [header, example] = template
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n') as [string, string];
  if (!header.startsWith('rowKey,') || !example.startsWith('2024-0001,')) throw new Error('The template no longer starts with rowKey.');
  const rest = example.slice('2024-0001'.length);
  const lines = [header];
  for (let index = 0; index < rows; index++) lines.push(`${runId}-${index}${rest}`);
  return lines.join('\r\n') + '\r\n';
}

/** `pid`: the service's own process (passerelle-process.ts); without it, the service runs in this one. */
export async function runBatch(
  target: { baseUrl: string; slug: string; apiKey: string; pid?: number },
  options: { profile: string; format: 'jwt' | 'di'; rows: number; query?: string },
): Promise<BatchRun> {
  const csv = cohortCsv(options.profile, options.rows, `bench-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  const auth = { authorization: `Bearer ${target.apiKey}` };
  const started = performance.now();
  const pid = target.pid ?? process.pid;
  const cpuBefore = cpuMilliseconds(pid) ?? 0;
  const mainBefore = mainThreadCpuMs(pid);
  const response = await fetch(
    `${target.baseUrl}/issuers/${target.slug}/credentials/batch?profile=${options.profile}&format=${options.format}${options.query ?? ''}`,
    { method: 'POST', headers: { 'content-type': 'text/csv', ...auth }, body: csv },
  );
  const acceptedMs = performance.now() - started;
  if (response.status !== 202 && response.status !== 201) throw new Error(`batch: ${response.status} ${await response.text()}`);
  let job = (await response.json()) as { id: string; state: string; done: number; failed: number };
  if (job.state !== 'completed') {
    // Progress as a client watches it: the job's Server-Sent Events, until `completed`.
    const events = await fetch(`${target.baseUrl}/jobs/${job.id}/events`, { headers: auth, signal: AbortSignal.timeout(600_000) });
    if (events.body === null) throw new Error(`events: ${events.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of events.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      const completed = /event: completed\ndata: (.*)\n/.exec(buffer);
      if (completed !== null) {
        job = JSON.parse(completed[1] as string) as typeof job;
        break;
      }
    }
  }
  const ms = performance.now() - started;
  const cpuAfter = cpuMilliseconds(pid) ?? 0;
  const mainAfter = mainThreadCpuMs(pid);
  if (job.failed > 0 || job.done !== options.rows) throw new Error(`batch: ${job.done} done, ${job.failed} failed of ${options.rows}`);
  return {
    rows: options.rows,
    format: options.format,
    profile: options.profile,
    ms,
    acceptedMs,
    cpuMs: cpuAfter - cpuBefore,
    ...(mainBefore === undefined || mainAfter === undefined ? {} : { mainCpuMs: mainAfter - mainBefore }),
    issued: job.done,
  };
}

/** A process's main thread's CPU time (utime + stime of /proc/<pid>/task/<pid>/stat, in clock ticks of 10 ms), where Linux tells it. */
function mainThreadCpuMs(pid: number): number | undefined {
  try {
    if (!readdirSync(`/proc/${pid}/task`).includes(String(pid))) return undefined;
    // The fields after the command name (which may hold spaces, hence after the last ')'): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.env.BENCH_BATCH_ROWS ?? 10_000);
  const format = (process.env.BENCH_BATCH_FORMAT ?? 'jwt') as 'jwt' | 'di';
  const repeat = Number(process.env.BENCH_BATCH_REPEAT ?? 3);
  const service = await startBatchService();
  for (let run = 0; run < repeat; run++) {
    const result = await runBatch(service.target, { profile: 'diploma', format, rows });
    console.log(
      `${run === 0 ? 'first' : 'next '} ${result.rows} ${result.format} ${result.profile}: ${(result.ms / 1000).toFixed(2)} s (${((result.rows / result.ms) * 1000).toFixed(0)}/s; accepted after ${(result.acceptedMs / 1000).toFixed(2)} s), ` +
        `service CPU ${(result.cpuMs / 1000).toFixed(2)} s${result.mainCpuMs === undefined ? '' : ` (main thread ${(result.mainCpuMs / 1000).toFixed(2)} s)`}, load ${loadavg()
          .map((load) => load.toFixed(2))
          .join(' ')}`,
    );
  }
  await service.close();
}

/** The service the batches go to: compiled in its own process, or (BENCH_PASSERELLE=sources) in this one under tsx. */
export async function startBatchService(): Promise<{ target: Parameters<typeof runBatch>[0]; how: string; close(): Promise<void> }> {
  if (process.env.BENCH_PASSERELLE === 'sources') {
    const { startBenchApp } = await import('./bench-app.js');
    const app = await startBenchApp();
    return { target: { baseUrl: app.baseUrl, slug: app.issuer.slug, apiKey: app.apiKey }, how: 'from the sources, in the bench process', close: app.close };
  }
  const { buildPasserelle, startCompiledPasserelle } = await import('./passerelle-process.js');
  buildPasserelle();
  const service = await startCompiledPasserelle();
  return {
    target: { baseUrl: service.baseUrl, slug: service.slug, apiKey: service.apiKey, ...(service.child.pid === undefined ? {} : { pid: service.child.pid }) },
    how: 'compiled (node dist/main.js), its own process',
    close: async () => service.stop(),
  };
}
