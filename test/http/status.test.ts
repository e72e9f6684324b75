import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Report = {
  verified: boolean;
  verdict: string;
  checks: Array<{ check: string; status: string; cause?: string; problems?: Array<{ type: string; detail: string }> }>;
};
const statusOutcome = (report: Report) => report.checks.find((outcome) => outcome.check === 'status');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function payloadOf(vc: Record<string, unknown>): Record<string, any> {
  const jwt = (vc.id as string).slice('data:application/vc+jwt,'.length);
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
}

describe('revocation and suspension (Bitstring Status List)', () => {
  let app: TestApp;
  let issuer: { apiKey: string; did: string; slug: string };
  let other: { apiKey: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
    other = await app.createIssuer();
  });
  after(() => app.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function issue(format: 'di' | 'jwt' = 'di'): Promise<{ vc: Record<string, unknown>; id: string; credential: Record<string, any> }> {
    const response = await app.post('/credentials/issue', { credential: minimalCredential(), options: { format } }, auth());
    expect(response.status, response.text).to.equal(201);
    const vc = response.body.verifiableCredential;
    const credential = format === 'di' ? vc : payloadOf(vc);
    return { vc, id: credential.id, credential };
  }
  const verify = async (vc: unknown): Promise<Report> => (await app.post('/credentials/verify', { verifiableCredential: vc })).body;
  const setStatus = (credentialId: string, status: string, headers: Record<string, string> = auth(), reason?: string) =>
    app.post(
      '/credentials/status',
      { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status }], ...(reason === undefined ? {} : { reason }) },
      headers,
    );

  for (const format of ['di', 'jwt'] as const) {
    describe(`format ${format}`, () => {
      it('gives every credential a revocation and a suspension entry, in lists of its own format, and verifies it as active', async () => {
        const { vc, credential } = await issue(format);
        const entries = credential.credentialStatus;
        expect(entries.map((entry: { statusPurpose: string }) => entry.statusPurpose)).to.deep.equal(['revocation', 'suspension']);
        for (const entry of entries) {
          expect(entry.type).to.equal('BitstringStatusListEntry');
          expect(entry.statusListIndex).to.match(/^\d+$/);
          expect(entry.statusListCredential.endsWith(format === 'jwt' ? `/${entry.statusPurpose}.jwt` : `/${entry.statusPurpose}`)).to.equal(true);
        }
        const report = await verify(vc);
        expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
        expect(statusOutcome(report)?.status).to.equal('success');
      });

      it('revoke → verify fails on status with the signature still valid', async () => {
        const { vc, id } = await issue(format);
        const response = await setStatus(id, 'revoked', auth(), 'Issued in error');
        expect(response.status, response.text).to.equal(200);
        expect(response.body).to.include({ revoked: true, suspended: false, changed: true });
        const report = await verify(vc);
        expect(report.verified).to.equal(false);
        expect(report.verdict, JSON.stringify(statusOutcome(report))).to.equal('revoked');
        expect(report.checks.find((outcome) => outcome.check === 'signature')?.status).to.equal('success');
        expect(statusOutcome(report)?.problems?.[0]?.type).to.match(/credential-revoked$/);
      });

      it('suspend → verify says suspended; unsuspend → active again', async () => {
        const { vc, id } = await issue(format);
        expect((await setStatus(id, 'suspended')).body).to.include({ suspended: true, changed: true });
        const suspendedReport = await verify(vc);
        expect(suspendedReport.verdict, JSON.stringify(statusOutcome(suspendedReport))).to.equal('suspended');
        expect((await setStatus(id, 'active')).body).to.include({ suspended: false, changed: true });
        const report = await verify(vc);
        expect(report.verdict).to.equal('valid');
        expect(statusOutcome(report)?.status).to.equal('success');
      });

      it('reads the list once per verification (both entries name it), and again for the next: a revocation in between is seen', async () => {
        const { vc, id } = await issue(format);
        const status = app.services.store.status;
        const findList = status.findList.bind(status);
        let reads = 0;
        status.findList = (listId) => {
          reads += 1;
          return findList(listId);
        };
        try {
          expect((await verify(vc)).verdict).to.equal('valid');
          reads = 0;
          expect((await verify(vc)).verdict).to.equal('valid');
          expect(reads).to.equal(1);
          expect((await setStatus(id, 'revoked')).status).to.equal(200);
          reads = 0;
          expect((await verify(vc)).verdict).to.equal('revoked');
          // The list's version once, then the list again to publish each purpose's new version.
          expect(reads).to.equal(3);
        } finally {
          status.findList = findList;
        }
      });
    });
  }

  it('makes revocation final: unsuspend and suspend of a revoked credential are refused (409), a repeated revoke changes nothing', async () => {
    const { vc, id } = await issue();
    await setStatus(id, 'suspended');
    await setStatus(id, 'revoked');
    for (const status of ['active', 'suspended']) {
      const refused = await setStatus(id, status);
      expect(refused.status, status).to.equal(409);
      expect(refused.body.detail).to.include('revocation is final');
    }
    const again = await setStatus(id, 'revoked');
    expect(again.status).to.equal(200);
    expect(again.body.changed).to.equal(false);
    expect((await verify(vc)).verdict).to.equal('revoked');
  });

  it('lets only the owning issuer change a status (another issuer → 404, as for a missing credential; no key → 401) and changes nothing then', async () => {
    const { vc, id } = await issue();
    expect((await setStatus(id, 'revoked', { authorization: `Bearer ${other.apiKey}` })).status).to.equal(404);
    expect((await setStatus(id, 'revoked', {})).status).to.equal(401);
    expect((await verify(vc)).verdict).to.equal('valid');
    expect((await app.get(`/credentials/${id.split('/').pop()}/status`, { authorization: `Bearer ${other.apiKey}` })).status).to.equal(404);
  });

  it('keeps an append-only log of who changed what, when and why, which the issuer reads back', async () => {
    const { id } = await issue();
    await setStatus(id, 'suspended', auth(), 'Investigation of exam fraud');
    await setStatus(id, 'active', auth(), 'Investigation closed');
    await setStatus(id, 'revoked', auth(), 'Fraud confirmed');
    const log = await app.get(`/credentials/${id.split('/').pop()}/status`, auth());
    expect(log.status).to.equal(200);
    expect(log.body).to.include({ credentialId: id, revoked: true, suspended: false });
    expect(log.body.events.map((event: { action: string }) => event.action)).to.deep.equal(['suspend', 'unsuspend', 'revoke']);
    expect(log.body.events.map((event: { reason: string }) => event.reason)).to.deep.equal([
      'Investigation of exam fraud',
      'Investigation closed',
      'Fraud confirmed',
    ]);
    const keyId = issuer.apiKey.split('_')[1];
    for (const event of log.body.events) {
      expect(event.actor).to.equal(keyId);
      expect(Number.isNaN(Date.parse(event.at)), event.at).to.equal(false);
    }
  });

  it('answers bad status requests with problems naming the field', async () => {
    const bad = await app.post('/credentials/status', { credentialId: 'x', credentialStatus: [{ type: 'StatusList2021', status: 'deleted' }] }, auth());
    expect(bad.status).to.equal(400);
    expect(bad.body.errors.map((error: { pointer: string }) => error.pointer)).to.include.members(['/credentialStatus/0/type', '/credentialStatus/0/status']);
    const missing = await setStatus('00000000-0000-4000-8000-000000000000', 'revoked');
    expect(missing.status).to.equal(404);
  });

  describe('published status lists', () => {
    it('serves a signed BitstringStatusListCredential of at least 131,072 entries, short-lived, that verifies as a credential', async () => {
      const { credential, id } = await issue();
      const entry = credential.credentialStatus[0];
      const url = new URL(entry.statusListCredential);
      const response = await app.get(url.pathname);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^application\/vc\+ld\+json/);
      const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]);
      expect(maxAge).to.be.within(1, 300);
      const list = response.body;
      expect(list.type).to.deep.equal(['VerifiableCredential', 'BitstringStatusListCredential']);
      expect(list.issuer).to.equal(issuer.did);
      expect(Date.parse(list.validUntil) - Date.parse(list.validFrom)).to.equal(300_000);
      expect(list.credentialSubject).to.include({ type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 300_000 });
      const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
      expect(bits.length * 8).to.be.at.least(131_072);
      const bitAt = (buffer: Buffer, index: number) => (buffer[index >> 3]! >> (7 - (index % 8))) & 1;
      expect(bitAt(bits, Number(entry.statusListIndex))).to.equal(0);
      expect((await verify(list)).verified).to.equal(true);

      // The change is published at the next request, not after the cache lifetime.
      await setStatus(id, 'revoked');
      const after = (await app.get(url.pathname)).body;
      const bitsAfter = gunzipSync(Buffer.from(after.credentialSubject.encodedList.slice(1), 'base64url'));
      expect(bitAt(bitsAfter, Number(entry.statusListIndex))).to.equal(1);
    });

    it('serves the JWT form as application/vc+jwt', async () => {
      const { credential } = await issue('jwt');
      const response = await app.get(new URL(credential.credentialStatus[1].statusListCredential).pathname);
      expect(response.headers.get('content-type')).to.match(/^application\/vc\+jwt/);
      expect(response.text.split('.')).to.have.length(3);
      expect((await verify(response.text)).verified).to.equal(true);
    });

    it('places credentials at distinct, non-sequential indexes', async () => {
      const indexes: number[] = [];
      for (let n = 0; n < 6; n += 1) indexes.push(Number((await issue()).credential.credentialStatus[0].statusListIndex));
      expect(new Set(indexes).size).to.equal(6);
      const sequential = indexes.every((index, n) => n === 0 || index === (indexes[n - 1] as number) + 1);
      expect(sequential).to.equal(false);
    });

    it('answers 404 problems for unknown lists and malformed list paths', async () => {
      expect((await app.get('/status-lists/00000000-0000-4000-8000-000000000000/revocation')).status).to.equal(404);
      const malformed = await app.get('/status-lists/not-a-list/other');
      expect(malformed.status).to.equal(404);
      expect(malformed.headers.get('content-type')).to.match(/problem\+json/);
    });
  });
});
