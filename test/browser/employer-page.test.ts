import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { minimalCredential } from '../helpers/fixtures.js';
import { launchChromiumOrSkip, screenshotPath, type TestBrowser } from '../helpers/chromium.js';
import { decodeQrPng } from '../helpers/qr-decode.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';
import { languageCredential } from '../present/ob3-fixtures.js';

describe('employer page in headless Chromium', function () {
  this.timeout(60_000);
  let app: TestApp;
  let chrome: TestBrowser;
  let issuer: { apiKey: string };
  const auth = () => ({ authorization: `Bearer ${issuer.apiKey}` });

  before(async function () {
    chrome = await launchChromiumOrSkip(this);
    // did:key: the issuer's key needs no database, so a carried credential verifies anywhere.
    app = await startTestApp();
    issuer = await app.createIssuer({ didMethod: 'key', names: { fr: 'Centre de formation Atlas', ar: 'مركز أطلس للتكوين', de: 'Ausbildungszentrum Atlas' } });
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  async function issue(credential: Record<string, unknown>, format: 'di' | 'jwt' = 'jwt') {
    const response = await app.post('/credentials/issue', { credential, options: { format } }, auth());
    expect(response.status, response.text).to.equal(201);
    const vc = response.body.verifiableCredential;
    const jwt = format === 'jwt' ? (vc.id as string).slice('data:application/vc+jwt,'.length) : undefined;
    const id: string = jwt === undefined ? vc.id : JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString()).id;
    return { id, pageId: id.split('/').pop() as string };
  }

  async function open(url: string, state: string, locale = 'en-GB'): Promise<{ page: Page; verdict: string | null; title: string }> {
    const context = await chrome.browser.newContext({ locale, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, javaScriptEnabled: true });
    const page = await context.newPage();
    const errors: string[] = [];
    // A blocked inline script or style (CSP), or a script error, would break the page silently.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/i.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    await page.waitForSelector('body[data-verdict]:not([data-verdict="not-found"])', { timeout: 15_000 }).catch(() => undefined);
    await page.waitForLoadState('load');
    await page.screenshot({ path: screenshotPath(state), fullPage: true });
    const verdict = await page.getAttribute('body', 'data-verdict');
    const title = (await page.textContent('#verdict-title')) ?? '';
    expect(errors, errors.join('\n')).to.deep.equal([]);
    // One document (two with a carried credential: the GET, then the POST of the fragment), nothing else.
    expect(requests.filter((request) => !request.startsWith('data:')).length, requests.join('\n')).to.be.at.most(2);
    return { page, verdict, title };
  }

  it('valid: the verdict comes first and the holder, achievement and levels follow', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'de' }));
    const { page, verdict, title } = await open(`${app.baseUrl}/v/${pageId}`, 'valid-en');
    expect(verdict).to.equal('valid');
    expect(title).to.include('Valid');
    expect(await page.locator('main').innerText()).to.include('Amina El Idrissi');
    expect(await page.locator('a[href$="certificate.pdf"]').count()).to.equal(1);
    // Keyboard: the first Tab reaches the skip link, which moves focus to the result.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).to.equal('skip');
    await page.context().close();
  });

  it('revoked: after POST /credentials/status the page says revoked', async () => {
    const { id, pageId } = await issue(minimalCredential());
    const revoke = await app.post(
      '/credentials/status',
      { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListCredential', status: 'revoked' }] },
      auth(),
    );
    expect(revoke.status, revoke.text).to.equal(200);
    const { verdict, title, page } = await open(`${app.baseUrl}/v/${pageId}?lang=de`, 'revoked-de');
    expect(verdict).to.equal('revoked');
    expect(title).to.include('Widerrufen');
    await page.context().close();
  });

  it('expired: a credential whose validity window has passed', async () => {
    const { pageId } = await issue(minimalCredential({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' }));
    const { verdict, title, page } = await open(`${app.baseUrl}/v/${pageId}?lang=es`, 'expired-es');
    expect(verdict).to.equal('expired');
    expect(title).to.include('Caducada');
    await page.context().close();
  });

  it('tampered: the QR fragment with a modified credential is not genuine, and its claims are not shown', async () => {
    const { pageId } = await issue(minimalCredential());
    const qr = decodeQrPng(Buffer.from(await (await fetch(`${app.baseUrl}/credentials/${pageId}/qr.png?for=screen`)).arrayBuffer())) as string;
    const [url, payload] = qr.split('#vc=') as [string, string];
    const { decodeQrPayload, encodeQrPayload } = await import('../../src/present/qr/qr-payload.js');
    const carried = decodeQrPayload(payload);
    if (carried.kind !== 'jwt') throw new Error('expected a JWT');
    const [header, body, signature] = carried.jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    claims.credentialSubject.name = 'Mallory Forger';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const { verdict, page } = await open(`${url}#vc=${encodeQrPayload({ kind: 'jwt', jwt: forged })}`, 'tampered-fr', 'fr-FR');
    expect(verdict).to.equal('not-genuine');
    expect(await page.textContent('#verdict-title')).to.include('Non authentique');
    expect(await page.content()).not.to.include('Mallory Forger');
    await page.context().close();
  });

  it('Arabic: the page is right to left and shows the Arabic texts', async () => {
    const { pageId } = await issue(languageCredential({ primary: 'ar' }));
    const { page, verdict } = await open(`${app.baseUrl}/v/${pageId}`, 'valid-ar', 'ar-MA');
    expect(verdict).to.equal('valid');
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    expect(await page.getAttribute('html', 'lang')).to.equal('ar');
    expect(await page.locator('main').innerText()).to.include('أمينة الإدريسي');
    await page.context().close();
  });

  it('paste: a pasted credential is verified in the page', async () => {
    const response = await app.post('/credentials/issue', { credential: minimalCredential(), options: { format: 'jwt' } }, auth());
    const jwt = (response.body.verifiableCredential.id as string).slice('data:application/vc+jwt,'.length);
    const context = await chrome.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/v/00000000-0000-4000-8000-000000000000?lang=en`);
    expect(await page.getAttribute('body', 'data-verdict')).to.equal('not-found');
    await page.getByLabel('Credential (JSON or JWT)').fill(jwt);
    await Promise.all([page.waitForURL(/\/v\?lang=en$/), page.getByRole('button', { name: 'Check' }).click()]);
    expect(await page.getAttribute('body', 'data-verdict')).to.equal('valid');
    await page.screenshot({ path: screenshotPath('pasted-en'), fullPage: true });
    await context.close();
  });

  it('carried: the fragment form verifies when the issuer database is empty, and says what it could not check', async () => {
    const { pageId } = await issue(minimalCredential());
    const qr = decodeQrPng(Buffer.from(await (await fetch(`${app.baseUrl}/credentials/${pageId}/qr.png?for=screen`)).arrayBuffer())) as string;
    const fragment = qr.slice(qr.indexOf('#'));
    // The same service (same PUBLIC_URL) restarted on an empty database.
    const publicUrl = app.baseUrl;
    const empty = await startTestApp({ env: { PUBLIC_URL: publicUrl } });
    try {
      expect(await empty.services.store.credentials.findById(`${publicUrl}/credentials/${pageId}`)).to.equal(undefined);
      const { page, verdict } = await open(`${empty.baseUrl}/v/${pageId}?lang=en${fragment}`, 'carried-empty-db-en');
      // Authentic (did:key signature verified offline); its status list lived in the lost database.
      expect(verdict).to.equal('could-not-check');
      expect(await page.locator('[data-check="signature"] .ok').count()).to.equal(1);
      expect(await page.locator('[data-check="status"] .unsure').count()).to.equal(1);
      // No certificate link: this server has no record to print from.
      expect(await page.locator('a[href$="certificate.pdf"]').count()).to.equal(0);
      expect(await page.locator('main').innerText()).to.include('Amina El Idrissi');
      expect(await page.locator('main').innerText()).to.include('carried in the QR code');
      // Switching language keeps the carried credential: the German page verifies it again.
      await Promise.all([page.waitForURL(/lang=de/), page.getByRole('link', { name: 'Deutsch' }).click()]);
      await page.waitForSelector('body[data-carried]');
      expect(await page.textContent('#verdict-title')).to.include('Prüfung nicht möglich');
      await page.context().close();
    } finally {
      await empty.close();
    }
  });
});
