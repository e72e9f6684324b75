import { expect } from 'chai';
import { diplomaCredential, languageCredential } from '../helpers/ob3-credentials.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

const ALL_B1 = { listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' };
const monthsAgo = (months: number) => {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

describe('verify with frameworks and requirements, over HTTP with issued credentials', () => {
  let app: TestApp;
  let auth: { authorization: string };
  /** An issuer the operator recognizes, but not as an exam provider of any brand. */
  let plainAuth: { authorization: string };

  before(async () => {
    app = await startTestApp();
    // The operator recognizes this issuer as a Goethe-Institut exam centre: presets read that, not the provider's name.
    const issuer = await app.createIssuer({}, { scope: { examBrands: ['goethe'] } });
    auth = { authorization: `Bearer ${issuer.apiKey}` };
    plainAuth = { authorization: `Bearer ${(await app.createIssuer()).apiKey}` };
  });
  after(() => app.close());

  async function issue(credential: Record<string, unknown>, format: 'di' | 'jwt' = 'di', as = auth): Promise<Record<string, unknown>> {
    const response = await app.post('/credentials/issue', { credential, options: { format } }, as);
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential;
  }

  const germanB1 = (overrides: Record<string, unknown> = {}) =>
    languageCredential({ language: 'de', overall: 'B1', skills: ALL_B1, provider: 'Goethe-Institut', examDate: monthsAgo(3), ...overrides });

  for (const format of ['di', 'jwt'] as const) {
    it(`${format}: expresses an OFPPT diploma's CNC 5 in the DQR (indicative) and in the EQF, with basis and path`, async () => {
      const vc = await issue(diplomaCredential([['ma-cnc', '5']]), format);
      const response = await app.post('/credentials/verify', { verifiableCredential: vc, options: { frameworks: ['de-dqr', 'eqf'], lang: 'de' } });
      expect(response.status, response.text).to.equal(200);
      expect(response.body.verified).to.equal(true);
      const levels = response.body.levels;
      expect(levels.evaluated).to.equal(true);
      expect(levels.claims).to.have.length(1);
      const [inDqr, inEqf] = levels.claims[0].in;
      expect(inDqr).to.deep.include({ basis: 'indicative', toFramework: 'de-dqr' });
      expect(inDqr.to[0]).to.include({ code: '5', label: 'DQR-Niveau 5' });
      expect(inDqr.path.map((step: { framework: string }) => step.framework)).to.deep.equal(['ma-cnc', 'eqf', 'de-dqr']);
      expect(inEqf.to[0].uri).to.equal('http://data.europa.eu/snb/eqf/5');
    });
  }

  it('expresses a DQR 4 diploma officially in France and Spain, and a language level as none in the DQR', async () => {
    const diploma = await issue(diplomaCredential([['de-dqr', '4']], 'Elektroniker/in für Betriebstechnik'));
    const report = (await app.post('/credentials/verify', { verifiableCredential: diploma, options: { frameworks: ['fr-cncp', 'es-mecu'] } })).body;
    expect(report.levels.claims[0].in.map((mapping: { basis: string }) => mapping.basis)).to.deep.equal(['official', 'official']);
    const language = await issue(germanB1());
    const languageReport = (await app.post('/credentials/verify', { verifiableCredential: language, options: { frameworks: ['de-dqr', 'cefr'] } })).body;
    const claim = languageReport.levels.claims[0];
    expect(claim).to.include({ framework: 'cefr', level: 'B1', source: 'language-overall', language: 'de' });
    expect(claim.in.map((mapping: { basis: string }) => mapping.basis)).to.deep.equal(['none', 'official']);
  });

  it('answers the German visa preset from an issued Goethe B1 credential: met, with the evidence used', async () => {
    const vc = await issue(germanB1(), 'jwt');
    const report = (
      await app.post('/credentials/verify', {
        verifiableCredential: vc,
        options: { presets: ['de-visa-language-b1'], requirements: [{ kind: 'language', language: 'de', minLevel: 'B2' }] },
      })
    ).body;
    expect(report.requirements.evaluated).to.equal(true);
    expect(report.requirements.presets[0]).to.include({ preset: 'de-visa-language-b1', outcome: 'met' });
    expect(report.requirements.presets[0].sources[0].url).to.match(/^https:\/\/www\.auswaertiges-amt\.de\//);
    expect(report.requirements.requirements[0]).to.include({ outcome: 'not-met' });
    expect(report.requirements.outcome).to.equal('not-met');
    expect(report.requirements.presets[0].results[0].evidence[0].claim.skills).to.deep.equal(ALL_B1);
  });

  it('does not evaluate a tampered credential, and says why', async () => {
    const vc = structuredClone(await issue(germanB1()));
    const subject = vc.credentialSubject as { result: Array<Record<string, string>> };
    subject.result[0]!.achievedLevel = subject.result[0]!.achievedLevel!.replace(/B1$/, 'C2');
    const report = (await app.post('/credentials/verify', { verifiableCredential: vc, options: { frameworks: ['eqf'], presets: ['de-visa-language-b1'] } }))
      .body;
    expect(report.verified).to.equal(false);
    expect(report.levels).to.deep.include({ evaluated: false, claims: [] });
    expect(report.levels.reason).to.match(/not verified \(verdict: not-genuine\)/);
    expect(report.requirements.evaluated).to.equal(false);
    expect(report.requirements.presets[0].outcome).to.equal('not-met');
  });

  it('refuses unknown frameworks, presets and levels in options with a 400 naming the field and the valid values', async () => {
    const vc = await issue(germanB1());
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ frameworks: ['de-dqr', 'xx'] }, '/options/frameworks/1', /Valid framework ids: .*ma-cnc/],
      [{ presets: ['nope'] }, '/options/presets/0', /Valid presets: .*de-visa-language-b1/],
      [
        { requirements: [{ kind: 'qualification-level', framework: 'eqf', minLevel: '9' }] },
        '/options/requirements/0/minLevel',
        /Valid codes: 1, 2, 3, 4, 5, 6, 7, 8/,
      ],
      [{ requirements: [{ kind: 'language', language: 'de', minLevel: 'B3' }] }, '/options/requirements/0/minLevel', /must be one of/],
      [{ colour: 'red' }, '/options/colour', /not a known property/],
    ];
    for (const [options, pointer, detail] of cases) {
      const response = await app.post('/credentials/verify', { verifiableCredential: vc, options });
      expect(response.status, JSON.stringify(options)).to.equal(400);
      expect(response.body.instance, JSON.stringify(response.body)).to.equal(pointer);
      expect(response.body.detail).to.match(detail);
    }
  });

  describe('POST /requirements/check', () => {
    it('verifies every credential and answers presets from the verified ones', async () => {
      const good = await issue(germanB1());
      const old = await issue(germanB1({ examDate: monthsAgo(13) }));
      const diploma = await issue(diplomaCredential([['fr-cncp', 'IV']]));
      const response = await app.post('/requirements/check', {
        credentials: [old, good, diploma],
        presets: ['de-visa-language-b1', 'de-skilled-worker-eqf4-official'],
      });
      expect(response.status, response.text).to.equal(200);
      expect(response.body.credentials.map((credential: { verified: boolean }) => credential.verified)).to.deep.equal([true, true, true]);
      const [visa, eqf4] = response.body.presets;
      expect(visa.outcome).to.equal('met');
      expect(visa.results[0].evidence.map((entry: { credential: number; outcome: string }) => [entry.credential, entry.outcome])).to.deep.equal([
        [0, 'not-met'],
        [1, 'met'],
      ]);
      expect(visa.results[0].evidence[0].reason).to.match(/older than 12 months/);
      expect(eqf4.outcome).to.equal('met');
      expect(eqf4.results[0].evidence[0].mapping).to.deep.include({ basis: 'official', to: ['4'] });
      expect(response.body.outcome).to.equal('met');
    });

    it('edge cases through HTTP: a signer recognized for no accepted brand, missing skill, unverified credential', async () => {
      const otherProvider = await issue(germanB1({ provider: 'Goethe-Institut' }), 'di', plainAuth);
      const noSpeaking = await issue(germanB1({ skills: { listening: 'B1', reading: 'B1', writing: 'B1' } }));
      const check = async (credential: unknown) =>
        (await app.post('/requirements/check', { credentials: [credential], presets: ['de-visa-language-b1'] })).body.presets[0];
      const notRecognized = await check(otherProvider);
      expect(notRecognized.outcome).to.equal('not-met');
      expect(notRecognized.reason).to.match(/names Goethe-Institut as exam provider, but its signer is not recognized for that brand/);
      expect((await check(noSpeaking)).outcome).to.equal('cannot-tell');
      const forged = structuredClone(await issue(germanB1()));
      (forged.credentialSubject as Record<string, unknown>).id = 'did:example:someone-else';
      const result = await check(forged);
      expect(result.outcome).to.equal('not-met');
      expect(result.reason).to.match(/not verified/);
    });

    it('400 for a missing requirement list, an empty credential list or an unknown preset', async () => {
      const empty = await app.post('/requirements/check', { credentials: [], presets: ['de-visa-language-b1'] });
      expect(empty.status).to.equal(400);
      expect(empty.body.detail).to.match(/\/credentials/);
      const none = await app.post('/requirements/check', { credentials: ['x'] });
      expect(none.status).to.equal(400);
      const unknown = await app.post('/requirements/check', { credentials: ['x'], presets: ['nope'] });
      expect(unknown.status).to.equal(400);
      expect(unknown.body.instance).to.equal('/presets/0');
    });

    it('GET /requirements/presets lists the presets with sources, titles in the chosen language', async () => {
      const response = await app.get('/requirements/presets?lang=de');
      expect(response.status).to.equal(200);
      const visa = response.body.presets.find((preset: { id: string }) => preset.id === 'de-visa-language-b1');
      expect(visa.displayTitle).to.match(/^Deutsch B1/);
      expect(visa.sources.length).to.be.greaterThan(0);
      expect(visa.verify.length).to.be.greaterThan(0);
    });
  });
});
