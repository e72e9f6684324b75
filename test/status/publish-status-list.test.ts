import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** The list's validUntil, from the compact JWT the status list URL answers. */
function validUntilOf(jwt: string): string {
  return (JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()) as { validUntil: string }).validUntil;
}

describe('status list publisher: a list is answered while its successor is signed', () => {
  const ttlSeconds = 100;
  let time = Date.parse('2026-06-01T10:00:00Z');
  let app: TestApp;
  let apiKey: string;
  let listPath: string;
  let credentialId: string;

  before(async () => {
    app = await startTestApp({ clock: { now: () => new Date(time) }, env: { STATUS_LIST_TTL: String(ttlSeconds) } });
    ({ apiKey } = await app.createIssuer());
    const issued = await app.post('/credentials/issue', { credential: minimalCredential(), options: { format: 'jwt' } }, { authorization: `Bearer ${apiKey}` });
    expect(issued.status, issued.text).to.equal(201);
    const jwt = (issued.body.verifiableCredential.id as string).slice('data:application/vc+jwt,'.length);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
    credentialId = payload.id;
    listPath = new URL(payload.credentialStatus[0].statusListCredential).pathname;
  });
  after(() => app.close());

  const published = async (): Promise<string> => {
    const response = await app.get(listPath);
    expect(response.status, response.text).to.equal(200);
    return response.text;
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('answers with the signed list past half its life and swaps in the next one once signed; a list near its end is signed before answering', async () => {
    const first = await published();
    expect(validUntilOf(first)).to.equal('2026-06-01T10:01:40Z');

    time += 60_000; // past half its life, still valid for 40 s (more than a quarter of 100)
    expect(await published()).to.equal(first);
    await settle();
    const second = await published();
    expect(validUntilOf(second)).to.equal('2026-06-01T10:02:40Z');

    time += 80_000; // valid for 20 s more: less than a quarter of its life, so never answered again
    const third = await published();
    expect(validUntilOf(third)).to.equal('2026-06-01T10:04:00Z');
  });

  it('never answers with the old list once the list changed (a revocation)', async () => {
    const before = await published();
    time += 60_000;
    const revoked = await app.post(
      '/credentials/status',
      { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(revoked.status, revoked.text).to.equal(200);
    const after = await published();
    expect(after).not.to.equal(before);
    expect(validUntilOf(after)).to.equal(new Date(time + ttlSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  });
});
