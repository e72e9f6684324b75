import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { setJsonLdDeadline } from '../../src/resolve/json-ld-pool.js';
import { forgetPassedShapes } from '../../src/resolve/safe-mode-shapes.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #9 (finding 5): work is bounded before any JSON-LD processing. jsonld.js is
 * quadratic in one array's length, so a public verify of 100,000 short strings used to
 * block the event loop for minutes; deep nesting used to overflow the stack (500).
 */

const ANY_DID_KEY_PROOF = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2026-01-01T00:00:00Z',
  verificationMethod: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  proofPurpose: 'assertionMethod',
  proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx',
};

function wideCredential(items: number): Record<string, unknown> {
  return minimalCredential({
    credentialSubject: { id: 'did:example:worker', name: Array.from({ length: items }, (_, index) => `n${index}`) },
    proof: ANY_DID_KEY_PROOF,
  });
}

function nested(depth: number): unknown {
  let value: unknown = 'VerifiableCredential';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

async function timed<T>(work: Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work;
  return { result, ms: performance.now() - started };
}

describe('bounded work before JSON-LD (#9)', function () {
  this.timeout(30_000);
  let app: TestApp;
  let roomy: TestApp;
  let issuer: { apiKey: string };

  before(async () => {
    app = await startTestApp();
    // A generous body limit, so that the structural limits (not the body size) are what refuse.
    roomy = await startTestApp({ env: { VERIFY_BODY_LIMIT: '4mb', BODY_LIMIT: '4mb' } });
    issuer = await app.createIssuer();
  });
  after(async () => {
    await app.close();
    await roomy.close();
  });

  it('answers the 100,000-item credential with 413 at the public body limit, within a second', async () => {
    const body = { verifiableCredential: wideCredential(100_000) };
    expect(JSON.stringify(body).length).to.be.greaterThan(800_000);
    const { result, ms } = await timed(app.post('/credentials/verify', body));
    expect(result.status).to.equal(413);
    expect(result.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(ms).to.be.lessThan(1000);
  });

  it('refuses it by array length when the body limit lets it through, while /healthz stays fast', async () => {
    const verify = timed(roomy.post('/credentials/verify', { verifiableCredential: wideCredential(100_000) }));
    const health = await Promise.all(Array.from({ length: 5 }, () => timed(roomy.get('/healthz'))));
    const { result, ms } = await verify;
    expect(result.status).to.equal(400);
    expect(result.body.type).to.equal('https://w3id.org/passerelle/problems/limit-exceeded');
    expect(result.body.limit).to.equal('maxArrayLength');
    expect(result.body.max).to.equal(1000);
    expect(result.body.instance).to.equal('/verifiableCredential/credentialSubject/name');
    expect(ms).to.be.lessThan(1000);
    for (const check of health) {
      expect(check.result.status).to.equal(200);
      expect(check.ms).to.be.lessThan(500);
    }
  });

  it('refuses 1,001 items in one property but verifies 1,000 (a malformed report, not a stall)', async () => {
    expect((await roomy.post('/credentials/verify', { verifiableCredential: wideCredential(1001) })).status).to.equal(400);
    const { result, ms } = await timed(roomy.post('/credentials/verify', { verifiableCredential: wideCredential(1000) }));
    expect(result.status).to.equal(422);
    expect(result.body.verified).to.equal(false);
    expect(ms).to.be.lessThan(5000);
  });

  it('refuses `type` nested 10,000 deep at verify and a credential nested 1,000 deep at issue with 400, never 500', async () => {
    // Written by hand: JSON.stringify itself recurses too deep for 10,000 levels.
    const deepType = '['.repeat(10_000) + '"VerifiableCredential"' + ']'.repeat(10_000);
    const raw = JSON.stringify({ verifiableCredential: minimalCredential({ type: 'PLACEHOLDER', proof: ANY_DID_KEY_PROOF }) }).replace(
      '"PLACEHOLDER"',
      deepType,
    );
    const verify = await app.post('/credentials/verify', raw);
    expect(verify.status).to.equal(400);
    expect(verify.body.limit).to.equal('maxDepth');
    expect(verify.text.length).to.be.lessThan(2000);
    const issue = await app.post(
      '/credentials/issue',
      { credential: minimalCredential({ credentialSubject: { id: 'did:example:w', name: nested(1000) } }) },
      { authorization: `Bearer ${issuer.apiKey}` },
    );
    expect(issue.status).to.equal(400);
    expect(issue.body.limit).to.equal('maxDepth');
  });

  it('refuses more than 20,000 values in total', async () => {
    const many = Array.from({ length: 25 }, () => Array.from({ length: 900 }, () => 'v'));
    const response = await roomy.post('/credentials/verify', {
      verifiableCredential: minimalCredential({ credentialSubject: { id: 'did:example:w', name: many } }),
    });
    expect(response.status).to.equal(400);
    expect(response.body.limit).to.equal('maxValues');
  });

  it('refuses __proto__, constructor and prototype keys, naming the pointer', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"credential":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"${key}":{"isAdmin":true},"name":"A"}}}`;
      const response = await app.post('/credentials/issue', raw, { authorization: `Bearer ${issuer.apiKey}` });
      expect(response.status, key).to.equal(400);
      expect(response.body.instance).to.equal(`/credential/credentialSubject/${key}`);
    }
  });

  it('bounds a pasted credential on the page too: a malformed verdict, not an error', async () => {
    const page = await fetch(`${app.baseUrl}/v?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: JSON.stringify(minimalCredential({ type: nested(200) })) }).toString(),
    });
    expect(page.status).to.equal(200);
    expect(await page.text()).to.match(/malformed|not a credential|could not be read/i);
  });
});

