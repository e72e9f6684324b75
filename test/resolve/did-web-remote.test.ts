import { expect } from 'chai';
import { createRemoteDidWebResolver, DID_WEB_CACHE, didWebUrl } from '../../src/resolve/did-web-remote.js';
import { ProblemError } from '../../src/shared/problems.js';
import { startTlsServer, type TlsServer } from '../helpers/tls-server.js';

/** did:web of other hosts over real TLS on loopback: caching, stale-on-error, and what a document must be. */
describe('did:web of other hosts (resolve/did-web-remote)', () => {
  let server: TlsServer;
  let did: string;
  let nowMs = Date.parse('2026-11-28T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const resolverFor = (allowPrivateNetwork: boolean) =>
    createRemoteDidWebResolver({ remote: { timeoutMs: 2000, maxBytes: 100_000, allowPrivateNetwork, ca: server.ca }, clock });
  const path = '/issuers/centre/did.json';
  const documentFor = (id: string) => ({
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id,
    verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: id, publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }],
    assertionMethod: ['#key-1'],
    authentication: [`${id}#key-1`],
    service: [{ id: '#x', type: 'LinkedDomains', serviceEndpoint: 'https://centre.example' }],
  });
  const requests = () => server.requests.filter((request) => request === path).length;

  before(async () => {
    server = await startTlsServer();
    did = `did:web:${encodeURIComponent(new URL(server.baseUrl).host)}:issuers:centre`;
  });
  after(() => server.close());

  it('maps did:web identifiers to https URLs (did:web §3.2) and refuses malformed ones', () => {
    expect(didWebUrl('did:web:example.org')).to.equal('https://example.org/.well-known/did.json');
    expect(didWebUrl('did:web:example.org%3A8443:issuers:ofppt')).to.equal('https://example.org:8443/issuers/ofppt/did.json');
    expect(didWebUrl('did:web:user@evil.example')).to.equal(undefined);
    expect(didWebUrl('did:web:example.org::x')).to.equal(undefined);
  });

  it('keeps only what verification reads, with relative method ids made absolute', async () => {
    server.routes.set(path, documentFor(did));
    server.headers.set(path, { 'cache-control': 'max-age=120' });
    const document = await resolverFor(true)(did);
    expect(document.id).to.equal(did);
    expect(document['@context']).to.deep.equal(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1']);
    expect(document.assertionMethod).to.deep.equal([`${did}#key-1`]);
    expect(document.verificationMethod.map((method) => method.id)).to.deep.equal([`${did}#key-1`]);
    expect(document).to.not.have.property('service');
  });

  it('caches by Cache-Control, and past freshness keeps a stale copy for a bounded time when the host fails', async () => {
    const resolve = resolverFor(true);
    const before = requests();
    await resolve(did);
    await resolve(did);
    expect(requests() - before, 'one fetch while fresh').to.equal(1);
    nowMs += 121_000;
    await resolve(did);
    expect(requests() - before, 'fetched again once stale').to.equal(2);

    server.routes.delete(path);
    nowMs += 121_000;
    expect((await resolve(did)).id, 'the stale copy stands in for an unreachable host').to.equal(did);
    nowMs += DID_WEB_CACHE.staleOnErrorMs;
    const refused = await resolve(did).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(ProblemError);
    expect((refused as ProblemError).type).to.equal('issuer-unresolved');
    expect((refused as ProblemError).message).to.match(/could not be fetched: the server answered 404/);
  });

  it('refuses a document served for another DID', async () => {
    server.routes.set(path, documentFor('did:web:someone-else.example'));
    const refused = await resolverFor(true)(did).catch((error: unknown) => error);
    expect((refused as ProblemError).message).to.match(/for "did:web:someone-else.example", not/);
  });

  it('never connects to a loopback host unless private addresses are allowed', async () => {
    server.routes.set(path, documentFor(did));
    const before = server.requests.length;
    const refused = await resolverFor(false)(did).catch((error: unknown) => error);
    expect((refused as ProblemError).message).to.match(/private or loopback/);
    expect(server.requests.length).to.equal(before);
  });
});
