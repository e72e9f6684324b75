import { expect } from 'chai';
import { decodeProtectedHeader } from 'jose';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

const FORMATS = ['di', 'jwt'] as const;
type Report = { verified: boolean; verdict: string; checks: Array<{ check: string; status: string; cause?: string; problems?: Array<{ type: string }> }> };

const statusOf = (report: Report, check: string) => report.checks.find((outcome) => outcome.check === check)?.status;

/** Unwraps what issue returned into something we can alter: the VC, or the JWT's payload. */
function jwtOf(vc: Record<string, unknown>): string {
  return (vc.id as string).slice('data:application/vc+jwt,'.length);
}

describe('issue → verify over HTTP', () => {
  let app: TestApp;
  let issuer: { did: string; apiKey: string; slug: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  async function issue(format: 'di' | 'jwt', credential = minimalCredential()): Promise<Record<string, unknown>> {
    const response = await app.post('/credentials/issue', { credential, options: { format } }, auth());
    expect(response.status, response.text).to.equal(201);
    return response.body.verifiableCredential;
  }

  async function verify(verifiableCredential: unknown): Promise<Report> {
    const response = await app.post('/credentials/verify', { verifiableCredential });
    // VC API: 200 when verified; otherwise 422, the same report as an RFC 9457 problem.
    expect(response.status, response.text).to.equal(response.body.verified === true ? 200 : 422);
    if (response.status === 422) expect(response.headers.get('content-type')).to.match(/application\/problem\+json/);
    return response.body;
  }

  for (const format of FORMATS) {
    describe(`format ${format}`, () => {
      it('issues a VC 2.0 credential with an id under the service, validFrom and the caller as issuer, then verifies it', async () => {
        const vc = await issue(format);
        const report = await verify(vc);
        expect(report.verified, JSON.stringify(report)).to.equal(true);
        expect(report.verdict).to.equal('valid');
        expect(report.checks.map((outcome) => outcome.check)).to.deep.equal([
          'data-model',
          'issuer-key',
          'signature',
          'issuer',
          'schema',
          'validity-period',
          'status',
          'trust',
        ]);
        expect(report.checks.find((outcome) => outcome.check === 'status')?.status).to.equal('success');
        const credential = (report as unknown as { credential: Record<string, string> }).credential;
        expect(credential.id).to.match(new RegExp(`^${app.baseUrl}/credentials/[0-9a-f-]{36}$`));
        expect(credential.issuer).to.equal(issuer.did);
        expect(credential.validFrom).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      });

      it('fails the signature check when any signed field is changed', async () => {
        const vc = await issue(format);
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const changes: Array<[string, (credential: Record<string, any>) => void]> = [
          ['subject name', (credential) => (credential.credentialSubject.name = 'Someone Else')],
          ['name', (credential) => (credential.name = 'Master degree')],
          ['validFrom', (credential) => (credential.validFrom = '2020-01-01T00:00:00Z')],
          ['issuer', (credential) => (credential.issuer = 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2')],
          ['id', (credential) => (credential.id = `${app.baseUrl}/credentials/00000000-0000-4000-8000-000000000000`)],
          ['added description', (credential) => (credential.description = 'Changed')],
        ];
        for (const [what, change] of changes) {
          let tampered: unknown;
          if (format === 'di') {
            tampered = structuredClone(vc);
            change(tampered as Record<string, unknown>);
          } else {
            const [header, payload, signature] = jwtOf(vc).split('.') as [string, string, string];
            const credential = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
            change(credential);
            tampered = `${header}.${Buffer.from(JSON.stringify(credential)).toString('base64url')}.${signature}`;
          }
          const report = await verify(tampered);
          expect(report.verified, what).to.equal(false);
          expect(statusOf(report, 'signature'), `${what}: ${JSON.stringify(report.checks)}`).to.equal('failure');
          expect(report.verdict, what).to.equal('not-genuine');
          expect(
            report.checks.find((outcome) => outcome.check === 'validity-period'),
            what,
          ).to.deep.include({ status: 'skipped', cause: 'not-run' });
        }
      });

      it('reports an expired credential as expired, with the signature still valid', async () => {
        const vc = await issue(format, minimalCredential({ validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }));
        const report = await verify(vc);
        expect(report.verified).to.equal(false);
        expect(report.verdict).to.equal('expired');
        expect(statusOf(report, 'signature')).to.equal('success');
        expect(statusOf(report, 'validity-period')).to.equal('failure');
        expect(report.checks.find((outcome) => outcome.check === 'validity-period')?.problems?.[0]?.type).to.match(/credential-expired$/);
      });

      it('reports a credential that is not valid yet', async () => {
        const report = await verify(await issue(format, minimalCredential({ validFrom: '2999-01-01T00:00:00Z' })));
        expect(report.verdict).to.equal('not-yet-valid');
        expect(statusOf(report, 'signature')).to.equal('success');
      });

      it('accepts a validFrom a few seconds ahead of the verifier’s clock (skew), but not minutes ahead', async () => {
        const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
        expect((await verify(await issue(format, minimalCredential({ validFrom: inSeconds(20) })))).verdict).to.equal('valid');
        expect((await verify(await issue(format, minimalCredential({ validFrom: inSeconds(180) })))).verdict).to.equal('not-yet-valid');
      });

      it('lets the owning issuer read back what it issued', async () => {
        const vc = await issue(format);
        const id = format === 'di' ? (vc.id as string) : (JSON.parse(Buffer.from(jwtOf(vc).split('.')[1] as string, 'base64url').toString()).id as string);
        const response = await app.get(`/credentials/${id.split('/').pop()}`, auth());
        expect(response.status).to.equal(200);
        expect(response.body.verifiableCredential).to.deep.equal(vc);
        expect(response.body.format).to.equal(format);
      });
    });
  }

  it('signs VC-JOSE with the credential itself as payload, typ vc+jwt, EdDSA and a kid in the issuer DID', async () => {
    const vc = await issue('jwt');
    expect(vc.type).to.equal('EnvelopedVerifiableCredential');
    const jwt = jwtOf(vc);
    const header = decodeProtectedHeader(jwt);
    expect(header).to.include({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(header.kid?.startsWith(`${issuer.did}#`)).to.equal(true);
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
    expect(payload).not.to.have.property('vc');
    expect(payload['@context'][0]).to.equal('https://www.w3.org/ns/credentials/v2');
    expect(payload.credentialSubject.name).to.equal('Amina El Idrissi');
    // The bare compact JWT verifies as well as the envelope.
    expect((await verify(jwt)).verified).to.equal(true);
  });

  it('keeps an id and validFrom the issuer chose', async () => {
    const id = 'urn:uuid:6c1a3f0e-7b4d-4c8e-9a51-2f0d8e7b9c11';
    const vc = await issue('di', minimalCredential({ id, validFrom: '2026-01-15T00:00:00Z' }));
    expect(vc.id).to.equal(id);
    expect(vc.validFrom).to.equal('2026-01-15T00:00:00Z');
    const readBack = await app.get(`/credentials/${encodeURIComponent(id)}`, auth());
    expect(readBack.status).to.equal(200);
  });

  it('stores before answering: every issued credential can be read back, even after a restart of the app', async () => {
    const vc = await issue('di');
    const record = await app.services.store.credentials.findById(vc.id as string);
    expect(record?.credential).to.deep.equal(vc);
  });

  it('returns the same credential for a retried Idempotency-Key, and refuses the key with another body', async () => {
    const body = { credential: minimalCredential(), options: { format: 'di' } };
    const headers = { ...auth(), 'idempotency-key': 'order-4711' };
    const [first, second] = await Promise.all([app.post('/credentials/issue', body, headers), app.post('/credentials/issue', body, headers)]);
    expect([first.status, second.status]).to.deep.equal([201, 201]);
    expect(second.body.verifiableCredential).to.deep.equal(first.body.verifiableCredential);
    const third = await app.post('/credentials/issue', body, headers);
    expect(third.body.verifiableCredential).to.deep.equal(first.body.verifiableCredential);
    expect(third.headers.get('idempotent-replayed')).to.equal('true');

    const other = await app.post('/credentials/issue', { ...body, credential: minimalCredential({ name: 'Another module' }) }, headers);
    expect(other.status).to.equal(422);
    expect(other.body.type).to.match(/idempotency-key-reused$/);
  });

  it('reports a credential without a proof as not genuine, naming the reason', async () => {
    const report = await verify({ ...minimalCredential(), issuer: issuer.did });
    expect(report.verdict).to.equal('not-genuine');
    expect(report.checks.find((outcome) => outcome.check === 'issuer-key')?.problems?.[0]?.type).to.match(/unsupported-proof$/);
  });

  it('reports a malformed credential as malformed, naming the field', async () => {
    const vc = await issue('di');
    const broken = { ...vc, credentialSubject: [] };
    const report = await verify(broken);
    expect(report.verdict).to.equal('malformed');
    const problem = report.checks[0]?.problems?.[0] as { instance?: string };
    expect(problem.instance).to.equal('/verifiableCredential/credentialSubject');
  });

  it('answers "could not check" for an issuer DID hosted elsewhere, never "not genuine"', async () => {
    const vc = await issue('di');
    const proof = vc.proof as Record<string, string>;
    const foreign = { ...vc, issuer: 'did:web:issuer.example', proof: { ...proof, verificationMethod: 'did:web:issuer.example#key-1' } };
    const report = await verify(foreign);
    expect(report.verdict).to.equal('could-not-check');
    expect(report.checks.find((outcome) => outcome.check === 'issuer-key')).to.deep.include({ status: 'skipped', cause: 'could-not-check' });
    expect(statusOf(report, 'signature')).to.equal('skipped');
  });
});
