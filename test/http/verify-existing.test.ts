import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import {
  didJwkEd25519Signer,
  ecdsaRdfc2019Signer,
  ed25519Signature2020Signer,
  signVcJwtES256,
  unsignedJwt,
  type ForeignSigner,
} from '../helpers/foreign-signers.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #11, "verify what already exists": credentials made by other stacks, signed in
 * the test with the Digital Bazaar / DCC libraries, verified over HTTP by the real app.
 */

type Outcome = { check: string; status: string; message?: string; cause?: string; reason?: string; problems?: Array<{ type: string; detail?: string }> };
type Report = { verified: boolean; verdict: string; checks: Outcome[] };

const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const OB_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** An Open Badge as the DCC stack issues it: VC 1.1 context, OB 3.0 terms, the Ed25519Signature2020 suite context. */
function dccStyleBadge(issuer: string, dates: Record<string, string> = {}): Record<string, unknown> {
  return {
    '@context': [VC_V1, OB_V3, ED25519_2020],
    id: 'urn:uuid:4f7d1a8e-2b4b-4c8e-9d55-1e0b7a3c2f10',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example University' },
    issuanceDate: '2024-06-01T00:00:00Z',
    ...dates,
    name: 'Introduction to Welding',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:uuid:0a3c4b8e-8b3e-4f0e-b8d2-2c6f1f0c9a77',
        type: ['Achievement'],
        name: 'Introduction to Welding',
        description: 'Completed 40 hours of supervised welding practice.',
        criteria: { narrative: 'Pass the practical examination.' },
      },
    },
  };
}

const outcome = (report: Report, check: string) => report.checks.find((candidate) => candidate.check === check) as Outcome;

