import { expect } from 'chai';
import { closeJsonLdPool, jsonLdWorkerCount, setInlineJsonLd, setJsonLdWorkerIdle } from '../../src/resolve/json-ld-pool.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #16 (memory): a JSON-LD worker is a V8 isolate of its own, so an idle one exits
 * (JSONLD_WORKER_IDLE) and gives its memory back; the next credential starts one again.
 */
describe('JSON-LD workers exit when idle and start again on demand (#16)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let issuer: { apiKey: string; slug: string };

  before(async () => {
    // The pool is per process: start a fresh one with this app's idle time.
    await closeJsonLdPool();
    // A credential this small is otherwise verified on the calling thread (json-ld-pool: INLINE_LIMITS); this test is about the pool.
    setInlineJsonLd(false);
    app = await startTestApp({ env: { JSONLD_WORKER_IDLE: '1' } });
    issuer = await app.createIssuer();
  });
  after(async () => {
    await app.close();
    // The next app's pool gets the default idle time again.
    await closeJsonLdPool();
    setJsonLdWorkerIdle(30_000);
    setInlineJsonLd(true);
  });

  async function verify(credential: unknown): Promise<string> {
    const response = await app.post('/credentials/verify', { verifiableCredential: credential });
    expect(response.status, response.text).to.equal(200);
    return response.body.verdict as string;
  }

  async function whenNoWorkerLeft(withinMs: number): Promise<number> {
    const start = Date.now();
    while (jsonLdWorkerCount() > 0 && Date.now() - start < withinMs) await new Promise((resolve) => setTimeout(resolve, 100));
    return jsonLdWorkerCount();
  }

  it('verifies, lets the idle worker exit, then verifies again with a new one', async () => {
    const issued = await app.post(
      '/credentials/issue',
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
        },
        options: { format: 'di' },
      },
      { authorization: `Bearer ${issuer.apiKey}` },
    );
    expect(issued.status, issued.text).to.equal(201);
    const credential = issued.body.verifiableCredential as unknown;

    // With the inline path off, the proof is verified in the pool.
    expect(await verify(credential)).to.equal('valid');
    expect(jsonLdWorkerCount()).to.be.greaterThan(0);

    expect(await whenNoWorkerLeft(15_000), 'workers alive after 15 s idle').to.equal(0);

    expect(await verify(credential)).to.equal('valid');
    expect(jsonLdWorkerCount()).to.be.greaterThan(0);
    // A tampered copy still fails in the new worker: it really checks, it is not a shortcut.
    const tampered = { ...(credential as Record<string, unknown>), credentialSubject: { id: 'did:example:worker-1', name: 'Worker 2' } };
    const refused = await app.post('/credentials/verify', { verifiableCredential: tampered });
    expect(refused.status).to.equal(422);
    expect(refused.body.verified).to.equal(false);
  });
});
