import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { minimalCredential } from '../helpers/fixtures.js';
import { newDidKeySigner } from '../helpers/did-key-signer.js';
import { chainingSigner } from '../helpers/foreign-signers.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * What the W3C / W3C-CCG VC API suites (npm run conformance; docs/conformance.md) showed we lacked, as our own
 * tests: VC 1.1 issue requests signed as 1.1, the W3C examples context, VC API
 * options.checks scoping `verified`, and a validity period that ends before it starts.
 */
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const STATUS_V1 = 'https://www.w3.org/ns/credentials/status/v1';
const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

type Outcome = { check: string; status: string; cause?: string; message?: string; problems?: Array<{ type: string; instance?: string }> };

describe('VC API conformance (the W3C/CCG suites’ requests)', () => {
  let app: TestApp;
  let issuer: { did: string; apiKey: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  /** A VC 1.1 request as the CCG issuer suite writes it. */
  function vc11(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      '@context': [VC_V1],
      id: `urn:uuid:${randomUUID()}`,
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      credentialSubject: { id: 'did:example:subject' },
      ...overrides,
    };
  }

  const verify = (verifiableCredential: unknown, options?: Record<string, unknown>) =>
    app.post('/credentials/verify', { verifiableCredential, ...(options === undefined ? {} : { options }) });
  const outcome = (report: { checks: Outcome[] }, check: string) => report.checks.find((entry) => entry.check === check) as Outcome;

  describe('VC 1.1 issue requests', () => {
    it('signs a VC 1.1 credential as 1.1 (issuanceDate, no validFrom, never the 2.0 context), and it verifies', async () => {
      const issued = await app.post('/credentials/issue', { credential: vc11() }, auth());
      expect(issued.status, issued.text).to.equal(201);
      const vc = issued.body.verifiableCredential;
      expect(vc['@context'][0]).to.equal(VC_V1);
      expect(vc['@context']).to.not.include(VC_V2);
      // The proof's terms come from the Data Integrity context the signer names.
      expect(vc['@context']).to.include(DATA_INTEGRITY_V2);
      expect(vc.issuanceDate).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(vc).to.not.have.property('validFrom');
      expect(vc.proof).to.deep.include({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });

      const report = await verify(vc);
      expect(report.status, report.text).to.equal(200);
      expect(outcome(report.body, 'data-model').message).to.match(/VC Data Model 1\.1/);
      expect(outcome(report.body, 'validity-period').message).to.include('issuanceDate');
    });

    it('keeps a caller’s expirationDate (VC 1.1’s end of validity), and a changed one no longer verifies', async () => {
      const expirationDate = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      const issued = await app.post('/credentials/issue', { credential: vc11({ expirationDate }) }, auth());
      expect(issued.status, issued.text).to.equal(201);
      expect(issued.body.verifiableCredential.expirationDate).to.equal(expirationDate);
      const tampered = { ...issued.body.verifiableCredential, expirationDate: '2099-01-01T00:00:00Z' };
      const report = await verify(tampered);
      expect(report.status).to.equal(422);
      expect(outcome(report.body, 'signature').status).to.equal('failure');
    });

    it('gives a VC 1.1 credential no status entry unless asked, and then says it cannot be revoked (409)', async () => {
      const issued = await app.post('/credentials/issue', { credential: vc11() }, auth());
      const vc = issued.body.verifiableCredential;
      expect(vc).to.not.have.property('credentialStatus');
      expect(vc['@context']).to.not.include(STATUS_V1);
      expect(outcome((await verify(vc)).body, 'status')).to.include({ status: 'skipped', cause: 'not-applicable' });
      const revoke = await app.post(
        '/credentials/status',
        { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
        auth(),
      );
      expect(revoke.status, revoke.text).to.equal(409);
      expect(revoke.body.detail).to.match(/no status entry/);
    });

    it('adds Bitstring Status List entries (and their context) to a VC 1.1 credential when options.credentialStatus asks, and revocation shows', async () => {
      const issued = await app.post('/credentials/issue', { credential: vc11(), options: { credentialStatus: { type: 'BitstringStatusListEntry' } } }, auth());
      expect(issued.status, issued.text).to.equal(201);
      const vc = issued.body.verifiableCredential;
      expect(vc['@context'].slice(0, 2)).to.deep.equal([VC_V1, STATUS_V1]);
      expect(vc.credentialStatus.map((entry: { statusPurpose: string }) => entry.statusPurpose)).to.deep.equal(['revocation', 'suspension']);
      const before = await verify(vc);
      expect(before.status, before.text).to.equal(200);
      expect(outcome(before.body, 'status').status).to.equal('success');

      const revoke = await app.post(
        '/credentials/status',
        { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
        auth(),
      );
      expect(revoke.status, revoke.text).to.equal(200);
      const after = await verify(vc);
      expect(after.status).to.equal(422);
      expect(after.body.verdict).to.equal('revoked');
    });

    it('shows a VC 1.1 credential issued here on its employer page and certificate, like any other', async () => {
      // VC 1.1 defines no `name`: the page shows what the credential has.
      const credential = vc11();
      delete credential.id;
      const issued = await app.post('/credentials/issue', { credential }, auth());
      expect(issued.status, issued.text).to.equal(201);
      const pageId = (issued.body.verifiableCredential.id as string).split('/').pop() as string;
      const page = await app.get(`/v/${pageId}?lang=en`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include('data-verdict="valid"');
      const pdf = await app.get(`/credentials/${pageId}/certificate.pdf`);
      expect(pdf.status).to.equal(200);
      expect(pdf.headers.get('content-type')).to.match(/application\/pdf/);
    });

    it('refuses a VC 1.1 request without issuer (the VC API requires it), and as a VC-JOSE JWT (VC 2.0 only)', async () => {
      const withoutIssuer = vc11();
      delete withoutIssuer.issuer;
      const missing = await app.post('/credentials/issue', { credential: withoutIssuer }, auth());
      expect(missing.status, missing.text).to.equal(400);
      expect(missing.body.instance).to.equal('/credential/issuer');

      const jwt = await app.post('/credentials/issue', { credential: vc11(), options: { format: 'jwt' } }, auth());
      expect(jwt.status, jwt.text).to.equal(400);
      expect(jwt.body.instance).to.equal('/options/format');
    });

    it('still issues VC 2.0 by default: validFrom, the issuer from the API key, status entries', async () => {
      const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, auth());
      expect(issued.status, issued.text).to.equal(201);
      const vc = issued.body.verifiableCredential;
      expect(vc['@context'][0]).to.equal(VC_V2);
      expect(vc).to.have.property('validFrom');
      expect(vc).to.not.have.property('issuanceDate');
      expect(vc.issuer).to.equal(issuer.did);
      expect(vc.credentialStatus).to.have.length(2);
    });
  });

  describe('the W3C examples context', () => {
    it('issues and verifies a credential naming https://www.w3.org/ns/credentials/examples/v2 (its terms are signed)', async () => {
      const credential = minimalCredential({
        '@context': [VC_V2, EXAMPLES_V2],
        type: ['VerifiableCredential', 'AlumniCredential'],
        credentialSubject: { id: 'did:example:subject', alumniOf: 'The School of Examples' },
      });
      const issued = await app.post('/credentials/issue', { credential }, auth());
      expect(issued.status, issued.text).to.equal(201);
      const vc = issued.body.verifiableCredential;
      expect((await verify(vc)).status).to.equal(200);
      const tampered = { ...vc, credentialSubject: { ...vc.credentialSubject, alumniOf: 'Another School' } };
      const report = await verify(tampered);
      expect(report.status).to.equal(422);
      expect(outcome(report.body, 'signature').status).to.equal('failure');
    });
  });

  describe('options.checks', () => {
    it('answers `verified` for the checks asked (and those they rest on), still running and reporting every check', async () => {
      // Signed by a key that is not the named issuer's: the proof is valid, the issuer claim is not.
      const outsider = await newDidKeySigner();
      const vc = await outsider.sign({ ...minimalCredential(), issuer: 'https://vc.example/issuers/5678', validFrom: '2024-01-01T00:00:00Z' });

      const everything = await verify(vc);
      expect(everything.status).to.equal(422);
      expect(everything.body).to.not.have.property('verifiedChecks');
      expect(outcome(everything.body, 'issuer').status).to.equal('failure');

      const proofOnly = await verify(vc, { checks: ['proof'] });
      expect(proofOnly.status, proofOnly.text).to.equal(200);
      expect(proofOnly.body.verified).to.equal(true);
      expect(proofOnly.body.verifiedChecks).to.deep.equal(['data-model', 'issuer-key', 'signature']);
      // The report still says what else was found, and the verdict still covers it.
      expect(outcome(proofOnly.body, 'issuer').status).to.equal('failure');
      expect(proofOnly.body.verdict).to.equal('not-genuine');

      const withIssuer = await verify(vc, { checks: ['proof', 'issuer'] });
      expect(withIssuer.status).to.equal(422);
      expect(withIssuer.body.verified).to.equal(false);
    });

    it('never calls a credential verified when an asked check could not run (a tampered proof, a malformed credential)', async () => {
      const issued = await app.post('/credentials/issue', { credential: minimalCredential() }, auth());
      const vc = issued.body.verifiableCredential;
      const tampered = await verify({ ...vc, name: 'Changed' }, { checks: ['proof'] });
      expect(tampered.status).to.equal(422);
      const malformed = await verify({ ...vc, type: 'NotAType' }, { checks: ['expiration'] });
      expect(malformed.status).to.equal(422);
      expect(outcome(malformed.body, 'validity-period')).to.include({ status: 'skipped', cause: 'not-run' });
      // An empty list would otherwise ask about nothing, and so vouch for anything.
      const none = await verify({ ...vc, name: 'Changed' }, { checks: [] });
      expect(none.status).to.equal(400);
      expect(none.body.errors.map((error: { pointer: string }) => error.pointer)).to.include('/options/checks');
    });
  });

  describe('proof chains (previousProof, VC Data Integrity §4.5)', () => {
    /** An issuer's proof with an id, then an endorser's proof chained after it. */
    async function chained(previousProof: (firstId: string) => string | string[] = (id) => id) {
      const issuerSigner = await chainingSigner();
      const endorser = await chainingSigner();
      const firstId = `urn:uuid:${randomUUID()}`;
      const unsigned = { ...minimalCredential(), issuer: issuerSigner.did, validFrom: '2024-01-01T00:00:00Z' };
      const first = await issuerSigner.addProof(unsigned, { id: firstId });
      const both = await endorser.addProof(first, { previousProof: previousProof(firstId) });
      return { issuerSigner, endorser, firstId, unsigned, first, both };
    }

    it('verifies a chained proof over the credential with the proof it names, and names the chain', async () => {
      const { both, firstId, issuerSigner, endorser } = await chained();
      const report = await verify(both);
      expect(report.status, report.text).to.equal(200);
      expect(outcome(report.body, 'signature').message).to.include(`chained after ${firstId}`);
      expect(outcome(report.body, 'issuer').message).to.include(`Signed by ${issuerSigner.did}`).and.include(endorser.did);
    });

    it('accepts previousProof as a list of ids', async () => {
      const { both } = await chained((id) => [id]);
      expect((await verify(both)).status).to.equal(200);
    });

    it('fails when previousProof names no proof of the credential', async () => {
      const { both } = await chained();
      const proofs = both.proof as Array<Record<string, unknown>>;
      const broken = { ...both, proof: [proofs[0], { ...proofs[1], previousProof: 'urn:uuid:00000000-0000-4000-8000-000000000000' }] };
      const report = await verify(broken);
      expect(report.status).to.equal(422);
      expect(outcome(report.body, 'signature').problems?.[0]?.type).to.match(/invalid-signature$/);
      expect(report.text).to.include('is not the id of another proof');
      // The proof it chained after, removed from the set: the same.
      const alone = await verify({ ...both, proof: [proofs[1]] });
      expect(alone.status).to.equal(422);
      expect(alone.text).to.include('is not the id of another proof');
    });

    it('fails when the proof it chained after is swapped for another valid proof with the same id', async () => {
      const { both, unsigned, issuerSigner, firstId } = await chained();
      const other = await issuerSigner.addProof(unsigned, { id: firstId, created: '2024-06-01T00:00:00Z' });
      const proofs = both.proof as Array<Record<string, unknown>>;
      const swapped = { ...both, proof: [(other.proof as Array<Record<string, unknown>>)[0], proofs[1]] };
      const report = await verify(swapped);
      expect(report.status).to.equal(422);
      expect(outcome(report.body, 'signature').status).to.equal('failure');
      expect(report.text).to.match(/Proof 2 of 2/);
    });

    it('fails a proof that claims a chain it was not signed with', async () => {
      const issuerSigner = await chainingSigner();
      const endorser = await chainingSigner();
      const unsigned = { ...minimalCredential(), issuer: issuerSigner.did, validFrom: '2024-01-01T00:00:00Z' };
      const first = await issuerSigner.addProof(unsigned, { id: 'urn:uuid:1' });
      // Signed as a plain set member (over the credential alone), then labelled as chained.
      const setMember = await endorser.addProof(first, {});
      const proofs = setMember.proof as Array<Record<string, unknown>>;
      const relabelled = { ...setMember, proof: [proofs[0], { ...proofs[1], previousProof: 'urn:uuid:1' }] };
      expect((await verify(setMember)).status).to.equal(200);
      const report = await verify(relabelled);
      expect(report.status).to.equal(422);
      expect(outcome(report.body, 'signature').status).to.equal('failure');
    });

    it('refuses a previousProof that is not an id or a list of ids', async () => {
      const { both } = await chained();
      const proofs = both.proof as Array<Record<string, unknown>>;
      const report = await verify({ ...both, proof: [proofs[0], { ...proofs[1], previousProof: 456321 }] });
      expect(report.status).to.equal(422);
      expect(report.body.verdict).to.be.oneOf(['malformed', 'not-genuine']);
    });
  });

  describe('an EnvelopedVerifiableCredential', () => {
    it('must name the VC 2.0 context, which defines the envelope (an empty or other context is malformed)', async () => {
      const issued = await app.post('/credentials/issue', { credential: minimalCredential(), options: { format: 'jwt' } }, auth());
      const envelope = issued.body.verifiableCredential;
      expect((await verify(envelope)).status).to.equal(200);
      for (const context of [[], EXAMPLES_V2, undefined]) {
        const altered = { ...envelope, '@context': context };
        if (context === undefined) delete altered['@context'];
        const report = await verify(altered);
        expect(report.status, JSON.stringify(context)).to.equal(422);
        expect(outcome(report.body, 'data-model').problems?.[0]?.instance).to.equal('/verifiableCredential/@context');
      }
    });
  });

  describe('a validity period that ends before it starts', () => {
    it('is refused at issue (400 naming validUntil) and is malformed at verify, whatever the clock says', async () => {
      const inverted = minimalCredential({ validFrom: '2027-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' });
      const refused = await app.post('/credentials/issue', { credential: inverted }, auth());
      expect(refused.status, refused.text).to.equal(400);
      expect(refused.body.instance).to.equal('/credential/validUntil');

      const outsider = await newDidKeySigner();
      const signed = await outsider.sign({ ...inverted, issuer: outsider.did });
      const report = await verify(signed, { checks: ['proof'] });
      expect(report.status).to.equal(422);
      expect(report.body.verdict).to.equal('malformed');
      expect(outcome(report.body, 'data-model').problems?.[0]?.instance).to.equal('/verifiableCredential/validUntil');
    });
  });
});
