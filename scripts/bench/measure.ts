import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface Measurement {
  name: string;
  ops: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

/**
 * Runs `operation` with `concurrency` workers until `seconds` have passed (after a
 * short warm-up), recording each operation's latency. Throughput is total
 * operations over wall time, so it reflects concurrency.
 */
export async function measure(
  name: string,
  operation: (index: number) => Promise<unknown>,
  options: { seconds?: number; concurrency?: number; warmup?: number; onStart?: () => void } = {},
): Promise<Measurement> {
  const seconds = options.seconds ?? 3;
  const concurrency = options.concurrency ?? 1;
  for (let index = 0; index < (options.warmup ?? 20); index += 1) await operation(index);
  // After the warm-up: what is counted (a server's CPU time, compare.ts) starts here.
  options.onStart?.();
  const latencies: number[] = [];
  let counter = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        await operation(counter++);
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { name, ops: latencies.length, opsPerSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
}

export interface PacedMeasurement extends Measurement {
  /** The arrival rate asked for, and how many requests were still unanswered when the run ended. */
  ratePerSecond: number;
  late: number;
}

/**
 * Open loop: requests start at a fixed arrival rate whatever the answers do (not closed
 * loop, where a slow server slows the load and hides its queue). Each latency counts from
 * the time the request was due, so a late start is part of it (no coordinated omission).
 * Stops sending after `seconds`, then waits for every answer.
 */
export async function measurePaced(
  name: string,
  operation: (index: number) => Promise<unknown>,
  options: { ratePerSecond: number; seconds?: number; warmup?: number },
): Promise<PacedMeasurement> {
  const seconds = options.seconds ?? 3;
  for (let index = 0; index < (options.warmup ?? 20); index += 1) await operation(index);
  const interval = 1000 / options.ratePerSecond;
  const total = Math.max(1, Math.floor(seconds * options.ratePerSecond));
  const latencies: number[] = [];
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(operation(index).then(() => void latencies.push(performance.now() - due)));
  }
  const sent = performance.now();
  const late = total - latencies.length;
  await Promise.all(pending);
  const elapsed = (sent - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    ops: latencies.length,
    opsPerSecond: latencies.length / Math.max(elapsed, 1e-3),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    ratePerSecond: options.ratePerSecond,
    late,
  };
}

/**
 * CPU time a process has used (user + system, all its threads), in ms, from /proc (Linux);
 * undefined elsewhere. Unlike ops/s, CPU per operation hardly moves when other work shares the machine.
 */
export function cpuMilliseconds(pid: number): number | undefined {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** Resident set size of a process, from /proc (Linux), in MB; undefined elsewhere. */
export function rssMegabytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
  } catch {
    return undefined;
  }
}

export function printTable(rows: Measurement[]): void {
  printColumns(
    ['benchmark', 'ops', 'ops/s', 'p50 ms', 'p99 ms'],
    rows.map((row) => [row.name, String(row.ops), row.opsPerSecond.toFixed(1), row.p50Ms.toFixed(2), row.p99Ms.toFixed(2)]),
  );
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function printColumns(header: string[], lines: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] as string).length)));
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

/**
 * The load generator's HTTP client: undici's connection pool (the client behind Node's fetch,
 * without fetch's stream and header objects per request) with one connection per concurrent
 * worker, and the body serialised once. With fetch, one core of load topped out near 1,900
 * requests/s, below what a trivial server answers, so the ratio measured the client.
 * Each answer must have the expected status, or the run stops: a fast error is not a result.
 */
export function loadPoster(
  baseUrl: string,
  connections: number,
): { post(path: string, body: unknown, expectedStatus: number, headers?: Record<string, string>): () => Promise<void>; close(): Promise<void> } {
  const pool = new Pool(baseUrl, { connections });
  return {
    post(path, body, expectedStatus, headers = {}) {
      const text = JSON.stringify(body);
      return async () => {
        const answer = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: text });
        const received = await answer.body.text();
        if (answer.statusCode !== expectedStatus) throw new Error(`POST ${path}: ${answer.statusCode}, expected ${expectedStatus}: ${received.slice(0, 300)}`);
      };
    },
    close: () => pool.close(),
  };
}
