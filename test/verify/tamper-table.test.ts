import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #9, table-driven tamper test: for an issued Data Integrity credential of each
 * profile, every leaf is changed, every key removed, and a key added beside every key
 * (a deterministic sample when there are more than the budget). Each variant must either
 * not verify as valid, or leave everything the report and the page show unchanged.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests rewrite arbitrary JSON
type Path = Array<string | number>;

const BUDGET_PER_PROFILE = 250;

interface Mutation {
  what: string;
  apply(credential: Json): void;
}

function parentOf(root: Json, path: Path): { parent: Json; key: string | number } {
  const parent = path.slice(0, -1).reduce<Json>((node, part) => node[part], root);
  return { parent, key: path[path.length - 1] as string | number };
}

function changed(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 0 ? value.slice(0, -1) + (value.endsWith('1') ? '2' : '1') : 'x';
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return 'x';
}

/** Every change, removal and addition, at every depth. */
function mutationsOf(credential: Json): Mutation[] {
  const mutations: Mutation[] = [];
  const walk = (value: unknown, path: Path) => {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
      if (!Array.isArray(value)) {
        mutations.push({ what: `add a key at /${path.join('/')}`, apply: (root) => (parentOf(root, [...path, 'extra']).parent.extra = 'added') });
      }
      for (const [key, child] of entries) walk(child, [...path, key]);
    } else {
      mutations.push({
        what: `change /${path.join('/')}`,
        apply: (root) => {
          const { parent, key } = parentOf(root, path);
          parent[key] = changed(parent[key]);
        },
      });
    }
    if (path.length > 0) {
      mutations.push({
        what: `remove /${path.join('/')}`,
        apply: (root) => {
          const { parent, key } = parentOf(root, path);
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        },
      });
    }
  };
  walk(credential, []);
  return mutations;
}

/** A deterministic, evenly spread sample, so every region of the credential is touched. */
function sample<T>(items: T[], budget: number): T[] {
  if (items.length <= budget) return items;
  const step = items.length / budget;
  return Array.from({ length: budget }, (_, index) => items[Math.floor(index * step)] as T);
}

/** What a reader sees: the report's credential and levels, and the page's text without the check list. */
function shown(report: Json, pageHtml: string): string {
  const text = pageHtml
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
  return JSON.stringify({ credential: report.credential, levels: report.levels, text });
}

describe('tamper table: every change to a signed credential is caught or changes nothing shown (#9)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let issuer: { apiKey: string; slug: string };

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  const verify = (credential: unknown) =>
    app.post('/credentials/verify', { verifiableCredential: credential, options: { frameworks: ['eqf', 'de-dqr'], lang: 'en' } });
  const page = async (credential: unknown) =>
    (
      await fetch(`${app.baseUrl}/v?lang=en`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ credential: JSON.stringify(credential) }).toString(),
      })
    ).text();

  for (const profile of Object.keys(PROFILE_EXAMPLES)) {
    it(`${profile}: no variant verifies as valid with different content`, async () => {
      const response = await app.post(
        `/issuers/${issuer.slug}/credentials`,
        { ...structuredClone(PROFILE_EXAMPLES[profile]), format: 'di' },
        { authorization: `Bearer ${issuer.apiKey}` },
      );
      expect(response.status, response.text).to.equal(201);
      const original = response.body.verifiableCredential as Json;
      const originalReport = (await verify(original)).body;
      expect(originalReport.verdict).to.equal('valid');
      const originalShown = shown(originalReport, await page(original));

      const mutations = mutationsOf(original);
      expect(mutations.length, 'the credential has enough leaves to mutate').to.be.greaterThan(60);
      let caught = 0;
      for (const mutation of sample(mutations, BUDGET_PER_PROFILE)) {
        const variant = structuredClone(original);
        mutation.apply(variant);
        const report = (await verify(variant)).body;
        expect(report.checks, `${mutation.what}: a report, not an error`).to.be.an('array');
        // Accepted means verified (proof, structure, validity, status), whatever the trust outcome.
        if (report.verified !== true) {
          caught += 1;
          continue;
        }
        expect(shown(report, await page(variant)), `${mutation.what} verified as valid, so nothing shown may change`).to.equal(originalShown);
      }
      expect(caught, 'almost every variant is caught').to.be.greaterThan(BUDGET_PER_PROFILE * 0.9);
    });
  }
});
