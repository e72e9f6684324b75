import { expect } from 'chai';
import { decodeQrPayload, encodeQrPayload, MAX_PAYLOAD_CHARS } from '../../src/present/qr/qr-payload.js';
import { decodeQrPng, decodeQrSvg } from '../helpers/qr-decode.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { languageCredential } from './ob3-fixtures.js';

describe('QR codes: payload format and round trips', () => {
  let app: TestApp;
  let issuer: { apiKey: string };
  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ didMethod: 'key' });
  });
  after(() => app.close());

  async function issue(credential: Record<string, unknown>, format: 'di' | 'jwt') {
    const response = await app.post('/credentials/issue', { credential, options: { format } }, { authorization: `Bearer ${issuer.apiKey}` });
    expect(response.status, response.text).to.equal(201);
    const vc = response.body.verifiableCredential;
    const jwt = format === 'jwt' ? (vc.id as string).slice('data:application/vc+jwt,'.length) : undefined;
    const id: string = jwt === undefined ? vc.id : JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).id;
    return { vc, jwt, id, pageId: id.split('/').pop() as string };
  }

  it('rebuilds a JWT byte for byte and a DI credential exactly, and refuses damaged payloads', async () => {
    const { jwt, vc } = { ...(await issue(minimalCredential(), 'jwt')), vc: (await issue(minimalCredential(), 'di')).vc };
    const carriedJwt = decodeQrPayload(encodeQrPayload({ kind: 'jwt', jwt: jwt as string }));
    expect(carriedJwt).to.deep.equal({ kind: 'jwt', jwt });
    expect(decodeQrPayload(encodeQrPayload({ kind: 'di', credential: vc }))).to.deep.equal({ kind: 'di', credential: vc });

    const payload = encodeQrPayload({ kind: 'jwt', jwt: jwt as string });
    expect(payload.startsWith('1.')).to.equal(true);
    expect(() => decodeQrPayload(`2.${payload.slice(2)}`)).to.throw(/version/);
    expect(() => decodeQrPayload(`${payload.slice(0, 40)}`)).to.throw(/QR code payload/);
    expect(() => decodeQrPayload('1.' + 'A'.repeat(MAX_PAYLOAD_CHARS))).to.throw(/longer than/);
    expect(() => decodeQrPayload('1.not base64!')).to.throw(/base64url/);
  });

  for (const format of ['jwt', 'di'] as const) {
    it(`PNG and SVG (${format}) decode to the page URL of the same credential; the screen code carries it in the fragment`, async () => {
      const { id, pageId, jwt, vc } = await issue(minimalCredential(), format);
      const png = await fetch(`${app.baseUrl}/credentials/${pageId}/qr.png`);
      expect(png.status).to.equal(200);
      expect(png.headers.get('content-type')).to.equal('image/png');
      const printed = decodeQrPng(Buffer.from(await png.arrayBuffer()));
      expect(printed?.split('#')[0]).to.equal(`${app.baseUrl}/v/${pageId}`);

      const svg = await app.get(`/credentials/${pageId}/qr.svg`);
      expect(svg.headers.get('content-type')).to.match(/^image\/svg\+xml/);
      expect(decodeQrSvg(svg.text)).to.equal(printed);

      const screen = await fetch(`${app.baseUrl}/credentials/${pageId}/qr.png?for=screen`);
      expect(screen.headers.get('x-qr-carries-credential')).to.equal('true');
      const text = decodeQrPng(Buffer.from(await screen.arrayBuffer())) as string;
      const [url, fragment] = text.split('#vc=');
      expect(url).to.equal(`${app.baseUrl}/v/${pageId}`);
      const carried = decodeQrPayload(fragment as string);
      if (format === 'jwt') expect(carried).to.deep.equal({ kind: 'jwt', jwt });
      else expect(carried).to.deep.equal({ kind: 'di', credential: vc });
      // The page behind the URL is about that same credential.
      const page = await app.get(`/v/${pageId}?lang=en`);
      expect(page.status).to.equal(200);
      expect(page.text).to.include('data-verdict="valid"');
      expect(id.endsWith(pageId)).to.equal(true);
    });
  }

  it('prints the short URL at 3 cm when the credential does not fit, and says so', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'de' }), 'jwt');
    const png = await fetch(`${app.baseUrl}/credentials/${pageId}/qr.png`);
    expect(png.headers.get('x-qr-carries-credential')).to.equal('false');
    expect(decodeQrPng(Buffer.from(await png.arrayBuffer()))).to.equal(`${app.baseUrl}/v/${pageId}`);
  });

  it('answers 404 for an unknown credential and 400 for an unknown medium', async () => {
    expect((await app.get('/credentials/00000000-0000-4000-8000-000000000000/qr.png')).status).to.equal(404);
    const { pageId } = await issue(minimalCredential(), 'jwt');
    const response = await app.get(`/credentials/${pageId}/qr.svg?for=billboard`);
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/problem\+json/);
  });
});
