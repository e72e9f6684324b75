import { expect } from 'chai';
import { setInlineJsonLd, smallEnoughToRunInline } from '../../src/resolve/json-ld-pool.js';
import { forgetPassedShapes } from '../../src/resolve/safe-mode-shapes.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Small documents are expanded and their proofs verified on the request's thread
 * (resolve/json-ld-pool.ts INLINE_LIMITS), larger ones in the worker pool. Both paths run
 * the same task function; this checks they answer alike, over HTTP, for a small credential
 * and every variant of it (each leaf changed, each key removed, a key added beside each).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests rewrite arbitrary JSON
type Path = Array<string | number>;

function at(root: Json, path: Path): { parent: Json; key: string | number } {
  return { parent: path.slice(0, -1).reduce<Json>((node, part) => node[part], root), key: path[path.length - 1] as string | number };
}

function variantsOf(credential: Json): Array<{ what: string; variant: Json }> {
  const variants: Array<{ what: string; variant: Json }> = [];
  const make = (what: string, change: (root: Json) => void) => {
    const variant = structuredClone(credential);
    change(variant);
    variants.push({ what, variant });
  };
  const walk = (value: unknown, path: Path) => {
    if (value !== null && typeof value === 'object') {
      if (!Array.isArray(value)) make(`add /${path.join('/')}/extra`, (root) => (at(root, [...path, 'extra']).parent.extra = 'added'));
      for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) walk(child, [...path, key]);
    } else {
      make(`change /${path.join('/')}`, (root) => {
        const { parent, key } = at(root, path);
        const old = parent[key];
        parent[key] = typeof old === 'string' ? `${old.slice(0, -1)}${old.endsWith('1') ? '2' : '1'}` : typeof old === 'number' ? old + 1 : 'x';
      });
    }
    if (path.length > 0)
      make(`remove /${path.join('/')}`, (root) => {
        const { parent, key } = at(root, path);
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      });
  };
  walk(credential, []);
  return variants;
}

/** What the two paths must agree on: the verdict and each check's status and problem types. */
function outcome(report: Json): string {
  return JSON.stringify({
    verified: report.verified,
    verdict: report.verdict,
    checks: (report.checks as Json[]).map((check) => [check.check, check.status, (check.problems ?? []).map((problem: Json) => problem.type)]),
  });
}

describe('small documents on the request thread, larger ones in the pool: one answer (#16)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let issuer: { apiKey: string; slug: string };

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(async () => {
    setInlineJsonLd(true);
    await app.close();
  });

  it('a generic credential and each of its variants get the same report inline as through the pool', async () => {
    const issued = await app.post(
      '/credentials/issue',
      {
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          name: 'Pre-departure orientation module',
          credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
        },
        options: { format: 'di' },
      },
      { authorization: `Bearer ${issuer.apiKey}` },
    );
    expect(issued.status, issued.text).to.equal(201);
    const original = issued.body.verifiableCredential as Json;
    expect(smallEnoughToRunInline(original), 'the generic credential takes the inline path').to.equal(true);

    const variants = [{ what: 'the original', variant: original }, ...variantsOf(original)];
    expect(variants.length).to.be.greaterThan(50);
    const answers = async (inline: boolean) => {
      setInlineJsonLd(inline);
      // Safe mode remembers shapes that passed: each path expands for itself.
      forgetPassedShapes();
      const reports: Json[] = [];
      for (const { variant } of variants) reports.push((await app.post('/credentials/verify', { verifiableCredential: variant })).body);
      return reports;
    };
    const inline = await answers(true);
    const pooled = await answers(false);
    expect(inline[0]?.verdict).to.equal('valid');
    let caught = 0;
    for (const [index, { what }] of variants.entries()) {
      expect(outcome(inline[index] as Json), what).to.equal(outcome(pooled[index] as Json));
      if (index > 0 && inline[index]?.verified !== true) caught += 1;
    }
    // Only additions the contexts do not define and changes of nothing signed may pass; most variants fail.
    expect(caught, 'most variants are caught').to.be.greaterThan((variants.length - 1) * 0.8);
  });

  it('counts a document as small only within both limits', () => {
    expect(smallEnoughToRunInline({ a: Array.from({ length: 70 }, (_, index) => index) })).to.equal(false);
    expect(smallEnoughToRunInline({ id: 'x', a: [{}, {}, {}, {}] })).to.equal(true);
    expect(smallEnoughToRunInline({ id: 'x', a: [{}, {}, {}, {}, {}] })).to.equal(false);
    expect(smallEnoughToRunInline({ id: 'x', a: [{ '@value': 'v' }, { id: 'y' }] })).to.equal(true);
    expect(smallEnoughToRunInline({ id: 'x', a: [{ id: '_:1' }, { id: '_:2' }, { id: '_:3' }, { id: '_:4' }, { id: '_:5' }] })).to.equal(false);
    expect(smallEnoughToRunInline({ id: 'x' }, { a: [{}, {}, {}, {}] }), 'documents are counted together').to.equal(false);
  });
});
