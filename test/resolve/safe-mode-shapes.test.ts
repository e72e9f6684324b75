import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { expandInPool } from '../../src/resolve/json-ld-pool.js';
import { forgetPassedShapes, safeModeShapeOf } from '../../src/resolve/safe-mode-shapes.js';
import { expandSafely } from '../../src/shared/credential-model.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #16: the data-model check skips the safe-mode expansion of a document whose shape
 * (resolve/safe-mode-shapes.ts) already passed. That is only sound if two documents with one
 * shape key always get one verdict from the full expansion. Differential test: credentials
 * issued by the app (generic and every profile, Data Integrity and the JWT payloads) are
 * mutated at random in the ways that decide safe mode (unknown and known terms as keys,
 * relative / absolute / compact / keyword-like / term strings as values, type values,
 * language tags, value kinds, moved subtrees), each mutation is expanded in full, and the
 * results are grouped by shape key: every group must have a single verdict. Then the cached
 * path (expandSafely) must give each document the full expansion's verdict.
 */

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests rewrite arbitrary JSON
type Path = Array<string | number>;

const MUTATIONS_PER_BASE = 70;

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings of every class the shape key tells apart, and several of each class so that groups form. */
const STRINGS = [
  'Worker 1',
  'Worker 2',
  'relative',
  'other-relative',
  '',
  'https://example.org/a',
  'https://example.org/b',
  'did:example:z',
  'did:example:y',
  'urn:uuid:7d8f0a2e-0000-4000-8000-000000000001',
  '_:b0',
  '_:b1',
  'http://a b',
  'foo: bar',
  ':colon-first',
  'x://y',
  '@foo',
  '@id',
  '@type',
  'VerifiableCredential',
  'Achievement',
  'AchievementSubject',
  'OpenBadgeCredential',
  'name',
  'id',
  'type',
  'Diploma',
  'xsd:string',
  'cred:issuer',
  'schema:name',
  'ex:thing',
  '2026-01-01T00:00:00Z',
  'en',
  'not a tag!',
];
const KEYS = ['name', 'description', 'id', 'type', 'achievement', 'credentialSubject', 'result', 'unknownTerm', 'fooBar', 'validFrom', 'identifier', 'image'];
const LANGUAGES = ['en', 'de', 'ar', 'fr-CA', 'not a tag!', 'EN', 'x'];

function pathsOf(document: Json): { leaves: Path[]; objects: Path[] } {
  const leaves: Path[] = [];
  const objects: Path[] = [];
  const walk = (value: Json, path: Path) => {
    if (value !== null && typeof value === 'object') {
      if (!Array.isArray(value)) objects.push(path);
      const entries: Array<[string | number, Json]> = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
      for (const [key, child] of entries) if (key !== '@context') walk(child, [...path, key]);
    } else leaves.push(path);
  };
  walk(document, []);
  return { leaves, objects };
}

function at(root: Json, path: Path): Json {
  return path.reduce((node, part) => node[part], root);
}

function mutate(base: Json, random: () => number): Json {
  const document = structuredClone(base);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const rounds = 1 + Math.floor(random() * 2);
  for (let round = 0; round < rounds; round += 1) {
    const { leaves, objects } = pathsOf(document);
    const kind = Math.floor(random() * 9);
    if (kind <= 2 && leaves.length > 0) {
      // a leaf becomes another string (the most common: it forms groups within one class)
      const path = pick(leaves);
      const parent = at(document, path.slice(0, -1));
      const key = path[path.length - 1] as string | number;
      parent[key] = key === '@language' ? pick(LANGUAGES) : pick(STRINGS);
    } else if (kind === 3 && leaves.length > 0) {
      const path = pick(leaves);
      at(document, path.slice(0, -1))[path[path.length - 1] as string | number] = pick([
        1,
        2.5,
        true,
        false,
        ['a'],
        {},
        { name: 'x' },
        { id: 'did:example:q' },
      ]);
    } else if (kind === 4 && objects.length > 0) {
      // a key added (known term or not)
      at(document, pick(objects))[pick(KEYS)] = pick(STRINGS);
    } else if (kind === 5 && objects.length > 0) {
      // a key renamed
      const object = at(document, pick(objects));
      const keys = Object.keys(object).filter((key) => key !== '@context');
      if (keys.length > 0) {
        const from = pick(keys);
        const value = object[from];
        delete object[from];
        object[pick(KEYS)] = value;
      }
    } else if (kind === 6 && objects.length > 0) {
      // a type value replaced or added
      const object = at(document, pick(objects));
      const type = pick(['Achievement', 'AchievementSubject', 'Result', 'Unknown', 'VerifiableCredential', 'EndorsementCredential', 'ex:Type', 'Evidence']);
      object.type = random() < 0.5 ? type : [...[].concat(object.type ?? []), type];
    } else if (kind === 7 && objects.length > 1) {
      // a subtree moved under another node (its property-scoped and type-scoped context change)
      const source = at(document, pick(objects.filter((path) => path.length > 0)));
      at(document, pick(objects))[pick(KEYS)] = structuredClone(source);
    } else if (kind === 8) {
      // a language string
      at(document, pick(objects.length > 0 ? objects : [[]]))[pick(['name', 'description'])] = { '@value': pick(STRINGS), '@language': pick(LANGUAGES) };
    }
  }
  return document;
}

