import { expect } from 'chai';
import { diplomaExample, validatedSkillsExample } from '../../src/issue/profiles/examples.js';
import { HOLDER, PASSPORT, recentGoethe } from '../helpers/dossier-fixtures.js';
import { pdfText } from '../helpers/pdf-text.js';
import { readRunLog, recordSecret } from '../helpers/run-log.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reports are inspected as JSON

describe('dossier report for an IHK FOSA officer (issue #15)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let diploma: Json;
  let goethe: Json;
  let spain: Json;
  let forgedDiploma: Json;
  const dossier = (credentials: unknown[], options: Json = {}, format = 'json') =>
    app.post(`/dossiers/verify${format === 'json' ? '' : `?format=${format}`}`, { verifiableCredentials: credentials, options: { lang: 'de', ...options } });

  before(async () => {
    recordSecret(PASSPORT);
    recordSecret(PASSPORT.replace(' ', ''));
    app = await startTestApp();
    const issue = async (issuer: { slug: string; apiKey: string }, body: object) => {
      const response = await app.post(`/issuers/${issuer.slug}/credentials`, body, { authorization: `Bearer ${issuer.apiKey}` });
      expect(response.status, response.text).to.equal(201);
      return response.body.verifiableCredential as Json;
    };
    const ofppt = await app.createIssuer({ legalName: 'OFPPT' });
    const goetheCentre = await app.createIssuer({ legalName: 'Goethe-Institut Marokko', country: 'MA' }, { scope: { examBrands: ['goethe'] } });
    const andalucia = await app.createIssuer({ legalName: 'Junta de Andalucía', country: 'ES' });
    const nobody = await app.createIssuer({ legalName: 'Institut Inconnu' }, { recognized: false });
    diploma = await issue(ofppt, { ...diplomaExample, holder: HOLDER });
    goethe = await issue(goetheCentre, recentGoethe());
    spain = await issue(andalucia, { ...validatedSkillsExample, holder: HOLDER });
    forgedDiploma = await issue(nobody, { ...diplomaExample, holder: HOLDER });
  });
  after(() => app?.close());

  it('sums up a CNC 5 diploma, a Goethe B1 and work in Spain in DQR terms, meets the B1 visa preset and adds up the months', async () => {
    const response = await dossier([diploma, goethe, spain], { presets: ['de-visa-language-b1'], passportNumber: PASSPORT });
    expect(response.status, response.text).to.equal(200);
    const report = response.body as Json;
    expect(report.allVerified, JSON.stringify(report.problems)).to.equal(true);
    expect(report.frameworks).to.deep.equal(['de-dqr', 'eqf']);
    expect(report.credentials.map((credential: Json) => credential.verdict)).to.deep.equal(['valid', 'valid', 'valid']);
    expect(report.credentials.map((credential: Json) => credential.passport)).to.deep.equal(['matches', 'matches', 'matches']);
    expect(report.holders.consistent).to.equal(true);
    expect(report.holders.groups).to.have.length(1);

    // The diploma's level, in DQR terms with the basis of the correspondence.
    const cnc = report.summary.qualifications.find((entry: Json) => entry.credential === 0).levels[0];
    expect(`${cnc.framework} ${cnc.level}`).to.equal('ma-cnc 5');
    const inDqr = cnc.in.find((mapping: Json) => mapping.toFramework === 'de-dqr');
    expect(inDqr.basis).to.be.oneOf(['indicative', 'none']);
    expect(inDqr.reason).to.be.a('string').and.not.equal('');
    // The Spanish validation's level is the reference qualification's, marked as such.
    const reference = report.summary.qualifications.find((entry: Json) => entry.credential === 2).levels[0];
    expect(`${reference.framework} ${reference.level} ${reference.source}`).to.equal('es-cp 1 reference-qualification');

    const german = report.summary.languages[0];
    expect(german).to.include({ language: 'de', overall: 'B1', examAgeMonths: 0, recognized: true });
    expect(german.skills).to.deep.equal({ listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' });
    expect(report.summary.requirements.presets[0]).to.include({ preset: 'de-visa-language-b1', outcome: 'met' });

    // 1 March – 30 November, twice: 9 + 9 months in Spain; the first period as building labourer (ISCO 9313).
    const work = report.summary.workExperience;
    expect(work.totalMonths).to.equal(18);
    expect(work.byCountry).to.deep.equal([{ country: 'ES', months: 18 }]);
    expect(work.byCountryAndOccupation).to.deep.include({ country: 'ES', isco08: '9313', occupationName: 'Building construction labourers', months: 9 });
    expect(report.summary.validatedUnits[0].units.map((unit: Json) => unit.code)).to.deep.equal(['UC0276_1', 'UC0869_1']);
    expect(report.summary.training.totalHours).to.equal(2600);
    expect(report.problems).to.deep.equal([]);
  });

  it('with one tampered credential and one from an unrecognized issuer, says exactly which and why', async () => {
    const tampered = { ...diploma, name: 'Ingénieur d’État en génie électrique' };
    const response = await dossier([tampered, goethe, spain, forgedDiploma], { presets: ['de-visa-language-b1'] });
    expect(response.status).to.equal(200);
    const report = response.body as Json;
    expect(report.allVerified).to.equal(false);
    expect(report.credentials.map((credential: Json) => credential.verdict)).to.deep.equal(['not-genuine', 'valid', 'valid', 'unrecognized-issuer']);
    expect(report.credentials[3].verified, 'authentic is not recognized').to.equal(true);
    expect(report.problems).to.have.length(2);
    // Asked in German: the problems in German, the English technical detail beside them.
    expect(report.problems[0]).to.match(/^Nachweis 1 .*: Nicht echt — nicht bestanden: Signatur\.$/);
    expect(report.problemReasons.map((reason: Json) => reason.code)).to.deep.equal(['dossier.not-accepted', 'dossier.unrecognized-issuer']);
    expect(report.problemDetails[0]).to.match(/^Credential 1 .*: not-genuine — signature check failed/);
    expect(report.problemDetails[1]).to.match(
      /^Credential 4 .*: authentic, but no authority this service trusts recognizes its issuer did:.*\(verdict unrecognized-issuer\)/,
    );
    // The tampered diploma is not summed up; the unrecognized one is, marked as such.
    expect(report.summary.qualifications.map((entry: Json) => [entry.credential, entry.recognized])).to.deep.equal([
      [2, true],
      [3, false],
    ]);
    expect(report.summary.requirements.presets[0].outcome).to.equal('met');
  });

  it('the same report as a German page and a PDF to file', async () => {
    const page = await dossier([{ ...diploma, name: 'Verändert' }, goethe, spain], { presets: ['de-visa-language-b1'] }, 'html');
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.headers.get('content-security-policy')).to.include("default-src 'none'");
    expect(page.text).to.include('<html lang="de" dir="ltr">');
    expect(page.text).to.include('Prüfbericht zur Antragsakte');
    expect(page.text).to.include('data-mark="verdict-not-genuine"');
    expect(page.text).to.include('Berufserfahrung');
    expect(page.text).to.include('insgesamt 18 Monate');

    const pdf = await fetch(`${app.baseUrl}/dossiers/verify?format=pdf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredentials: [diploma, goethe, spain], options: { lang: 'de', presets: ['de-visa-language-b1'] } }),
    });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    const text = (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const fact of [
      'Prüfbericht zur Antragsakte',
      'Qualifikationen und Niveaus',
      'CNC 5',
      'DQR',
      'Sprachniveaus',
      'Erfüllt',
      'insgesamt 18 Monate',
      'UC0869_1',
    ]) {
      expect(text, fact).to.include(fact);
    }
  });

  it('checks a passport number against the salted hashes, never stores or logs it, and refuses a malformed one naming the field', async () => {
    const wrong = 'UX 4821938';
    recordSecret(wrong);
    const right = await dossier([diploma, goethe], { passportNumber: 'ux-4821937' });
    expect(right.body.credentials.map((credential: Json) => credential.passport)).to.deep.equal(['matches', 'matches']);
    const mismatch = await dossier([diploma, goethe], { passportNumber: wrong });
    expect(mismatch.body.credentials.map((credential: Json) => credential.passport)).to.deep.equal(['does-not-match', 'does-not-match']);
    expect(mismatch.body.allVerified).to.equal(false);
    expect(mismatch.text).to.not.include('4821938');
    // A credential without a passport hash: could not compare, which is not a mismatch.
    const issuer = await app.createIssuer({ legalName: 'OFPPT Tanger' });
    const withNationalId = await app.post(`/issuers/${issuer.slug}/credentials`, diplomaExample, { authorization: `Bearer ${issuer.apiKey}` });
    const noPassport = await dossier([withNationalId.body.verifiableCredential], { passportNumber: PASSPORT });
    expect(noPassport.body.credentials[0].passport).to.equal('no-passport-hash');
    expect(noPassport.body.couldNotCheck.join(' ')).to.match(/enthält keinen Pass-Hash; die Passnummer konnte daher nicht verglichen werden/);
    expect(noPassport.body.couldNotCheckDetails.join(' ')).to.match(/carries no passport hash, so the passport number could not be compared/);
    expect(noPassport.body.problems).to.deep.equal([]);
    const bad = await dossier([diploma], { passportNumber: '<script>' });
    expect(bad.status).to.equal(400);
    expect(bad.headers.get('content-type')).to.match(/problem\+json/);
    expect(bad.body.errors[0].pointer).to.equal('/options/passportNumber');
    expect(bad.text).to.not.include('<script>');
    expect(readRunLog()).to.not.include('4821937');
  });

  it('says where holders differ', async () => {
    const other = await app.createIssuer({ legalName: 'OFPPT Rabat' });
    const response = await app.post(`/issuers/${other.slug}/credentials`, diplomaExample, { authorization: `Bearer ${other.apiKey}` });
    const report = (await dossier([response.body.verifiableCredential, goethe])).body as Json;
    expect(report.holders.consistent).to.equal(true); // same name and birth date in the example
    const stranger = await app.post(
      `/issuers/${other.slug}/credentials`,
      { ...diplomaExample, holder: { name: 'Amina Tazi', birthDate: '1995-01-01', identifiers: [{ type: 'passport', value: 'ZZ1234567' }] } },
      { authorization: `Bearer ${other.apiKey}` },
    );
    recordSecret('ZZ1234567');
    const mixed = (await dossier([stranger.body.verifiableCredential, goethe], { passportNumber: PASSPORT })).body as Json;
    expect(mixed.holders.consistent).to.equal(false);
    expect(mixed.holders.differences[0]).to.equal(
      'Die Nachweise betreffen 2 verschiedene Personen: Amina Tazi (1995-01-01): 1; Youssef Benali (2001-03-14): 2.',
    );
    expect(mixed.holders.differenceDetails[0]).to.match(
      /2 different holders: Amina Tazi, born 1995-01-01 \(credential 1\); Youssef Benali, born 2001-03-14 \(credential 2\)/,
    );
    expect(mixed.credentials[0].passport).to.equal('does-not-match');
  });

  it('refuses an unknown preset or framework and a body that is neither a presentation nor a list, naming the field', async () => {
    const preset = await dossier([diploma], { presets: ['nope'] });
    expect(preset.status).to.equal(400);
    expect(preset.body.instance ?? preset.body.errors?.[0]?.pointer).to.equal('/options/presets/0');
    const empty = await app.post('/dossiers/verify', { options: { lang: 'de' } });
    expect(empty.status).to.equal(400);
    const format = await app.post('/dossiers/verify?format=docx', { verifiableCredentials: [diploma] });
    expect(format.status).to.equal(400);
  });
});
