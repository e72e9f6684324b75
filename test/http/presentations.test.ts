import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { holderWallet } from '../helpers/holder-wallet.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

describe('POST /presentations/verify (#12, for recognition bodies)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let issuer: { apiKey: string; slug: string };
  let wallet: Awaited<ReturnType<typeof holderWallet>>;
  const credentials: Json[] = [];
  const verify = (verifiablePresentation: unknown, options: Json = { challenge: 'c-8d41', domain: 'ihk-fosa.example' }) =>
    app.post('/presentations/verify', { verifiablePresentation, options });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
    wallet = await holderWallet();
    const auth = { authorization: `Bearer ${issuer.apiKey}` };
    for (const format of ['di', 'jwt']) {
      const body = { ...structuredClone(PROFILE_EXAMPLES['training-module']), format, holder: { name: 'Youssef Benali', did: wallet.did } };
      const response = await app.post(`/issuers/${issuer.slug}/credentials`, body, auth);
      expect(response.status, response.text).to.equal(201);
      credentials.push(response.body.verifiableCredential);
    }
  });
  after(() => app.close());

  it('verifies the holder proof with the right challenge and domain, and each credential (DI and enveloped JWT) bound to the holder', async () => {
    const response = await verify(await wallet.present(credentials, { challenge: 'c-8d41', domain: 'ihk-fosa.example' }));
    expect(response.status, response.text).to.equal(200);
    expect(response.body.verified).to.equal(true);
    expect(response.body.presentation.holder).to.equal(wallet.did);
    expect(response.body.presentation.checks.map((outcome: Json) => [outcome.check, outcome.status])).to.deep.equal([
      ['data-model', 'success'],
      ['holder-key', 'success'],
      ['holder-proof', 'success'],
      ['holder', 'success'],
    ]);
    expect(response.body.credentials.map((report: Json) => [report.format, report.verdict, report.holderBinding.bound])).to.deep.equal([
      ['di', 'valid', true],
      ['jwt', 'valid', true],
    ]);
  });

  it('refuses a wrong challenge or domain (not genuine), and a missing proof when a challenge was asked', async () => {
    for (const proof of [{ challenge: 'another' }, { challenge: 'c-8d41', domain: 'elsewhere.example' }]) {
      const response = await verify(await wallet.present(credentials, proof));
      expect(response.status).to.equal(422);
      expect(response.body.verdict).to.equal('not-genuine');
      const holderProof = response.body.presentation.checks.find((outcome: Json) => outcome.check === 'holder-proof');
      expect(holderProof.status).to.equal('failure');
      expect(holderProof.problems[0].detail).to.match(/challenge|domain/);
    }
    const unsigned = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: credentials };
    const response = await verify(unsigned);
    expect(response.status).to.equal(422);
    expect(response.body.presentation.checks[1].problems[0].detail).to.match(/challenge was asked/);
  });

  it('accepts a presentation that names no holder (optional in VC 2.0): the signer presents', async () => {
    const withoutHolder = await wallet.presentAs(
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: credentials },
      { challenge: 'c-8d41', domain: 'ihk-fosa.example' },
    );
    const response = await verify(withoutHolder);
    expect(response.status, response.text).to.equal(200);
    expect(response.body.presentation.checks[3]).to.deep.include({ check: 'holder', status: 'skipped', cause: 'not-applicable' });
    expect(response.body.presentation.holder).to.equal(wallet.did);
    expect(response.body.credentials.every((report: Json) => report.holderBinding.bound)).to.equal(true);
  });

  it('says when the holder is not the subject of a credential', async () => {
    const stranger = await holderWallet();
    const response = await verify(await stranger.present(credentials, { challenge: 'c-8d41', domain: 'ihk-fosa.example' }));
    expect(response.status).to.equal(200);
    for (const report of response.body.credentials) {
      expect(report.verdict).to.equal('valid');
      expect(report.holderBinding.bound).to.equal(false);
      expect(report.holderBinding.message).to.include(`holder ${stranger.did} is not the subject`);
    }
  });

  it('fails a presentation whose holder is not the key that signed it, and reports a tampered credential inside it', async () => {
    const other = await holderWallet();
    const claimed = await wallet.present(credentials, { challenge: 'c-8d41', domain: 'ihk-fosa.example' }, other.did);
    expect((await verify(claimed)).body.presentation.checks[3]).to.deep.include({ check: 'holder', status: 'failure' });

    const tampered = structuredClone(credentials[0]) as Json;
    tampered.credentialSubject.achievement.name = 'Elektroniker für Betriebstechnik (Meister)';
    // The holder signs the tampered copy: the presentation proof is fine, the credential is not.
    const response = await verify(await wallet.present([tampered, credentials[1]], { challenge: 'c-8d41', domain: 'ihk-fosa.example' }));
    expect(response.status).to.equal(422);
    expect(response.body.presentation.checks.every((outcome: Json) => outcome.status === 'success')).to.equal(true);
    expect(response.body.credentials[0].verdict).to.equal('not-genuine');
    expect(response.body.credentials[1].verdict).to.equal('valid');
  });
});
