/**
 * Run in a child process by test/resolve/old-generation.test.ts, with --expose-gc and an old
 * generation large enough that no full collection runs while it measures: prints, as JSON,
 * how many bytes each JSON-LD operation leaves in the old generation, per operation, once warm.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { resolveDidKey } from '../../src/resolve/did-key.js';
import runJsonLdTask from '../../src/resolve/json-ld-worker.js';
import { newDidKeySigner } from './did-key-signer.js';

const ROUNDS = 1500;
const signer = await newDidKeySigner();
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: signer.did,
  validFrom: '2026-01-01T00:00:00Z',
  name: 'Pre-departure orientation module',
  credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
};
const signed = await signer.sign(credential);
const didDocument = resolveDidKey(signer.did);
if (didDocument === undefined) throw new Error('did:key did not resolve');

const operations: Record<string, () => Promise<unknown>> = {
  expand: () => runJsonLdTask({ kind: 'expand', document: structuredClone(signed) }),
  'verify-proof': async () => {
    const result = await runJsonLdTask({ kind: 'verify-proof', credential: structuredClone(signed), didDocuments: { [signer.did]: didDocument } });
    if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result)}`);
  },
  sign: () => signer.sign(credential),
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const oldSpaceUsed = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;

const bytesPerOperation: Record<string, number> = {};
for (const [name, operation] of Object.entries(operations)) {
  for (let round = 0; round < ROUNDS; round += 1) await operation();
  gc();
  const before = oldSpaceUsed();
  for (let round = 0; round < ROUNDS; round += 1) await operation();
  bytesPerOperation[name] = Math.round((oldSpaceUsed() - before) / ROUNDS);
}
process.stdout.write(`${JSON.stringify(bytesPerOperation)}\n`);
