import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect } from 'chai';
import { Ajv } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import * as jose from 'jose';
import * as Ed25519Multikey from '@digitalcredentials/ed25519-multikey';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { claimsOf, recordClaimsOf } from '../../src/ob3/claims.js';
import { minimalCredential, readFixtureJson } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #12, item 4: every credential we issue verifies, offline, in verifiers that share no
 * code or context with us — @digitalcredentials/verifier-core (VerifierPlus, Learner Credential
 * Wallet) with only the contexts it bundles, and @digitalbazaar/vc with only the standard
 * context packages — and keeps its claims. The verifiers run in a worker thread of their own
 * (standard-verifier-worker.mjs: no context cache shared with the app); any attempt they make
 * to reach the network fails the test.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
const addFormats = addFormatsModule as unknown as <T>(ajv: T) => T;
const PROFILES = Object.keys(PROFILE_EXAMPLES);
const FORMATS = ['di', 'jwt'] as const;
/** verifier-core's id for its schema check in `additionalInformation`. */
const SCHEMA_CHECK = 'schema_check';

/** The official 1EdTech OB 3.0 AchievementCredential schema (draft 2019-09). */
const ob3Schema = addFormats(new Ajv2019({ allErrors: true, strict: false })).compile(readFixtureJson('ob3-schema/achievementcredential.json'));

function credentialOf(verifiableCredential: Json): Json {
  if (verifiableCredential.type !== 'EnvelopedVerifiableCredential') return verifiableCredential;
  return jose.decodeJwt((verifiableCredential.id as string).slice('data:application/vc+jwt,'.length)) as Json;
}

/** Requests to the verifier worker, one at a time; each answer says which URLs the verifier was refused. */
function startVerifierWorker(): { ask(message: Json): Promise<Json>; close(): Promise<number> } {
  const worker = new Worker(fileURLToPath(new URL('./standard-verifier-worker.mjs', import.meta.url)));
  let next = 0;
  const waiting = new Map<number, (answer: Json) => void>();
  worker.on('message', (answer: Json) => waiting.get(answer.id)?.(answer));
  return {
    ask(message) {
      const id = (next += 1);
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ ...message, id });
      });
    },
    close: () => worker.terminate(),
  };
}

describe('interoperability: standard verifiers, offline (issue #12 item 4)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  let didDocument: Json;
  let verifier: ReturnType<typeof startVerifierWorker>;
  const issued = new Map<string, Json>();

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ legalName: 'Institut Spécialisé de Technologie Appliquée', names: { fr: 'ISTA Casablanca' } });
    didDocument = (await app.get(`/issuers/${issuer.slug}/did.json`)).body;
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    for (const format of FORMATS) {
      const generic = await app.post(
        '/credentials/issue',
        { credential: minimalCredential(), ...(format === 'jwt' ? { options: { format: 'jwt' } } : {}) },
        auth,
      );
      expect(generic.status, generic.text).to.equal(201);
      issued.set(`generic/${format}`, generic.body.verifiableCredential);
      for (const profile of PROFILES) {
        const response = await app.post(`/issuers/${issuer.slug}/credentials`, { ...PROFILE_EXAMPLES[profile], format }, auth);
        expect(response.status, `${profile}/${format}: ${response.text}`).to.equal(201);
        issued.set(`${profile}/${format}`, response.body.verifiableCredential);
      }
    }
    verifier = startVerifierWorker();
    await verifier.ask({
      kind: 'setup',
      service: { origin: app.baseUrl, issuerDid: issuer.did, didDocumentPath: `/issuers/${issuer.slug}/did.json`, didDocument },
    });
  });
  after(async () => {
    await verifier?.close();
    await app.close();
  });

  /** Asks the worker; a refused network attempt fails the test whatever the verifier concluded. */
  async function ask(message: Json): Promise<Json> {
    const answer = await verifier.ask(message);
    expect(answer.refused, 'the verifier tried to reach the network').to.deep.equal([]);
    expect(answer.error, JSON.stringify(answer.error)).to.equal(undefined);
    return answer.result as Json;
  }

  /** A VC-JOSE credential: its JWS checked with jose against the JWK of the method the DID document names in `kid`. */
  async function verifyJose(enveloped: Json): Promise<Json> {
    const jwt = (enveloped.id as string).slice('data:application/vc+jwt,'.length);
    const { kid } = jose.decodeProtectedHeader(jwt);
    const method = didDocument.verificationMethod.find((entry: Json) => entry.id === kid || `${issuer.did}${entry.id}` === kid);
    expect(method, `kid ${kid} in the DID document`).to.not.equal(undefined);
    expect(didDocument.assertionMethod).to.include(method.id);
    const { payload } = await jose.jwtVerify(jwt, await jose.importJWK(await publicJwkOfMethod(method), jose.decodeProtectedHeader(jwt).alg));
    return payload as Json;
  }

  for (const key of ['generic', ...PROFILES]) {
    describe(key, () => {
      it('DI: verifier-core verifies it with its bundled contexts only, and the claims survive', async () => {
        const credential = issued.get(`${key}/di`) as Json;
        const result = await ask({ kind: 'verifier-core', credential });
        expect(result.errors, JSON.stringify(result.errors?.map((error: Json) => [error.name, error.message]))).to.equal(undefined);
        const log = Object.fromEntries((result.log as Json[]).map((entry) => [entry.id, entry.valid]));
        expect(log.valid_signature, JSON.stringify(result.log)).to.equal(true);
        expect(log.expiration).to.equal(true);
        expect(log.revocation_status).to.equal(true);
        expectClaimsSurvive(key, result.credential as Json);
        if (key !== 'generic') {
          // verifier-core also validates against every credentialSchema (its Ajv 2019-09, the schema loaded from its id).
          const schemaCheck = (result.additionalInformation as Json[]).find((entry) => entry.id === SCHEMA_CHECK) as Json;
          expect(schemaCheck.results, JSON.stringify(schemaCheck)).to.be.an('array').with.length(1);
          expect(schemaCheck.results[0].result, JSON.stringify(schemaCheck.results[0])).to.deep.equal({ valid: true });
        }
      });

      it('DI: @digitalbazaar/vc verifies it with the standard context packages only (status checked)', async () => {
        const credential = issued.get(`${key}/di`) as Json;
        const result = await ask({ kind: 'digitalbazaar-vc', credential });
        expect(result.verified, JSON.stringify(result.error)).to.equal(true);
      });

      it('JWT: the JWS verifies with the DID key (jose) and the payload expands, in safe mode, with the standard contexts only', async () => {
        const payload = await verifyJose(issued.get(`${key}/jwt`) as Json);
        await ask({ kind: 'expand-safe', document: payload });
        expectClaimsSurvive(key, payload);
      });

      if (key === 'language-level') {
        it('DI: a tampered copy (B1 reading → C2) is refused by verifier-core and @digitalbazaar/vc alike', async () => {
          const tampered = structuredClone(issued.get(`${key}/di`)) as Json;
          const reading = (tampered.credentialSubject.result as Json[]).find((result) => String(result.achievedLevel).endsWith('cefr-reading-B1')) as Json;
          reading.achievedLevel = String(reading.achievedLevel).replace(/B1$/, 'C2');
          const core = await ask({ kind: 'verifier-core', credential: tampered });
          expect(core.errors?.map((error: Json) => error.name)).to.deep.equal(['invalid_signature']);
          expect((await ask({ kind: 'digitalbazaar-vc', credential: tampered })).verified).to.equal(false);
        });
      }

      if (key !== 'generic') {
        it('the DI form passes the 1EdTech OB 3.0 schema; both forms pass the profile schema under Ajv 2019-09 and draft-07', async () => {
          const di = issued.get(`${key}/di`) as Json;
          expect(ob3Schema(di), JSON.stringify(ob3Schema.errors)).to.equal(true);
          // Every schema the credential names, as the service publishes it (what a verifier would load).
          const schemas = await Promise.all(
            (di.credentialSchema as Json[]).map(async (entry) => (await app.get(`/schemas/${String(entry.id).split('/').pop()}`)).body as Json),
          );
          expect(schemas.map((schema) => schema.$id)).to.deep.equal((di.credentialSchema as Json[]).map((entry) => entry.id));
          for (const schema of schemas) {
            for (const [name, ajv] of [
              ['2019-09', addFormats(new Ajv2019({ allErrors: true, strict: false }))],
              ['draft-07', addFormats(new Ajv({ allErrors: true, strict: false }))],
            ] as const) {
              const validate = ajv.compile(schema);
              for (const form of [di, credentialOf(issued.get(`${key}/jwt`) as Json)]) {
                expect(validate(form), `${name}: ${JSON.stringify(validate.errors)}`).to.equal(true);
              }
            }
          }
        });
      }
    });
  }
});

