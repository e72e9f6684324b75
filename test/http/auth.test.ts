import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/start-app.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('authentication and issuer scope', () => {
  let app: TestApp;
  let alpha: { did: string; apiKey: string; slug: string };
  let beta: { did: string; apiKey: string; slug: string };

  before(async () => {
    app = await startTestApp();
    alpha = await app.createIssuer({ legalName: 'Alpha Vocational School' });
    beta = await app.createIssuer({ legalName: 'Beta Language School' });
  });
  after(() => app.close());

  const body = (issuerDid?: string) => ({ credential: minimalCredential(issuerDid === undefined ? {} : { issuer: issuerDid }) });

  it('refuses issuing without a key (401, problem+json)', async () => {
    const response = await app.post('/credentials/issue', body());
    expect(response.status).to.equal(401);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.body.type).to.match(/unauthenticated$/);
  });

  it('refuses a malformed Authorization header, an unknown key and a wrong secret (401)', async () => {
    const wrongSecret = alpha.apiKey.slice(0, -4) + (alpha.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const header of ['Basic abc', `Bearer psk_nope`, 'Bearer psk_0123456789abcdef_' + 'A'.repeat(43), `Bearer ${wrongSecret}`]) {
      const response = await app.post('/credentials/issue', body(), { authorization: header });
      expect(response.status, header).to.equal(401);
    }
  });

  it("refuses issuing as another issuer: issuer A's key cannot issue as B (403 naming /credential/issuer)", async () => {
    const response = await app.post('/credentials/issue', body(beta.did), { authorization: `Bearer ${alpha.apiKey}` });
    expect(response.status).to.equal(403);
    expect(response.body.instance).to.equal('/credential/issuer');
    expect(response.body.detail).to.include(beta.did);
  });

  it("does not let an issuer read another issuer's credential (404, same as missing)", async () => {
    const issued = await app.post('/credentials/issue', body(), { authorization: `Bearer ${alpha.apiKey}` });
    const localId = (issued.body.verifiableCredential.id as string).split('/').pop();
    expect((await app.get(`/credentials/${localId}`, { authorization: `Bearer ${beta.apiKey}` })).status).to.equal(404);
    expect((await app.get(`/credentials/${localId}`, { authorization: `Bearer ${alpha.apiKey}` })).status).to.equal(200);
  });

  it('refuses a revoked API key (401) while the issuer\u2019s other keys keep working', async () => {
    const extra = await app.post(`/admin/issuers/${alpha.slug}/api-keys`, { label: 'to revoke' }, admin);
    expect(extra.status).to.equal(201);
    const key = extra.body.apiKey as string;
    expect((await app.post('/credentials/issue', body(), { authorization: `Bearer ${key}` })).status).to.equal(201);
    const revoke = await fetch(`${app.baseUrl}/admin/issuers/${alpha.slug}/api-keys/${extra.body.id}`, { method: 'DELETE', headers: admin });
    expect(revoke.status).to.equal(204);
    const refused = await app.post('/credentials/issue', body(), { authorization: `Bearer ${key}` });
    expect(refused.status).to.equal(401);
    expect(refused.body.detail).to.include('revoked');
    expect((await app.post('/credentials/issue', body(), { authorization: `Bearer ${alpha.apiKey}` })).status).to.equal(201);
  });

  it('refuses admin calls with a wrong token (401) and an issuer key used as admin token (401)', async () => {
    expect(
      (await app.post('/admin/issuers', { slug: 'x1', legalName: 'X', country: 'MA' }, { authorization: 'Bearer wrong-token-wrong-token' })).status,
    ).to.equal(401);
    expect((await app.post('/admin/issuers', { slug: 'x2', legalName: 'X', country: 'MA' }, { authorization: `Bearer ${alpha.apiKey}` })).status).to.equal(401);
    expect((await app.post('/admin/issuers', { slug: 'x3', legalName: 'X', country: 'MA' })).status).to.equal(401);
  });

  it('never returns or stores an API key secret after creation', async () => {
    const list = await app.get(`/admin/issuers/${alpha.slug}/api-keys`, admin);
    expect(list.status).to.equal(200);
    // psk_<16-char id>_<secret>: the secret itself may contain '_', so cut by position.
    const id = alpha.apiKey.slice(4, 20);
    const secret = alpha.apiKey.slice(21);
    expect(list.text).not.to.include(secret);
    const stored = await app.services.store.apiKeys.findById(id);
    expect(stored?.id).to.equal(id);
    expect(JSON.stringify(stored)).not.to.include(secret);
  });
});

describe('admin endpoints without ADMIN_TOKEN', () => {
  it('are disabled (403), whatever token is sent', async () => {
    const app = await startTestApp({ env: { ADMIN_TOKEN: '' } });
    try {
      const response = await app.post('/admin/issuers', { slug: 'nope', legalName: 'X', country: 'MA' }, admin);
      expect(response.status).to.equal(403);
      expect(response.body.detail).to.include('ADMIN_TOKEN');
      expect(await app.services.store.issuers.findBySlug('nope')).to.equal(undefined);
    } finally {
      await app.close();
    }
  });
});
