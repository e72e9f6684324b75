/**
 * npm run bench — issue and verify throughput, both formats, through HTTP (the real
 * app on loopback, SQLite store) and as bare library calls. Prints one table.
 * BENCH_SECONDS (default 3) sets the duration of each row; BENCH_CONCURRENCY
 * (default 8) the number of concurrent HTTP clients. Then cohort batches from one CSV, end
 * to end (POST …/credentials/batch until the job's `completed` event): BENCH_BATCH_JWT
 * (default 2,000; issue #14 asks for 10,000) JWT and BENCH_BATCH_DI (default 200; the issue: 1,000)
 * Data Integrity diplomas; 0 skips one. The batches go to Passerelle as production runs it
 * (compiled, its own process: batch-bench.ts; BENCH_PASSERELLE=sources: in this process).
 */
import { cpus, loadavg } from 'node:os';
import { signDataIntegrity } from '../../src/sign/data-integrity-signer.js';
import { signVcJwt } from '../../src/sign/jose-signer.js';
import { verifyCredential } from '../../src/verify/verify-credential.js';
import { issueCredential } from '../../src/issue/issue-credential.js';
import { issueProfileCredential } from '../../src/issue/issue-profile-credential.js';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { encodeList, MIN_LIST_BITS } from '../../src/status/bitstring.js';
import { createStatusListPublisher } from '../../src/status/publish-status-list.js';
import { createStatusListSource } from '../../src/status/status-list-source.js';
import { parseStatusListUrl } from '../../src/status/status-list-urls.js';
import { startBenchApp } from './bench-app.js';
import { runBatch, startBatchService, type BatchRun } from './batch-bench.js';
import { measure, printColumns, printTable, type Measurement } from './measure.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const batchJwtRows = Number(process.env.BENCH_BATCH_JWT ?? 2000);
const batchDiRows = Number(process.env.BENCH_BATCH_DI ?? 200);

function credential(index: number): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    name: 'Pre-departure orientation module',
    credentialSubject: { id: `did:example:worker-${index}`, name: `Worker ${index}` },
  };
}

