/**
 * Passerelle as production runs it, for the benchmarks: `npm run build`, then `node dist/main.js`
 * with the Node.js flags of npm run start:prod, in its own process, configured through its environment (a fresh data
 * folder, rate limits off, logs at warn), with the bench issuer created through the admin API
 * exactly as startBenchApp creates it. The load or the client stays in the bench's process, so
 * the service's CPU and memory are its own, not the TypeScript loader's or the client's.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface PasserelleProcess {
  child: ChildProcess;
  baseUrl: string;
  apiKey: string;
  slug: string;
  /** Kills the service and removes its data folder. */
  stop(): void;
}

/** How a server is started: here as is; compare.ts pins it to one core with taskset. */
export type ServerSpawner = (command: string[], options: SpawnOptions) => ChildProcess;

const plainSpawn: ServerSpawner = (command, options) => spawn(command[0] as string, command.slice(1), options);

export function buildPasserelle(): void {
  const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** Starts dist/main.js (build it first: buildPasserelle) and creates the `bench` issuer. */
export async function startCompiledPasserelle(spawnServer: ServerSpawner = plainSpawn): Promise<PasserelleProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminToken = randomBytes(24).toString('base64url');
  const child = spawnServer([process.execPath, ...productionNodeFlags(), 'dist/main.js'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
      ADMIN_TOKEN: adminToken,
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      DEMO_ISSUER: 'false',
    },
  });
  const stop = () => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  // Whatever the outcome, the service goes when the bench goes.
  process.once('exit', stop);
  await firstLine(child, 'passerelle', (line) => (line.startsWith('Passerelle listening on') ? true : undefined));
  const response = await fetch(`${baseUrl}/admin/issuers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ slug: 'bench', legalName: 'Bench Centre', country: 'MA' }),
  });
  const created = (await response.json()) as { apiKey?: unknown };
  if (response.status !== 201 || typeof created.apiKey !== 'string') throw new Error(`passerelle: no bench issuer: ${JSON.stringify(created)}`);
  return { child, baseUrl, apiKey: created.apiKey, slug: 'bench', stop };
}

/** The Node.js flags of `npm run start:prod` (package.json), so that the bench runs the service exactly as it is started. */
function productionNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = /^node ((?:--[\w-]+(?:=\S+)? )*)dist\/main\.js$/.exec(scripts['start:prod'] ?? '');
  if (command === null) throw new Error(`package.json start:prod is not "node [--flag …] dist/main.js": ${scripts['start:prod']}`);
  return (command[1] as string).split(' ').filter(Boolean);
}

/** Resolves with the first stdout line that `read` accepts; rejects if the server exits first. */
export async function firstLine<T>(child: ChildProcess, name: string, read: (line: string) => T | undefined): Promise<T> {
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return new Promise<T>((resolve, reject) => {
    lines.on('line', (line) => {
      const value = read(line);
      if (value !== undefined) resolve(value);
    });
    child.once('exit', (code) => reject(new Error(`server ${name} exited with ${String(code)}`)));
  });
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
