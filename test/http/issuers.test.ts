import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createKeyVault } from '../../src/sign/key-vault.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/start-app.js';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('issuers, DIDs and keys', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('creates an issuer with a did:web hosted here, resolvable at /issuers/<slug>/did.json', async () => {
    const response = await app.post(
      '/admin/issuers',
      { slug: 'ofppt-casablanca', legalName: 'OFPPT Casablanca', country: 'MA', names: { fr: 'OFPPT Casablanca', ar: 'مكتب التكوين المهني وإنعاش الشغل' } },
      admin,
    );
    expect(response.status).to.equal(201);
    const port = new URL(app.baseUrl).port;
    expect(response.body.did).to.equal(`did:web:127.0.0.1%3A${port}:issuers:ofppt-casablanca`);
    expect(response.body.apiKey).to.match(/^psk_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    expect(response.body.names.ar).to.equal('مكتب التكوين المهني وإنعاش الشغل');

    const did = await app.get('/issuers/ofppt-casablanca/did.json');
    expect(did.status).to.equal(200);
    expect(did.body.id).to.equal(response.body.did);
    expect(did.body.assertionMethod).to.have.length(1);
    expect(did.body.verificationMethod[0]).to.include({ type: 'Multikey', controller: response.body.did });
    expect(did.text).not.to.match(/secret|sealed/i);
  });

  it('creates a did:key issuer whose credentials verify with no hosting', async () => {
    const issuer = await app.createIssuer({ didMethod: 'key' });
    expect(issuer.did).to.match(/^did:key:z6Mk/);
    const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, { authorization: `Bearer ${issuer.apiKey}` });
    expect(issued.body.verifiableCredential.proof.verificationMethod).to.equal(`${issuer.did}#${issuer.did.slice(8)}`);
    const report = await app.post('/credentials/verify', { verifiableCredential: issued.body.verifiableCredential });
    expect(report.body.verified).to.equal(true);
  });

  it('rotates a did:web key: new credentials use the new key, old ones still verify', async () => {
    const issuer = await app.createIssuer();
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const before = (await app.post('/credentials/issue', { credential: minimalCredential() }, auth)).body.verifiableCredential;
    const beforeJwt = (await app.post('/credentials/issue', { credential: minimalCredential(), options: { format: 'jwt' } }, auth)).body.verifiableCredential;

    const rotated = await app.post(`/admin/issuers/${issuer.slug}/keys`, {}, admin);
    expect(rotated.status).to.equal(201);
    const after = (await app.post('/credentials/issue', { credential: minimalCredential() }, auth)).body.verifiableCredential;
    expect(after.proof.verificationMethod).to.equal(rotated.body.verificationMethod);
    expect(after.proof.verificationMethod).not.to.equal(before.proof.verificationMethod);

    const didDocument = (await app.get(`/issuers/${issuer.slug}/did.json`)).body;
    expect(didDocument.assertionMethod).to.have.members([before.proof.verificationMethod, after.proof.verificationMethod]);
    for (const vc of [before, beforeJwt, after]) {
      expect((await app.post('/credentials/verify', { verifiableCredential: vc })).body.verified).to.equal(true);
    }
  });

  it('reads a hosted DID document kept from before a rotation again for the new key, and still refuses a key it does not list', async () => {
    const issuer = await app.createIssuer();
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const before = (await app.post('/credentials/issue', { credential: minimalCredential() }, auth)).body.verifiableCredential;
    // Verified first: the resolver now keeps the document with the first key only.
    expect((await app.post('/credentials/verify', { verifiableCredential: before })).body.verified).to.equal(true);
    expect((await app.post(`/admin/issuers/${issuer.slug}/keys`, {}, admin)).status).to.equal(201);
    const after = (await app.post('/credentials/issue', { credential: minimalCredential() }, auth)).body.verifiableCredential;
    const afterJwt = (await app.post('/credentials/issue', { credential: minimalCredential(), options: { format: 'jwt' } }, auth)).body.verifiableCredential;
    for (const vc of [after, afterJwt, before]) {
      const report = await app.post('/credentials/verify', { verifiableCredential: vc });
      expect(report.body.verdict, report.text).to.equal('valid');
    }
    const unlisted = { ...after, proof: { ...after.proof, verificationMethod: `${issuer.did}#not-a-key-of-this-issuer` } };
    const refused = await app.post('/credentials/verify', { verifiableCredential: unlisted });
    expect(refused.body.verified).to.equal(false);
    const keyCheck = refused.body.checks.find((check: { check: string }) => check.check === 'issuer-key');
    expect(keyCheck.status).to.equal('failure');
    expect(keyCheck.problems[0].type).to.match(/issuer-key-mismatch$/);
  });

  it('refuses to rotate a did:key issuer (409), whose DID is its key', async () => {
    const issuer = await app.createIssuer({ didMethod: 'key' });
    const response = await app.post(`/admin/issuers/${issuer.slug}/keys`, {}, admin);
    expect(response.status).to.equal(409);
  });

  it('keeps private keys encrypted at rest: the secret never appears in the data folder', async () => {
    const issuer = await app.createIssuer();
    const [key] = await app.services.store.keys.listForIssuer(issuer.id);
    expect(key?.sealedSecretKey).to.match(/^v1\./);
    const secret = app.services.vault.open(key!.sealedSecretKey, key!.id);
    expect(secret).to.match(/^z/);
    for (const file of readdirSync(app.dataDir)) {
      expect(readFileSync(join(app.dataDir, file)).includes(secret), file).to.equal(false);
    }
    // Another master key cannot open it, and a sealed key moved to another key id cannot either.
    expect(() => createKeyVault(Buffer.alloc(32, 9)).open(key!.sealedSecretKey, key!.id)).to.throw();
    expect(() => app.services.vault.open(key!.sealedSecretKey, `${key!.id}-other`)).to.throw();
    expect(app.logs.join('\n')).not.to.include(secret);
  });

  it('serves the public profile of an issuer, and 404 for an unknown slug', async () => {
    const issuer = await app.createIssuer({ legalName: 'Goethe-Institut Marokko' });
    const profile = await app.get(`/issuers/${issuer.slug}`);
    expect(profile.body).to.include({ legalName: 'Goethe-Institut Marokko', did: issuer.did });
    expect(profile.body).not.to.have.property('apiKey');
    expect((await app.get('/issuers/nobody-here')).status).to.equal(404);
  });
});
