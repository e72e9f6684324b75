import { expect } from 'chai';
import { diplomaExample } from '../../src/issue/profiles/examples.js';
import { sayReason } from '../../src/present/i18n/reasons.js';
import { isReason } from '../../src/present/localize-report.js';
import type { Reason } from '../../src/shared/reason.js';
import { HOLDER, recentGoethe } from '../helpers/dossier-fixtures.js';
import { languageCredential } from '../helpers/ob3-credentials.js';
import { pdfText } from '../helpers/pdf-text.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reports are inspected as JSON

/** Every sentence a report shows a reader next to its reason as data: `reason`/`message` beside `why`, and the parallel lists. */
function saidWithReasons(value: unknown, found: Array<{ said: string; why: Reason; detail?: string }> = []): typeof found {
  if (Array.isArray(value)) value.forEach((item) => saidWithReasons(item, found));
  else if (typeof value === 'object' && value !== null) {
    const object = value as Json;
    if (isReason(object.why)) {
      const said = typeof object.reason === 'string' ? object.reason : object.message;
      if (typeof said === 'string') found.push({ said, why: object.why, detail: object.detail });
    }
    for (const [sentences, reasons, details] of [
      ['problems', 'problemReasons', 'problemDetails'],
      ['couldNotCheck', 'couldNotCheckReasons', 'couldNotCheckDetails'],
      ['caveats', 'caveatReasons', 'caveatDetails'],
    ] as const) {
      (object[reasons] as Reason[] | undefined)?.forEach((why, index) => found.push({ said: object[sentences][index], why, detail: object[details]?.[index] }));
    }
    for (const [key, item] of Object.entries(object)) if (key !== 'why' && !key.endsWith('Reasons')) saidWithReasons(item, found);
  }
  return found;
}

/** Each sentence is the reader's: never the English one for the same reason, never the English technical detail. */
function expectNoEnglishLeak(report: unknown, language: 'de' | 'ar' | 'es' | 'fr'): number {
  const said = saidWithReasons(report);
  for (const entry of said) {
    expect(entry.said, entry.why.code).to.equal(sayReason(entry.why, language));
    expect(entry.said, entry.why.code).to.not.equal(sayReason(entry.why, 'en'));
    if (entry.detail !== undefined) expect(entry.said, entry.why.code).to.not.equal(entry.detail);
  }
  return said.length;
}

