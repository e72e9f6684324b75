import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { startTestApp, type TestApp, type TestResponse } from '../helpers/start-app.js';

/**
 * POST /credentials/verify has its own entry in front of Express (src/http/verify-entry.ts).
 * A query string sends the same request through Express's route instead, so each case is sent
 * both ways and the answers must be the same: status, media type and body. Express adds an
 * ETag to everything it sends; the entry does not (an ETag means nothing on a POST's answer),
 * which is how these tests know which way a request went.
 */
describe('POST /credentials/verify: its own entry answers exactly as the Express route', function () {
  this.timeout(60_000);
  let app: TestApp;
  let jwt: unknown;
  let di: Record<string, unknown>;

  before(async () => {
    app = await startTestApp({ env: { VERIFY_BODY_LIMIT: '20kb' } });
    const issuer = await app.createIssuer();
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const issuedJwt = await app.post(`/issuers/${issuer.slug}/credentials`, { ...PROFILE_EXAMPLES.diploma, format: 'jwt' }, auth);
    const issuedDi = await app.post(`/issuers/${issuer.slug}/credentials`, { ...PROFILE_EXAMPLES['training-module'], format: 'di' }, auth);
    expect(issuedJwt.status, issuedJwt.text).to.equal(201);
    expect(issuedDi.status, issuedDi.text).to.equal(201);
    jwt = issuedJwt.body.verifiableCredential;
    di = issuedDi.body.verifiableCredential;
  });
  after(() => app.close());

  /** Sends raw bytes both ways; asserts the entry took the first and Express the second. */
  async function bothWays(body: string, headers: Record<string, string> = {}): Promise<[TestResponse, TestResponse]> {
    const send = async (path: string): Promise<TestResponse> => {
      const response = await fetch(app.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: text === '' ? undefined : JSON.parse(text) };
    };
    const entry = await send('/credentials/verify');
    const express = await send('/credentials/verify?via=express');
    expect(entry.headers.get('etag'), 'the entry answered').to.equal(null);
    expect(express.headers.get('etag'), 'Express answered').to.be.a('string');
    return [entry, express];
  }

  function expectSameAnswer([entry, express]: [TestResponse, TestResponse]): void {
    expect(entry.status).to.equal(express.status);
    expect(entry.headers.get('content-type')).to.equal(express.headers.get('content-type'));
    expect(entry.headers.get('content-length')).to.equal(express.headers.get('content-length'));
    expect(entry.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    expect(entry.body).to.deep.equal(express.body);
  }

  it('verifies a JWT and a Data Integrity profile credential: 200, the same full report', async () => {
    for (const credential of [jwt, di]) {
      const answers = await bothWays(JSON.stringify({ verifiableCredential: credential }));
      expectSameAnswer(answers);
      expect(answers[0].status).to.equal(200);
      expect(answers[0].body.verdict).to.equal('valid');
      expect(answers[0].headers.get('content-type')).to.equal('application/json; charset=utf-8');
    }
  });

  it('refuses a tampered credential with the same 422 problem+json report', async () => {
    const tampered = { ...di, credentialSubject: { ...(di.credentialSubject as object), name: 'Somebody Else' } };
    const answers = await bothWays(JSON.stringify({ verifiableCredential: tampered }));
    expectSameAnswer(answers);
    expect(answers[0].status).to.equal(422);
    expect(answers[0].headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
    expect(answers[0].body.verdict).to.equal('not-genuine');
  });

  it('answers in the language of Accept-Language or options.lang, as the route does', async () => {
    const german = await bothWays(JSON.stringify({ verifiableCredential: jwt }), { 'accept-language': 'de-DE,de;q=0.9' });
    expectSameAnswer(german);
    const arabic = await bothWays(JSON.stringify({ verifiableCredential: jwt, options: { lang: 'ar' } }));
    expectSameAnswer(arabic);
    expect(german[0].body.summary).to.not.deep.equal(arabic[0].body.summary);
  });

  it('gives the same 4xx problems for bad bodies: not JSON, too large, a forbidden key, no credential', async () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"verifiableCredential": ', 400, /not valid JSON/],
      [JSON.stringify({ verifiableCredential: 'x'.repeat(25_000) }), 413, /larger than the limit/],
      ['{"verifiableCredential": {"__proto__": {"polluted": true}}}', 400, /__proto__/],
      [JSON.stringify({ credential: jwt }), 400, /verifiableCredential/],
      ['[]', 400, /./],
    ];
    for (const [body, status, detail] of cases) {
      const answers = await bothWays(body);
      expectSameAnswer(answers);
      expect(answers[0].status, body.slice(0, 40)).to.equal(status);
      expect(answers[0].headers.get('content-type')).to.equal('application/problem+json; charset=utf-8');
      expect(answers[0].body.detail).to.match(detail);
    }
  });

  it('takes JSON media types with a +json suffix and a UTF-8 charset; hands other requests to Express', async () => {
    expectSameAnswer(await bothWays(JSON.stringify({ verifiableCredential: jwt }), { 'content-type': 'application/ld+json' }));
    expectSameAnswer(await bothWays(JSON.stringify({ verifiableCredential: jwt }), { 'content-type': 'application/json; charset=UTF-8' }));
    // Not the entry's case: Express answers (with its ETag), as before.
    const text = await fetch(`${app.baseUrl}/credentials/verify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).to.equal(415);
    expect(text.headers.get('etag')).to.be.a('string');
    const get = await fetch(`${app.baseUrl}/credentials/verify`);
    expect(get.status).to.equal(405);
  });

  it('keeps the request id a client sends, and counts its requests under the route in /metrics', async () => {
    const metric = async () => {
      const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
      const line = text.split('\n').find((candidate) => /_count\{[^}]*route="\/credentials\/verify"[^}]*method="POST"[^}]*status="200"/.test(candidate));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const before = await metric();
    const answer = await fetch(`${app.baseUrl}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'scan-42' },
      body: JSON.stringify({ verifiableCredential: jwt }),
    });
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('etag')).to.equal(null);
    expect(answer.headers.get('x-request-id')).to.equal('scan-42');
    expect(await metric()).to.equal(before + 1);
  });
});
