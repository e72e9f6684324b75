import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #10: request ids, metrics, rate limits, readiness and the landing page. */
describe('operations', function () {
  this.timeout(20_000);

  describe('request ids and metrics', () => {
    let app: TestApp;
    let issuer: { apiKey: string };
    before(async () => {
      app = await startTestApp({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
      issuer = await app.createIssuer();
    });
    after(() => app.close());

    it('returns the X-Request-Id it was sent, and makes one when none (or an unsafe one) was sent', async () => {
      expect((await app.get('/healthz', { 'x-request-id': 'abc-123.def' })).headers.get('x-request-id')).to.equal('abc-123.def');
      expect((await app.get('/healthz')).headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      expect((await app.get('/healthz', { 'x-request-id': 'bad id; "injected": true' })).headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
      const keyAsId = `psk_0123456789abcdef_${'A'.repeat(43)}`;
      expect((await app.get('/healthz', { 'x-request-id': keyAsId })).headers.get('x-request-id')).to.not.equal(keyAsId);
    });

    it('counts requests by route pattern, credentials issued and verdicts, behind METRICS_TOKEN', async () => {
      const issued = await app.post(
        '/credentials/issue',
        { credential: minimalCredential(), options: { format: 'jwt' } },
        { authorization: `Bearer ${issuer.apiKey}` },
      );
      await app.post('/credentials/verify', { verifiableCredential: issued.body.verifiableCredential });
      await app.get(`/v/${(issued.body.verifiableCredential.id as string).split(',')[0]}`);
      expect((await app.get('/metrics')).status).to.equal(401);
      expect((await app.get('/metrics', { authorization: 'Bearer wrong-token-0123456789' })).status).to.equal(401);
      const metrics = await app.get('/metrics', { authorization: 'Bearer metrics-token-0123456789' });
      expect(metrics.status).to.equal(200);
      expect(metrics.headers.get('content-type')).to.match(/^text\/plain/);
      expect(metrics.text).to.match(/passerelle_http_request_duration_seconds_count\{route="\/credentials\/verify",method="POST",status="200"\} 1/);
      expect(metrics.text).to.match(/passerelle_credentials_issued_total\{format="jwt",profile="generic"\} 1/);
      expect(metrics.text).to.match(/passerelle_verifications_total\{verdict="valid"\} 1/);
      expect(metrics.text).to.match(/passerelle_process_cpu_user_seconds_total/);
      // Ids never become label values.
      expect(metrics.text).to.not.match(/route="\/credentials\/[0-9a-f]{8}-/);
    });

    it('answers /readyz 200, then 503 (problem+json) once the store is unreachable', async () => {
      const own = await startTestApp();
      try {
        expect((await own.get('/readyz')).body).to.deep.equal({ status: 'ready', store: 'sqlite' });
        await own.services.store.close();
        const ready = await own.get('/readyz');
        expect(ready.status).to.equal(503);
        expect(ready.headers.get('content-type')).to.match(/application\/problem\+json/);
        expect((await own.get('/healthz')).status).to.equal(503);
      } finally {
        await own.close();
      }
    });

    it('serves a landing page that says what the service is and links the docs, the checker and health', async () => {
      const page = await fetch(`${app.baseUrl}/`);
      expect(page.status).to.equal(200);
      const html = await page.text();
      for (const link of ['/docs', '/v', '/healthz', '/openapi.json']) expect(html).to.include(`href="${link}"`);
      expect(page.headers.get('content-security-policy')).to.include("default-src 'none'");
      expect(html).to.not.match(/https?:\/\//);
    });
  });

  describe('rate limits on the public endpoints', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'loopback' } });
    });
    after(() => app.close());

    it('answers 429 problem+json with Retry-After past the limit, per client address, and leaves other endpoints alone', async () => {
      const verify = (client: string) => app.post('/credentials/verify', { verifiableCredential: 'x.y.z' }, { 'x-forwarded-for': client });
      for (let attempt = 0; attempt < 3; attempt += 1) expect((await verify('203.0.113.5')).status).to.equal(422);
      const limited = await verify('203.0.113.5');
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(limited.body.type).to.equal('https://w3id.org/passerelle/problems/rate-limited');
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 60);
      expect(limited.headers.get('ratelimit')).to.match(/limit=3/);
      // Another client behind the same trusted proxy has its own count.
      expect((await verify('198.51.100.9')).status).to.equal(422);
      // Pages of the checker count too; the frameworks do not.
      expect((await fetch(`${app.baseUrl}/v`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status).to.equal(429);
      // A dossier costs up to 20 verifications: it counts too.
      expect((await app.post('/dossiers/verify', { verifiableCredentials: ['x.y.z'] }, { 'x-forwarded-for': '203.0.113.5' })).status).to.equal(429);
      expect((await app.get('/frameworks', { 'x-forwarded-for': '203.0.113.5' })).status).to.equal(200);
    });
  });
});