async function main(): Promise<void> {
  const app = await startBenchApp();
  const { baseUrl, services, issuer, apiKey } = app;
  const deps = { ...services, publicUrl: baseUrl };
  const key = await services.keyring.activeKey(issuer);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };

  const sampleDi = (await issueCredential(deps, issuer, { credential: credential(0) })).verifiableCredential;
  const sampleJwt = (await issueCredential(deps, issuer, { credential: credential(0), options: { format: 'jwt' } })).verifiableCredential;
  const prepared = { ...credential(0), id: `${baseUrl}/credentials/bench`, issuer: issuer.did, validFrom: '2026-01-01T00:00:00Z' };

  const rows: Measurement[] = [];
  const run = async (...args: Parameters<typeof measure>) => {
    const row = await measure(...args);
    rows.push(row);
    process.stderr.write(`  ${row.name}: ${row.opsPerSecond.toFixed(1)} ops/s\n`);
  };
  process.stderr.write(`Benchmarking (${seconds}s per row, ${concurrency} HTTP clients, ${cpus().length} cores, node ${process.version})\n`);
  await run('library: sign DI (eddsa-rdfc-2022)', () => signDataIntegrity(prepared, { key, documentLoader: services.documentLoader, now: new Date() }), {
    seconds,
  });
  await run('library: sign JWT (EdDSA)', () => signVcJwt(prepared, key), { seconds });
  await run('library: issue DI (sign + store)', (index) => issueCredential(deps, issuer, { credential: credential(index) }), { seconds });
  await run('library: issue JWT (sign + store)', (index) => issueCredential(deps, issuer, { credential: credential(index), options: { format: 'jwt' } }), {
    seconds,
  });
  await run(
    'library: issue profile language-level DI (build + validate + sign + store)',
    () => issueProfileCredential(deps, issuer, { ...PROFILE_EXAMPLES['language-level'], format: 'di' }),
    { seconds },
  );
  const sampleProfile = (await issueProfileCredential(deps, issuer, { ...PROFILE_EXAMPLES['language-level'], format: 'di' })).verifiableCredential;
  await run(
    'library: verify profile DI + levels in DQR + visa preset',
    () => verifyCredential(services, { verifiableCredential: sampleProfile, options: { frameworks: ['de-dqr'], presets: ['de-visa-language-b1'] } }),
    { seconds },
  );
  // Status lists: encoding a full list, signing it on a cache miss (a fresh publisher has
  // an empty cache), and verification with the list cached vs signed afresh each time.
  const revokedShare = Array.from({ length: MIN_LIST_BITS / 100 }, (_, i) => (i * 7919) % MIN_LIST_BITS);
  await run('status: encode full list (131,072 bits, 1% set)', () => encodeList(MIN_LIST_BITS, revokedShare), { seconds });
  const publisherDeps = { ...services, publicUrl: baseUrl, ttlSeconds: services.config.statusListTtlSeconds };
  const listUrl = String((sampleDi.credentialStatus as Array<{ statusListCredential: string }>)[0]?.statusListCredential);
  const listId = parseStatusListUrl(baseUrl, listUrl)?.listId ?? '';
  await run('status: publish list DI, cache miss (encode + sign)', () => createStatusListPublisher(publisherDeps).get(listId, 'revocation', 'di'), { seconds });
  await run('status: publish list JWT, cache miss (encode + sign)', () => createStatusListPublisher(publisherDeps).get(listId, 'revocation', 'jwt'), {
    seconds,
  });
  await run('library: verify DI (status list cached)', () => verifyCredential(services, { verifiableCredential: sampleDi }), { seconds });
  await run('library: verify JWT (status list cached)', () => verifyCredential(services, { verifiableCredential: sampleJwt }), { seconds });
  const coldStatus = () => {
    const publisher = createStatusListPublisher(publisherDeps);
    return {
      ...services,
      statusLists: createStatusListSource({ publicUrl: baseUrl, publisher, clock: services.clock, remote: { timeoutMs: 1, maxBytes: 1 } }),
    };
  };
  await run('library: verify DI (status list cold: encode + sign + check)', () => verifyCredential(coldStatus(), { verifiableCredential: sampleDi }), {
    seconds,
  });
  await run('http: POST /credentials/issue DI', (index) => post('/credentials/issue', { credential: credential(index) }), { seconds, concurrency });
  await run('http: POST /credentials/issue JWT', (index) => post('/credentials/issue', { credential: credential(index), options: { format: 'jwt' } }), {
    seconds,
    concurrency,
  });
  await run('http: POST /credentials/verify DI', () => post('/credentials/verify', { verifiableCredential: sampleDi }), { seconds, concurrency });
  await run('http: POST /credentials/verify JWT', () => post('/credentials/verify', { verifiableCredential: sampleJwt }), { seconds, concurrency });

  printTable(rows);
  await app.close();

  const batches: Array<BatchRun & { load: number }> = [];
  let batchService: Awaited<ReturnType<typeof startBatchService>> | undefined;
  for (const [format, count] of [
    ['jwt', batchJwtRows],
    ['di', batchDiRows],
  ] as const) {
    if (count <= 0) continue;
    batchService ??= await startBatchService();
    const batch = await runBatch(batchService.target, { profile: 'diploma', format, rows: count });
    batches.push({ ...batch, load: loadavg()[0] as number });
    process.stderr.write(`  batch ${count} ${format}: ${(batch.ms / 1000).toFixed(2)} s\n`);
  }
  if (batches.length > 0) {
    console.log('');
    console.log(`Batches: Passerelle ${batchService?.how ?? ''}, the first batch after its start first.`);
    // CPU is the service's whole process (main thread + workers): on a shared machine, wall time also counts the others' load.
    printColumns(
      ['batch from one CSV (diploma, end to end)', 'rows', 'seconds', 'of which until accepted', 'rows/s', 'CPU s', 'load 1 min'],
      batches.map((batch) => [
        `POST /issuers/{slug}/credentials/batch ${batch.format.toUpperCase()}`,
        String(batch.rows),
        (batch.ms / 1000).toFixed(2),
        (batch.acceptedMs / 1000).toFixed(2),
        ((batch.rows / batch.ms) * 1000).toFixed(0),
        (batch.cpuMs / 1000).toFixed(2),
        batch.load.toFixed(2),
      ]),
    );
  }
  await batchService?.close();
}

if (process.argv.includes('--compare')) {
  // npm run bench -- --compare: against the stock stack (compare.ts), instead of the table above.
  await import('./compare.js');
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