describe('verifying credentials other stacks issue (#11)', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  async function verify(verifiableCredential: unknown): Promise<Report> {
    const response = await app.post('/credentials/verify', { verifiableCredential });
    // 200 only when verified; otherwise a 422 problem+json carrying the same report, never a 500.
    expect(response.status, response.text).to.equal(response.body.verified === true ? 200 : 422);
    return response.body;
  }

  describe('VC 1.1 with an Ed25519Signature2020 proof (DCC / Learner Credential Wallet issuers)', () => {
    let signer: ForeignSigner;
    let badge: Record<string, unknown>;

    before(async () => {
      signer = await ed25519Signature2020Signer();
      badge = await signer.sign(dccStyleBadge(signer.did));
    });

    it('verifies, names the suite, and bounds the period by issuanceDate', async () => {
      expect((badge.proof as { type: string }).type).to.equal('Ed25519Signature2020');
      const report = await verify(badge);
      expect(report.verified, JSON.stringify(report, null, 1)).to.equal(true);
      // Authentic; no authority this service trusts vouches for a stranger's did:key.
      expect(report.verdict).to.equal('unrecognized-issuer');
      expect(outcome(report, 'data-model').message).to.include('VC Data Model 1.1');
      expect(outcome(report, 'signature').message).to.include('Ed25519Signature2020').and.include(signer.verificationMethodId);
      expect(outcome(report, 'issuer').status).to.equal('success');
      expect(outcome(report, 'validity-period').message).to.equal('Valid from 2024-06-01T00:00:00Z (issuanceDate) with no end date.');
    });

    it('is not genuine when a subject value is changed after signing', async () => {
      const tampered = structuredClone(badge) as { credentialSubject: { achievement: { name: string } } };
      tampered.credentialSubject.achievement.name = 'Advanced Welding';
      const report = await verify(tampered);
      expect(report.verdict).to.equal('not-genuine');
      expect(outcome(report, 'signature').status).to.equal('failure');
      expect(outcome(report, 'signature').problems?.[0]?.type).to.match(/invalid-signature$/);
      expect(outcome(report, 'signature').problems?.[0]?.detail).to.include('Ed25519Signature2020');
    });

    it('is expired past its expirationDate, and still authentic', async () => {
      const expired = await signer.sign(dccStyleBadge(signer.did, { issuanceDate: '2020-01-01T00:00:00Z', expirationDate: '2021-01-01T00:00:00Z' }), {
        now: new Date('2020-06-01T00:00:00Z'),
      });
      const report = await verify(expired);
      expect(report.verdict).to.equal('expired');
      expect(outcome(report, 'signature').status).to.equal('success');
      expect(outcome(report, 'validity-period').problems?.[0]?.detail).to.include('2021-01-01T00:00:00Z (expirationDate)');
    });

    it('is not yet valid before its issuanceDate', async () => {
      const future = await signer.sign(dccStyleBadge(signer.did, { issuanceDate: '2999-01-01T00:00:00Z' }), { now: new Date('2999-01-02T00:00:00Z') });
      const report = await verify(future);
      expect(report.verdict).to.equal('not-yet-valid');
      expect(outcome(report, 'validity-period').problems?.[0]?.detail).to.include('(issuanceDate)');
    });

    it('is malformed without issuanceDate, naming it (VC 1.1 requires it)', async () => {
      const { issuanceDate: _dropped, ...withoutDate } = badge;
      const report = await verify(withoutDate);
      expect(report.verdict).to.equal('malformed');
      expect(outcome(report, 'data-model').problems?.[0]?.detail).to.include('/verifiableCredential/issuanceDate');
    });

    it('also honours validUntil when a VC 1.1 credential states it (the 1.1 context defines it)', async () => {
      const bounded = await signer.sign(dccStyleBadge(signer.did, { validUntil: '2021-01-01T00:00:00Z', issuanceDate: '2020-01-01T00:00:00Z' }), {
        now: new Date('2020-06-01T00:00:00Z'),
      });
      const report = await verify(bounded);
      expect(report.verdict).to.equal('expired');
      expect(outcome(report, 'validity-period').problems?.[0]?.detail).to.include('(validUntil)');
    });
  });

  describe('VC 2.0 with a DataIntegrityProof ecdsa-rdfc-2019 by a P-256 did:key', () => {
    let signer: Awaited<ReturnType<typeof ecdsaRdfc2019Signer>>;
    let credential: Record<string, unknown>;

    before(async () => {
      signer = await ecdsaRdfc2019Signer();
      credential = await signer.sign({ ...minimalCredential(), issuer: signer.did, validFrom: '2024-01-01T00:00:00Z' });
    });

    it('verifies, naming the cryptosuite and the zDn key', async () => {
      expect(signer.did).to.match(/^did:key:zDn/);
      expect((credential.proof as { cryptosuite: string }).cryptosuite).to.equal('ecdsa-rdfc-2019');
      const report = await verify(credential);
      expect(report.verified, JSON.stringify(report, null, 1)).to.equal(true);
      expect(outcome(report, 'signature').message).to.include('ecdsa-rdfc-2019');
      expect(outcome(report, 'validity-period').message).to.include('(validFrom)');
    });

    it('is not genuine when a subject value is changed', async () => {
      const tampered = structuredClone(credential) as { credentialSubject: { name: string } };
      tampered.credentialSubject.name = 'Someone Else';
      const report = await verify(tampered);
      expect(report.verdict).to.equal('not-genuine');
      expect(outcome(report, 'signature').problems?.[0]?.detail).to.include('ecdsa-rdfc-2019');
    });

    it('is not genuine when the proof claims eddsa-rdfc-2022 for the same P-256 signature', async () => {
      const relabelled = { ...credential, proof: { ...(credential.proof as object), cryptosuite: 'eddsa-rdfc-2022' } };
      const report = await verify(relabelled);
      expect(report.verified).to.equal(false);
      expect(report.verdict).to.equal('not-genuine');
    });
  });

  it('reports a proof of a type it does not check as unsupported-proof, naming the type', async () => {
    const signer = await ed25519Signature2020Signer();
    const badge = await signer.sign(dccStyleBadge(signer.did));
    const report = await verify({ ...badge, proof: { ...(badge.proof as object), type: 'RsaSignature2018' } });
    expect(report.verdict).to.equal('not-genuine');
    expect(outcome(report, 'issuer-key').problems?.[0]?.type).to.match(/unsupported-proof$/);
    expect(outcome(report, 'issuer-key').problems?.[0]?.detail).to.include('"RsaSignature2018"');
  });

  describe('did:jwk issuers', () => {
    it('verifies an eddsa-rdfc-2022 credential whose issuer is an Ed25519 did:jwk', async () => {
      const signer = await didJwkEd25519Signer();
      const credential = await signer.sign({ ...minimalCredential(), issuer: signer.did });
      const report = await verify(credential);
      expect(report.verified, JSON.stringify(report, null, 1)).to.equal(true);
      expect(outcome(report, 'issuer-key').message).to.include(`${signer.did}#0`);
      expect(outcome(report, 'signature').message).to.include('eddsa-rdfc-2022');
    });

    it('does not use a did:jwk that publishes its private key', async () => {
      const signer = await didJwkEd25519Signer({ d: Buffer.alloc(32, 1).toString('base64url') });
      const report = await verify(await signer.sign({ ...minimalCredential(), issuer: signer.did }));
      expect(report.verified).to.equal(false);
      expect(outcome(report, 'issuer-key').problems?.[0]?.type).to.match(/issuer-unresolved$/);
      expect(outcome(report, 'issuer-key').reason).to.include('private key');
    });

    it('answers a did:jwk that is not a JWK with a problem, not a 500', async () => {
      const signer = await didJwkEd25519Signer();
      const credential = await signer.sign({ ...minimalCredential(), issuer: signer.did });
      const broken = { ...credential, proof: { ...(credential.proof as object), verificationMethod: 'did:jwk:bm90LWpzb24#0' } };
      const report = await verify(broken);
      expect(report.verified).to.equal(false);
      expect(outcome(report, 'issuer-key').reason).to.include('not a usable did:jwk');
    });
  });

  describe('VC-JOSE signed ES256', () => {
    let signer: Awaited<ReturnType<typeof ecdsaRdfc2019Signer>>;
    let payload: Record<string, unknown>;

    before(async () => {
      signer = await ecdsaRdfc2019Signer();
      payload = { ...minimalCredential(), issuer: signer.did };
    });

    it('verifies an ES256 JWT by a P-256 did:key, bare and enveloped', async () => {
      const jwt = await signVcJwtES256(payload, signer);
      for (const input of [
        jwt,
        { '@context': ['https://www.w3.org/ns/credentials/v2'], id: `data:application/vc+jwt,${jwt}`, type: 'EnvelopedVerifiableCredential' },
      ]) {
        const report = await verify(input);
        expect(report.verified, JSON.stringify(report, null, 1)).to.equal(true);
        expect(outcome(report, 'signature').message).to.include('ES256');
      }
    });

    it('is not genuine when the payload is changed', async () => {
      const [header, , signature] = (await signVcJwtES256(payload, signer)).split('.');
      const other = Buffer.from(JSON.stringify({ ...payload, name: 'Another module' })).toString('base64url');
      const report = await verify(`${header}.${other}.${signature}`);
      expect(report.verdict).to.equal('not-genuine');
      expect(outcome(report, 'signature').problems?.[0]?.type).to.match(/invalid-signature$/);
    });

    for (const alg of ['none', 'HS256']) {
      it(`refuses alg "${alg}" with the key's kid`, async () => {
        const report = await verify(unsignedJwt({ alg, typ: 'vc+jwt', kid: signer.verificationMethodId }, payload));
        expect(report.verified).to.equal(false);
        expect(report.verdict).to.equal('not-genuine');
        expect(outcome(report, 'signature').problems?.[0]?.type).to.match(/unsupported-proof$/);
        expect(outcome(report, 'signature').problems?.[0]?.detail).to.include(`"${alg}"`);
      });
    }

    it('refuses an EdDSA header over a P-256 key (the header does not choose how a key is used)', async () => {
      const report = await verify(unsignedJwt({ alg: 'EdDSA', typ: 'vc+jwt', kid: signer.verificationMethodId }, payload));
      expect(report.verdict).to.equal('not-genuine');
      expect(outcome(report, 'signature').problems?.[0]?.detail).to.include('signs with ES256');
    });
  });

  describe('issue: VC 2.0, or VC 1.1 signed as 1.1 when the request is written in 1.1', () => {
    let issuer: { apiKey: string; did: string; id: string };
    before(async () => {
      issuer = await app.createIssuer();
    });
    const vc11 = (id: string) => ({
      '@context': [VC_V1],
      id,
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      issuanceDate: '2024-06-01T00:00:00Z',
      credentialSubject: { id: 'did:example:worker-1' },
    });

    it('signs a VC 1.1 request as VC 1.1 (di), never upgraded to 2.0', async () => {
      const id = 'urn:uuid:9d1c0e52-6f0b-4d8e-a1a3-2b7f5c1e0001';
      const response = await app.post('/credentials/issue', { credential: vc11(id), options: { format: 'di' } }, { authorization: `Bearer ${issuer.apiKey}` });
      expect(response.status, response.text).to.equal(201);
      expect(response.body.verifiableCredential['@context'][0]).to.equal(VC_V1);
      expect(response.body.verifiableCredential['@context']).to.not.include('https://www.w3.org/ns/credentials/v2');
      expect(response.body.verifiableCredential.issuanceDate).to.equal('2024-06-01T00:00:00Z');
      expect(await app.services.store.credentials.findById(id)).to.not.equal(undefined);
    });

    it('refuses a VC 1.1 request as a VC-JOSE JWT (VC 2.0 only), naming the option, and stores nothing', async () => {
      const id = 'urn:uuid:9d1c0e52-6f0b-4d8e-a1a3-2b7f5c1e0002';
      const response = await app.post('/credentials/issue', { credential: vc11(id), options: { format: 'jwt' } }, { authorization: `Bearer ${issuer.apiKey}` });
      expect(response.status).to.equal(400);
      expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(response.body.instance).to.equal('/options/format');
      expect(await app.services.store.credentials.findById(id)).to.equal(undefined);
    });
  });
});
