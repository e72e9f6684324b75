/**
 * npm run bench -- --compare: Passerelle against a stock server built only from the reference
 * libraries (compare-server.ts), on the same credentials (generic and the five profiles, DI and
 * JWT), over HTTP. Each server is its own process (pinned to core 0 when taskset exists; the load
 * runs here). Runs are interleaved A B A B A B per case; prints ops/s, p50/p99 and the ratio per
 * pair with the load average, and writes everything as JSON under bench-results/.
 * After each pair, a third server runs the same load: stock's verification on Node's bare HTTP
 * server (compare-server.ts floor). Its ops/s over stock's says how much faster than stock any
 * verifier can be on this machine while checking at least the proof: the room a target leaves.
 * Then, per case, paced runs (open loop: a fixed arrival rate, half of that server's own
 * closed-loop maximum), interleaved in pairs too, for p50/p99 at half load, and each server's RSS (before the load,
 * peak, and after it, once idle).
 * BENCH_SECONDS (default 3) per run, BENCH_CONCURRENCY (default 16) connections, BENCH_PAIRS (3),
 * BENCH_WARMUP (default 2) seconds of unmeasured load on each server before a case's first pair;
 * BENCH_CASES, a regular expression, runs only the cases it matches (e.g. "jwt", "^generic").
 * Passerelle runs as in production (npm run build, then node dist/main.js as npm run start:prod,
 * the bench issuer created through the admin API): RSS and CPU are those of the compiled service,
 * not of the TypeScript loader. BENCH_PASSERELLE=sources runs it from the sources through tsx instead (startBenchApp).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { buildPasserelle, firstLine, startCompiledPasserelle, type ServerSpawner } from './passerelle-process.js';
import { cpuMilliseconds, loadPoster, measure, measurePaced, printColumns, rssMegabytes, type Measurement, type PacedMeasurement } from './measure.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
/** Closed-loop load on each server before a case's first pair, not measured. */
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 2);
const pin = spawnSync('taskset', ['--version']).status === 0 && cpus().length > 1;
// The load from the other core than the servers (all threads of this process).
if (pin) spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)], { stdio: 'ignore' });

/** What the benchmark is running, so that a peak can be attributed to it. */
let phase = 'setup';

/** Each server's RSS, sampled every 100 ms from /proc while the benchmark runs. */
class RssWatch {
  baseline: number | undefined;
  peak = 0;
  peakPhase = '';
  /** The highest sample of each phase, in the JSON file: where the memory went up. */
  readonly peakByPhase: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly pid: number) {}
  start(): void {
    this.baseline = rssMegabytes(this.pid);
    this.timer = setInterval(() => {
      const now = rssMegabytes(this.pid) ?? 0;
      if (now > this.peak) [this.peak, this.peakPhase] = [now, phase];
      this.peakByPhase[phase] = Math.max(this.peakByPhase[phase] ?? 0, Math.round(now));
    }, 100);
  }
  stop(): { baselineMb?: number; peakMb: number; peakDuring: string; afterMb?: number; peakMbByPhase: Record<string, number> } {
    clearInterval(this.timer);
    const after = rssMegabytes(this.pid);
    return {
      ...(this.baseline === undefined ? {} : { baselineMb: this.baseline }),
      peakMb: this.peak,
      peakDuring: this.peakPhase,
      ...(after === undefined ? {} : { afterMb: after }),
      peakMbByPhase: this.peakByPhase,
    };
  }
  /** Later, once idle workers may have exited and the heap shrunk. */
  now(): number | undefined {
    return rssMegabytes(this.pid);
  }
}

const spawnPinned: ServerSpawner = (command, options) =>
  pin ? spawn('taskset', ['-c', '0', ...command], options) : spawn(command[0] as string, command.slice(1), options);

