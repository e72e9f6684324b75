import { expect } from 'chai';
import { Openid4vciRetrieveCredentialsError, type IssuerMetadataResult } from '@openid4vc/openid4vci';
import { Oauth2ClientErrorResponseError } from '@openid4vc/oauth2';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import type { Clock } from '../../src/shared/clock.js';
import { pdfText } from '../helpers/pdf-text.js';
import { decodeQrSvg } from '../helpers/qr-decode.js';
import { recordSecret } from '../helpers/run-log.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { ed25519DidKeyWallet, p256DidJwkWallet, walletClient, type WalletKey } from '../helpers/wallet.js';

/** A clock the test moves forward, instead of waiting a week for an offer to expire. */
function testClock(): Clock & { advance(seconds: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (seconds) => (offset += seconds * 1000) };
}

describe('wallet delivery (OpenID4VCI 1.0, pre-authorized code + PIN)', () => {
  let app: TestApp;
  let issuer: { slug: string; did: string; apiKey: string };
  const clock = testClock();

  before(async () => {
    app = await startTestApp({ clock });
    issuer = await app.createIssuer();
  });

  after(async () => {
    await app?.close();
  });

  const auth = (apiKey = issuer.apiKey) => ({ authorization: `Bearer ${apiKey}` });

  async function issueStored(profile = 'diploma', format: 'di' | 'jwt' = 'di'): Promise<string> {
    const response = await app.post(`/issuers/${issuer.slug}/credentials`, { ...structuredClone(PROFILE_EXAMPLES[profile]), format }, auth());
    expect(response.status, response.text).to.equal(201);
    return String(response.headers.get('location'));
  }

  async function offerFor(credentialId: string): Promise<{ offerUri: string; txCode: string; expiresAt: string; qr: string }> {
    const response = await app.post(`/issuers/${issuer.slug}/credentials/${credentialId.split('/').pop()}/offer`, undefined, auth());
    expect(response.status, response.text).to.equal(201);
    recordSecret(response.body.txCode);
    recordSecret(new URL(decodeURIComponent(response.body.offerUri.split('credential_offer_uri=')[1])).pathname.split('/').pop());
    return response.body;
  }

  /** resolve offer → metadata → token with the PIN; what every pickup starts with. */
  async function tokenFor(wallet: WalletKey, offer: { offerUri: string; txCode: string }, txCode = offer.txCode) {
    const client = walletClient(wallet);
    const credentialOffer = await client.resolveCredentialOffer(offer.offerUri);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode });
    recordSecret(accessTokenResponse.access_token);
    return { client, credentialOffer, issuerMetadata, accessToken: accessTokenResponse.access_token };
  }

  async function requestCredential(
    wallet: WalletKey,
    session: Awaited<ReturnType<typeof tokenFor>>,
    configurationId: string,
    options: { nonce?: string; signedBy?: WalletKey } = {},
  ) {
    const nonce = options.nonce ?? (await session.client.requestNonce({ issuerMetadata: session.issuerMetadata })).c_nonce;
    // signedBy: another key signs a proof that names the wallet's key.
    const prover = options.signedBy === undefined ? session.client : walletClient(options.signedBy);
    const { jwt } = await prover.createCredentialRequestJwtProof({
      issuerMetadata: session.issuerMetadata,
      credentialConfigurationId: configurationId,
      signer: wallet.signer,
      nonce,
    });
    return session.client.retrieveCredentials({
      issuerMetadata: session.issuerMetadata,
      accessToken: session.accessToken,
      credentialConfigurationId: configurationId,
      proof: { proof_type: 'jwt', jwt },
    });
  }

  for (const [format, wallets] of [
    ['ldp_vc', ed25519DidKeyWallet],
    ['jwt_vc_json', p256DidJwkWallet],
  ] as const) {
    it(`delivers a ${format} credential made out to the wallet's DID, which verifies`, async () => {
      const wallet = await wallets();
      const offer = await offerFor(await issueStored('diploma', 'di'));
      expect(offer.offerUri).to.match(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
      expect(offer.txCode).to.match(/^\d{6}$/);
      expect(offer.qr).to.include('<svg');

      const session = await tokenFor(wallet, offer);
      expect(session.credentialOffer.credential_configuration_ids).to.deep.equal(['diploma_ldp_vc', 'diploma_jwt_vc_json']);
      const result = await requestCredential(wallet, session, `diploma_${format}`);
      const [delivered] = result.credentialResponse.credentials ?? [];
      const credential = (delivered as { credential: unknown }).credential;

      const verifiableCredential = typeof credential === 'string' ? credential : credential;
      const report = await app.post('/credentials/verify', { verifiableCredential });
      expect(report.status, report.text).to.equal(200);
      expect(report.body.verified).to.equal(true);
      const claims =
        typeof credential === 'string'
          ? JSON.parse(Buffer.from(credential.split('.')[1] as string, 'base64url').toString('utf8'))
          : (credential as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(claims.credentialSubject.id).to.equal(wallet.did);
    });
  }

  it('shows the offer on the issuer\u2019s GET /credentials/{id}: open, then used with the credential delivered', async () => {
    const wallet = await ed25519DidKeyWallet();
    const id = await issueStored('language-level');
    const offer = await offerFor(id);
    const before = await app.get(`/credentials/${id.split('/').pop()}`, auth());
    expect(before.body.offers).to.have.length(1);
    expect(before.body.offers[0]).to.include({ expiresAt: offer.expiresAt, used: false, state: 'offered' });

    await requestCredential(wallet, await tokenFor(wallet, offer), 'language-level_ldp_vc');
    const afterPickup = await app.get(`/credentials/${id.split('/').pop()}`, auth());
    expect(afterPickup.body.offers).to.have.length(1);
    expect(afterPickup.body.offers[0].used).to.equal(true);
    expect(afterPickup.body.offers[0].deliveredCredentialId).to.be.a('string');
  });

  it('prints an open offer on the certificate (certificate.pdf?offer=<code>), and only while it is open', async () => {
    const id = (await issueStored()).split('/').pop() as string;
    const offer = await offerFor(`${app.baseUrl}/credentials/${id}`);
    expect(decodeQrSvg(offer.qr)).to.equal(offer.offerUri);
    const code = decodeURIComponent(offer.offerUri.split('credential_offer_uri=')[1] as string)
      .split('/')
      .pop() as string;

    const response = await fetch(`${app.baseUrl}/credentials/${id}/certificate.pdf?offer=${code}`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).to.match(/wallet|portefeuille|Wallet|cartera/);
    expect(text).not.to.include(code);

    expect((await app.get(`/credentials/${id}/certificate.pdf?offer=not-the-code`)).status).to.equal(404);
    const wallet = await ed25519DidKeyWallet();
    await tokenFor(wallet, offer);
    expect((await app.get(`/credentials/${id}/certificate.pdf?offer=${code}`)).status).to.equal(404);
  });

  describe('refuses, in the error shape of OAuth 2.0 / OpenID4VCI', () => {
    async function tokenError(promise: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(Oauth2ClientErrorResponseError);
      const { response, errorResponse } = error as Oauth2ClientErrorResponseError;
      return { status: response.status, body: errorResponse as Record<string, unknown> };
    }

    async function credentialError(promise: Promise<unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
      const error = await promise.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(Openid4vciRetrieveCredentialsError);
      const { response } = error as Openid4vciRetrieveCredentialsError;
      return { status: response.response.status, body: (await response.response.clone().json()) as Record<string, unknown> };
    }

    it('a wrong PIN (invalid_grant), and still takes the right one', async () => {
      const wallet = await ed25519DidKeyWallet();
      const offer = await offerFor(await issueStored());
      const wrong = String((Number(offer.txCode) + 1) % 1_000_000).padStart(6, '0');
      const refused = await tokenError(tokenFor(wallet, offer, wrong));
      expect(refused.status).to.equal(400);
      expect(refused.body.error).to.equal('invalid_grant');
      await tokenFor(wallet, offer);
    });

    it('an offer after five wrong PINs, even with the right one', async () => {
      const wallet = await ed25519DidKeyWallet();
      const offer = await offerFor(await issueStored());
      const wrong = String((Number(offer.txCode) + 1) % 1_000_000).padStart(6, '0');
      for (let attempt = 0; attempt < 5; attempt += 1) await tokenError(tokenFor(wallet, offer, wrong));
      const refused = await tokenError(tokenFor(wallet, offer));
      expect(refused.body.error).to.equal('invalid_grant');
    });

    it('a reused offer: the second pickup', async () => {
      const wallet = await ed25519DidKeyWallet();
      const offer = await offerFor(await issueStored());
      const session = await tokenFor(wallet, offer);
      await requestCredential(wallet, session, 'diploma_ldp_vc');

      // The offer URI no longer resolves, the code is not exchanged twice, and the token delivers no second credential.
      const offerUri = decodeURIComponent(offer.offerUri.split('credential_offer_uri=')[1] as string);
      expect((await fetch(offerUri)).status).to.equal(404);
      const code = offerUri.split('/').pop() as string;
      const second = await fetch(session.issuerMetadata.authorizationServers[0]?.token_endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, tx_code: offer.txCode }),
      });
      expect(second.status).to.equal(400);
      expect(((await second.json()) as { error: string }).error).to.equal('invalid_grant');
      const again = await credentialError(requestCredential(wallet, session, 'diploma_ldp_vc'));
      expect(again.status).to.equal(401);
      expect(again.body.error).to.equal('invalid_token');
    });

    it('an expired offer', async () => {
      const wallet = await ed25519DidKeyWallet();
      const offer = await offerFor(await issueStored());
      const client = walletClient(wallet);
      const credentialOffer = await client.resolveCredentialOffer(offer.offerUri);
      const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
      clock.advance(7 * 24 * 3600 + 1);
      try {
        const refused = await tokenError(client.retrievePreAuthorizedCodeAccessTokenFromOffer({ credentialOffer, issuerMetadata, txCode: offer.txCode }));
        expect(refused.status).to.equal(400);
        expect(refused.body.error).to.equal('invalid_grant');
      } finally {
        clock.advance(-(7 * 24 * 3600 + 1));
      }
    });

    it('a key proof made for another nonce (invalid_nonce)', async () => {
      const wallet = await ed25519DidKeyWallet();
      const session = await tokenFor(wallet, await offerFor(await issueStored()));
      const refused = await credentialError(requestCredential(wallet, session, 'diploma_ldp_vc', { nonce: 'a-nonce-this-issuer-never-gave' }));
      expect(refused.status).to.equal(400);
      expect(refused.body.error).to.equal('invalid_nonce');
      // A real nonce, but another issuer's.
      const other = await app.createIssuer();
      const theirs = (await app.post(`/issuers/${other.slug}/nonce`, undefined)).body.c_nonce as string;
      const foreign = await credentialError(requestCredential(wallet, session, 'diploma_ldp_vc', { nonce: theirs }));
      expect(foreign.body.error).to.equal('invalid_nonce');
      // The offer is not used up by a refused proof.
      await requestCredential(wallet, session, 'diploma_ldp_vc');
    });

    it('a key proof signed by a key other than its kid (invalid_proof)', async () => {
      const wallet = await ed25519DidKeyWallet();
      const other = await ed25519DidKeyWallet();
      const session = await tokenFor(wallet, await offerFor(await issueStored()));
      // The wallet's kid, another key's signature.
      const refused = await credentialError(requestCredential(wallet, session, 'diploma_ldp_vc', { signedBy: other }));
      expect(refused.status).to.equal(400);
      expect(refused.body.error).to.equal('invalid_proof');
    });

    it('malformed requests with a 4xx, never a 500', async () => {
      const base = `${app.baseUrl}/issuers/${issuer.slug}`;
      const form = (body: string) => fetch(`${base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const empty = await form('');
      expect(empty.status).to.equal(400);
      expect(((await empty.json()) as { error: string }).error).to.equal('invalid_request');
      const unknownGrant = await form('grant_type=authorization_code&code=x');
      expect(unknownGrant.status).to.equal(400);
      const asJson = await app.post(`/issuers/${issuer.slug}/token`, { grant_type: 'x' });
      expect(asJson.status).to.equal(400);
      const noToken = await app.post(`/issuers/${issuer.slug}/credential`, { credential_configuration_id: 'diploma_ldp_vc' });
      expect(noToken.status).to.equal(401);
      expect(noToken.headers.get('www-authenticate')).to.match(/^Bearer/);
      const garbageToken = await app.post(`/issuers/${issuer.slug}/credential`, { x: 1 }, { authorization: 'Bearer not.a.jwt' });
      expect(garbageToken.status).to.equal(401);
      expect((await app.get(`/issuers/${issuer.slug}/credential-offers/unknown-code`)).status).to.equal(404);
      expect((await app.get('/.well-known/openid-credential-issuer/issuers/no-such-issuer')).status).to.equal(404);

      const generic = await app.post(
        '/credentials/issue',
        {
          credential: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiableCredential'],
            issuer: issuer.did,
            credentialSubject: { id: 'did:example:someone' },
          },
        },
        auth(),
      );
      expect(generic.status, generic.text).to.equal(201);
      const notProfile = await app.post(
        `/issuers/${issuer.slug}/credentials/${String(generic.headers.get('location')).split('/').pop()}/offer`,
        undefined,
        auth(),
      );
      expect(notProfile.status).to.equal(409);
    });

    it('another issuer\u2019s API key: the credential is not found (404)', async () => {
      const id = await issueStored();
      const other = await app.createIssuer();
      const asOther = await app.post(`/issuers/${other.slug}/credentials/${id.split('/').pop()}/offer`, undefined, auth(other.apiKey));
      expect(asOther.status).to.equal(404);
      const onTheirSlug = await app.post(`/issuers/${issuer.slug}/credentials/${id.split('/').pop()}/offer`, undefined, auth(other.apiKey));
      expect(onTheirSlug.status).to.equal(404);
    });
  });

  it('serves both metadata documents where the library\u2019s client looks for them', async () => {
    const metadata = await app.get(`/.well-known/openid-credential-issuer/issuers/${issuer.slug}`);
    expect(metadata.status).to.equal(200);
    expect(metadata.body.credential_issuer).to.equal(`${app.baseUrl}/issuers/${issuer.slug}`);
    expect(Object.keys(metadata.body.credential_configurations_supported)).to.include.members(['diploma_ldp_vc', 'validated-skills_jwt_vc_json']);
    const as = await app.get(`/.well-known/oauth-authorization-server/issuers/${issuer.slug}`);
    expect(as.body.token_endpoint).to.equal(`${app.baseUrl}/issuers/${issuer.slug}/token`);
    const resolved: IssuerMetadataResult = await walletClient(await ed25519DidKeyWallet()).resolveIssuerMetadata(metadata.body.credential_issuer);
    expect(resolved.originalDraftVersion).to.equal('V1');
  });
});
