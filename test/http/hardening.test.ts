import { expect } from 'chai';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #9, findings 9 and item 6: no 500s, no existence oracles, private files, bounded slow clients. */
describe('hardening (#9)', function () {
  this.timeout(20_000);
  let app: TestApp;
  let alice: { apiKey: string; slug: string };
  let bob: { apiKey: string; slug: string };
  const as = (issuer: { apiKey: string }) => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp({ env: { REQUEST_TIMEOUT: '1', HEADERS_TIMEOUT: '0.5' } });
    alice = await app.createIssuer();
    bob = await app.createIssuer();
  });
  after(() => app.close());

  it('answers another issuer’s credential exactly like a missing one, for reads and for status changes', async () => {
    const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, as(alice));
    const id = issued.body.verifiableCredential.id as string;
    const missing = `${app.baseUrl}/credentials/00000000-0000-4000-8000-000000000000`;
    const change = (credentialId: string) =>
      app.post('/credentials/status', { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] }, as(bob));
    const [foreign, absent] = [await change(id), await change(missing)];
    expect(foreign.status).to.equal(404);
    expect(absent.status).to.equal(404);
    expect(foreign.body.type).to.equal(absent.body.type);
    expect(foreign.body.detail.replace(id, 'ID')).to.equal(absent.body.detail.replace(missing, 'ID'));
    const history = await app.get(`/credentials/${id.split('/').pop()}/status`, as(bob));
    expect(history.status).to.equal(404);
    const read = await app.get(`/credentials/${id.split('/').pop()}`, as(bob));
    expect(read.status).to.equal(404);
    // Alice's credential is untouched.
    expect((await app.post('/credentials/verify', { verifiableCredential: issued.body.verifiableCredential })).body.verdict).to.equal('valid');
  });

  it('refuses a caller-chosen id under our credential path (so another issuer’s id is never confirmed)', async () => {
    const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, as(alice));
    const reused = await app.post('/credentials/issue', { credential: minimalCredential({ id: issued.body.verifiableCredential.id }) }, as(bob));
    expect(reused.status).to.equal(400);
    expect(reused.body.instance).to.equal('/credential/id');
    const fresh = await app.post('/credentials/issue', { credential: minimalCredential({ id: `${app.baseUrl}/credentials/never-issued` }) }, as(bob));
    expect(fresh.status).to.equal(400);
    expect(fresh.body.detail).to.equal(reused.body.detail);
  });

  it('answers wrong-typed values with 4xx, never 500, on every credential-taking endpoint', async () => {
    const odd: unknown[] = [{ toString: 'x' }, { valueOf: 1 }, [], 42, true];
    for (const value of odd) {
      const credential = minimalCredential({ credentialSubject: { id: value, name: 'A' } });
      const issue = await app.post('/credentials/issue', { credential }, as(alice));
      expect(issue.status, `issue ${JSON.stringify(value)}`).to.be.within(400, 499);
      const verify = await app.post('/credentials/verify', { verifiableCredential: { ...credential, issuer: { id: value } } });
      expect(verify.status, `verify ${JSON.stringify(value)}`).to.be.oneOf([200, 400, 422]);
      const check = await app.post('/requirements/check', { credentials: [{ ...credential, issuer: value }], presets: ['de-visa-language-b1'] });
      expect(check.status, `requirements ${JSON.stringify(value)}`).to.be.within(200, 499);
      const profile = await app.post(`/issuers/${alice.slug}/credentials`, { profile: 'diploma', holder: { name: value }, title: value }, as(alice));
      expect(profile.status, `profile ${JSON.stringify(value)}`).to.be.within(400, 499);
    }
  });

  it('spends no status position on a refused request (positions are never reused)', async () => {
    const ordinalOf = async (response: { body: { verifiableCredential: { id: string } } }) =>
      (await app.services.store.credentials.findById(response.body.verifiableCredential.id))?.status?.ordinal as number;
    const first = await app.post('/credentials/issue', { credential: minimalCredential() }, as(alice));
    for (const format of ['di', 'jwt']) {
      const refused = await app.post(
        '/credentials/issue',
        { credential: minimalCredential({ credentialSubject: { id: 'did:example:w', favouriteColour: 'blue' } }), options: { format } },
        as(alice),
      );
      expect(refused.status, refused.text).to.equal(400);
    }
    const second = await app.post('/credentials/issue', { credential: minimalCredential() }, as(alice));
    expect((await ordinalOf(second)) - (await ordinalOf(first))).to.equal(1);
  });

  it('keeps the data folder and the database private (0700 / 0600)', () => {
    expect(statSync(app.dataDir).mode & 0o777).to.equal(0o700);
    for (const file of ['passerelle.sqlite', 'passerelle.sqlite-wal']) {
      const path = join(app.dataDir, file);
      expect(statSync(path).mode & 0o777, file).to.equal(0o600);
    }
  });

  it('closes a connection whose body never finishes within REQUEST_TIMEOUT', async () => {
    const { port } = new URL(app.baseUrl);
    const started = performance.now();
    const closed = await new Promise<number>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"verifiableCredential":');
      });
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(performance.now() - started));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('still open after 5 s')), 5000);
    });
    expect(closed).to.be.lessThan(3000);
  });
});

