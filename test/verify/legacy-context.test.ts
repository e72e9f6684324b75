import { expect } from 'chai';
import { languageLevelExample } from '../../src/issue/profiles/examples.js';
import { claimsOf, recordClaimsOf } from '../../src/ob3/claims.js';
import { viewCredential } from '../../src/present/credential-view.js';
import { readFixtureJson } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

/**
 * Credentials issued before issue #12 name our own context (https://w3id.org/passerelle/contexts/v1)
 * and our own terms. The fixtures are what the profile builders produced then (test/fixtures/legacy-v1);
 * signed here, they must still verify, count and show as before, next to the standard-terms form.
 */
describe('credentials issued with the passerelle/v1 context (before issue #12)', () => {
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ legalName: 'Goethe-Institut Marokko', names: { de: 'Goethe-Institut Marokko' } });
  });
  after(() => app.close());

  async function signLegacy(name: string): Promise<Json> {
    const credential = readFixtureJson(`legacy-v1/${name}.json`) as Json;
    expect(credential['@context']).to.include('https://w3id.org/passerelle/contexts/v1');
    credential.issuer = { ...credential.issuer, id: issuer.did };
    const response = await app.post('/credentials/issue', { credential }, auth());
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential as Json;
  }

  it('a language credential still verifies (schema check included) and its CEFR levels, exam date and holder still read', async () => {
    const legacy = await signLegacy('language-level');
    const report = (await app.post('/credentials/verify', { verifiableCredential: legacy })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    expect(report.checks.find((check: Json) => check.check === 'schema').status).to.equal('success');
    expect(claimsOf(legacy).languages[0]).to.deep.include({ language: 'de', overall: 'B1', examDate: '2025-02-20' });
    expect(recordClaimsOf(legacy).holder).to.include({ name: 'Fatima Zahra Alaoui', birthDate: '1998-11-02' });
  });

  it('the page shows the same facts for the old form and for the standard-terms form of one request', async () => {
    const legacy = await signLegacy('language-level');
    const issued = await app.post(`/issuers/${issuer.slug}/credentials`, languageLevelExample, auth());
    expect(issued.status, issued.text).to.equal(201);
    const current = issued.body.verifiableCredential as Json;
    expect(current['@context']).to.not.include('https://w3id.org/passerelle/contexts/v1');
    const facts = (credential: Json) => viewCredential(credential, 'de').facts.map(({ key, value }) => [key, value.kind === 'text' ? value.text.text : value]);
    const expected = facts(legacy).filter(([key]) => key !== 'examProvider');
    expect(expected.map(([key]) => key)).to.include.members(['examDate', 'examCentre', 'certificateNumber', 'candidateNumber']);
    expect(facts(current).filter(([key]) => key !== 'examProvider')).to.deep.equal(expected);
    expect(viewCredential(current, 'fr').achievement.name?.text).to.equal('Goethe-Zertifikat B1 (allemand)');
    expect(viewCredential(legacy, 'fr').achievement.name?.text).to.equal('Goethe-Zertifikat B1 (allemand)');
  });

  it('a recognition decision still verifies and its decision, measures and reference occupation still read', async () => {
    const legacy = await signLegacy('recognition-decision');
    const report = (await app.post('/credentials/verify', { verifiableCredential: legacy })).body;
    expect(report.verified, JSON.stringify(report.checks)).to.equal(true);
    expect(claimsOf(legacy).decisions).to.deep.equal([{ decisionType: 'partial-equivalence', measureTypes: ['adaptation-period'], adaptationMonths: 6 }]);
    expect(recordClaimsOf(legacy).decision).to.deep.include({ decisionNumber: 'FOSA-2026-0457-EB', decisionDate: '2026-10-05' });
    expect(recordClaimsOf(legacy).decision?.referenceOccupation).to.include({ kldb: '26212', isco08: '7412' });
  });
});
