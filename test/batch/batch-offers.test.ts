import { expect } from 'chai';
import { recordSecret } from '../helpers/run-log.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { ed25519DidKeyWallet, walletClient } from '../helpers/wallet.js';
import { diplomaRow, parseCsv, readEvents, toCsv } from './batch-helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON

describe('batch issuance with wallet offers (?offers=true)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let issuer: { slug: string; apiKey: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });
  const postCsv = (csv: string, query: string) =>
    app.request('POST', `/issuers/${issuer.slug}/credentials/batch?${query}`, csv, { 'content-type': 'text/csv; charset=utf-8', ...auth() });
  const codeOf = (offerUri: string) =>
    decodeURIComponent(offerUri.split('credential_offer_uri=')[1] as string)
      .split('/')
      .pop() as string;

  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer();
  });
  after(() => app.close());

  it('gives each issued row its own offer URI and PIN in results.json and results.csv; a wallet picks one up once with its PIN', async () => {
    const rows = Array.from({ length: 30 }, (_, index) => diplomaRow(index, { rowKey: `offer-${index}` }));
    const submitted = await postCsv(toCsv(rows), 'profile=diploma&format=jwt&offers=true');
    expect(submitted.status, submitted.text).to.equal(202);
    expect(submitted.body.offers).to.equal(true);
    const events = await readEvents(`${app.baseUrl}/jobs/${submitted.body.id}/events`, auth());
    expect(events.at(-1)?.event).to.equal('completed');
    // Progress events carry counts, never an offer or a PIN.
    expect(JSON.stringify(events)).to.not.include('txCode');

    const results = (await app.get(`/jobs/${submitted.body.id}/results.json`, auth())).body as Json[];
    expect(results).to.have.length(30);
    for (const result of results) {
      expect(result.status).to.equal('issued');
      expect(result.offer.offerUri).to.match(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
      expect(result.offer.txCode).to.match(/^\d{6}$/);
      expect(result.offer.certificateUrl).to.equal(
        `${app.baseUrl}/credentials/${result.credentialId.split('/').pop()}/certificate.pdf?offer=${encodeURIComponent(codeOf(result.offer.offerUri))}`,
      );
      // The configured expiry (CREDENTIAL_OFFER_TTL, 7 days by default) from issuance.
      expect(Date.parse(result.offer.expiresAt) - Date.now()).to.be.within(604_800_000 - 120_000, 604_800_000);
      recordSecret(result.offer.txCode);
      recordSecret(codeOf(result.offer.offerUri));
    }
    expect(new Set(results.map((result) => codeOf(result.offer.offerUri))).size, 'one code per row').to.equal(30);

    const csv = parseCsv((await app.get(`/jobs/${submitted.body.id}/results.csv`, auth())).text);
    expect(csv[3]).to.include({ row: String(results[3]?.row), offerUri: results[3]?.offer.offerUri, txCode: results[3]?.offer.txCode });

    // The issuer's view of the credential lists the offer, never its code or PIN.
    const chosen = results[7] as Json;
    const stored = await app.get(`/credentials/${chosen.credentialId.split('/').pop()}`, auth());
    expect(stored.body.offers).to.have.length(1);
    expect(stored.body.offers[0]).to.include({ state: 'offered', used: false, expiresAt: chosen.offer.expiresAt });
    expect(stored.text).to.not.include(chosen.offer.txCode).and.not.include(codeOf(chosen.offer.offerUri));

    // The printable certificate with the "add to wallet" QR code.
    const certificate = await app.request('GET', new URL(chosen.offer.certificateUrl).pathname + new URL(chosen.offer.certificateUrl).search);
    expect(certificate.status).to.equal(200);
    expect(certificate.headers.get('content-type')).to.match(/application\/pdf/);

    // A wallet: a wrong PIN is refused, the row's own PIN works, and the offer then is used up.
    const wallet = await ed25519DidKeyWallet();
    const client = walletClient(wallet);
    const credentialOffer = await client.resolveCredentialOffer(chosen.offer.offerUri);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const otherPin = (results[8] as Json).offer.txCode === chosen.offer.txCode ? '000000' : (results[8] as Json).offer.txCode;
    let refused = false;
    await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: otherPin }).catch(() => (refused = true));
    expect(refused, "another row's PIN").to.equal(true);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer,
      issuerMetadata,
      txCode: chosen.offer.txCode,
    });
    recordSecret(accessTokenResponse.access_token);
    const { c_nonce } = await client.requestNonce({ issuerMetadata });
    const { jwt } = await client.createCredentialRequestJwtProof({
      issuerMetadata,
      credentialConfigurationId: 'diploma_jwt_vc_json',
      signer: wallet.signer,
      nonce: c_nonce,
    });
    const delivered = await client.retrieveCredentials({
      issuerMetadata,
      accessToken: accessTokenResponse.access_token,
      credentialConfigurationId: 'diploma_jwt_vc_json',
      proof: { proof_type: 'jwt', jwt },
    });
    const credential = (delivered.credentialResponse.credentials?.[0] as { credential: string }).credential;
    const report = await app.post('/credentials/verify', { verifiableCredential: credential });
    expect(report.body.verified, report.text).to.equal(true);
    expect(JSON.parse(Buffer.from(credential.split('.')[1] as string, 'base64url').toString('utf8')).credentialSubject.id).to.equal(wallet.did);
    let reused = false;
    await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: chosen.offer.txCode }).catch(() => (reused = true));
    expect(reused, 'an offer is usable once').to.equal(true);
    const after = (await app.get(`/credentials/${chosen.credentialId.split('/').pop()}`, auth())).body;
    expect(after.offers[0]).to.include({ state: 'delivered', used: true });
  });

  it('offers the earlier credential of a resubmitted row (replayed), and none in a batch without offers', async () => {
    const rows = [diplomaRow(100, { rowKey: 'again-100' }), diplomaRow(101, { rowKey: 'again-101' })];
    const plain = await postCsv(toCsv(rows), 'profile=diploma&format=jwt');
    expect(plain.status, plain.text).to.equal(201);
    expect(plain.body.results.map((result: Json) => result.offer)).to.deep.equal([undefined, undefined]);
    expect(parseCsv((await app.get(`/jobs/${plain.body.id}/results.csv`, auth())).text)[0]).to.include({ offerUri: '', txCode: '' });

    const again = await postCsv(toCsv(rows), 'profile=diploma&format=jwt&offers=true');
    expect(again.status, again.text).to.equal(201);
    expect(again.body.results.map((result: Json) => result.status)).to.deep.equal(['replayed', 'replayed']);
    expect(again.body.results[0].credentialId).to.equal(plain.body.results[0].credentialId);
    expect(again.body.results[0].offer.txCode).to.match(/^\d{6}$/);
    for (const result of again.body.results) recordSecret(result.offer.txCode);
    const stored = await app.get(`/credentials/${plain.body.results[0].credentialId.split('/').pop()}`, auth());
    expect(stored.body.offers).to.have.length(1);
  });

  it('refuses an offers option that is not a boolean, naming it', async () => {
    const response = await app.post(`/issuers/${issuer.slug}/credentials/batch`, { profile: 'diploma', offers: 'yes', items: [{}] }, auth());
    expect(response.status).to.equal(400);
    expect(response.body).to.include({ instance: '/offers' });
    const query = await postCsv(toCsv([diplomaRow(1)]), 'profile=diploma&offers=maybe');
    expect(query.status).to.equal(400);
    expect(query.body).to.include({ instance: '/query/offers' });
  });
});
