import { expect } from 'chai';
import * as referenceVc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Interoperability with the upstream reference library (@digitalbazaar/vc and its
 * eddsa-rdfc-2022 cryptosuite), which shares no code path with our signer.
 */
describe('interoperability with @digitalbazaar/vc', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('verifies, with the reference library, a credential issued here (did:web, DID document fetched from our HTTP endpoint)', async () => {
    const issuer = await app.createIssuer();
    const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, { authorization: `Bearer ${issuer.apiKey}` });
    const vc = issued.body.verifiableCredential;
    // The reference library gets the issuer's DID document exactly as the public would: over HTTP from the service.
    const didDocument = (await app.get(`/issuers/${issuer.slug}/did.json`)).body;
    const contexts = new Map(knownContexts());
    const loader = async (url: string) => {
      const [did] = url.split('#');
      if (did === issuer.did) {
        const document = url.includes('#')
          ? { '@context': 'https://w3id.org/security/multikey/v1', ...didDocument.verificationMethod.find((method: { id: string }) => method.id === url) }
          : didDocument;
        return { contextUrl: null, documentUrl: url, document };
      }
      // Status lists, too, come over HTTP from the service, as any verifier would get them.
      if (url.startsWith(`${app.baseUrl}/status-lists/`)) {
        return { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() };
      }
      return createDocumentLoader({ contexts })(url);
    };
    const suite = new DataIntegrityProof({ cryptosuite });
    const referenceCheckStatus = (options: { credential: object }) => checkStatus({ ...options, suite, documentLoader: loader });
    const result = await referenceVc.verifyCredential({ credential: vc, suite, documentLoader: loader, checkStatus: referenceCheckStatus });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).to.equal(true);

    const tampered = { ...vc, credentialSubject: { ...vc.credentialSubject, name: 'Someone Else' } };
    const tamperedResult = await referenceVc.verifyCredential({ credential: tampered, suite, documentLoader: loader, checkStatus: referenceCheckStatus });
    expect(tamperedResult.verified).to.equal(false);

    // A revocation made here is seen by the reference library's own status check.
    const revoked = await app.post(
      '/credentials/status',
      { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
      { authorization: `Bearer ${issuer.apiKey}` },
    );
    expect(revoked.status).to.equal(200);
    const afterRevocation = await referenceVc.verifyCredential({ credential: vc, suite, documentLoader: loader, checkStatus: referenceCheckStatus });
    // The reference library reports the bit, not a verdict: `status: true` means "set".
    type StatusResult = { statusResult?: { results: Array<{ credentialStatus: { statusPurpose: string }; status: boolean }> } };
    const bits = (result: object) =>
      Object.fromEntries(((result as StatusResult).statusResult?.results ?? []).map((entry) => [entry.credentialStatus.statusPurpose, entry.status]));
    expect(bits(result)).to.deep.equal({ revocation: false, suspension: false });
    expect(bits(afterRevocation)).to.deep.equal({ revocation: true, suspension: false });
  });

  it('verifies here a credential signed by the reference library with a did:key', async () => {
    const key = await Ed25519Multikey.generate();
    const did = `did:key:${key.publicKeyMultibase}`;
    key.id = `${did}#${key.publicKeyMultibase}`;
    key.controller = did;
    const contexts = knownContexts();
    const loader = createDocumentLoader({ contexts });
    const signed = await referenceVc.issue({
      credential: minimalCredential({ issuer: did, validFrom: '2026-01-01T00:00:00Z' }),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite }),
      documentLoader: loader,
    });
    const report = (await app.post('/credentials/verify', { verifiableCredential: signed })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    expect(report.checks.find((outcome: { check: string }) => outcome.check === 'signature').status).to.equal('success');

    const forged = { ...signed, name: 'Forged name' };
    expect((await app.post('/credentials/verify', { verifiableCredential: forged })).body.verdict).to.equal('not-genuine');
  });
  it('verifies, with the reference library, a VC 1.1 credential issued here, given only the contexts a VC 1.1 verifier has', async () => {
    const issuer = await app.createIssuer();
    const didDocument = (await app.get(`/issuers/${issuer.slug}/did.json`)).body;
    const classic = ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2', 'https://w3id.org/security/multikey/v1'];
    const contexts = new Map([...knownContexts()].filter(([url]) => classic.includes(url)));
    const loader = async (url: string) => {
      const [did] = url.split('#');
      if (did === issuer.did) {
        const document = url.includes('#')
          ? { '@context': 'https://w3id.org/security/multikey/v1', ...didDocument.verificationMethod.find((method: { id: string }) => method.id === url) }
          : didDocument;
        return { contextUrl: null, documentUrl: url, document };
      }
      return createDocumentLoader({ contexts })(url);
    };
    const credential = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      credentialSubject: { id: 'did:example:subject' },
    };
    const issued = await app.post('/credentials/issue', { credential }, { authorization: `Bearer ${issuer.apiKey}` });
    expect(issued.status, issued.text).to.equal(201);
    const vc = issued.body.verifiableCredential;
    const suite = new DataIntegrityProof({ cryptosuite });
    const result = await referenceVc.verifyCredential({ credential: vc, suite, documentLoader: loader });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).to.equal(true);
    const tampered = { ...vc, credentialSubject: { id: 'did:example:someone-else' } };
    expect((await referenceVc.verifyCredential({ credential: tampered, suite, documentLoader: loader })).verified).to.equal(false);
  });
});
