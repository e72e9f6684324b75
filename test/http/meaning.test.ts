import { expect } from 'chai';
import { diplomaExample, languageLevelExample, trainingModuleExample, validatedSkillsExample } from '../../src/issue/profiles/examples.js';
import { pdfText } from '../helpers/pdf-text.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/** Issue #13 over HTTP: levels where they belong, one form for languages, every level shown with what it is. */
describe('what a credential means (issue #13)', () => {
  let app: TestApp;
  let issuer: { slug: string; apiKey: string };
  const issue = (body: unknown) => app.post(`/issuers/${issuer.slug}/credentials`, body, { authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({}, { scope: { examBrands: ['goethe'] } });
  });
  after(() => app.close());

  it('refuses an OFPPT diploma whose own level is stated in the EQF: the EQF level follows only from official referencing', async () => {
    const response = await issue({ ...diplomaExample, level: { framework: 'eqf', level: '5' } });
    expect(response.status).to.equal(400);
    const error = response.body.errors.find((entry: { pointer: string }) => entry.pointer === '/level/framework');
    expect(error.detail).to.match(/meta-framework: state the level in the qualification's own national framework/);
  });

  it('refuses a diploma whose level is a CEFR level, and one stated in another country’s framework', async () => {
    const cefr = await issue({ ...diplomaExample, level: { framework: 'cefr', level: 'B1' } });
    expect(cefr.status).to.equal(400);
    expect(JSON.stringify(cefr.body.errors)).to.match(/scale of language proficiency, not of qualifications/);
    const foreign = await issue({ ...diplomaExample, level: { framework: 'de-dqr', level: '4' } });
    expect(foreign.status).to.equal(400);
    expect(JSON.stringify(foreign.body.errors)).to.match(/framework of DE, but the qualification is awarded in MA: use ma-cnc/);
    expect((await issue(diplomaExample)).status).to.equal(201);
  });

  it('"deu" is German: stored as "de", and the visa preset reads it as German', async () => {
    const response = await issue({
      ...languageLevelExample,
      language: 'deu',
      exam: { ...languageLevelExample.exam, date: new Date().toISOString().slice(0, 10) },
    });
    expect(response.status, response.text).to.equal(201);
    const credential = response.body.verifiableCredential;
    expect(credential.credentialSubject.achievement.inLanguage).to.equal('de');
    const report = await app.post('/credentials/verify', { verifiableCredential: credential, options: { presets: ['de-visa-language-b1'] } });
    expect(report.body.requirements.presets[0].outcome, JSON.stringify(report.body.requirements)).to.equal('met');
  });

  it('shows the validated-skills credential’s reference qualification level, marked as such, in a Spanish employer’s report and page', async () => {
    const response = await issue(validatedSkillsExample);
    expect(response.status, response.text).to.equal(201);
    const credential = response.body.verifiableCredential;
    const report = await app.post('/credentials/verify', { verifiableCredential: credential, options: { frameworks: ['es-mecu', 'eqf'], lang: 'es' } });
    const claims = report.body.levels.claims as Array<{ framework: string; level: string; source: string }>;
    expect(claims.map((claim) => `${claim.framework} ${claim.level} ${claim.source}`)).to.include('es-cp 1 reference-qualification');
    // A partial validation does not reach the level: it never counts as a qualification level for requirements.
    const check = await app.post('/requirements/check', {
      credentials: [credential],
      requirements: [{ kind: 'qualification-level', framework: 'eqf', minLevel: '1', basis: 'any' }],
    });
    expect(check.body.outcome).to.equal('not-met');
    const page = await app.get(`/v/${(credential.id as string).split('/').pop()}?lang=es`);
    expect(page.text).to.include('nivel de la cualificación de referencia, no alcanzado en una acreditación parcial');
  });

  it('points the level arrows from right to left on the Arabic page', async () => {
    const response = await issue(diplomaExample);
    const page = await app.get(`/v/${(response.body.verifiableCredential.id as string).split('/').pop()}?lang=ar`);
    expect(page.text).to.match(/<bdi>[^<]*<\/bdi> ← <bdi>/);
    expect(page.text).to.not.match(/<\/bdi> → <bdi>/);
  });

  describe('the page and the certificate', () => {
    const pageIdOf = (credential: { id: string }) => credential.id.split('/').pop() as string;
    // [profile, request, on the English page, in the PDF (printed in the credential's primary language)]
    const EXPECTED: Array<[string, object, string[], string[]]> = [
      [
        'diploma',
        diplomaExample,
        [
          'Awarding body',
          'Office de la Formation Professionnelle',
          'Awarded on',
          'July 12, 2024',
          'Qualification code',
          'TS-ESA',
          '2,600 hours',
          'Dates September 19, 2022 – June 28, 2024',
          'Theory and practice 1,520 hours theory, 1,080 hours practice',
          // A module's title is in the credential's primary language: OB 3.0 carries translations for the achievement only (docs/vocabulary.md).
          'Automates programmables industriels — 380 hours',
          'State-recognised Yes',
        ],
        [
          'Organisme certificateur',
          'Office de la Formation Professionnelle',
          'TS-ESA',
          'heures',
          'Reconnu par l’État',
          'Automates programmables industriels (380 heures)',
        ],
      ],
      [
        'language-level',
        languageLevelExample,
        [
          'Exam provider',
          'Goethe-Institut',
          'Exam date',
          'Exam centre',
          'Goethe-Institut Marokko, Rabat',
          'Certificate number B1-2025-02-RBA-0457',
          'Candidate number 0457',
        ],
        ['Prüfungsanbieter', 'Prüfungszentrum', 'Goethe-Institut Marokko, Rabat', 'Hören: B1', 'Zertifikatsnummer: B1-2025-02-RBA-0457'],
      ],
      [
        'training-module',
        trainingModuleExample,
        ['Training provider', 'Duration', '120 hours', 'Dates', 'March 3, 2025', 'April 25, 2025', 'Programme'],
        ['Organisme de formation', '120 heures', 'Programme'],
      ],
      [
        'validated-skills',
        validatedSkillsExample,
        [
          'Validation body',
          'Validated units',
          'Reference qualification',
          'EOCB0208',
          'Legal basis',
          '659/2023',
          'Accreditation decision Resolución ACR-2025-SE-0417',
        ],
        ['Entidad de acreditación', 'Unidades acreditadas', 'EOCB0208', '659/2023', 'Resolución de acreditación: Resolución ACR-2025-SE-0417'],
      ],
    ];
    for (const [profile, example, facts, printed] of EXPECTED) {
      it(`${profile}: the page and the PDF show what its reader checks first`, async () => {
        const response = await issue(example);
        expect(response.status, response.text).to.equal(201);
        const pageId = pageIdOf(response.body.verifiableCredential);
        const page = (await app.get(`/v/${pageId}?lang=en`)).text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        for (const fact of facts) expect(page, `${profile} page: ${fact}`).to.include(fact);
        const pdf = await fetch(`${app.baseUrl}/credentials/${pageId}/certificate.pdf`);
        const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
        for (const fact of printed) expect(text, `${profile} PDF: ${fact}`).to.include(fact);
      });
    }

    it('refuses training parts that exceed the whole, and dates out of order', async () => {
      const response = await issue({
        ...diplomaExample,
        training: { startDate: '2024-09-01', endDate: '2023-06-30', theoryHours: 2000, practiceHours: 1000 },
      });
      expect(response.status).to.equal(400);
      const pointers = (response.body.errors as Array<{ pointer: string }>).map((error) => error.pointer);
      expect(pointers).to.include.members(['/training/endDate', '/training/practiceHours']);
    });

    it('tells a German reader that recognition compares with a reference occupation, not a DQR level', async () => {
      const response = await issue(diplomaExample);
      const credential = response.body.verifiableCredential;
      const report = await app.post('/credentials/verify', { verifiableCredential: credential, options: { frameworks: ['de-dqr'] } });
      expect(report.body.levels.caveats[0]).to.match(/reference occupation \(Referenzberuf\), not with a DQR level/);
      const page = (await app.get(`/v/${pageIdOf(credential)}?lang=de`)).text;
      expect(page).to.include('data-dqr-caveat');
      expect(page).to.include('Referenzberuf');
    });

    it('lists a diploma’s grade under Results, never under Language levels, and translates the achievement type', async () => {
      const response = await issue(diplomaExample);
      const page = (await app.get(`/v/${pageIdOf(response.body.verifiableCredential)}?lang=es`)).text;
      expect(page).to.include('id="h-results"');
      expect(page).to.not.include('id="h-language-levels"');
      expect(page).to.include('15.62');
      const module = await issue(trainingModuleExample);
      expect((await app.get(`/v/${pageIdOf(module.body.verifiableCredential)}?lang=es`)).text).to.match(/<bdi>Curso<\/bdi>/);
    });

    const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });
    const setStatus = (credentialId: string, status: string) =>
      app.post('/credentials/status', { credentialId, credentialStatus: [{ type: 'BitstringStatusListCredential', status }] }, auth());

    it('shows a suspended credential in amber as temporarily suspended, not as revoked, and prints no certificate for it', async () => {
      const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, auth());
      const id = issued.body.verifiableCredential.id as string;
      const pageId = id.split('/').pop() as string;
      expect((await setStatus(id, 'suspended')).status).to.equal(200);
      const page = (await app.get(`/v/${pageId}?lang=en`)).text;
      expect(page).to.include('data-verdict="suspended"');
      expect(page).to.match(/class="verdict warn"/);
      expect(page).to.include('Temporarily suspended');
      const pdf = await app.get(`/credentials/${pageId}/certificate.pdf`);
      expect(pdf.status).to.equal(409);
      expect(pdf.body.detail).to.match(/is suspended, so no certificate is printed/);
      expect((await setStatus(id, 'active')).status).to.equal(200);
      expect((await app.get(`/credentials/${pageId}/certificate.pdf`)).status).to.equal(200);
      expect((await setStatus(id, 'revoked')).status).to.equal(200);
      expect((await app.get(`/credentials/${pageId}/certificate.pdf`)).status).to.equal(409);
      expect((await app.get(`/v/${pageId}?lang=en`)).text).to.match(/class="verdict bad"/);
    });

    it('says "could not read" for a damaged QR payload, never "not genuine"', async () => {
      const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, auth());
      const pageId = (issued.body.verifiableCredential.id as string).split('/').pop() as string;
      const page = await app.request('POST', `/v/${pageId}?lang=en`, 'vc=%%%not-a-payload', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(page.text).to.include('data-verdict="unreadable"');
      expect(page.text).to.include('Could not read');
      expect(page.text).to.not.include('Not genuine');
    });
  });

  it('answers the report’s verdict and check outcomes in the reader’s language, with the English detail beside them', async () => {
    const credential = (await issue(diplomaExample)).body.verifiableCredential;
    const german = (await app.post('/credentials/verify', { verifiableCredential: credential, options: { lang: 'de-AT' } })).body.summary;
    expect(german.language).to.equal('de');
    expect(german.verdict.title).to.equal('Gültig');
    expect(german.checks.find((entry: { check: string }) => entry.check === 'signature')).to.deep.equal({
      check: 'signature',
      name: 'Signatur',
      outcome: 'Bestanden',
    });
    expect(german.detailLanguage).to.equal('en');
    const arabic = (await app.post('/credentials/verify', { verifiableCredential: credential }, { 'accept-language': 'ar-MA, fr;q=0.8' })).body.summary;
    expect(arabic.verdict.title).to.equal('صالحة');
    const other = (await app.post('/credentials/verify', { verifiableCredential: credential }, { 'accept-language': 'pt-PT' })).body.summary;
    expect(other.language).to.equal('en');
    const withPreset = await app.post('/credentials/verify', {
      verifiableCredential: credential,
      options: { lang: 'es', presets: ['de-skilled-worker-eqf4-official'] },
    });
    expect(withPreset.body.summary.presets[0]).to.deep.include({ preset: 'de-skilled-worker-eqf4-official', outcome: 'No cumplido' });
    expect(withPreset.body.summary.presets[0].title).to.match(/^Nivel EQF 4 o superior/);
  });
});
