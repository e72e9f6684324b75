import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { newDidKeySigner } from '../helpers/did-key-signer.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #9: a Data Integrity signature covers the RDF graph; checks read the JSON. Each
 * attack below rewrites a genuine credential so that the signed graph is unchanged (or is
 * re-signed by an attacker's key) while the JSON the checks read says something else.
 * Every one must end in a verdict other than "valid", and none may change what is shown.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests rewrite arbitrary JSON
const PROFILES = Object.keys(PROFILE_EXAMPLES);
const VC_NS = 'https://www.w3.org/2018/credentials#';

describe('verification integrity: what is checked is what was signed (#9)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });
  const verify = (verifiableCredential: unknown) => app.post('/credentials/verify', { verifiableCredential });
  const issued: Record<string, Json> = {};

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ legalName: 'Goethe-Institut Marokko', names: { de: 'Goethe-Institut Marokko' } });
    for (const profile of PROFILES) {
      const response = await app.post(`/issuers/${issuer.slug}/credentials`, { ...structuredClone(PROFILE_EXAMPLES[profile]), format: 'di' }, auth());
      expect(response.status, response.text).to.equal(201);
      issued[profile] = response.body.verifiableCredential;
      const report = await verify(issued[profile]);
      expect(report.body.verdict, `${profile} verifies before any attack`).to.equal('valid');
    }
  });
  after(() => app.close());

  const copy = (profile: string): Json => structuredClone(issued[profile]) as Json;

  /** Rewrites that keep the signed graph (or try to) while changing what the JSON says. */
  const rewrites: Array<[string, (credential: Json) => void]> = [
    [
      'credentialStatus written as its full IRI',
      (credential) => {
        credential[`${VC_NS}credentialStatus`] = credential.credentialStatus;
        delete credential.credentialStatus;
      },
    ],
    [
      'credentialStatus moved under an inline @nest alias',
      (credential) => {
        credential['@context'] = [...credential['@context'], { hidden: '@nest' }];
        credential.hidden = { credentialStatus: credential.credentialStatus };
        delete credential.credentialStatus;
      },
    ],
    [
      'credentialStatus moved under the @nest keyword itself',
      (credential) => {
        credential['@nest'] = { credentialStatus: credential.credentialStatus };
        delete credential.credentialStatus;
      },
    ],
    [
      'validUntil written under its IRI as a typed value object',
      (credential) => {
        credential[`${VC_NS}validUntil`] = { '@value': '2020-01-01T00:00:00Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
      },
    ],
    [
      'validFrom as a typed value object',
      (credential) => {
        credential.validFrom = { '@value': credential.validFrom, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
      },
    ],
    [
      'an alignment typed by IRI (escapes the protected type-scoped context)',
      (credential) => {
        const alignment = credential.credentialSubject.achievement.alignment?.[0] ?? {};
        alignment.type = ['https://purl.imsglobal.org/spec/vc/ob/vocab.html#Alignment'];
        credential.credentialSubject.achievement.alignment = [alignment];
      },
    ],
    [
      'targetCode aliased to @index by an embedded context',
      (credential) => {
        const achievement = credential.credentialSubject.achievement;
        achievement['@context'] = { targetCode: '@index' };
        for (const alignment of achievement.alignment ?? []) alignment.targetCode = 'C1';
      },
    ],
    [
      'an @index key',
      (credential) => {
        credential.credentialSubject['@index'] = 'C1';
      },
    ],
    [
      'an inline @vocab context',
      (credential) => {
        credential['@context'] = [...credential['@context'], { '@vocab': 'https://attacker.example/#' }];
        credential.level = 'C2';
      },
    ],
    [
      'an inline context redefining a term',
      (credential) => {
        credential['@context'] = [...credential['@context'], { nickname: 'https://schema.org/name' }];
      },
    ],
    [
      'a compact IRI key',
      (credential) => {
        credential['cred:credentialStatus'] = credential.credentialStatus;
        delete credential.credentialStatus;
      },
    ],
    [
      'the status entry split across two objects with one id',
      (credential) => {
        const entry = credential.credentialStatus;
        const { statusListIndex, ...rest } = entry;
        credential.credentialStatus = [rest, { id: entry.id, statusListIndex }];
      },
    ],
    [
      'a type repeated in a set (same graph, counted twice)',
      (credential) => {
        credential.type = [...credential.type, credential.type[credential.type.length - 1]];
      },
    ],
    [
      'the status entry repeated in a set with its keys in another order (canonically the same value)',
      (credential) => {
        const entry = credential.credentialStatus;
        credential.credentialStatus = [entry, Object.fromEntries(Object.entries(entry).reverse())];
      },
    ],
    [
      'a null that JSON-LD would drop',
      (credential) => {
        credential.credentialSubject.achievement.alignment = null;
      },
    ],
  ];

  for (const profile of PROFILES) {
    describe(`${profile} (Data Integrity)`, () => {
      for (const [what, rewrite] of rewrites) {
        it(`refuses ${what}: verdict malformed, never valid`, async () => {
          const credential = copy(profile);
          rewrite(credential);
          const response = await verify(credential);
          expect(response.body.verdict, JSON.stringify(response.body.checks?.[0])).to.equal('malformed');
          expect(response.body.verified).to.equal(false);
          const dataModel = response.body.checks.find((outcome: Json) => outcome.check === 'data-model');
          expect(dataModel.status).to.equal('failure');
          expect(dataModel.problems[0].instance).to.match(/^\/verifiableCredential/);
        });
      }
    });
  }

  it('a revoked credential stays revoked whatever the spelling of its status', async () => {
    const credential = copy('diploma');
    const revoke = await app.post(
      '/credentials/status',
      { credentialId: credential.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
      auth(),
    );
    expect(revoke.status, revoke.text).to.equal(200);
    expect((await verify(credential)).body.verdict).to.equal('revoked');
    for (const [what, rewrite] of rewrites.slice(0, 3)) {
      const rewritten = structuredClone(credential);
      rewrite(rewritten);
      expect((await verify(rewritten)).body.verified, what).to.equal(false);
    }
  });

  it('refuses the same shapes at issue, in both formats (400 naming the field)', async () => {
    const shapes: Array<[Json, string]> = [
      [{ [`${VC_NS}validUntil`]: '2030-01-01T00:00:00Z' }, `/credential/${VC_NS.replace(/\//g, '~1')}validUntil`],
      [{ '@context': ['https://www.w3.org/ns/credentials/v2', { '@vocab': 'https://attacker.example/#' }] }, '/credential/@context/1'],
      [{ credentialSubject: { id: 'did:example:worker', '@index': 'x' } }, '/credential/credentialSubject/@index'],
      [{ validFrom: { '@value': '2020-01-01T00:00:00Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' } }, '/credential/validFrom'],
      [{ type: ['VerifiableCredential', 'https://attacker.example/#Diploma'] }, '/credential/type/1'],
    ];
    for (const format of ['di', 'jwt']) {
      for (const [change, pointer] of shapes) {
        const credential = {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          name: 'Module',
          credentialSubject: { id: 'did:example:worker', name: 'Amina' },
          ...change,
        };
        const response = await app.post('/credentials/issue', { credential, options: { format } }, auth());
        expect(response.status, `${format} ${JSON.stringify(change)}`).to.equal(400);
        expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
        expect(response.body.instance).to.equal(pointer);
      }
    }
  });

  describe('proof sets: every proof is verified, each with the key it names', () => {
    async function forge(order: 'bogus-first' | 'attacker-first'): Promise<Json> {
      // The attacker edits a hosted issuer's credential (CEFR B1 → C1) and signs it with their own did:key.
      const credential = copy('language-level');
      delete credential.proof;
      for (const alignment of credential.credentialSubject.achievement.alignment ?? []) {
        if (alignment.targetCode === 'B1') alignment.targetCode = 'C1';
      }
      const signer = await newDidKeySigner();
      const signed = await signer.sign(credential);
      const attackerProof = signed.proof as Json;
      const issuerProof = ([] as Json[]).concat(issued['language-level']?.proof)[0] as Json;
      const bogus = { ...issuerProof, proofValue: attackerProof.proofValue };
      return { ...credential, proof: order === 'bogus-first' ? [bogus, attackerProof] : [attackerProof, bogus] };
    }

    for (const order of ['bogus-first', 'attacker-first'] as const) {
      it(`a bogus proof naming the issuer's key beside a valid proof by another key is not genuine (${order})`, async () => {
        const response = await verify(await forge(order));
        expect(response.body.verified).to.equal(false);
        expect(response.body.verdict).to.equal('not-genuine');
        const keyCheck = response.body.checks.find((outcome: Json) => outcome.check === 'issuer-key');
        expect(keyCheck.message)
          .to.match(/2 proofs/)
          .and.to.include(issuer.did)
          .and.to.include('did:key:');
        const signature = response.body.checks.find((outcome: Json) => outcome.check === 'signature');
        expect(signature.status).to.equal('failure');
        expect(signature.problems[0].detail).to.match(/Proof [12] of 2 \(key did:web:[^)]+\) does not match/);
        // The requirement a forged C1 would have met stays unmet.
        const check = await app.post('/requirements/check', { credentials: [await forge(order)], presets: ['de-nursing-language-b2'] });
        expect(check.status, check.text).to.equal(200);
        expect(check.body.outcome).to.equal('not-met');
      });
    }

    it('a valid proof by another key alone is signed by that key, not the issuer: issuer check fails', async () => {
      const forged = await forge('attacker-first');
      forged.proof = forged.proof[0];
      const response = await verify(forged);
      expect(response.body.verdict).to.equal('not-genuine');
      const issuerCheck = response.body.checks.find((outcome: Json) => outcome.check === 'issuer');
      expect(issuerCheck.status).to.equal('failure');
    });

    it('two valid proofs (issuer and co-signer) verify, and the report names both keys', async () => {
      const credential = copy('training-module');
      const signer = await newDidKeySigner();
      const { proof: issuerProof, ...unsigned } = credential;
      const cosigned = await signer.sign(unsigned);
      const response = await verify({ ...unsigned, proof: [...([] as Json[]).concat(issuerProof), cosigned.proof] });
      expect(response.body.verdict, JSON.stringify(response.body.checks)).to.equal('valid');
      const signature = response.body.checks.find((outcome: Json) => outcome.check === 'signature');
      expect(signature.message).to.include('All 2').and.to.include(signer.did);
      const issuerCheck = response.body.checks.find((outcome: Json) => outcome.check === 'issuer');
      expect(issuerCheck.message).to.include(`also signed by ${signer.did}`);
    });
  });

  it('the page shows no claims and not the registered issuer name when only the issuer check fails', async () => {
    const credential = copy('language-level');
    delete credential.proof;
    const signer = await newDidKeySigner();
    const signed = await signer.sign(credential);
    const report = await verify(signed);
    expect(report.body.checks.find((outcome: Json) => outcome.check === 'signature').status).to.equal('success');
    expect(report.body.verdict).to.equal('not-genuine');
    const page = await fetch(`${app.baseUrl}/v?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ credential: JSON.stringify(signed) }).toString(),
    });
    const html = await page.text();
    expect(html).to.not.include('Goethe-Institut Marokko');
    expect(html).to.not.include('Fatima Zahra Alaoui');
    expect(html).to.not.include('Goethe-Zertifikat B1');
  });
});
