import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { minimalCredential } from '../helpers/fixtures.js';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/start-app.js';
import { languageCredential } from './ob3-fixtures.js';

const ISSUER_NAMES = { fr: 'Centre de formation Atlas', de: 'Ausbildungszentrum Atlas', ar: 'مركز أطلس للتكوين' };

describe('public verification page (server-rendered)', () => {
  let app: TestApp;
  let issuer: { apiKey: string; did: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });
  before(async () => {
    app = await startTestApp();
    issuer = await app.createIssuer({ didMethod: 'key', names: ISSUER_NAMES });
  });
  after(() => app.close());

  async function issue(credential: Record<string, unknown>, format: 'di' | 'jwt' = 'di') {
    const response = await app.post('/credentials/issue', { credential, options: { format } }, auth());
    expect(response.status, response.text).to.equal(201);
    const vc = response.body.verifiableCredential;
    const jwt = format === 'jwt' ? (vc.id as string).slice('data:application/vc+jwt,'.length) : undefined;
    const id: string = jwt === undefined ? vc.id : JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).id;
    return { vc, jwt, id, pageId: id.split('/').pop() as string };
  }
  const postForm = (path: string, fields: Record<string, string>) =>
    fetch(app.baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });

  it('renders the verdict first, then holder, achievement, issuer in the viewer language and per-skill levels; under 100 KB', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'de' }));
    const response = await app.get(`/v/${pageId}`, { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' });
    expect(response.status).to.equal(200);
    const html = response.text;
    expect(Buffer.byteLength(html)).to.be.below(100 * 1024);
    expect(html).to.match(/<html lang="de" dir="ltr">/);
    expect(html).to.include('data-verdict="valid"');
    expect(html.indexOf('Gültig')).to.be.below(html.indexOf('Amina El Idrissi'));
    expect(html).to.include('Goethe-Zertifikat B1');
    expect(html).to.include(ISSUER_NAMES.de);
    expect(html).to.include(issuer.did);
    // Skill names are the page's own (translated), levels read by the one claim reader.
    expect(html).to.match(/<td>Hören<\/td><td><strong><bdi>B1<\/bdi>/);
    expect(html).to.match(/<td>Schreiben<\/td><td><strong><bdi>A2<\/bdi>/);
    expect(html).to.include('CEFR');
    for (const check of ['data-model', 'issuer-key', 'signature', 'issuer', 'validity-period', 'status']) expect(html).to.include(`data-check="${check}"`);
  });

  it('falls back to the primary language with a label, and chooses English when no page language matches', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'de' }));
    const spanish = (await app.get(`/v/${pageId}?lang=es`)).text;
    expect(spanish).to.match(/<html lang="es"/);
    expect(spanish).to.include('<span lang="de" dir="ltr">Goethe-Zertifikat B1</span>');
    expect(spanish).to.include('Se muestra en alemán');
    const english = (await app.get(`/v/${pageId}`, { 'accept-language': 'pt-PT, lt' })).text;
    expect(english).to.match(/<html lang="en"/);
    // The name exists in French (no label); the description only in German (labelled).
    const french = (await app.get(`/v/${pageId}?lang=fr`)).text;
    expect(french).to.include('Certificat Goethe B1 d’allemand</span></dd>');
    expect(french).to.match(/Deutschprüfung[^<]*<\/span> <span class="note">\(Affiché en allemand/);
  });

  it('serves Arabic right to left, with the Arabic texts the issuer provided', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'ar' }));
    const html = (await app.get(`/v/${pageId}`, { 'accept-language': 'ar-MA' })).text;
    expect(html).to.match(/<html lang="ar" dir="rtl">/);
    expect(html).to.include('صالحة');
    expect(html).to.include('<span lang="ar" dir="rtl">شهادة غوته في اللغة الألمانية</span>');
    expect(html).to.include(ISSUER_NAMES.ar);
    expect(html).to.include('الاستماع');
  });

  it('shows only display fields: hashed identifiers, salts and the holder id never reach the page', async () => {
    const credential = languageCredential({ primary: 'de' });
    const { pageId } = await issue(credential);
    const html = (await app.get(`/v/${pageId}?lang=en`)).text;
    const subject = credential.credentialSubject as { identifier: Array<{ identityHash: string; salt: string }> };
    expect(html).not.to.include(subject.identifier[0]?.identityHash);
    expect(html).not.to.include('b3f0c7f6');
  });

  it('sends a strict CSP with no external source, no cookies, no caching of verdicts', async () => {
    const { pageId } = await issue(minimalCredential());
    const response = await app.get(`/v/${pageId}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).to.include("default-src 'none'");
    expect(csp).not.to.match(/https?:|\*/);
    expect(response.headers.get('set-cookie')).to.equal(null);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
    expect(response.text).not.to.match(/<(link|img|script)[^>]+(src|href)="https?:/);
  });

  it('reports revoked, expired and a 404 page for an unknown id (which still offers the paste form)', async () => {
    const revoked = await issue(minimalCredential());
    await app.post(
      '/credentials/status',
      { credentialId: revoked.id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
      auth(),
    );
    expect((await app.get(`/v/${revoked.pageId}?lang=en`)).text).to.include('data-verdict="revoked"');

    const expired = await issue(minimalCredential({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }));
    const expiredPage = (await app.get(`/v/${expired.pageId}?lang=fr`)).text;
    expect(expiredPage).to.include('data-verdict="expired"');
    expect(expiredPage).to.include('Expirée');

    const missing = await app.get('/v/00000000-0000-4000-8000-000000000000?lang=en');
    expect(missing.status).to.equal(404);
    expect(missing.text).to.include('data-verdict="not-found"');
    expect(missing.text).to.include('name="credential"');
  });

  it('verifies a pasted JWT and a pasted JSON credential; a tampered one is not genuine and its claims are not shown', async () => {
    const { jwt, vc } = await issue(languageCredential({ primary: 'de' }), 'jwt');
    const pastedJwt = await (await postForm('/v?lang=en', { credential: jwt as string })).text();
    expect(pastedJwt).to.include('data-verdict="valid"');
    expect(pastedJwt).to.include('Amina El Idrissi');
    expect(await (await postForm('/v?lang=en', { credential: JSON.stringify(vc) })).text()).to.include('data-verdict="valid"');

    const di = await issue(languageCredential({ primary: 'de', holder: 'Amina El Idrissi' }));
    const forged = structuredClone(di.vc) as { credentialSubject: { name: string } };
    forged.credentialSubject.name = 'Somebody Else';
    const tampered = await (await postForm('/v?lang=en', { credential: JSON.stringify(forged) })).text();
    expect(tampered).to.include('data-verdict="not-genuine"');
    expect(tampered).not.to.include('Somebody Else');

    const landing = await app.get('/v?lang=de');
    expect(landing.status).to.equal(200);
    expect(landing.text).to.include('<h1>Nachweisprüfung</h1>');

    const garbage = await (await postForm('/v?lang=en', { credential: '{not json' })).text();
    expect(garbage).to.include('data-verdict="malformed"');
  });

  it('escapes credential text, and refuses JSON posts to the form endpoint', async () => {
    const { pageId } = await issue(minimalCredential({ credentialSubject: { name: '<script>alert(1)</script>' } }));
    const html = (await app.get(`/v/${pageId}?lang=en`)).text;
    expect(html).not.to.include('<script>alert(1)</script>');
    expect(html).to.include('&#60;script&#62;alert(1)&#60;/script&#62;');
    const json = await app.post('/v', { credential: 'x' });
    expect(json.status).to.equal(415);
  });

  it('expresses a profile diploma\u2019s level in the viewer\u2019s framework, with the basis: CNC 5 → DQR 5 (indicative) in German, EQF in English', async () => {
    const slug = (await app.get('/admin/issuers', { authorization: `Bearer ${ADMIN_TOKEN}` })).body.find(
      (candidate: { did: string }) => candidate.did === issuer.did,
    ).slug;
    const issued = await app.post(`/issuers/${slug}/credentials`, PROFILE_EXAMPLES.diploma, auth());
    expect(issued.status, issued.text).to.equal(201);
    const pageId = (issued.body.verifiableCredential.id as string).split('/').pop();

    const german = (await app.get(`/v/${pageId}?lang=de`)).text;
    expect(german).to.include('id="h-framework-levels"');
    expect(german).to.match(
      /<bdi>CNC 5<\/bdi> → <bdi>DQR 5[^<]*<\/bdi> <span class="note" title="Orientierung, keine amtliche Gleichwertigkeit: CNC 5 → EQF 5 → DQR 5[^"]*">\(Vergleich zur Orientierung\)/,
    );
    const english = (await app.get(`/v/${pageId}?lang=en`)).text;
    expect(english).to.match(/<bdi>CNC 5<\/bdi> → <bdi>EQF 5[^<]*<\/bdi>/);
    expect(english).not.to.include('DQR 5');
    // The title in the viewer's language where the issuer gave one (localizedName), else the primary one.
    expect((await app.get(`/v/${pageId}?lang=ar`)).text).to.include('تقني متخصص في الكهروميكانيك والأنظمة الآلية');
    expect(english).to.include('Specialised technician in electromechanics of automated systems');
  });

  it('shows no framework levels for a credential that does not verify', async () => {
    const { pageId } = await issue(minimalCredential({ validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }));
    const html = (await app.get(`/v/${pageId}?lang=de`)).text;
    expect(html).to.include('data-verdict="expired"');
    expect(html).not.to.include('id="h-framework-levels"');
  });
});