describe('JSON-LD off the event loop, with a deadline (#9)', function () {
  this.timeout(30_000);
  let app: TestApp;
  let issuer: { apiKey: string; slug: string };

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(async () => {
    setJsonLdDeadline(5000);
    await app.close();
  });

  it('stops a JSON-LD task past JSONLD_DEADLINE: could not check (processing-timeout), and the service keeps answering', async () => {
    const { PROFILE_EXAMPLES } = await import('../../src/issue/profiles/examples.js');
    const issued = await app.post(
      `/issuers/${issuer.slug}/credentials`,
      { ...PROFILE_EXAMPLES['language-level'], format: 'di' },
      { authorization: `Bearer ${issuer.apiKey}` },
    );
    expect(issued.status, issued.text).to.equal(201);
    // A shape that passed before (in any earlier test of this process) is not expanded again: forget them, so the expansion runs into the deadline.
    forgetPassedShapes();
    setJsonLdDeadline(1);
    try {
      // Its expansion takes tens of milliseconds, so the 1 ms deadline fires first even when this process's event loop is
      // busy for a few: a credential that expands in ~2 ms sometimes finished first (2 of ~20 loaded suite runs).
      const verifying = app.post('/credentials/verify', { verifiableCredential: { ...wideCredential(1000), issuer: 'did:example:issuer' } });
      const health = await timed(app.get('/healthz'));
      const answer = await verifying;
      const report = answer.body;
      expect(report.verdict, `${answer.status} ${answer.text.slice(0, 600)}`).to.equal('could-not-check');
      const dataModel = report.checks.find((outcome: { check: string }) => outcome.check === 'data-model');
      expect(dataModel.cause).to.equal('could-not-check');
      expect(dataModel.problems[0].type).to.equal('https://w3id.org/passerelle/problems/processing-timeout');
      expect(health.result.status).to.equal(200);
    } finally {
      setJsonLdDeadline(5000);
    }
    // The pool replaced its worker: the next verification works.
    expect((await app.post('/credentials/verify', { verifiableCredential: issued.body.verifiableCredential })).body.verdict).to.equal('valid');
  });

  it('keeps /healthz fast while several costly credentials are verified', async () => {
    const costly = Array.from({ length: 4 }, () => app.post('/credentials/verify', { verifiableCredential: wideCredential(1000) }));
    const health = await Promise.all(Array.from({ length: 5 }, () => timed(app.get('/healthz'))));
    await Promise.all(costly);
    for (const check of health) expect(check.ms).to.be.lessThan(500);
  });
});