/** The public JWK of a DID document's verification method (Multikey or JsonWebKey), with the libraries that define them. */
async function publicJwkOfMethod(method: Json): Promise<jose.JWK> {
  if (method.publicKeyJwk !== undefined) return method.publicKeyJwk as jose.JWK;
  const keyPair = await Ed25519Multikey.from({ ...method, '@context': 'https://w3id.org/security/multikey/v1' });
  return (await Ed25519Multikey.toJwk({ keyPair })) as jose.JWK;
}

/** What each profile's example states, read back from what a standard verifier returned, through our one claim reader. */
function expectClaimsSurvive(key: string, credential: Json): void {
  const claims = claimsOf(credential);
  const record = recordClaimsOf(credential);
  switch (key) {
    case 'generic':
      expect(credential.credentialSubject).to.have.property('id');
      return;
    case 'diploma':
      expect(claims.levels).to.deep.include.members([
        {
          framework: 'ma-cnc',
          level: '5',
          name: claims.levels.find((level) => level.framework === 'ma-cnc')?.name,
          url: 'https://w3id.org/passerelle/frameworks/ma-cnc/levels/5',
        },
      ]);
      expect(claims.fieldsOfStudy).to.deep.equal(['0714']);
      expect(record.training).to.deep.include({ hours: 2600 });
      return;
    case 'language-level':
      expect(claims.languages).to.have.length(1);
      expect(claims.languages[0]).to.deep.include({ language: 'de', overall: 'B1', skills: { listening: 'B1', reading: 'B1', writing: 'B1', speaking: 'B1' } });
      return;
    case 'training-module':
      expect(claims.levels.map(({ framework, level, role }) => ({ framework, level, role }))).to.deep.include({
        framework: 'de-dqr',
        level: '4',
        role: 'target-qualification',
      });
      expect(record.training).to.deep.include({ hours: 120 });
      return;
    case 'validated-skills':
      expect(record.validatedUnits.map((unit) => unit.code)).to.have.length(2);
      expect(record.validationExtent).to.equal('partial');
      expect(record.workExperience.length).to.be.greaterThan(0);
      expect(record.workExperience[0]?.country).to.equal('ES');
      return;
    case 'recognition-decision':
      expect(claims.decisions).to.deep.equal([{ decisionType: 'partial-equivalence', measureTypes: ['adaptation-period'], adaptationMonths: 6 }]);
      expect(record.decision?.referenceOccupation).to.deep.include({ kldb: '26212', isco08: '7412' });
      return;
    default:
      throw new Error(`no expectation for ${key}`);
  }
}