describe('VC API input rules at issue (#9, #12)', function () {
  this.timeout(20_000);
  let app: TestApp;
  let issuer: { apiKey: string };
  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  it('refuses untyped termsOfUse, evidence and refreshService, and relatedResource without a digest, in both formats (400, never 500)', async () => {
    const shapes: Array<[Record<string, unknown>, string]> = [
      [{ termsOfUse: {} }, '/credential/termsOfUse'],
      [{ evidence: {} }, '/credential/evidence'],
      [{ refreshService: {} }, '/credential/refreshService'],
      [{ relatedResource: { id: 'https://example.org/a.pdf' } }, '/credential/relatedResource'],
    ];
    for (const format of ['di', 'jwt']) {
      for (const [change, pointer] of shapes) {
        const response = await app.post(
          '/credentials/issue',
          { credential: minimalCredential(change), options: { format } },
          { authorization: `Bearer ${issuer.apiKey}` },
        );
        expect(response.status, `${format} ${JSON.stringify(change)}: ${response.text}`).to.equal(400);
        expect(response.body.instance ?? response.body.errors?.[0]?.pointer).to.match(new RegExp(`^${pointer}`));
      }
    }
  });

  it('refuses id: null instead of replacing it, and a malformed issuer with 400 before deciding who may issue', async () => {
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const nullId = await app.post('/credentials/issue', { credential: minimalCredential({ id: null }) }, auth);
    expect(nullId.status).to.equal(400);
    expect(nullId.body.instance).to.equal('/credential/id');
    for (const malformed of [42, 'not a uri', { id: 7 }, {}]) {
      const response = await app.post('/credentials/issue', { credential: minimalCredential({ issuer: malformed }) }, auth);
      expect(response.status, JSON.stringify(malformed)).to.equal(400);
      expect(response.body.instance).to.equal('/credential/issuer');
    }
    // A well-formed issuer that is not the caller's stays 403.
    expect((await app.post('/credentials/issue', { credential: minimalCredential({ issuer: 'did:example:someone-else' }) }, auth)).status).to.equal(403);
  });
});

describe('VC API options (#12)', function () {
  this.timeout(20_000);
  let app: TestApp;
  let issuer: { apiKey: string };
  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  it('accepts options.credentialStatus BitstringStatusListEntry at issue and refuses other types, naming the field', async () => {
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const ok = await app.post(
      '/credentials/issue',
      { credential: minimalCredential(), options: { credentialStatus: { type: 'BitstringStatusListEntry' } } },
      auth,
    );
    expect(ok.status, ok.text).to.equal(201);
    expect(JSON.stringify(ok.body.verifiableCredential.credentialStatus)).to.include('BitstringStatusListEntry');
    const other = await app.post(
      '/credentials/issue',
      { credential: minimalCredential(), options: { credentialStatus: { type: 'StatusList2021Entry' } } },
      auth,
    );
    expect(other.status).to.equal(400);
    expect(other.body.instance).to.equal('/options/credentialStatus/type');
  });

  it('accepts options.checks naming known checks at verify, and refuses an unknown one with 400 naming it', async () => {
    const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, { authorization: `Bearer ${issuer.apiKey}` });
    const verified = await app.post('/credentials/verify', {
      verifiableCredential: issued.body.verifiableCredential,
      options: { checks: ['proof', 'credentialStatus', 'expiration'] },
    });
    expect(verified.status, verified.text).to.equal(200);
    const unknown = await app.post('/credentials/verify', {
      verifiableCredential: issued.body.verifiableCredential,
      options: { checks: ['proof', 'astrology'] },
    });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.instance).to.equal('/options/checks/1');
  });
});
