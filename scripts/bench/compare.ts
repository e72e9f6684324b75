/**
 * npm run bench -- --compare: Passerelle against a stock server built only from the reference
 * libraries (compare-server.ts), on the same credentials (generic and the four profiles, DI and
 * JWT), over HTTP. Each server is its own process (pinned to core 0 when taskset exists; the load
 * runs here). Runs are interleaved A B A B A B per case; prints ops/s, p50/p99 and the ratio per
 * pair with the load average, and writes everything as JSON under bench-results/.
 * BENCH_SECONDS (default 3) per run, BENCH_CONCURRENCY (default 16) connections, BENCH_PAIRS (3).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { measure, printColumns, type Measurement } from './measure.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const pin = spawnSync('taskset', ['--version']).status === 0 && cpus().length > 1;

async function startServer(args: string[]): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const command = [process.execPath, '--import', 'tsx', 'scripts/bench/compare-server.ts', ...args];
  const child = pin
    ? spawn('taskset', ['-c', '0', ...command], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const info = await new Promise<Record<string, string>>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, string>));
    child.once('exit', (code) => reject(new Error(`server ${args[0]} exited with ${String(code)}`)));
  });
  return { child, info };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const children: ChildProcess[] = [];
// The servers are this run's children: they go when it goes, whatever the outcome.
process.on('exit', () => children.forEach((child) => child.kill()));

async function main(): Promise<void> {
  const passerelle = await startServer(['passerelle']);
  children.push(passerelle.child);
  const stock = await startServer(['stock', passerelle.info.baseUrl as string]);
  children.push(stock.child);
  const auth = { authorization: `Bearer ${passerelle.info.apiKey}` };
  const generic = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    name: 'Pre-departure orientation module',
    credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
  };
  const cases: Array<{ name: string; credential: unknown }> = [];
  for (const format of ['di', 'jwt'] as const) {
    const issued = await post(`${passerelle.info.baseUrl}/credentials/issue`, { credential: generic, options: { format } }, auth);
    cases.push({ name: `generic ${format}`, credential: issued.body.verifiableCredential });
    for (const [profile, example] of Object.entries(PROFILE_EXAMPLES)) {
      const response = await post(`${passerelle.info.baseUrl}/issuers/${passerelle.info.slug}/credentials`, { ...example, format }, auth);
      if (response.status !== 201) throw new Error(`${profile} ${format}: ${JSON.stringify(response.body)}`);
      cases.push({ name: `${profile} ${format}`, credential: response.body.verifiableCredential });
    }
  }
  // Both must accept every credential, or the comparison means nothing.
  for (const { name, credential } of cases) {
    for (const [label, server] of [
      ['passerelle', passerelle],
      ['stock', stock],
    ] as const) {
      const answer = await post(`${server.info.baseUrl}/credentials/verify`, { verifiableCredential: credential });
      if (answer.status !== 200 || answer.body.verified !== true)
        throw new Error(`${label} does not verify ${name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
  }

  process.stderr.write(
    `Comparing (${seconds}s per run, ${pairs} pairs, ${concurrency} connections, ${cpus().length} cores, servers ${pin ? 'pinned to core 0' : 'not pinned'})\n`,
  );
  const results: Array<{ case: string; pairs: Array<{ passerelle: Measurement; stock: Measurement; ratio: number; loadAverage: number }> }> = [];
  for (const { name, credential } of cases) {
    const body = { verifiableCredential: credential };
    const runs: (typeof results)[number]['pairs'] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const a = await measure(`passerelle ${name}`, () => post(`${passerelle.info.baseUrl}/credentials/verify`, body), { seconds, concurrency, warmup: 50 });
      const b = await measure(`stock ${name}`, () => post(`${stock.info.baseUrl}/credentials/verify`, body), { seconds, concurrency, warmup: 50 });
      runs.push({ passerelle: a, stock: b, ratio: a.opsPerSecond / b.opsPerSecond, loadAverage: loadavg()[0] as number });
      process.stderr.write(
        `  ${name} pair ${pair + 1}: ${a.opsPerSecond.toFixed(0)} vs ${b.opsPerSecond.toFixed(0)} ops/s (×${(a.opsPerSecond / b.opsPerSecond).toFixed(2)})\n`,
      );
    }
    results.push({ case: name, pairs: runs });
  }

  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  const header = ['verify over HTTP', 'Passerelle ops/s', 'p50/p99 ms', 'stock ops/s', 'p50/p99 ms', 'ratio (pairs)', 'load'];
  const lines = results.map(({ case: name, pairs: runs }) => [
    name,
    median(runs.map((run) => run.passerelle.opsPerSecond)).toFixed(0),
    `${median(runs.map((run) => run.passerelle.p50Ms)).toFixed(1)}/${median(runs.map((run) => run.passerelle.p99Ms)).toFixed(1)}`,
    median(runs.map((run) => run.stock.opsPerSecond)).toFixed(0),
    `${median(runs.map((run) => run.stock.p50Ms)).toFixed(1)}/${median(runs.map((run) => run.stock.p99Ms)).toFixed(1)}`,
    runs.map((run) => run.ratio.toFixed(2)).join(' '),
    median(runs.map((run) => run.loadAverage)).toFixed(1),
  ]);
  printColumns(header, lines);
  console.log('Passerelle runs every check (structure, safe mode, key, signature, issuer, schema, validity, status, trust); stock checks the proof only.');

  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/compare-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify({ seconds, pairs, concurrency, cores: cpus().length, pinned: pin, node: process.version, results }, null, 2)}\n`);
  console.log(`Written to ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
