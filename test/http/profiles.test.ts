import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import jsonld from 'jsonld';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { knownContexts } from '../../src/resolve/known-contexts.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => Ajv2019;
const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
const PROFILES = Object.keys(PROFILE_EXAMPLES);
const FORMATS = ['di', 'jwt'] as const;

/** The official 1EdTech OB 3.0 AchievementCredential schema (draft 2019-09). */
const ob3Schema = addFormats(new Ajv2019({ allErrors: true, strict: false })).compile(readFixtureJson('ob3-schema/achievementcredential.json'));

const example = (profile: string): Json => structuredClone(PROFILE_EXAMPLES[profile]) as Json;

/** The credential inside what issue returned: the VC itself, or the payload of the VC-JOSE JWT. */
function credentialOf(verifiableCredential: Json): Json {
  if (verifiableCredential.type !== 'EnvelopedVerifiableCredential') return verifiableCredential;
  const jwt = (verifiableCredential.id as string).slice('data:application/vc+jwt,'.length);
  return JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8'));
}

function setPointer(value: Json, pointer: string, replacement: unknown): void {
  const parts = pointer.split('/').slice(1);
  const last = parts.pop() as string;
  const parent = parts.reduce<Json>((node, part) => node[part], value);
  parent[last] = replacement;
}