/** Every string value that is not a term, its letters after the prefix rotated (rot13): another document of the same shape. */
function twinOf(document: Json): Json {
  const rot = (text: string) => text.replace(/[a-zA-Z]/g, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c < 'a' ? 65 : 97)));
  const walk = (value: Json, key: string | number | undefined): Json => {
    if (typeof value === 'string') {
      if (key === '@language' || key === '@direction') return value;
      const colon = value.indexOf(':');
      const rotated = colon > 0 ? value.slice(0, colon + 3) + rot(value.slice(colon + 3)) : rot(value);
      // A term (a type, an @vocab value) stays: its key is verbatim.
      return safeModeShapeOf(rotated) === safeModeShapeOf(value) ? rotated : value;
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '@context' ? v : walk(v, k)]));
  };
  return walk(document, undefined);
}

async function fullVerdict(document: Json): Promise<string> {
  try {
    await expandInPool(document);
    return 'pass';
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'processing-timeout') throw error;
    return 'fail';
  }
}

describe('safe-mode shape cache: one shape, one verdict (differential)', function () {
  this.timeout(180_000);
  let app: TestApp;
  const bases: Array<{ name: string; document: Json }> = [];

  before(async () => {
    app = await startTestApp();
    const issuer = await app.createIssuer({ legalName: 'Shape Test Centre' });
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    const generic = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      name: 'Orientation module',
      credentialSubject: { id: 'did:example:worker-1', name: 'Worker 1' },
    };
    for (const format of ['di', 'jwt'] as const) {
      const issued = await app.post('/credentials/issue', { credential: generic, options: { format } }, auth);
      expect(issued.status).to.equal(201);
      bases.push({ name: `generic ${format}`, document: issued.body.verifiableCredential });
    }
    for (const [profile, example] of Object.entries(PROFILE_EXAMPLES)) {
      const format = profile === 'diploma' ? 'jwt' : 'di';
      const issued = await app.post(`/issuers/${issuer.slug}/credentials`, { ...structuredClone(example), format }, auth);
      expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
      bases.push({ name: `${profile} ${format}`, document: issued.body.verifiableCredential });
    }
    // A VC-JOSE credential is judged on its payload.
    for (const base of bases) {
      if (typeof base.document === 'object' && typeof base.document.id === 'string' && base.document.id.startsWith('data:application/vc+jwt,')) {
        base.document = decodeJwt(base.document.id.slice('data:application/vc+jwt,'.length));
      }
    }
  });

  after(() => app.close());

  it('groups hundreds of mutated credentials by shape key; each group has one full-expansion verdict, and the cached path agrees', async () => {
    const random = mulberry32(16);
    const documents: Json[] = bases.map((base) => base.document);
    for (const base of bases) for (let index = 0; index < MUTATIONS_PER_BASE; index += 1) documents.push(mutate(base.document, random));
    // Twins: the same shape with other string values (term strings may change, and then so does the shape).
    for (const document of [...documents]) {
      const twin = twinOf(document);
      if (safeModeShapeOf(twin) === safeModeShapeOf(document)) documents.push(twin);
    }

    const verdicts: string[] = [];
    for (const document of documents) verdicts.push(await fullVerdict(document));
    const groups = new Map<string, number[]>();
    documents.forEach((document, index) => {
      const shape = safeModeShapeOf(document);
      expect(shape, 'no mutation adds a context of its own').to.be.a('string');
      groups.set(shape as string, [...(groups.get(shape as string) ?? []), index]);
    });

    for (const members of groups.values()) {
      const seen = new Set(members.map((index) => verdicts[index]));
      expect(
        seen.size,
        `one shape, several verdicts:\n${members.map((index) => `${verdicts[index]} ${JSON.stringify(documents[index])}`).join('\n')}`,
      ).to.equal(1);
    }
    // The test means something only if it saw both verdicts and shapes shared by several documents.
    expect(verdicts.filter((verdict) => verdict === 'pass').length).to.be.greaterThan(30);
    expect(verdicts.filter((verdict) => verdict === 'fail').length).to.be.greaterThan(30);
    expect([...groups.values()].filter((members) => members.length > 1).length).to.be.greaterThan(20);

    // The cached path, in a shuffled order (passes remembered along the way), against the full verdicts.
    forgetPassedShapes();
    const order = documents.map((_, index) => index).sort(() => random() - 0.5);
    for (const index of [...order, ...order]) {
      const cached = await expandSafely(documents[index]).then(
        () => 'pass',
        () => 'fail',
      );
      expect(cached, JSON.stringify(documents[index])).to.equal(verdicts[index]);
    }
  });

  it('the mutations are strong enough to catch a key that forgets the string values', async () => {
    // A deliberately weak key (strings reduced to "s") must put documents with different verdicts together.
    const random = mulberry32(61);
    const documents: Json[] = [];
    for (const base of bases) for (let index = 0; index < 25; index += 1) documents.push(mutate(base.document, random));
    const weak = (value: Json): string =>
      typeof value === 'string'
        ? 's'
        : value === null || typeof value !== 'object'
          ? typeof value
          : JSON.stringify(Object.entries(value).map(([k, v]) => [k, k === '@context' ? v : weak(v)]));
    const groups = new Map<string, Set<string>>();
    for (const document of documents) {
      const key = weak(document);
      groups.set(key, (groups.get(key) ?? new Set()).add(await fullVerdict(document)));
    }
    expect([...groups.values()].some((verdicts) => verdicts.size > 1)).to.equal(true);
  });

  it('a document with a context of its own has no shape key (always expanded in full)', () => {
    const base = structuredClone(bases[0]?.document);
    base.credentialSubject['@context'] = { extra: 'https://example.org/extra' };
    expect(safeModeShapeOf(base)).to.equal(undefined);
    expect(safeModeShapeOf({ ...bases[0]?.document, '@context': [{ '@vocab': 'https://example.org/' }] })).to.equal(undefined);
  });
});
