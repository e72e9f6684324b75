/**
 * npm run bench:memory — resident memory of the service before, during and after a burst of
 * public verifications (valid, tampered and 1,000-item credentials), to check that memory
 * returns near its baseline afterwards (issue #9). The app runs in this process on loopback.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { closeJsonLdPool } from '../../src/resolve/json-ld-pool.js';
import { startBenchApp } from './bench-app.js';

const REQUESTS = Number(process.env.BURST_REQUESTS ?? 3000);
const CONCURRENCY = 16;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const app = await startBenchApp();
  const { baseUrl: base, apiKey } = app;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then((r) => r.text());
  const issued = JSON.parse(
    await post(
      '/credentials/issue',
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          name: 'M',
          credentialSubject: { id: 'did:example:w', name: 'A' },
        },
      },
      { authorization: `Bearer ${apiKey}` },
    ),
  ).verifiableCredential;
  const tampered = { ...issued, name: 'Changed' };
  const wide = { ...issued, credentialSubject: { id: 'did:example:w', name: Array.from({ length: 1000 }, (_, i) => `n${i}`) } };
  const inputs = [issued, tampered, wide];

  for (let i = 0; i < 50; i += 1) await post('/credentials/verify', { verifiableCredential: issued });
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const index = next++;
        await post('/credentials/verify', { verifiableCredential: inputs[index % inputs.length] });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await sleep(Number(process.env.BURST_SETTLE_MS ?? 15_000));
  global.gc?.();
  const after = process.memoryUsage().rss;
  console.log(
    `RSS (main thread process): baseline ${mb(baseline)} MB, peak ${mb(peak)} MB during ${REQUESTS} verifications (${Math.round(REQUESTS / seconds)}/s), ${mb(after)} MB ${Number(process.env.BURST_SETTLE_MS ?? 15_000) / 1000} s after`,
  );
  await app.close();
  await closeJsonLdPool();
}

await main();