async function startServer(args: string[]): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  const child = spawnPinned([process.execPath, '--import', 'tsx', 'scripts/bench/compare-server.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return { child, info: await firstLine(child, args[0] as string, (line) => JSON.parse(line) as Record<string, string>) };
}

const fromSources = process.env.BENCH_PASSERELLE === 'sources';
const passerelleStart = fromSources ? 'from the sources through tsx (BENCH_PASSERELLE=sources)' : 'compiled, node dist/main.js as npm run start:prod';

/** Passerelle as production runs it (passerelle-process.ts), or from the sources under tsx (startBenchApp). */
async function startPasserelle(): Promise<{ child: ChildProcess; info: Record<string, string> }> {
  if (fromSources) return startServer(['passerelle']);
  buildPasserelle();
  const { child, baseUrl, apiKey, slug } = await startCompiledPasserelle(spawnPinned);
  return { child, info: { baseUrl, apiKey, slug } };
}

/** Idle workers exit after 30 s (resolve/json-ld-pool.ts): the second RSS sample after the load comes after that. */
const LONG_IDLE_SECONDS = 35;

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** measure(), plus the server's CPU time per operation (its process, all threads). */
async function measureServer(pid: number, ...[name, operation, options]: Parameters<typeof measure>): Promise<Measurement & { cpuMsPerOp?: number }> {
  let before: number | undefined;
  const result = await measure(name, operation, { ...options, onStart: () => (before = cpuMilliseconds(pid)) });
  const after = cpuMilliseconds(pid);
  return before === undefined || after === undefined ? result : { ...result, cpuMsPerOp: (after - before) / result.ops };
}

const children: ChildProcess[] = [];
// The servers are this run's children: they go when it goes, whatever the outcome.
process.on('exit', () => children.forEach((child) => child.kill()));

async function main(): Promise<void> {
  const passerelle = await startPasserelle();
  children.push(passerelle.child);
  const stock = await startServer(['stock', passerelle.info.baseUrl as string, passerelle.info.slug as string]);
  children.push(stock.child);
  // Stock's verification without Express: the least the reference libraries cost per request (compare-server.ts).
  const floor = await startServer(['floor', passerelle.info.baseUrl as string, passerelle.info.slug as string]);
  children.push(floor.child);
  const auth = { authorization: `Bearer ${passerelle.info.apiKey}` };
  const generic = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    name: 'Pre-departure orientation module',
    credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
  };
  const cases: Array<{ name: string; credential: unknown }> = [];
  /** Issue, DI profiles: Passerelle's typed request, and the credential it made (without its proof) for stock to sign. */
  const issueCases: Array<{ name: string; request: object; unsigned: object }> = [];
  for (const format of ['di', 'jwt'] as const) {
    const issued = await post(`${passerelle.info.baseUrl}/credentials/issue`, { credential: generic, options: { format } }, auth);
    cases.push({ name: `generic ${format}`, credential: issued.body.verifiableCredential });
    for (const [profile, example] of Object.entries(PROFILE_EXAMPLES)) {
      const response = await post(`${passerelle.info.baseUrl}/issuers/${passerelle.info.slug}/credentials`, { ...example, format }, auth);
      if (response.status !== 201) throw new Error(`${profile} ${format}: ${JSON.stringify(response.body)}`);
      cases.push({ name: `${profile} ${format}`, credential: response.body.verifiableCredential });
      if (format === 'di') {
        const { proof: _proof, ...unsigned } = response.body.verifiableCredential as Record<string, unknown>;
        issueCases.push({ name: `${profile} di`, request: { ...example, format }, unsigned });
      }
    }
  }
  const only = process.env.BENCH_CASES === undefined ? undefined : new RegExp(process.env.BENCH_CASES);
  if (only !== undefined) {
    cases.splice(0, cases.length, ...cases.filter((candidate) => only.test(candidate.name)));
    issueCases.splice(0, issueCases.length, ...issueCases.filter((candidate) => only.test(`issue ${candidate.name}`)));
  }
  for (const { name, unsigned } of issueCases) {
    const answer = await post(`${stock.info.baseUrl}/credentials/issue`, { credential: unsigned });
    if (answer.status !== 201) throw new Error(`stock does not issue ${name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  // Both must accept every credential, or the comparison means nothing.
  for (const { name, credential } of cases) {
    for (const [label, server] of [
      ['passerelle', passerelle],
      ['stock', stock],
      ['floor', floor],
    ] as const) {
      const answer = await post(`${server.info.baseUrl}/credentials/verify`, { verifiableCredential: credential });
      if (answer.status !== 200 || answer.body.verified !== true)
        throw new Error(`${label} does not verify ${name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
    }
  }

  // Generous: the paced runs keep more requests in flight than the closed loop's connections.
  const load = {
    passerelle: loadPoster(passerelle.info.baseUrl as string, concurrency * 4),
    stock: loadPoster(stock.info.baseUrl as string, concurrency * 4),
    floor: loadPoster(floor.info.baseUrl as string, concurrency),
  };
  const watches = { passerelle: new RssWatch(passerelle.child.pid as number), stock: new RssWatch(stock.child.pid as number) };
  watches.passerelle.start();
  watches.stock.start();
  process.stderr.write(
    `Comparing (${seconds}s per run, ${pairs} pairs, ${concurrency} connections, ${cpus().length} cores, servers ${pin ? 'pinned to core 0' : 'not pinned'}; ` +
      `Passerelle ${passerelleStart})\n`,
  );
  type ServerMeasurement = Measurement & { cpuMsPerOp?: number };
  type Pair = { passerelle: ServerMeasurement; stock: ServerMeasurement; ratio: number; loadAverage: number };
  const results: Array<{ case: string; pairs: Array<Pair & { floor: ServerMeasurement; floorRatio: number }> }> = [];
  const issued: Array<{ case: string; pairs: Pair[] }> = [];
  for (const { name, credential } of cases) {
    const body = { verifiableCredential: credential };
    const runs: (typeof results)[number]['pairs'] = [];
    phase = `verify ${name}`;
    // Both servers warmed up on this credential first (the JIT's tiers, caches): the pairs measure the steady state.
    await measure(`passerelle ${name} warm-up`, load.passerelle.post('/credentials/verify', body, 200), { seconds: warmupSeconds, concurrency });
    await measure(`stock ${name} warm-up`, load.stock.post('/credentials/verify', body, 200), { seconds: warmupSeconds, concurrency });
    await measure(`floor ${name} warm-up`, load.floor.post('/credentials/verify', body, 200), { seconds: warmupSeconds, concurrency });
    for (let pair = 0; pair < pairs; pair += 1) {
      const a = await measureServer(passerelle.child.pid as number, `passerelle ${name}`, load.passerelle.post('/credentials/verify', body, 200), {
        seconds,
        concurrency,
        warmup: 50,
      });
      const b = await measureServer(stock.child.pid as number, `stock ${name}`, load.stock.post('/credentials/verify', body, 200), {
        seconds,
        concurrency,
        warmup: 50,
      });
      // A third run, not part of the pair's ratio: stock's libraries on bare node:http.
      const f = await measureServer(floor.child.pid as number, `floor ${name}`, load.floor.post('/credentials/verify', body, 200), {
        seconds,
        concurrency,
        warmup: 50,
      });
      runs.push({
        passerelle: a,
        stock: b,
        ratio: a.opsPerSecond / b.opsPerSecond,
        floor: f,
        floorRatio: f.opsPerSecond / b.opsPerSecond,
        loadAverage: loadavg()[0] as number,
      });
      process.stderr.write(
        `  ${name} pair ${pair + 1}: ${a.opsPerSecond.toFixed(0)} vs ${b.opsPerSecond.toFixed(0)} ops/s (×${(a.opsPerSecond / b.opsPerSecond).toFixed(2)}); ` +
          `floor ${f.opsPerSecond.toFixed(0)} ops/s (×${(f.opsPerSecond / b.opsPerSecond).toFixed(2)} stock)\n`,
      );
    }
    results.push({ case: name, pairs: runs });
  }

  // Issue, DI profiles: ours through the typed endpoint (build, validate, safe mode, status, sign, store),
  // stock signing the same credential (nothing stored).
  for (const { name, request, unsigned } of issueCases) {
    const runs: Pair[] = [];
    phase = `issue ${name}`;
    await measure(`passerelle issue ${name} warm-up`, load.passerelle.post(`/issuers/${passerelle.info.slug}/credentials`, request, 201, auth), {
      seconds: warmupSeconds,
      concurrency,
    });
    await measure(`stock issue ${name} warm-up`, load.stock.post('/credentials/issue', { credential: unsigned }, 201), { seconds: warmupSeconds, concurrency });
    for (let pair = 0; pair < pairs; pair += 1) {
      const a = await measureServer(
        passerelle.child.pid as number,
        `passerelle issue ${name}`,
        load.passerelle.post(`/issuers/${passerelle.info.slug}/credentials`, request, 201, auth),
        {
          seconds,
          concurrency,
          warmup: 20,
        },
      );
      const b = await measureServer(stock.child.pid as number, `stock issue ${name}`, load.stock.post('/credentials/issue', { credential: unsigned }, 201), {
        seconds,
        concurrency,
        warmup: 20,
      });
      runs.push({ passerelle: a, stock: b, ratio: a.opsPerSecond / b.opsPerSecond, loadAverage: loadavg()[0] as number });
      process.stderr.write(
        `  issue ${name} pair ${pair + 1}: ${a.opsPerSecond.toFixed(0)} vs ${b.opsPerSecond.toFixed(0)} ops/s (×${(a.opsPerSecond / b.opsPerSecond).toFixed(2)})\n`,
      );
    }
    issued.push({ case: name, pairs: runs });
  }

  // Paced: half of each server's own closed-loop maximum (the median of its runs above), open loop,
  // in interleaved pairs like the closed loop: one stall of the machine (this VM's neighbours) then
  // shows as one pair out of three instead of as the case's only figure.
  type PacedPair = { passerelle: PacedMeasurement; stock: PacedMeasurement; loadAverage: number };
  const paced: Array<{ case: string; pairs: PacedPair[] }> = [];
  for (const { name, credential } of cases) {
    const body = { verifiableCredential: credential };
    const runs = results.find((result) => result.case === name)?.pairs ?? [];
    phase = `paced ${name}`;
    const half = (values: number[]) => Math.max(1, median(values) / 2);
    const pacedPairs: PacedPair[] = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const a = await measurePaced(`passerelle ${name}`, load.passerelle.post('/credentials/verify', body, 200), {
        ratePerSecond: half(runs.map((run) => run.passerelle.opsPerSecond)),
        seconds,
      });
      const b = await measurePaced(`stock ${name}`, load.stock.post('/credentials/verify', body, 200), {
        ratePerSecond: half(runs.map((run) => run.stock.opsPerSecond)),
        seconds,
      });
      pacedPairs.push({ passerelle: a, stock: b, loadAverage: loadavg()[0] as number });
      process.stderr.write(
        `  ${name} paced pair ${pair + 1}: p99 ${a.p99Ms.toFixed(1)} ms at ${a.ratePerSecond.toFixed(0)}/s vs ${b.p99Ms.toFixed(1)} ms at ${b.ratePerSecond.toFixed(0)}/s\n`,
      );
    }
    paced.push({ case: name, pairs: pacedPairs });
  }
  // Back near the baseline: a few idle seconds after the load, and later, once idle workers may have exited.
  phase = 'idle';
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const memory = { passerelle: watches.passerelle.stop(), stock: watches.stock.stop() };
  await Promise.all([load.passerelle.close(), load.stock.close(), load.floor.close()]);

  const header = ['verify over HTTP', 'Passerelle ops/s', 'p50/p99 ms', 'stock ops/s', 'p50/p99 ms', 'ratio (pairs)', 'CPU ms/op P / S', 'CPU ratio', 'load'];
  const cpuOf = (runs: Pair[], server: 'passerelle' | 'stock') => median(runs.map((run) => run[server].cpuMsPerOp ?? Number.NaN));
  const rowOf = ({ case: name, pairs: runs }: { case: string; pairs: Pair[] }) => [
    name,
    median(runs.map((run) => run.passerelle.opsPerSecond)).toFixed(0),
    `${median(runs.map((run) => run.passerelle.p50Ms)).toFixed(1)}/${median(runs.map((run) => run.passerelle.p99Ms)).toFixed(1)}`,
    median(runs.map((run) => run.stock.opsPerSecond)).toFixed(0),
    `${median(runs.map((run) => run.stock.p50Ms)).toFixed(1)}/${median(runs.map((run) => run.stock.p99Ms)).toFixed(1)}`,
    runs.map((run) => run.ratio.toFixed(2)).join(' '),
    `${cpuOf(runs, 'passerelle').toFixed(2)} / ${cpuOf(runs, 'stock').toFixed(2)}`,
    (cpuOf(runs, 'stock') / cpuOf(runs, 'passerelle')).toFixed(2),
    median(runs.map((run) => run.loadAverage)).toFixed(1),
  ];
  printColumns(
    [...header, 'floor ops/s', 'floor / stock (pairs)', 'floor CPU ms/op'],
    results.map((result) => [
      ...rowOf(result),
      median(result.pairs.map((run) => run.floor.opsPerSecond)).toFixed(0),
      result.pairs.map((run) => run.floorRatio.toFixed(2)).join(' '),
      median(result.pairs.map((run) => run.floor.cpuMsPerOp ?? Number.NaN)).toFixed(2),
    ]),
  );
  console.log('Passerelle runs every check (structure, safe mode, key, signature, issuer, schema, validity, status, trust); stock checks the proof only.');
  console.log(
    "CPU ms/op: the server process's CPU time (all threads) per request; CPU ratio = stock / Passerelle, what ops/s would be on a quiet dedicated core.",
  );
  console.log(
    "Floor: stock's own verification (the same libraries, the proof only) on Node's bare HTTP server, run after each pair: a verifier on these libraries that checks more cannot beat it.",
  );
  if (issued.length > 0) {
    console.log('');
    printColumns(
      header.map((title, index) => (index === 0 ? 'issue over HTTP' : title)),
      issued.map(rowOf),
    );
    console.log(
      'Passerelle builds the credential from the typed request, validates it, runs safe mode, allocates status, signs and stores it; stock signs only.',
    );
  }
  console.log('');
  printColumns(
    ['verify, paced (open loop)', 'Passerelle rate/s', 'p50 ms', 'p99 ms (pairs)', 'stock rate/s', 'p50 ms', 'p99 ms (pairs)', 'p99 target', 'load'],
    paced.map(({ case: name, pairs: runs }) => {
      const target = name.startsWith('generic') ? 25 : 100;
      const met = runs.filter((run) => run.passerelle.p99Ms < target).length;
      return [
        name,
        median(runs.map((run) => run.passerelle.ratePerSecond)).toFixed(0),
        median(runs.map((run) => run.passerelle.p50Ms)).toFixed(1),
        runs.map((run) => run.passerelle.p99Ms.toFixed(1)).join(' '),
        median(runs.map((run) => run.stock.ratePerSecond)).toFixed(0),
        median(runs.map((run) => run.stock.p50Ms)).toFixed(1),
        runs.map((run) => run.stock.p99Ms.toFixed(1)).join(' '),
        `< ${target}: met in ${met} of ${runs.length}`,
        median(runs.map((run) => run.loadAverage)).toFixed(1),
      ];
    }),
  );
  console.log("Rate: half of the server's own closed-loop maximum above; latency counted from the time each request was due.");
  console.log('');
  await new Promise((resolve) => setTimeout(resolve, (LONG_IDLE_SECONDS - 5) * 1000));
  const later = { passerelle: watches.passerelle.now(), stock: watches.stock.now() };
  const mb = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(0));
  printColumns(
    ['RSS (MB)', 'before load', 'peak', 'peak during', 'after (5 s idle)', `after (${LONG_IDLE_SECONDS} s idle)`],
    (['passerelle', 'stock'] as const).map((server) => [
      server,
      mb(memory[server].baselineMb),
      mb(memory[server].peakMb),
      memory[server].peakDuring,
      mb(memory[server].afterMb),
      mb(later[server]),
    ]),
  );
  console.log('RSS: the whole process (every thread, worker pools included), sampled from /proc every 100 ms.');

  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/compare-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ seconds, pairs, concurrency, cores: cpus().length, pinned: pin, node: process.version, results, issued, paced, memory, rssAfterLongIdleMb: later, passerelleStart }, null, 2)}\n`,
  );
  console.log(`Written to ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
