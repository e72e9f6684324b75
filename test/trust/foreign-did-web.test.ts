import { expect } from 'chai';
import * as vc from '@digitalcredentials/vc';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { Ed25519Signature2020 } from '@digitalcredentials/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalcredentials/ed25519-verification-key-2020';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';

/**
 * Issuers elsewhere publish their keys in their own did:web documents, in the forms the
 * ecosystem uses: a P-256 JsonWebKey2020 signing ecdsa-rdfc-2019, an Ed25519VerificationKey2020
 * signing Ed25519Signature2020 (VC 1.1). The verifier fetches those documents over TLS through
 * the guarded fetcher and verifies with the Digital Bazaar / DCC suites.
 */
describe('foreign did:web issuers with JsonWebKey and Ed25519VerificationKey2020 keys (over TLS)', function () {
  this.timeout(60_000);
  let host: TlsServer;
  let app: TestApp;
  let base: string;
  const documentLoader = createDocumentLoader({ contexts: knownContexts() });
  const check = (report: { checks: Array<{ check: string; status: string }> }, id: string) => report.checks.find((outcome) => outcome.check === id);

  before(async () => {
    host = await startTlsServer();
    base = `did:web:${encodeURIComponent(new URL(host.baseUrl).host)}`;
    app = await startTestApp({ remoteFetch: { allowPrivateNetwork: true, ca: host.ca, timeoutMs: 2000 } });
  });
  after(async () => {
    await app.close();
    await host.close();
  });

  it('verifies ecdsa-rdfc-2019 by a P-256 key published as JsonWebKey2020, and fails a tampered copy', async () => {
    const did = `${base}:issuers:ministere`;
    const keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
    keyPair.id = `${did}#key-p256`;
    keyPair.controller = did;
    const publicKeyJwk = await EcdsaMultikey.toJwk({ keyPair });
    host.routes.set('/issuers/ministere/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: did,
      verificationMethod: [{ id: '#key-p256', type: 'JsonWebKey2020', controller: did, publicKeyJwk }],
      assertionMethod: ['#key-p256'],
    });
    const signed = await vc.issue({
      credential: minimalCredential({ issuer: did }),
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: ecdsaRdfc2019 }),
      documentLoader,
    });
    const report = (await app.post('/credentials/verify', { verifiableCredential: signed })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    expect(check(report, 'issuer-key')?.status).to.equal('success');
    expect(host.requests).to.include('/issuers/ministere/did.json');
    const tampered = structuredClone(signed) as { credentialSubject: { name: string } };
    tampered.credentialSubject.name = 'Mallory';
    expect((await app.post('/credentials/verify', { verifiableCredential: tampered })).body.verdict).to.equal('not-genuine');
  });

  it('verifies a VC 1.1 Ed25519Signature2020 credential whose key is an Ed25519VerificationKey2020 in a did:web document', async () => {
    const did = `${base}:issuers:dcc`;
    const generated = await Ed25519VerificationKey2020.generate();
    const key = await Ed25519VerificationKey2020.from({
      ...(await generated.export({ publicKey: true, privateKey: true })),
      id: `${did}#key-1`,
      controller: did,
    });
    host.routes.set('/issuers/dcc/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: generated.publicKeyMultibase }],
      assertionMethod: [`${did}#key-1`],
    });
    const signed = await vc.issue({
      credential: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiableCredential'],
        issuer: did,
        issuanceDate: '2024-06-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner' },
      },
      suite: new Ed25519Signature2020({ key }),
      documentLoader,
    });
    const report = (await app.post('/credentials/verify', { verifiableCredential: signed })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    expect(report.verdict).to.equal('unrecognized-issuer');
  });

  it('refuses a key the did:web document does not list for assertions (a key the issuer did not publish)', async () => {
    const did = `${base}:issuers:other`;
    const published = await EcdsaMultikey.generate({ curve: 'P-256' });
    const signing = await EcdsaMultikey.generate({ curve: 'P-256' });
    signing.id = `${did}#key-2`;
    signing.controller = did;
    host.routes.set('/issuers/other/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: await EcdsaMultikey.toJwk({ keyPair: published }) }],
      assertionMethod: [`${did}#key-1`],
    });
    const signed = await vc.issue({
      credential: minimalCredential({ issuer: did }),
      suite: new DataIntegrityProof({ signer: signing.signer(), cryptosuite: ecdsaRdfc2019 }),
      documentLoader,
    });
    const report = (await app.post('/credentials/verify', { verifiableCredential: signed })).body;
    expect(report.verified).to.equal(false);
    expect(check(report, 'issuer-key')?.status).to.equal('failure');
  });
});
