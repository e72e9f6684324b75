import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** Every bad request is a 4xx application/problem+json with a stable type; never a 500. */
describe('HTTP errors are RFC 9457 problems', () => {
  let app: TestApp;
  let apiKey: string;
  before(async () => {
    app = await startTestApp({ env: { BODY_LIMIT: '2kb', VERIFY_BODY_LIMIT: '2kb' } });
    ({ apiKey } = await app.createIssuer());
  });
  after(() => app.close());

  async function expectProblem(response: Response | { status: number; headers: Headers; text: string }, status: number, type: string) {
    const text = response instanceof Response ? await response.text() : response.text;
    expect(response.status, text).to.equal(status);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = JSON.parse(text);
    expect(problem.type).to.equal(`https://w3id.org/passerelle/problems/${type}`);
    expect(problem.title).to.be.a('string');
    expect(problem.status).to.equal(status);
    expect(problem.detail).to.be.a('string');
    return problem;
  }

  it('unknown route → 404', async () => {
    await expectProblem(await app.get('/nothing/here'), 404, 'not-found');
  });

  it('wrong method → 405 with Allow', async () => {
    const response = await fetch(`${app.baseUrl}/credentials/verify`, { method: 'GET' });
    expect(response.headers.get('allow')).to.equal('POST');
    await expectProblem(response, 405, 'method-not-allowed');
  });

  it('malformed JSON → 400', async () => {
    await expectProblem(await app.post('/credentials/verify', '{"verifiableCredential": '), 400, 'invalid-request');
  });

  it('no body and a non-JSON content type → 400 and 415', async () => {
    await expectProblem(await fetch(`${app.baseUrl}/credentials/verify`, { method: 'POST' }), 400, 'invalid-request');
    await expectProblem(
      await fetch(`${app.baseUrl}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }),
      415,
      'unsupported-media-type',
    );
  });

  it('oversized body (VERIFY_BODY_LIMIT on public endpoints) → 413', async () => {
    await expectProblem(await app.post('/credentials/verify', { verifiableCredential: 'x'.repeat(4000) }), 413, 'payload-too-large');
  });

  it('a JSON body of the wrong shape → 400 naming every bad field', async () => {
    const problem = await expectProblem(
      await app.post('/credentials/issue', { credentials: {}, options: { format: 'pdf' } }, { authorization: `Bearer ${apiKey}` }),
      400,
      'invalid-request',
    );
    const pointers = problem.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).to.include.members(['/credential', '/credentials', '/options/format']);
  });

  it('a JSON array or scalar body → 400, not 500', async () => {
    await expectProblem(await app.post('/credentials/verify', []), 400, 'invalid-request');
    await expectProblem(await app.post('/credentials/verify', 42), 400, 'invalid-request');
    await expectProblem(await app.post('/credentials/issue', null, { authorization: `Bearer ${apiKey}` }), 400, 'invalid-request');
  });

  it('an invalid issuer → 400 naming the fields; a taken slug → 409', async () => {
    const admin = { authorization: 'Bearer test-admin-token-0123456789' };
    const problem = await expectProblem(await app.post('/admin/issuers', { slug: 'Bad Slug', country: 'Morocco' }, admin), 400, 'invalid-request');
    expect(problem.errors.map((error: { pointer: string }) => error.pointer)).to.include.members(['/slug', '/country', '/legalName']);
    await app.post('/admin/issuers', { slug: 'taken-slug', legalName: 'A', country: 'MA' }, admin);
    await expectProblem(await app.post('/admin/issuers', { slug: 'taken-slug', legalName: 'B', country: 'TN' }, admin), 409, 'conflict');
  });

  it('verify of garbage is a full report with a 422 (VC API): a non-JWT string is malformed', async () => {
    const response = await app.post('/credentials/verify', { verifiableCredential: 'not a jwt' });
    expect(response.status).to.equal(422);
    expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(response.body.type).to.equal('https://w3id.org/passerelle/problems/verification-failed');
    expect(response.body.verdict).to.equal('malformed');
    expect(response.body.checks).to.have.length(8);
  });

  it('never logged an unhandled error during these requests', () => {
    expect(app.logs).to.deep.equal([]);
  });
});
