import { expect } from 'chai';
import { diplomaExample, languageLevelExample } from '../../src/issue/profiles/examples.js';
import { createDocumentLoader } from '../../src/resolve/document-loader.js';
import { signDataIntegrity } from '../../src/sign/data-integrity-signer.js';
import { meetsLanguageLevel } from '../../src/verify/language-level-query.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

describe('profile schemas: published, enforced at issue, checked at verify', () => {
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });
  const schemaOf = (report: Json) => report.checks.find((check: Json) => check.check === 'schema');

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  /** An unsigned diploma credential as the profile builds it, taken from an issued one. */
  async function unsignedDiploma(): Promise<Json> {
    const response = await app.post(`/issuers/${issuer.slug}/credentials`, diplomaExample, auth());
    expect(response.status, response.text).to.equal(201);
    const { proof: _proof, credentialStatus: _status, id: _id, ...credential } = response.body.verifiableCredential;
    return credential;
  }

  it('GET /profiles lists the five profiles with their schema ids and URLs, which serve the schemas', async () => {
    const profiles = (await app.get('/profiles')).body as Json[];
    expect(profiles.map((profile) => profile.name)).to.deep.equal(['diploma', 'language-level', 'training-module', 'validated-skills', 'recognition-decision']);
    for (const profile of profiles) {
      const schema = await app.get(new URL(profile.credentialSchemaUrl).pathname);
      expect(schema.status).to.equal(200);
      expect(schema.headers.get('content-type')).to.match(/^application\/schema\+json/);
      expect(schema.body.$id).to.equal(profile.credentialSchemaId);
      const request = await app.get(new URL(profile.requestSchemaUrl).pathname);
      expect(request.body.properties.profile.const).to.equal(profile.name);
    }
    expect((await app.get('/schemas/profile-common.json')).body.$defs.holder).to.be.an('object');
    expect((await app.get('/schemas/issuer-create.json')).status).to.equal(404);
    expect((await app.get('/schemas/..%2Fpackage.json')).status).to.equal(404);
  });

  it('GET /contexts/v1 serves the context that defines our terms', async () => {
    const response = await app.get('/contexts/v1');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/ld\+json/);
    for (const term of ['frameworkId', 'languageSkill', 'primaryLanguage', 'validationExtent', 'workExperience', 'learningOutcome']) {
      expect(response.body['@context'][term], term).to.be.an('object');
    }
  });

  it('POST /credentials/issue accepts a full credential that matches the profile it claims', async () => {
    const response = await app.post('/credentials/issue', { credential: await unsignedDiploma(), options: { format: 'jwt' } }, auth());
    expect(response.status, response.text).to.equal(201);
  });

  it('POST /credentials/issue refuses a credential that claims a profile it does not match, naming each field', async () => {
    const credential = await unsignedDiploma();
    delete credential.credentialSubject.achievement.alignment;
    credential.credentialSubject.identifier[0].identityHash = 'BK123456';
    const response = await app.post('/credentials/issue', { credential }, auth());
    expect(response.status, response.text).to.equal(400);
    expect(response.body.type).to.match(/invalid-credential$/);
    const pointers = (response.body.errors as Json[]).map((error) => error.pointer);
    expect(pointers).to.include.members(['/credential/credentialSubject/achievement/alignment', '/credential/credentialSubject/identifier/0/identityHash']);
    expect(response.body.detail).to.include('https://w3id.org/passerelle/schemas/diploma.json');
  });

  it('verify: a signed credential that breaks its profile schema is authentic but fails the schema check', async () => {
    const credential: Json = { ...(await unsignedDiploma()), id: `${app.baseUrl}/credentials/handmade-1` };
    delete credential.credentialSubject.achievement.alignment;
    const record = await app.services.store.issuers.findBySlug(issuer.slug);
    const key = await app.services.keyring.activeKey(record!);
    const signed = await signDataIntegrity(credential, { key, documentLoader: createDocumentLoader({ contexts: app.services.contexts }), now: new Date() });
    const report = (await app.post('/credentials/verify', { verifiableCredential: signed })).body;
    expect(report.checks.find((check: Json) => check.check === 'signature').status).to.equal('success');
    expect(schemaOf(report).status).to.equal('failure');
    expect(schemaOf(report).problems[0].type).to.match(/schema-mismatch$/);
    expect(schemaOf(report).problems[0].instance).to.equal('/verifiableCredential/credentialSubject/achievement/alignment');
    expect(report.verified).to.equal(false);
    expect(report.verdict).to.equal('malformed');
  });

  it('verify: a credential naming no schema, or a schema that is not ours, skips the schema check as not applicable, without fetching', async () => {
    const plain = (await app.post('/credentials/issue', { credential: minimalCredential() }, auth())).body.verifiableCredential;
    const plainReport = (await app.post('/credentials/verify', { verifiableCredential: plain })).body;
    expect(schemaOf(plainReport)).to.deep.include({ status: 'skipped', cause: 'not-applicable' });
    expect(plainReport.verified).to.equal(true);

    const foreignSchema = `${app.baseUrl}/never-fetched/schema.json`;
    const foreign = (
      await app.post('/credentials/issue', { credential: minimalCredential({ credentialSchema: { id: foreignSchema, type: 'JsonSchema' } }) }, auth())
    ).body.verifiableCredential;
    const report = (await app.post('/credentials/verify', { verifiableCredential: foreign })).body;
    expect(schemaOf(report)).to.deep.include({ status: 'skipped', cause: 'not-applicable' });
    expect(schemaOf(report).reason).to.include(foreignSchema);
    expect(report.verified).to.equal(true);
  });

  it('answers "at least B1 in German?" from an issued and verified Goethe-Zertifikat B1', async () => {
    const response = await app.post(`/issuers/${issuer.slug}/credentials`, { ...languageLevelExample, format: 'di' }, auth());
    const vc = response.body.verifiableCredential;
    expect((await app.post('/credentials/verify', { verifiableCredential: vc })).body.verified).to.equal(true);
    expect(meetsLanguageLevel(vc, { language: 'de', minimum: 'B1' })).to.deep.include({ answer: 'yes', achieved: 'B1' });
    expect(meetsLanguageLevel(vc, { language: 'de', minimum: 'B2' })).to.deep.include({ answer: 'no', achieved: 'B1' });
    expect(meetsLanguageLevel(vc, { language: 'de', minimum: 'A2', skill: 'speaking' })).to.deep.include({ answer: 'yes', achieved: 'B1' });
    expect(meetsLanguageLevel(vc, { language: 'fr', minimum: 'A1' }).answer).to.equal('unknown');
  });
});

describe('OpenAPI for the profiles', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('documents POST /issuers/{slug}/credentials with one example per profile, and every $ref in the document resolves', async () => {
    const document = (await app.get('/openapi.json')).body as Json;
    const content = document.paths['/issuers/{slug}/credentials'].post.requestBody.content['application/json'];
    expect(Object.keys(content.examples)).to.deep.equal(['diploma', 'language-level', 'training-module', 'validated-skills', 'recognition-decision']);
    expect(content.examples.diploma.value.level).to.deep.include({ framework: 'ma-cnc', level: '5' });
    expect(content.examples.diploma.value).to.not.have.property('eqfLevel');
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).to.be.greaterThan(50);
    for (const ref of new Set(refs.map((match) => match.slice(8, -1)))) {
      expect(ref, ref).to.match(/^#\//);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')], document);
      expect(target, `${ref} does not resolve`).to.not.equal(undefined);
    }
  });
});
