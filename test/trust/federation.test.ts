import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { diplomaExample } from '../../src/issue/profiles/examples.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/start-app.js';
import { selfSignedCertificate } from '../helpers/self-signed-cert.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';

/**
 * Two (and more) real instances on loopback over HTTPS, each trusting the test CA only
 * through OUTBOUND_CA_FILE: A hosts a provider and an accreditation authority; B verifies
 * A's credentials, resolving did:web over TLS, and learns who vouches for the provider
 * from A's /trust-list — only when it trusts the list's signer.
 */
describe('trust and federation: two instances over TLS', function () {
  this.timeout(60_000);
  const tls = selfSignedCertificate();
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-ca-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, tls.cert);
  const outbound = { OUTBOUND_CA_FILE: caFile, OUTBOUND_ALLOW_PRIVATE: 'true' };
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  let a: TestApp;
  let b: TestApp;
  let provider: { slug: string; did: string; apiKey: string };
  let otherProvider: { slug: string; did: string; apiKey: string };
  let authority: { slug: string; did: string; apiKey: string };
  let diploma: Record<string, unknown>;
  let otherDiploma: Record<string, unknown>;
  const started: TestApp[] = [];

  // B's clock can be moved on, past the 5 minutes a verified status list is reused.
  let bOffsetMs = 0;
  const bClock = { now: () => new Date(Date.now() + bOffsetMs) };

  async function instance(env: Record<string, string> = {}, clock?: { now(): Date }): Promise<TestApp> {
    const app = await startTestApp({ tls, env: { ...outbound, ...env }, ...(clock === undefined ? {} : { clock }) });
    started.push(app);
    return app;
  }

  async function issueDiploma(issuer: { slug: string; apiKey: string }): Promise<Record<string, unknown>> {
    const response = await a.post(`/issuers/${issuer.slug}/credentials`, diplomaExample, { authorization: `Bearer ${issuer.apiKey}` });
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential;
  }

  const verifyOn = async (app: TestApp, verifiableCredential: unknown) => (await app.post('/credentials/verify', { verifiableCredential })).body;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary report JSON
  const check = (report: { checks: Array<{ check: string }> }, id: string) => report.checks.find((outcome) => outcome.check === id) as Record<string, any>;

  async function recognize(issuerSlug: string, scope: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const response = await a.post(`/admin/issuers/${issuerSlug}/recognition`, { recognizedBy: authority.slug, scope, ...extra }, admin);
    expect(response.status, response.text).to.equal(201);
    return response.body;
  }

  before(async () => {
    // A's status lists stay valid for an hour, so B's clock moved on by minutes still accepts them.
    a = await instance({ STATUS_LIST_TTL: '3600' });
    provider = await a.createIssuer(
      { legalName: 'Institut Spécialisé de Technologie Appliquée', names: { fr: 'ISTA Casablanca', ar: 'المعهد المتخصص' } },
      { recognized: false },
    );
    otherProvider = await a.createIssuer({ legalName: 'Centre de formation du Nord' }, { recognized: false });
    authority = await a.createIssuer({ legalName: 'Autorité nationale d’accréditation (test)' }, { recognized: false });
    expect(provider.did).to.match(/^did:web:127\.0\.0\.1%3A\d+:issuers:/);
    diploma = await issueDiploma(provider);
    otherDiploma = await issueDiploma(otherProvider);
    b = await instance({ TRUST_ANCHORS: authority.did, TRUST_LISTS: `${a.baseUrl}/trust-list` }, bClock);
  });
  after(async () => {
    await Promise.all(started.map((app) => app.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('B resolves the did:web of A over TLS and verifies the signature; with no recognition the verdict is unrecognized-issuer', async () => {
    const report = await verifyOn(b, diploma);
    expect(check(report, 'issuer-key').status, JSON.stringify(report.checks)).to.equal('success');
    expect(check(report, 'signature').status).to.equal('success');
    expect(report.verified).to.equal(true);
    expect(report.verdict).to.equal('unrecognized-issuer');
    expect(check(report, 'trust')).to.include({ status: 'skipped', cause: 'not-recognized' });
    expect(report.trust).to.deep.equal({ tier: 'unknown', recognized: false });
  });

  it('A grants a recognition; after a refresh B reports who vouches for the provider, in scope', async () => {
    expect((await a.get(`/issuers/${provider.slug}`)).body.tier).to.equal('registered');
    const granted = await recognize(
      provider.slug,
      { profiles: ['diploma'], levelLimits: [{ framework: 'ma-cnc', maxLevel: '5' }], fieldsOfStudy: ['07'] },
      { decisionReference: 'ANA-2026-041' },
    );
    expect(granted.credential.type).to.deep.equal(['VerifiableCredential', 'RecognizedEntityCredential']);
    const list = await a.get('/trust-list');
    expect(list.status).to.equal(200);
    expect(list.body.verifiableCredential).to.have.length(1);
    expect((await a.get(`/issuers/${provider.slug}`)).body.tier).to.equal('accredited');

    const refreshed = await b.post('/admin/trust/refresh', undefined, admin);
    expect(refreshed.status, refreshed.text).to.equal(200);
    expect(refreshed.body.lists[0]).to.include({ state: 'fresh', entries: 1 });
    expect(refreshed.body.lists[0].signers).to.deep.equal([authority.did]);

    const report = await verifyOn(b, diploma);
    expect(report.verdict, JSON.stringify(check(report, 'trust'))).to.equal('valid');
    expect(check(report, 'trust').status).to.equal('success');
    expect(check(report, 'trust').message).to.include(authority.did).and.include('ISTA Casablanca');
    expect(report.trust).to.include({ tier: 'accredited', recognized: true, source: `${a.baseUrl}/trust-list` });
    expect(report.trust.recognizedBy).to.deep.equal({ id: authority.did, name: 'Autorité nationale d’accréditation (test)' });
    expect(report.trust.legalName).to.deep.equal({ fr: 'ISTA Casablanca', ar: 'المعهد المتخصص' });
  });

  it('a recognition that does not cover the credential (level above, other field, other profile) is out-of-scope, saying which', async () => {
    await recognize(otherProvider.slug, { profiles: ['language-level'], levelLimits: [{ framework: 'ma-cnc', maxLevel: '4' }], fieldsOfStudy: ['09'] });
    await b.post('/admin/trust/refresh', undefined, admin);
    const report = await verifyOn(b, otherDiploma);
    expect(report.verified).to.equal(true);
    expect(report.verdict).to.equal('out-of-scope');
    const detail = check(report, 'trust').problems[0].detail as string;
    expect(detail).to.include('recognized for language-level credentials, not diploma');
    expect(detail).to.include('MA-CNC level 5 is above the recognized limit (MA-CNC 4)');
    expect(detail).to.include('field of study 0714 (ISCED-F) is outside the recognized fields 09');
    expect(report.trust).to.include({ tier: 'accredited', recognized: false });
  });

  it('an expired recognition is out-of-scope, and says it expired', async () => {
    const expiring = await a.createIssuer({ legalName: 'Centre à reconnaissance échue' }, { recognized: false });
    const credential = await issueDiploma(expiring);
    await recognize(expiring.slug, { profiles: ['diploma'] }, { validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' });
    await b.post('/admin/trust/refresh', undefined, admin);
    const report = await verifyOn(b, credential);
    expect(report.verdict).to.equal('out-of-scope');
    expect(check(report, 'trust').problems[0].detail).to.match(/expired/);
  });

  it('a withdrawn recognition (its credential revoked on A) is reported as withdrawn by B after a refresh', async () => {
    const withdrawn = await a.createIssuer({ legalName: 'Centre retiré' }, { recognized: false });
    const credential = await issueDiploma(withdrawn);
    const granted = await recognize(withdrawn.slug, { profiles: ['diploma'] });
    await b.post('/admin/trust/refresh', undefined, admin);
    expect((await verifyOn(b, credential)).verdict).to.equal('valid');

    const deleted = await a.request('DELETE', `/admin/trust/entries/${granted.entry.id}`, undefined, admin);
    expect(deleted.status, deleted.text).to.equal(204);
    // B reuses a verified status list for up to 5 minutes: a withdrawal shows once that has passed.
    bOffsetMs += 6 * 60_000;
    await b.post('/admin/trust/refresh', undefined, admin);
    const report = await verifyOn(b, credential);
    expect(report.verdict).to.equal('out-of-scope');
    expect(check(report, 'trust').problems[0].detail).to.match(/withdrawn: its authority revoked the recognition/);
  });

  it('the same list, signed by a key the verifier does not trust, is ignored with a warning in GET /trust', async () => {
    const c = await instance({ TRUST_ANCHORS: provider.did, TRUST_LISTS: `${a.baseUrl}/trust-list` });
    const report = await verifyOn(c, diploma);
    expect(report.verdict).to.equal('unrecognized-issuer');
    const trust = await c.get('/trust');
    expect(trust.status).to.equal(200);
    expect(trust.body.anchors).to.deep.equal([provider.did]);
    expect(trust.body.lists[0]).to.include({ state: 'fresh', entries: 0 });
    expect(trust.body.warnings.join(' ')).to.include(`signed by ${authority.did}, which is not one of this service's trust anchors`);
  });

  describe('a list that becomes unreachable', () => {
    let mirror: TlsServer;
    before(async () => {
      mirror = await startTlsServer();
      mirror.routes.set('/list.json', (await a.get('/trust-list')).body);
    });
    after(() => mirror.close());

    it('keeps its last verified copy (trust still succeeds), and says so in GET /trust', async () => {
      const d = await instance({ TRUST_ANCHORS: authority.did, TRUST_LISTS: `${mirror.baseUrl}/list.json` });
      expect((await verifyOn(d, diploma)).verdict).to.equal('valid');
      mirror.routes.delete('/list.json');
      const refreshed = await d.post('/admin/trust/refresh', undefined, admin);
      expect(refreshed.body.lists[0].state).to.equal('cached-copy');
      expect(refreshed.body.lists[0].error).to.match(/answered 404/);
      expect((await verifyOn(d, diploma)).verdict).to.equal('valid');
    });

    it('without any copy, an issuer no other source names is could-not-check, not unrecognized', async () => {
      const e = await instance({ TRUST_ANCHORS: authority.did, TRUST_LISTS: `${mirror.baseUrl}/never-there.json` });
      const report = await verifyOn(e, diploma);
      expect(report.verified).to.equal(true);
      expect(report.verdict).to.equal('could-not-check');
      expect(check(report, 'trust')).to.include({ status: 'skipped', cause: 'could-not-check' });
      expect(check(report, 'trust').reason).to.include('never-there.json');
    });
  });

  it('reads a trust list from a file (an operator who downloads it out of band)', async () => {
    const file = join(dir, 'trust-list.json');
    writeFileSync(file, (await a.get('/trust-list')).text);
    const f = await instance({ TRUST_ANCHORS: authority.did, TRUST_LISTS: file });
    expect((await verifyOn(f, diploma)).verdict).to.equal('valid');
    expect((await f.get('/trust')).body.lists[0]).to.include({ source: file, state: 'fresh' });
  });

  it('without OUTBOUND_ALLOW_PRIVATE, a trust list on a loopback address is never requested', async () => {
    const mirror = await startTlsServer();
    try {
      mirror.routes.set('/list.json', (await a.get('/trust-list')).body);
      const strict = await startTestApp({ tls, env: { OUTBOUND_CA_FILE: caFile, TRUST_ANCHORS: authority.did, TRUST_LISTS: `${mirror.baseUrl}/list.json` } });
      started.push(strict);
      const trust = await strict.get('/trust');
      expect(trust.body.lists[0].state).to.equal('unavailable');
      expect(trust.body.lists[0].error).to.match(/private or loopback/);
      expect(mirror.requests).to.deep.equal([]);
    } finally {
      await mirror.close();
    }
  });

  it('without OUTBOUND_ALLOW_PRIVATE, B refuses to fetch the loopback DID document: could-not-check naming why', async () => {
    const strict = await startTestApp({ tls, env: { OUTBOUND_CA_FILE: caFile } });
    started.push(strict);
    const report = await verifyOn(strict, diploma);
    expect(report.verdict).to.equal('could-not-check');
    expect(check(report, 'issuer-key').reason).to.match(/private or loopback/);
    // The page says what the reader can do, not just "try again later".
    const page = await strict.request('POST', '/v?lang=en', `credential=${encodeURIComponent(JSON.stringify(diploma))}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(page.text).to.include('data-verdict="could-not-check"');
    expect(page.text).to.include('The issuer’s key could not be fetched from its server');
  });
});