describe('credential profiles: POST /issuers/:slug/credentials', () => {
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  let other: { apiKey: string; slug: string };
  const auth = (key = issuer.apiKey) => ({ authorization: `Bearer ${key}` });
  const issue = (body: unknown, headers: Record<string, string> = auth()) => app.post(`/issuers/${issuer.slug}/credentials`, body, headers);
  /** Everything issued in this file, for the checks that apply to every credential. */
  const issued: Array<{ what: string; verifiableCredential: Json }> = [];

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({
      legalName: 'Institut Spécialisé de Technologie Appliquée',
      names: { fr: 'ISTA Casablanca', ar: 'المعهد المتخصص للتكنولوجيا التطبيقية' },
    });
    other = await app.createIssuer();
  });
  after(() => app.close());

  async function issueOk(body: Json, what: string): Promise<Json> {
    const response = await issue(body);
    expect(response.status, `${what}: ${response.text}`).to.equal(201);
    issued.push({ what, verifiableCredential: response.body.verifiableCredential });
    return response.body.verifiableCredential;
  }

  async function verify(verifiableCredential: unknown): Promise<Json> {
    const response = await app.post('/credentials/verify', { verifiableCredential });
    // VC API: 200 when verified; otherwise 422, the same report as an RFC 9457 problem.
    expect(response.status, response.text).to.equal(response.body.verified === true ? 200 : 422);
    if (response.status === 422) expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    return response.body;
  }

  for (const profile of PROFILES) {
    describe(profile, () => {
      for (const format of FORMATS) {
        it(`issues the example (${format}) as an OB 3.0 credential naming its schema, and it verifies`, async () => {
          const vc = await issueOk({ ...example(profile), format }, `${profile} ${format}`);
          const credential = credentialOf(vc);
          expect(credential.type).to.include.members(['VerifiableCredential', 'OpenBadgeCredential']);
          expect(credential.credentialSchema).to.deep.equal([{ id: `https://w3id.org/passerelle/schemas/${profile}.json`, type: 'JsonSchema' }]);
          expect(credential.issuer.id).to.equal(issuer.did);
          expect(credential.credentialSubject.achievement.id).to.match(/^urn:uuid:[0-9a-f-]{36}$/);
          const report = await verify(vc);
          expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
          expect(report.verdict).to.equal('valid');
          const schema = report.checks.find((check: Json) => check.check === 'schema');
          expect(schema).to.deep.include({ status: 'success' });
          expect(schema.message).to.include(`https://w3id.org/passerelle/schemas/${profile}.json`);
        });
      }

      const required = (JSON.parse(readFileSync(`${SCHEMAS_DIR}${profile}-request.schema.json`, 'utf8')) as { required: string[] }).required.filter(
        (field) => field !== 'profile',
      );
      for (const field of required) {
        it(`refuses the example without /${field}: 400 naming it`, async () => {
          const body = example(profile);
          delete body[field];
          const response = await issue(body);
          expect(response.status, response.text).to.equal(400);
          expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
          expect(response.body.type).to.equal('https://w3id.org/passerelle/problems/invalid-request');
          expect(response.body.errors).to.deep.include({ pointer: `/${field}`, detail: 'is required' });
        });
      }
    });
  }

  /** [profile, pointer, malformed value, words the rule's message must contain]. */
  const MALFORMED: Array<[string, string, unknown, string]> = [
    ['diploma', '/awardDate', '12/07/2024', 'format "date"'],
    ['diploma', '/achievementType', 'Diplome', 'must be one of'],
    ['diploma', '/level/framework', 'Morocco CNC', 'pattern'],
    ['diploma', '/level/level', '', 'fewer than 1'],
    ['diploma', '/fieldOfStudy/iscedF', '7', 'pattern'],
    ['diploma', '/eqfLevel', 9, '<= 8'],
    ['diploma', '/hours', -10, '> 0'],
    ['diploma', '/awardingBody/country', 'Morocco', 'pattern'],
    ['diploma', '/transcript/sha256', 'not-a-digest', 'pattern'],
    ['diploma', '/learningOutcomes/0/escoSkills/0/uri', 'https://example.org/skill/1', 'pattern'],
    ['diploma', '/targetOccupation/isco08', '311', 'pattern'],
    ['diploma', '/primaryLanguage', 'French', 'pattern'],
    ['diploma', '/title', {}, 'fewer than 1'],
    ['diploma', '/holder/identifiers/0/type', 'ssn', 'must be one of'],
    ['diploma', '/holder/birthDate', '14.03.2001', 'format "date"'],
    ['diploma', '/holder/did', 'not-a-did', 'pattern'],
    ['language-level', '/language', 'German', 'pattern'],
    ['language-level', '/overallLevel', 'B3', 'must be one of'],
    ['language-level', '/skillLevels/speaking', 'b1', 'must be one of'],
    ['language-level', '/exam/date', '2025-13-01', 'format "date"'],
    ['language-level', '/exam/targetLevel', 'Mittelstufe', 'must be one of'],
    ['language-level', '/modulesPassed/0/skills/0', 'grammar', 'must be one of'],
    ['training-module', '/hours', 0, '> 0'],
    ['training-module', '/mode', 'hybrid', 'must be one of'],
    ['training-module', '/startDate', 'March 2025', 'format "date"'],
    ['training-module', '/assessment/method', 'exam', 'must be one of'],
    ['training-module', '/programme/targetQualification/level/framework', 'DQR', 'pattern'],
    ['validated-skills', '/validationExtent', 'half', 'must be one of'],
    ['validated-skills', '/validatedUnits', [], 'fewer than 1'],
    ['validated-skills', '/assessments/0/method', 'interview', 'must be one of'],
    ['validated-skills', '/workExperience/0/country', 'Spain', 'pattern'],
    ['validated-skills', '/workExperience/1/hours', 'many', 'must be number'],
    ['validated-skills', '/evidence/0/url', 'ftp://documents.example.es/a.pdf', 'pattern'],
    ['validated-skills', '/validationDate', '', 'format "date"'],
  ];
  for (const [profile, pointer, value, rule] of MALFORMED) {
    it(`${profile}: a malformed ${pointer} (${JSON.stringify(value)}) → 400 naming it and the rule`, async () => {
      const body = example(profile);
      setPointer(body, pointer, value);
      const response = await issue(body);
      expect(response.status, response.text).to.equal(400);
      const error = (response.body.errors as Json[]).find((entry) => entry.pointer === pointer);
      expect(error, response.text).to.not.equal(undefined);
      expect(error?.detail).to.include(rule);
    });
  }

  it('names an unknown property, so a typo is not silently dropped', async () => {
    const body = { ...example('diploma'), awardingDate: '2024-07-12' };
    const response = await issue(body);
    expect(response.status).to.equal(400);
    expect(response.body.errors).to.deep.include({ pointer: '/awardingDate', detail: 'is not a known property' });
  });

  it('lists every invalid field at once', async () => {
    const body = example('validated-skills');
    delete body.validationBody;
    setPointer(body, '/validationExtent', 'half');
    setPointer(body, '/workExperience/0/country', 'Spain');
    setPointer(body, '/holder/birthDate', 'yesterday');
    const response = await issue(body);
    expect(response.status).to.equal(400);
    expect((response.body.errors as Json[]).map((error) => error.pointer)).to.include.members([
      '/validationBody',
      '/validationExtent',
      '/workExperience/0/country',
      '/holder/birthDate',
    ]);
  });

  it('refuses a request without a known profile, naming /profile', async () => {
    for (const profile of [undefined, 'passport', 42]) {
      const response = await issue({ ...example('diploma'), profile });
      expect(response.status).to.equal(400);
      expect(response.body.instance).to.equal('/profile');
      expect(response.body.detail).to.include('diploma, language-level, training-module, validated-skills');
    }
  });

  /** Rules a schema cannot state; [profile, change, pointer]. */
  const RULES: Array<[string, string, (body: Json) => void, string]> = [
    ['diploma', 'an EQF level for a CNC (not referenced to the EQF) qualification', (body) => (body.eqfLevel = 5), '/eqfLevel'],
    ['diploma', 'a level in a framework Passerelle does not know', (body) => (body.level = { framework: 'xx-nqf', level: '5' }), '/level/framework'],
    ['diploma', 'a level that its framework does not have', (body) => (body.level = { framework: 'ma-cnc', level: '9' }), '/level/level'],
    [
      'diploma',
      'an EQF level other than the official referencing gives (DQR 4 is EQF 4)',
      (body) => ((body.level = { framework: 'de-dqr', level: '4' }), (body.eqfLevel = 5)),
      '/eqfLevel',
    ],
    [
      'training-module',
      'a target qualification level that does not exist',
      (body) => (body.programme.targetQualification.level = { framework: 'de-dqr', level: '12' }),
      '/programme/targetQualification/level/level',
    ],
    [
      'validated-skills',
      'a reference qualification in an unknown framework',
      (body) => (body.referenceQualification.level = { framework: 'es-cncp', level: '1' }),
      '/referenceQualification/level/framework',
    ],
    ['diploma', 'a text map without the primary language', (body) => (body.title = { en: 'Specialised technician' }), '/title'],
    ['diploma', 'an occupation with neither ISCO-08 nor ESCO', (body) => (body.targetOccupation = { name: 'Technician' }), '/targetOccupation'],
    ['diploma', 'a holder with neither DID nor identifiers', (body) => delete body.holder.identifiers, '/holder/identifiers'],
    ['language-level', 'no level at all', (body) => (delete body.overallLevel, delete body.skillLevels), '/overallLevel'],
    ['language-level', 'a certificate dated before the exam', (body) => (body.certificateDate = '2025-01-01'), '/certificateDate'],
    ['training-module', 'an end before the start', (body) => (body.endDate = '2025-02-01'), '/endDate'],
    [
      'validated-skills',
      'a partial validation without a path to the full qualification',
      (body) => delete body.pathToFullQualification,
      '/pathToFullQualification',
    ],
    [
      'validated-skills',
      'an attestation that is not in /evidence',
      (body) => body.workExperience[0].attestations.push('https://documents.example.es/other.pdf'),
      '/workExperience/0/attestations/1',
    ],
    [
      'validated-skills',
      'neither reference qualification nor occupation',
      (body) => (delete body.referenceQualification, delete body.referenceOccupation),
      '/referenceQualification',
    ],
    ['validated-skills', 'the same evidence document twice', (body) => body.evidence.push(body.evidence[0]), '/evidence/3/url'],
  ];
  for (const [profile, what, change, pointer] of RULES) {
    it(`${profile}: refuses ${what}, naming ${pointer}`, async () => {
      const body = example(profile);
      change(body);
      const response = await issue(body);
      expect(response.status, response.text).to.equal(400);
      expect(
        (response.body.errors as Json[]).map((error) => error.pointer),
        response.text,
      ).to.include(pointer);
    });
  }

  describe('Arabic text', () => {
    // Right-to-left mark, shadda, fatha, kasra, tanween and a Latin code inside RTL text.
    const TITLE = '\u200Fتِقْنِيٌّ مُتَخَصِّصٌ فِي الكَهْرُومِيكَانِيك (TS-ESA)\u200F';
    const NAME = 'يُوسُف بنعلي';

    for (const format of FORMATS) {
      it(`round-trips unchanged, byte for byte, through issue, read-back and verify (${format})`, async () => {
        const body = example('diploma');
        body.primaryLanguage = 'ar';
        body.title = { ...body.title, ar: TITLE };
        // Every text must then have an Arabic version; these optional ones have none in the example.
        for (const field of ['grade', 'learningOutcomes']) delete body[field];
        delete body.fieldOfStudy.name;
        body.holder.name = NAME;
        body.format = format;
        const response = await issue(body);
        expect(response.status, response.text).to.equal(201);
        const vc = response.body.verifiableCredential;
        issued.push({ what: `arabic ${format}`, verifiableCredential: vc });
        const credential = credentialOf(vc);
        expect(credential.name).to.equal(TITLE);
        expect(credential.credentialSubject.achievement.name).to.equal(TITLE);
        // The primary language is the credential's `inLanguage`; the other languages are `related` translations.
        expect(credential.inLanguage).to.equal('ar');
        expect(credential.credentialSubject.achievement.related.map((entry: Json) => entry.inLanguage)).to.not.include('ar');
        expect(credential.credentialSubject.achievement.related.find((entry: Json) => entry.inLanguage === 'fr').name).to.equal(body.title.fr);
        expect(credential.credentialSubject.name).to.equal(NAME);
        expect(Buffer.from(credential.name, 'utf8').equals(Buffer.from(TITLE, 'utf8'))).to.equal(true);
        const readBack = await app.get(`/credentials/${encodeURIComponent(credential.id)}`, auth());
        expect(credentialOf(readBack.body.verifiableCredential).name).to.equal(TITLE);
        expect((await verify(vc)).verified).to.equal(true);
      });
    }
  });

  describe('access and idempotency', () => {
    it("refuses another issuer's API key with 403 and no key with 401", async () => {
      const foreign = await issue(example('diploma'), auth(other.apiKey));
      expect(foreign.status).to.equal(403);
      expect(foreign.body.type).to.match(/forbidden$/);
      expect((await issue(example('diploma'), {})).status).to.equal(401);
    });

    it('answers a retry with the same Idempotency-Key and body with the same credential, and a different body with 422', async () => {
      const headers = { ...auth(), 'idempotency-key': `profile-${Date.now()}` };
      const first = await issue(example('training-module'), headers);
      const again = await issue(example('training-module'), headers);
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(201);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.body.verifiableCredential).to.deep.equal(first.body.verifiableCredential);
      const changed = await issue({ ...example('training-module'), hours: 60 }, headers);
      expect(changed.status).to.equal(422);
      expect(changed.body.type).to.match(/idempotency-key-reused$/);
      expect((await issue(example('training-module'), { ...auth(), 'idempotency-key': 'bad key with spaces' })).status).to.equal(400);
    });

    it('hashes holder identifiers with a fresh salt per credential and never carries them in clear', async () => {
      const [a, b] = [await issueOk(example('diploma'), 'salt a'), await issueOk(example('diploma'), 'salt b')];
      for (const { what, verifiableCredential } of issued) {
        const text = JSON.stringify(credentialOf(verifiableCredential));
        for (const secret of ['BK123456', 'youssef.benali@example.ma', 'UX 4821937', 'UX4821937', 'TK9038451']) expect(text, what).to.not.include(secret);
      }
      const [idA, idB] = [a.credentialSubject.identifier[0], b.credentialSubject.identifier[0]];
      expect(idA).to.include({ type: 'IdentityObject', hashed: true, identityType: 'nationalIdentityNumber' });
      expect(idA.salt).to.not.equal(idB.salt);
      expect(idA.identityHash).to.not.equal(idB.identityHash);
    });
  });

  describe('status of an OB 3.0 credential', () => {
    it('carries one credentialStatus (revocation), as the OB 3.0 schema requires; revocation works, suspension is refused', async () => {
      const vc = await issueOk(example('language-level'), 'status');
      expect(vc.credentialStatus).to.be.an('object').and.include({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
      const change = (status: string) =>
        app.post('/credentials/status', { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status }] }, auth());
      const suspend = await change('suspended');
      expect(suspend.status).to.equal(409);
      expect(suspend.body.detail).to.include('no suspension entry');
      expect((await change('revoked')).status).to.equal(200);
      const report = await verify(vc);
      expect(report.verdict).to.equal('revoked');
      expect(report.checks.find((check: Json) => check.check === 'signature').status).to.equal('success');
    });
  });

  // Runs after the tests above have issued (mocha runs its in file order).
  describe('every credential issued above', () => {
    it('validates against the official 1EdTech OB 3.0 AchievementCredential JSON Schema', () => {
      expect(issued.length).to.be.greaterThan(10);
      for (const { what, verifiableCredential } of issued) {
        const credential = credentialOf(verifiableCredential);
        // The 1EdTech schema types proof as an array: DI profile credentials carry it so, as issued.
        if (credential.proof !== undefined) expect(credential.proof, what).to.be.an('array');
        const valid = ob3Schema(credential);
        expect(valid, `${what}: ${JSON.stringify(ob3Schema.errors?.slice(0, 5))}`).to.equal(true);
      }
    });

    it('expands in JSON-LD safe mode with nothing dropped: every term is defined by VC 2.0 or OB 3.0.3, none by a context of ours', async () => {
      const documentLoader = createDocumentLoader({ contexts: knownContexts() });
      for (const { what, verifiableCredential } of issued) {
        const credential = credentialOf(verifiableCredential);
        expect(credential['@context'], what).to.deep.equal([
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ]);
        const expanded = await jsonld.expand(credential, { documentLoader, safe: true, base: null } as never);
        const text = JSON.stringify(expanded);
        expect(text, what).to.not.include('issuer-dependent');
        expect(text, what).to.not.include('https://w3id.org/passerelle/vocab#');
        // The primary language and the translations are there, as schema.org terms, not silently gone.
        expect(text, what).to.include('https://schema.org/inLanguage');
      }
    });

    it('keeps every property through expansion and compaction (a round trip loses nothing)', async () => {
      const documentLoader = createDocumentLoader({ contexts: knownContexts() });
      for (const { what, verifiableCredential } of issued.slice(0, 8)) {
        const credential = credentialOf(verifiableCredential);
        const compacted = await jsonld.compact(await jsonld.expand(credential, { documentLoader, safe: true, base: null } as never), credential['@context'], {
          documentLoader,
          safe: true,
          base: null,
        } as never);
        expect(countLeaves(compacted), what).to.equal(countLeaves(credential));
      }
    });
  });
});