const ALL_B1 = { listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' };

describe('reports in the reader\u2019s language (issue #13, item 4)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let goetheAuth: { authorization: string };
  let unrecognized: { slug: string; apiKey: string };

  before(async () => {
    app = await startTestApp();
    goetheAuth = { authorization: `Bearer ${(await app.createIssuer({}, { scope: { examBrands: ['goethe'] } })).apiKey}` };
    unrecognized = await app.createIssuer({ legalName: 'Institut Inconnu' }, { recognized: false });
  });
  after(() => app?.close());

  async function issue(credential: Json, auth = goetheAuth): Promise<Json> {
    const response = await app.post('/credentials/issue', { credential }, auth);
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential;
  }

  it('POST /credentials/verify in German (options.lang): requirement, mapping, caveat and check sentences in German, the English as detail', async () => {
    const vc = await issue(
      languageCredential({
        language: 'de',
        overall: 'A2',
        skills: { ...ALL_B1, speaking: 'A2' },
        provider: 'Goethe-Institut',
        examDate: new Date().toISOString(),
      }),
    );
    const response = await app.post('/credentials/verify', {
      verifiableCredential: vc,
      options: { lang: 'de', frameworks: ['de-dqr', 'eqf'], presets: ['de-visa-language-b1'] },
    });
    expect(response.status, response.text).to.equal(200);
    const report = response.body as Json;
    const preset = report.requirements.presets[0];
    expect(preset.outcome).to.equal('not-met');
    expect(preset.why.code).to.equal('requirement.not-met');
    expect(preset.reason).to.equal('Nicht erfüllt: Sprechen: A2, unter B1.');
    expect(preset.detail).to.equal('Not met: speaking is A2, below B1.');
    const mapping = report.levels.claims[0].in[0];
    expect(mapping.why.code).to.equal('mapping.none-language-scale');
    expect(mapping.reason).to.equal('CEFR ist eine Skala für Sprachkompetenz, kein Qualifikationsrahmen: Es gibt keine Entsprechung zu Niveaus im Rahmen DQR.');
    expect(mapping.detail).to.match(/is a language proficiency scale/);
    expect(report.levels.caveats[0]).to.match(/Referenzberuf/);
    expect(report.levels.caveatDetails[0]).to.match(/German recognition .* compares a foreign qualification/);
    const signature = report.checks.find((outcome: Json) => outcome.check === 'signature');
    expect(signature).to.include({ message: 'Signatur: bestanden.' });
    expect(signature.detail).to.match(/eddsa-rdfc-2022|valid/);
    expect(expectNoEnglishLeak(report, 'de')).to.be.greaterThan(8);
  });

  it('POST /requirements/check in Arabic (Accept-Language): an A2 is below B1, said in Arabic', async () => {
    const failed = await issue(languageCredential({ language: 'de', overall: 'A2', provider: 'Goethe-Institut', examDate: new Date().toISOString() }));
    const response = await app.post(
      '/requirements/check',
      { credentials: [failed], requirements: [{ kind: 'language', language: 'deu', minLevel: 'B1' }] },
      { 'accept-language': 'ar-MA, fr;q=0.8' },
    );
    expect(response.status, response.text).to.equal(200);
    const result = response.body.requirements[0] as Json;
    expect(result.outcome).to.equal('not-met');
    expect(result.reason).to.equal('غير مستوفى: المستوى العام A2، وهو دون B1.');
    expect(result.detail).to.equal('Not met: the overall level is A2, below B1.');
    expect(expectNoEnglishLeak(response.body, 'ar')).to.be.greaterThan(0);
    // Outside the five languages: English, the same sentences as before.
    const other = await app.post(
      '/requirements/check',
      { credentials: [failed], requirements: [{ kind: 'language', language: 'de', minLevel: 'B1' }] },
      { 'accept-language': 'tr' },
    );
    expect(other.body.requirements[0].reason).to.equal(other.body.requirements[0].detail);
  });

  it('POST /presentations/verify in Spanish (?lang=es): an unsigned presentation says so in Spanish', async () => {
    const vc = await issue(
      languageCredential({ language: 'de', overall: 'B1', skills: ALL_B1, provider: 'Goethe-Institut', examDate: new Date().toISOString() }),
    );
    const presentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [vc] };
    const response = await app.post('/presentations/verify?lang=es', { verifiablePresentation: presentation });
    const holderKey = (response.body as Json).presentation.checks.find((outcome: Json) => outcome.check === 'holder-key');
    expect(holderKey.reason).to.equal('La presentación no está firmada: no prueba nada sobre quién presenta las credenciales.');
    expect(holderKey.detail).to.match(/not signed/);
    expect(expectNoEnglishLeak(response.body, 'es')).to.be.greaterThan(3);
  });

  it('the employer page in Spanish shows check and level reasons in Spanish, never the English sentence', async () => {
    const issued = await app.post(`/issuers/${unrecognized.slug}/credentials`, diplomaExample, { authorization: `Bearer ${unrecognized.apiKey}` });
    expect(issued.status, issued.text).to.equal(201);
    const pageId = (issued.body.verifiableCredential.id as string).split('/').pop();
    const page = (await app.get(`/v/${pageId}?lang=es`)).text;
    const trust = sayReason({ code: 'trust.not-recognized' }, 'es');
    expect(page).to.include(trust);
    expect(page).to.not.include(sayReason({ code: 'trust.not-recognized' }, 'en'));
    // The level's equivalence, explained on hover in Spanish (CNC 5 → MECU through the EQF).
    expect(page).to.match(/title="Orientativo, no una equivalencia oficial: CNC 5 → EQF 5 → MECU [^"]*comparado por las cualificaciones/);
    expect(page).to.not.match(/title="Indicative, not an official equivalence/);
  });

  it('the dossier PDF in German carries the German problem sentences, and no English one', async () => {
    const ofppt = await app.createIssuer({ legalName: 'OFPPT' });
    const diploma = (await app.post(`/issuers/${ofppt.slug}/credentials`, { ...diplomaExample, holder: HOLDER }, { authorization: `Bearer ${ofppt.apiKey}` }))
      .body.verifiableCredential as Json;
    const goethe = (await app.post(`/issuers/${ofppt.slug}/credentials`, recentGoethe(), { authorization: `Bearer ${ofppt.apiKey}` })).body
      .verifiableCredential;
    const body = { verifiableCredentials: [{ ...diploma, name: 'Verändert' }, goethe], options: { presets: ['de-visa-language-b1'] } };
    const json = await app.post('/dossiers/verify', body, { 'accept-language': 'de-DE' });
    expect(json.body.lang).to.equal('de');
    expectNoEnglishLeak(json.body, 'de');
    const pdf = await fetch(`${app.baseUrl}/dossiers/verify?format=pdf&lang=de`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(pdf.status).to.equal(200);
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).to.match(/Nachweis 1 \([^)]+\): Nicht echt — nicht bestanden: Signatur\./);
    expect(text).to.include('erkennt den Unterzeichner dafür an');
    for (const english of [...json.body.problemDetails, ...json.body.couldNotCheckDetails] as string[]) expect(text).to.not.include(english.slice(0, 40));
    expect(text).to.not.match(/signature check failed|could not be|is not recognized|Not met|Cannot tell/);
  });
});
