import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('JSON-LD never reaches the network, and undefined terms are refused', () => {
  let app: TestApp;
  let apiKey: string;
  let did: string;
  /** A local server standing in for "the network": any request it gets is a fetch we must not make. */
  let trap: ReturnType<typeof createServer>;
  let trapUrl: string;
  const trapped: string[] = [];

  before(async () => {
    app = await startTestApp();
    ({ apiKey, did } = await app.createIssuer());
    trap = createServer((req, res) => {
      trapped.push(req.url ?? '');
      res.setHeader('content-type', 'application/ld+json');
      res.end(JSON.stringify({ '@context': { '@vocab': 'https://evil.example/#' } }));
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}/context.jsonld`;
  });
  after(async () => {
    await app.close();
    await new Promise((resolve) => trap.close(resolve));
  });

  const issue = (credential: Record<string, unknown>, format = 'di') =>
    app.post('/credentials/issue', { credential, options: { format } }, { authorization: `Bearer ${apiKey}` });

  for (const format of ['di', 'jwt']) {
    it(`refuses an undefined term at issue (${format}), naming it with a JSON Pointer`, async () => {
      const response = await issue(minimalCredential({ credentialSubject: { id: 'did:example:1', name: 'A', favouriteColour: 'blue' } }), format);
      expect(response.status).to.equal(400);
      expect(response.body.type).to.match(/undefined-term$/);
      expect(response.body.instance).to.equal('/credential/credentialSubject/favouriteColour');
      expect(response.body.detail).to.include('favouriteColour');
      expect(await app.services.store.credentials.findById('x')).to.equal(undefined);
    });

    it(`refuses an unknown remote context at issue (${format}) without fetching it`, async () => {
      const response = await issue(minimalCredential({ '@context': ['https://www.w3.org/ns/credentials/v2', trapUrl] }), format);
      expect(response.status).to.equal(400);
      expect(response.body.type).to.match(/unknown-context$/);
      expect(response.body.detail).to.include(trapUrl);
      expect(trapped).to.deep.equal([]);
    });
  }

  it('rejects at verify a signed credential to which an undefined property was added', async () => {
    const issued = await issue(minimalCredential());
    const vc = { ...issued.body.verifiableCredential, unsignedExtra: 'added after signing' };
    const report = (await app.post('/credentials/verify', { verifiableCredential: vc })).body;
    expect(report.verdict).to.equal('malformed');
    expect(report.checks[0].problems[0].type).to.match(/undefined-term$/);
    expect(report.checks[0].problems[0].instance).to.equal('/verifiableCredential/unsignedExtra');
  });

  it('rejects at verify a credential whose context is unknown, without fetching it', async () => {
    const credential = {
      ...minimalCredential({ '@context': ['https://www.w3.org/ns/credentials/v2', trapUrl] }),
      issuer: did,
      proof: { type: 'DataIntegrityProof' },
    };
    const report = (await app.post('/credentials/verify', { verifiableCredential: credential })).body;
    expect(report.verdict).to.equal('malformed');
    expect(report.checks[0].problems[0].type).to.match(/unknown-context$/);
    expect(trapped).to.deep.equal([]);
  });

  it('refuses a credential whose first context is neither VC 2.0 nor VC 1.1', async () => {
    const response = await issue(minimalCredential({ '@context': ['https://www.w3.org/ns/credentials/examples/v2', 'https://www.w3.org/ns/credentials/v2'] }));
    expect(response.status).to.equal(400);
    expect(response.body.errors.map((error: { pointer: string }) => error.pointer)).to.include('/credential/@context/0');
  });
});
