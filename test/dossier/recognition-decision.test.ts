import { recordClaimsOf } from '../../src/ob3/claims.js';
import { expect } from 'chai';
import { diplomaExample, recognitionDecisionExample, validatedSkillsExample } from '../../src/issue/profiles/examples.js';
import { credentialDigestMultibase } from '../../src/shared/credential-digest.js';
import { launchChromiumOrSkip, screenshotPath, type TestBrowser } from '../helpers/chromium.js';
import { holderWallet } from '../helpers/holder-wallet.js';
import { pdfText } from '../helpers/pdf-text.js';
import { recordSecret } from '../helpers/run-log.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { HOLDER, PASSPORT, recentGoethe } from '../helpers/dossier-fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reports are inspected as JSON

/**
 * Issue #15: IHK FOSA's decision as a credential, linked to the diploma and the language
 * certificate it assessed by id and digest; a verifier checks the decision was about these
 * exact credentials, in both formats, on the page, in the PDF and in a real browser.
 */
describe('recognition decision: linked to what it assessed (issue #15)', function () {
  this.timeout(90_000);
  let app: TestApp;
  let fosa: { slug: string; apiKey: string };
  const issued: Record<'di' | 'jwt', { diploma: unknown; goethe: unknown; decision: unknown }> = {} as never;
  const decide = (body: object) => app.post(`/issuers/${fosa.slug}/credentials`, body, { authorization: `Bearer ${fosa.apiKey}` });

  before(async () => {
    recordSecret(PASSPORT);
    app = await startTestApp();
    const ofppt = await app.createIssuer({ legalName: 'OFPPT' });
    const goetheCentre = await app.createIssuer({ legalName: 'Goethe-Institut Marokko' }, { scope: { examBrands: ['goethe'] } });
    fosa = await app.createIssuer({ legalName: 'IHK FOSA', country: 'DE' }, { scope: { profiles: ['recognition-decision'] } });
    for (const format of ['di', 'jwt'] as const) {
      const diploma = await app.post(
        `/issuers/${ofppt.slug}/credentials`,
        { ...diplomaExample, holder: HOLDER, format },
        { authorization: `Bearer ${ofppt.apiKey}` },
      );
      const goethe = await app.post(
        `/issuers/${goetheCentre.slug}/credentials`,
        { ...recentGoethe(), format },
        { authorization: `Bearer ${goetheCentre.apiKey}` },
      );
      expect(diploma.status, diploma.text).to.equal(201);
      expect(goethe.status, goethe.text).to.equal(201);
      const decision = await decide({
        ...recognitionDecisionExample,
        format,
        holder: HOLDER,
        assessedCredentials: [
          { credential: diploma.body.verifiableCredential, name: 'Diplôme OFPPT' },
          { credential: goethe.body.verifiableCredential, name: 'Goethe-Zertifikat B1' },
        ],
      });
      expect(decision.status, decision.text).to.equal(201);
      issued[format] = { diploma: diploma.body.verifiableCredential, goethe: goethe.body.verifiableCredential, decision: decision.body.verifiableCredential };
    }
  });
  after(() => app?.close());

  it('carries each assessed credential as relatedResource with a z-base58btc SHA-256 digest of its JCS form', async () => {
    const decision = issued.di.decision as Json;
    const diploma = issued.di.diploma as Json;
    expect(decision.relatedResource[0]).to.deep.equal({ id: diploma.id, digestMultibase: credentialDigestMultibase(diploma), name: 'Diplôme OFPPT' });
    expect(decision.relatedResource[0].digestMultibase).to.match(/^zQm[1-9A-HJ-NP-Za-km-z]{44}$/);
    // The decision in OB 3.0 terms: its number is the subject's licenseNumber, its type the value of the ext:RecognitionDecision result.
    expect(decision.credentialSubject.licenseNumber).to.equal('FOSA-2026-0457-EB');
    expect(recordClaimsOf(decision).decision).to.include({ decisionType: 'partial-equivalence', decisionNumber: 'FOSA-2026-0457-EB' });
    // The JWT decision names the JWT diploma by the id inside its payload, and digests the enveloped form.
    const jwtDecision = JSON.parse(Buffer.from(((issued.jwt.decision as Json).id as string).split('.')[1] as string, 'base64url').toString('utf8'));
    const jwtDiploma = JSON.parse(Buffer.from(((issued.jwt.diploma as Json).id as string).split('.')[1] as string, 'base64url').toString('utf8'));
    expect(jwtDecision.relatedResource[0]).to.include({ id: jwtDiploma.id, digestMultibase: credentialDigestMultibase(issued.jwt.diploma) });
  });

  for (const format of ['di', 'jwt'] as const) {
    it(`${format}: the dossier verifies the decision and both links match; without the credentials they are "not provided", not failed`, async () => {
      const { decision, diploma, goethe } = issued[format];
      const response = await app.post('/dossiers/verify', { verifiableCredentials: [decision, diploma, goethe], options: { lang: 'en' } });
      const report = response.body as Json;
      expect(report.allVerified, JSON.stringify(report.problems)).to.equal(true);
      const summary = report.summary.decisions[0];
      expect(summary.decision).to.include({ decisionType: 'partial-equivalence', legalBasis: 'Berufsqualifikationsfeststellungsgesetz (BQFG) §§ 4, 7' });
      expect(summary.decision.referenceOccupation).to.include({ kldb: '26212', isco08: '7412' });
      expect(summary.decision.compensatoryMeasures).to.deep.equal([
        {
          measureType: 'adaptation-period',
          durationMonths: 6,
          description: 'Anpassungsqualifizierung im Betrieb, danach Folgeantrag auf volle Gleichwertigkeit',
        },
      ]);
      expect(summary.links.map((link: Json) => [link.status, link.credential])).to.deep.equal([
        ['matches', 1],
        ['matches', 2],
      ]);

      const alone = (await app.post('/dossiers/verify', { verifiableCredentials: [decision], options: { lang: 'en' } })).body as Json;
      expect(alone.summary.decisions[0].links.map((link: Json) => link.status)).to.deep.equal(['not-provided', 'not-provided']);
      expect(alone.problems).to.deep.equal([]);
      expect(alone.couldNotCheck.join('\n')).to.match(/links to .*\(Diplôme OFPPT\): not provided in this dossier/);
    });
  }

  it('meets the §16d preset (partial equivalence with an adaptation period) and not §18a/b; a full equivalence meets §18a/b; an unrecognized body meets neither', async () => {
    const presets = ['de-16d-partial-equivalence-adaptation', 'de-18ab-full-equivalence'];
    const outcomes = async (decision: unknown) => {
      const report = (await app.post('/dossiers/verify', { verifiableCredentials: [decision], options: { lang: 'de', presets } })).body as Json;
      return report.summary.requirements.presets.map((preset: Json) => preset.outcome);
    };
    expect(await outcomes(issued.di.decision)).to.deep.equal(['met', 'not-met']);
    const full = await decide({ ...recognitionDecisionExample, holder: HOLDER, decisionType: 'full-equivalence', compensatoryMeasures: undefined });
    expect(full.status, full.text).to.equal(201);
    expect(await outcomes(full.body.verifiableCredential)).to.deep.equal(['not-met', 'met']);
    const stranger = await app.createIssuer({ legalName: 'Anerkennungsstelle (selbst ernannt)' }, { recognized: false });
    const forged = await app.post(
      `/issuers/${stranger.slug}/credentials`,
      { ...recognitionDecisionExample, holder: HOLDER, decisionType: 'full-equivalence', compensatoryMeasures: undefined },
      { authorization: `Bearer ${stranger.apiKey}` },
    );
    const report = (await app.post('/requirements/check', { credentials: [forged.body.verifiableCredential], presets: ['de-18ab-full-equivalence'] }))
      .body as Json;
    expect(report.presets[0].outcome).to.equal('not-met');
    expect(report.presets[0].reason).to.match(/authentic, but its issuer is not recognized for it .*unrecognized-issuer/);
    expect(report.presets[0].sources.map((source: Json) => source.key)).to.include('aid-fea');
  });

  it('a decision whose linked credential was altered fails that link, and says which', async () => {
    const { decision, diploma, goethe } = issued.di;
    const altered = { ...(diploma as Json), name: 'Ingénieur d’État' };
    const report = (await app.post('/dossiers/verify', { verifiableCredentials: [decision, altered, goethe], options: { lang: 'en' } })).body as Json;
    expect(report.allVerified).to.equal(false);
    expect(report.summary.decisions[0].links.map((link: Json) => link.status)).to.deep.equal(['does-not-match', 'matches']);
    expect(report.problems.join('\n')).to.match(
      /Credential 1 .* links to .*: Credential 2 has this id but not this digest: it is not the credential that was assessed/,
    );
    expect(report.credentials[1].verdict).to.equal('not-genuine');
  });

  it('closes the loop for a returning worker: a home validation cites the Spanish credential it relied on, shown next to it, in a holder-signed presentation', async () => {
    const wallet = await holderWallet();
    const holder = { ...HOLDER, did: wallet.did };
    const spain = await app.createIssuer({ legalName: 'Junta de Andalucía', country: 'ES' });
    const morocco = await app.createIssuer({ legalName: 'Dispositif marocain de validation des acquis', country: 'MA' });
    const abroad = await app.post(`/issuers/${spain.slug}/credentials`, { ...validatedSkillsExample, holder }, { authorization: `Bearer ${spain.apiKey}` });
    expect(abroad.status, abroad.text).to.equal(201);
    const home = await app.post(
      `/issuers/${morocco.slug}/credentials`,
      {
        ...validatedSkillsExample,
        holder,
        primaryLanguage: 'fr',
        title: 'Validation des acquis de l’expérience : maçonnerie (compétences acquises en Espagne)',
        description: 'Compétences acquises sur des chantiers en Espagne, validées au retour.',
        validationBody: { id: 'https://vae.example.ma', name: 'Dispositif de validation des acquis (Maroc)', country: 'MA' },
        validationScheme: undefined,
        validatedUnits: validatedSkillsExample.validatedUnits.map((unit) => ({ code: unit.code, title: unit.title.fr })),
        referenceQualification: { name: 'Ouvrier qualifié en maçonnerie', level: { framework: 'ma-cnc', level: '2' } },
        pathToFullQualification: { description: 'Deux unités restent à valider.' },
        assessments: validatedSkillsExample.assessments.map((assessment) => ({ ...assessment, description: 'Examen du dossier et observation' })),
        workExperience: validatedSkillsExample.workExperience.map((period) => ({ ...period, employer: { name: period.employer.name, country: 'ES' } })),
        evidence: validatedSkillsExample.evidence,
        reliedOn: [{ credential: abroad.body.verifiableCredential, name: 'Acreditación parcial (Andalucía)' }],
      },
      { authorization: `Bearer ${morocco.apiKey}` },
    );
    expect(home.status, home.text).to.equal(201);
    expect(home.body.verifiableCredential.relatedResource[0].digestMultibase).to.equal(credentialDigestMultibase(abroad.body.verifiableCredential));
    const presentation = await wallet.present([home.body.verifiableCredential, abroad.body.verifiableCredential], { challenge: 'vae-7731' });
    const report = (await app.post('/dossiers/verify', { verifiablePresentation: presentation, options: { lang: 'fr', challenge: 'vae-7731' } })).body as Json;
    expect(report.presentation.verified).to.equal(true);
    expect(report.credentials.map((credential: Json) => credential.holderBinding.bound)).to.deep.equal([true, true]);
    expect(report.summary.validations).to.have.length(1);
    expect(report.summary.validations[0].links[0]).to.include({ status: 'matches', credential: 1, name: 'Acreditación parcial (Andalucía)' });
    expect(report.frameworks).to.deep.equal(['fr-cncp', 'eqf']);
    const page = (await app.post('/dossiers/verify?format=html', { verifiablePresentation: presentation, options: { lang: 'fr', challenge: 'vae-7731' } }))
      .text;
    expect(page).to.include('Validations et ce sur quoi elles reposent');
    expect(page).to.match(/Acreditación parcial \(Andalucía\): Fournie, empreinte conforme \(Attestation 2\)/);
  });

  it('the employer page and the certificate of a decision say what was decided, by whom, under which basis, and about which credentials', async () => {
    const pageId = ((issued.di.decision as Json).id as string).split('/').pop() as string;
    const page = (await app.get(`/v/${pageId}?lang=de`)).text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const fact of ['Entschieden von', 'IHK FOSA', 'Teilweise Gleichwertigkeit', 'FOSA-2026-0457-EB', 'BQFG', 'Geprüfte Nachweise', 'Diplôme OFPPT']) {
      expect(page, fact).to.include(fact);
    }
    const pdf = await fetch(`${app.baseUrl}/credentials/${pageId}/certificate.pdf`);
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const fact of ['Entscheidung: Teilweise Gleichwertigkeit', 'Aktenzeichen: FOSA-2026-0457-EB', 'adaptation-period (6)'])
      expect(text, fact).to.include(fact);
  });

  it('prints the decision and its links in the PDF (French)', async () => {
    const { decision, diploma } = issued.di;
    const pdf = await fetch(`${app.baseUrl}/dossiers/verify?format=pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredentials: [decision, diploma], options: { lang: 'fr' } }),
    });
    expect(pdf.status).to.equal(200);
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const fact of [
      'Rapport de dossier',
      'Décisions de reconnaissance',
      'Équivalence partielle',
      'KldB 26212',
      'FOSA-2026-0457-EB',
      'Stage d’adaptation, 6 mois',
      'Diplôme OFPPT: Fournie, empreinte conforme',
      'Goethe-Zertifikat B1: Non fournie',
    ]) {
      expect(text, fact).to.include(fact);
    }
  });

  describe('in headless Chromium', () => {
    let chrome: TestBrowser | undefined;
    before(async function () {
      chrome = await launchChromiumOrSkip(this);
    });
    after(() => chrome?.close());

    async function open(body: object, state: string) {
      const response = await app.post('/dossiers/verify?format=html', body);
      expect(response.status).to.equal(200);
      const context = await (chrome as TestBrowser).browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
      const page = await context.newPage();
      // The page as served, at the service's origin (its CSP allows its own inline style by hash).
      await page.route(`${app.baseUrl}/dossier-report`, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html',
          headers: { 'content-security-policy': response.headers.get('content-security-policy') ?? '' },
          body: response.text,
        }),
      );
      await page.goto(`${app.baseUrl}/dossier-report`);
      await page.screenshot({ path: screenshotPath(state), fullPage: true });
      return page;
    }

    it('shows the decision with each link’s state in words, the altered one in red, in English and Arabic', async () => {
      const { decision, diploma, goethe } = issued.di;
      const page = await open(
        { verifiableCredentials: [decision, { ...(diploma as Json), name: 'Altered' }, goethe], options: { lang: 'en' } },
        'dossier-altered-link-en',
      );
      expect(await page.getAttribute('body', 'data-all-verified')).to.equal('false');
      expect(await page.locator('section.verdict').getAttribute('class')).to.include('bad');
      const decisions = await page.locator('#decisions').innerText();
      expect(decisions).to.include('Partial equivalence');
      expect(decisions).to.include('Adaptation period, 6 months');
      expect(await page.locator('[data-mark="link-does-not-match"]').innerText()).to.include('Digest does NOT match');
      expect(await page.locator('[data-mark="link-matches"]').innerText()).to.include('Provided, digest matches');
      expect(await page.locator('#problems').innerText()).to.include('it is not the credential that was assessed');
      // Headings in order for a screen reader: one h1, then h2 per section.
      expect(await page.locator('h1').count()).to.equal(1);
      expect(await page.locator('main h2').first().innerText()).to.equal('What failed');
      await page.context().close();

      const arabic = await open({ verifiableCredentials: [decision, diploma, goethe], options: { lang: 'ar' } }, 'dossier-decision-ar');
      expect(await arabic.getAttribute('html', 'dir')).to.equal('rtl');
      expect(await arabic.locator('#h-decisions').innerText()).to.equal('قرارات المعادلة');
      expect(await arabic.locator('[data-mark="link-matches"]').count()).to.equal(2);
      expect(await arabic.locator('section.verdict').getAttribute('class')).to.include('good');
      await arabic.context().close();
    });
  });
});