/** Number of scalar values in a JSON tree, with `@context` left out. */
function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countLeaves(item), 0);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).reduce((sum, [key, item]) => sum + (key === '@context' ? 0 : countLeaves(item)), 0);
  }
  return 1;
}

describe('profiles and frameworks together', () => {
  let app: TestApp;
  let issuer: { slug: string; apiKey: string };

  before(async () => {
    app = await startTestApp();
    // Recognized as a Goethe-Institut exam centre: the visa preset reads the signer's recognition, not the provider's name.
    issuer = await app.createIssuer({}, { scope: { examBrands: ['goethe'] } });
  });
  after(() => app.close());

  const issueProfile = async (body: Json) => {
    const response = await app.post(`/issuers/${issuer.slug}/credentials`, body, { authorization: `Bearer ${issuer.apiKey}` });
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential as Json;
  };
  const levelsIn = async (vc: Json, frameworks: string[]) => {
    const report = (await app.post('/credentials/verify', { verifiableCredential: vc, options: { frameworks } })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    return report.levels.claims as Json[];
  };

  it('accepts an EQF level that the official referencing gives, and verify expresses the diploma officially in Spain', async () => {
    // A German qualification (its own framework is the DQR), awarded by a German body.
    const diploma = example('diploma') as { awardingBody: Record<string, unknown> };
    const vc = await issueProfile({
      ...diploma,
      awardingBody: { ...diploma.awardingBody, country: 'DE' },
      level: { framework: 'de-dqr', level: '4' },
      eqfLevel: 4,
    });
    const claims = await levelsIn(vc, ['es-mecu']);
    const dqr = claims.find((claim) => claim.framework === 'de-dqr');
    expect(dqr?.in[0]).to.deep.include({ basis: 'official', toFramework: 'es-mecu' });
  });

  // Every profile that claims a level: verify expresses it in the DQR, saying on what basis.
  const EXPECTED: Array<[string, string, string, string]> = [
    ['diploma', 'ma-cnc', '5', 'indicative'],
    ['language-level', 'cefr', 'B1', 'none'],
  ];
  for (const [profile, framework, level, basis] of EXPECTED) {
    it(`${profile}: verify expresses its ${framework} ${level} in the DQR with basis ${basis}`, async () => {
      const claims = await levelsIn(await issueProfile(example(profile)), ['de-dqr']);
      const claim = claims.find((candidate) => candidate.framework === framework && candidate.level === level);
      expect(claim, JSON.stringify(claims)).to.not.equal(undefined);
      expect(claim?.in[0]?.basis).to.equal(basis);
    });
  }

  it('training-module: claims no level of its own (the programme\u2019s target qualification is a goal, not an award)', async () => {
    const levels = await levelsIn(await issueProfile(example('training-module')), ['de-dqr']);
    // The target qualification's level is stated, marked as such (OB 3.0 alignment ext:TargetQualificationLevel), never as reached.
    expect(levels.map((level) => [level.framework, level.level, level.source])).to.deep.equal([['de-dqr', '4', 'target-qualification']]);
  });

  it('answers the German visa language preset from Goethe-Zertifikat B1 profile credentials: met when recent, not met when too old', async () => {
    const recent = example('language-level');
    const threeMonthsAgo = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    recent.exam.date = threeMonthsAgo;
    delete recent.certificateDate;
    const outcomeOf = async (body: Json) => {
      const report = (await app.post('/credentials/verify', { verifiableCredential: await issueProfile(body), options: { presets: ['de-visa-language-b1'] } }))
        .body;
      expect(report.requirements.evaluated, JSON.stringify(report.requirements)).to.equal(true);
      return report.requirements.outcome as string;
    };
    expect(await outcomeOf(recent)).to.equal('met');
    // The example's exam (20 February 2025) is more than 12 months old.
    expect(await outcomeOf(example('language-level'))).to.equal('not-met');
  });
});
