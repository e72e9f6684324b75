import { expect } from 'chai';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { createDidResolver } from '../../src/resolve/did-resolver.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { signDataIntegrity } from '../../src/sign/data-integrity-signer.js';
import type { SigningKey } from '../../src/sign/signing-key.js';
import { encodeList } from '../../src/status/bitstring.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';

type Report = { verified: boolean; verdict: string; checks: Array<{ check: string; status: string; cause?: string; reason?: string }> };

/** An issuer that is not hosted by the service: a did:key whose lists live on another (TLS) server. */
async function foreignIssuer(): Promise<SigningKey> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.controller = did;
  return { verificationMethodId: keyPair.id, controller: did, keyPair, joseKey: () => Promise.reject(new Error('unused')) };
}

const documentLoader = createDocumentLoader({
  contexts: knownContexts(),
  didResolver: createDidResolver({ publicUrl: 'http://unused.invalid', hostedDidDocument: async () => undefined }),
});
const sign = (credential: Record<string, unknown>, key: SigningKey) => signDataIntegrity(credential, { key, documentLoader, now: new Date() });

const INDEX = 4242;

async function statusList(url: string, key: SigningKey, options: { revoked?: boolean; validUntil?: string } = {}) {
  return sign(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      // Before any validUntil a scenario gives: an expired list is well formed, only expired.
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: options.validUntil ?? '2999-01-01T00:00:00Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: await encodeList(131_072, options.revoked ? [INDEX] : []),
      },
    },
    key,
  );
}

async function credentialWithStatus(url: string, key: SigningKey) {
  return sign(
    {
      ...minimalCredential(),
      issuer: key.controller,
      credentialStatus: {
        id: `${url}#${INDEX}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(INDEX),
        statusListCredential: url,
      },
    },
    key,
  );
}

describe('status lists of other issuers, fetched over https', () => {
  let tls: TlsServer;
  let app: TestApp;
  let key: SigningKey;
  let listCounter = 0;

  before(async () => {
    tls = await startTlsServer();
    // The loopback TLS server stands in for another organisation's host; only this
    // test app may reach private addresses, the default (tested below) may not.
    app = await startTestApp({ remoteFetch: { allowPrivateNetwork: true, ca: tls.ca, timeoutMs: 2000 } });
    key = await foreignIssuer();
  });
  after(async () => {
    await app.close();
    await tls.close();
  });

  async function scenario(listOptions: Parameters<typeof statusList>[2] & { listKey?: SigningKey; tamper?: boolean; serve?: boolean } = {}) {
    listCounter += 1;
    const path = `/lists/${listCounter}`;
    const url = tls.baseUrl + path;
    const list = await statusList(url, listOptions.listKey ?? key, listOptions);
    if (listOptions.tamper) (list.credentialSubject as Record<string, unknown>).encodedList = await encodeList(131_072, [INDEX]);
    if (listOptions.serve !== false) tls.routes.set(path, list);
    return { path, credential: await credentialWithStatus(url, key) };
  }
  const verify = async (vc: unknown): Promise<Report> => (await app.post('/credentials/verify', { verifiableCredential: vc })).body;
  const status = (report: Report) => report.checks.find((outcome) => outcome.check === 'status');

  it('reads an active status from a valid foreign list', async () => {
    const { credential } = await scenario();
    const report = await verify(credential);
    expect(status(report)?.status, JSON.stringify(status(report))).to.equal('success');
    expect(report.verified).to.equal(true);
  });

  it('reads a revoked status from a valid foreign list', async () => {
    const { credential } = await scenario({ revoked: true });
    const report = await verify(credential);
    expect(report.verdict).to.equal('revoked');
    expect(report.checks.find((outcome) => outcome.check === 'signature')?.status).to.equal('success');
  });

  const cannotTell: Array<[string, () => ReturnType<typeof scenario>, RegExp]> = [
    ['a tampered list', () => scenario({ tamper: true }), /signature/],
    ['an expired list', () => scenario({ validUntil: '2025-01-01T00:00:00Z' }), /validity-period/],
    ['a list signed by another issuer', async () => scenario({ listKey: await foreignIssuer() }), /not by the credential's issuer/],
    ['an unreachable list (404)', () => scenario({ serve: false }), /answered 404/],
  ];
  for (const [what, make, why] of cannotTell) {
    it(`reports "could not check", never "active" or "revoked", for ${what}`, async () => {
      const { credential } = await make();
      const report = await verify(credential);
      expect(status(report)).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
      expect(status(report)?.reason).to.match(why);
      expect(report.verified).to.equal(false);
      expect(report.verdict).to.equal('could-not-check');
    });
  }

  it('fetches a foreign list once and verifies from the cache after that', async () => {
    const { path, credential } = await scenario();
    await verify(credential);
    await verify(credential);
    expect(tls.requests.filter((requested) => requested === path)).to.have.length(1);
  });

  it('refuses plain-http lists without connecting', async () => {
    const key2 = await foreignIssuer();
    const credential = await credentialWithStatus('http://127.0.0.1:9/list', key2);
    const report = await verify(credential);
    expect(status(report)?.reason).to.match(/only https/);
  });

  it('by default never connects to loopback or private addresses named by a credential (SSRF)', async () => {
    const strict = await startTestApp();
    try {
      const { path, credential } = await scenario();
      const report = (await strict.post('/credentials/verify', { verifiableCredential: credential })).body as Report;
      expect(status(report)).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
      expect(status(report)?.reason).to.match(/private or loopback/);
      expect(tls.requests).not.to.include(path);
    } finally {
      await strict.close();
    }
  });

  it('makes no fetch at all for a credential naming more status lists than the cap (500 here)', async () => {
    const before = tls.requests.length;
    const entries = Array.from({ length: 500 }, (_, index) => ({
      id: `${tls.baseUrl}/many/${index}#${INDEX}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(INDEX),
      statusListCredential: `${tls.baseUrl}/many/${index}`,
    }));
    const credential = await sign({ ...minimalCredential(), issuer: key.controller, credentialStatus: entries }, key);
    const report = await verify(credential);
    expect(status(report)).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
    expect(status(report)?.reason).to.match(/names 500 status lists; this verifier checks at most 4/);
    expect(tls.requests.length - before).to.equal(0);
  });

  it('shares one fetch between concurrent verifications of one list', async () => {
    const { path, credential } = await scenario();
    await Promise.all(Array.from({ length: 6 }, () => verify(credential)));
    expect(tls.requests.filter((requested) => requested === path)).to.have.length(1);
  });

  it('keeps only verified lists: a large unsigned document is dropped after the check and fetched again next time', async () => {
    listCounter += 1;
    const path = `/lists/${listCounter}`;
    const url = tls.baseUrl + path;
    const unsigned = await statusList(url, key);
    delete unsigned.proof;
    (unsigned as Record<string, unknown>).description = 'x'.repeat(900_000);
    tls.routes.set(path, unsigned);
    const credential = await credentialWithStatus(url, key);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const report = await verify(credential);
      expect(status(report)).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
    }
    expect(tls.requests.filter((requested) => requested === path)).to.have.length(3);
  });
});
