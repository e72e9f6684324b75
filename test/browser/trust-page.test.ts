import { expect } from 'chai';
import { languageLevelExample } from '../../src/issue/profiles/examples.js';
import { launchChromiumOrSkip, screenshotPath, type TestBrowser } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Issue #11's forgery: anyone running the service can create an issuer named
 * "Goethe-Institut" and sign a B1 certificate. The signature is genuine; nobody vouches
 * for the signer. The API, the visa preset and the page must all say exactly that.
 */
describe('an issuer nobody vouches for: the self-named "Goethe-Institut"', function () {
  this.timeout(60_000);
  let app: TestApp;
  let chrome: TestBrowser | undefined;
  let forged: Record<string, unknown>;
  let forgedPageId: string;
  let recognizedPageId: string;

  before(async () => {
    app = await startTestApp();
    const impostor = await app.createIssuer(
      { didMethod: 'key', slug: 'goethe-institut', legalName: 'Goethe-Institut', names: { de: 'Goethe-Institut', fr: 'Goethe-Institut' } },
      { recognized: false },
    );
    const issued = await app.post('/issuers/goethe-institut/credentials', languageLevelExample, { authorization: `Bearer ${impostor.apiKey}` });
    expect(issued.status, issued.text).to.equal(201);
    forged = issued.body.verifiableCredential;
    forgedPageId = (forged.id as string).split('/').pop() as string;

    // The same exam from an issuer an authority recognizes for Goethe-Institut exams.
    const centre = await app.createIssuer(
      { legalName: 'Goethe-Institut Marokko', names: { de: 'Goethe-Institut Marokko', fr: 'Goethe-Institut Maroc' } },
      { scope: { profiles: ['language-level'], examBrands: ['goethe'] } },
    );
    const genuine = await app.post(`/issuers/${centre.slug}/credentials`, languageLevelExample, { authorization: `Bearer ${centre.apiKey}` });
    expect(genuine.status, genuine.text).to.equal(201);
    recognizedPageId = (genuine.body.verifiableCredential.id as string).split('/').pop() as string;
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('verifies as authentic (verified: true) with the verdict unrecognized-issuer and tier registered, and the visa preset is not met', async () => {
    const response = await app.post('/credentials/verify', { verifiableCredential: forged, options: { presets: ['de-visa-language-b1'] } });
    expect(response.status, response.text).to.equal(200);
    expect(response.body.verified).to.equal(true);
    expect(response.body.verdict).to.equal('unrecognized-issuer');
    expect(response.body.trust).to.deep.equal({ tier: 'registered', recognized: false });
    const trust = response.body.checks.find((outcome: { check: string }) => outcome.check === 'trust');
    expect(trust).to.include({ status: 'skipped', cause: 'not-recognized' });
    expect(trust.reason).to.match(/registered on this service .* no authority this service trusts recognizes it; the names it gives itself are its own claims/);
    const preset = response.body.requirements.presets[0];
    expect(preset.outcome).to.equal('not-met');
    expect(preset.reason).to.match(/names Goethe-Institut as exam provider, but its signer is not recognized for that brand/);
  });

  it('the same exam from a signer recognized for Goethe-Institut exams is valid, with the authority named on the page', async () => {
    const record = await app.get(`/v/${recognizedPageId}?lang=en`);
    expect(record.text).to.include('data-verdict="valid"');
    expect(record.text).to.include('Recognized by Test operator');
  });

  describe('in headless Chromium', () => {
    before(async function () {
      chrome = await launchChromiumOrSkip(this);
    });

    async function open(pageId: string, lang: string, state: string) {
      const context = await (chrome as TestBrowser).browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${app.baseUrl}/v/${pageId}?lang=${lang}`);
      await page.screenshot({ path: screenshotPath(state), fullPage: true });
      return page;
    }

    it('shows the forged certificate in amber: authentic, not recognized, the name marked as the issuer’s own claim', async () => {
      const page = await open(forgedPageId, 'en', 'unrecognized-issuer-en');
      expect(await page.getAttribute('body', 'data-verdict')).to.equal('unrecognized-issuer');
      expect(await page.getAttribute('section.verdict', 'class')).to.include('warn');
      expect(await page.textContent('#verdict-title')).to.include('Authentic — issuer not recognized');
      const main = await page.locator('main').innerText();
      expect(main).to.include('no authority this service trusts vouches for this issuer');
      expect(main, main).to.match(/Issued by\s+Goethe-Institut .*\(the issuer’s own claim, not confirmed by any authority\)/);
      expect(main).to.not.include('Recognized by');
      expect(await page.locator('[data-check="trust"] .unsure').innerText()).to.equal('Not recognized');
      await page.context().close();
    });

    it('says it in the other four languages too', async () => {
      const titles: Record<string, string> = {
        fr: 'Authentique — émetteur non reconnu',
        de: 'Echt — Aussteller nicht anerkannt',
        es: 'Auténtica — emisor no reconocido',
        ar: 'أصلية — الجهة المُصدِرة غير معترف بها',
      };
      for (const [lang, title] of Object.entries(titles)) {
        const page = await open(forgedPageId, lang, `unrecognized-issuer-${lang}`);
        expect(await page.textContent('#verdict-title'), lang).to.include(title);
        expect(await page.locator('[data-own-claim]').count(), lang).to.equal(1);
        await page.context().close();
      }
    });

    it('shows a recognized issuer in green, named as its authority names it, with the authority', async () => {
      const page = await open(recognizedPageId, 'fr', 'recognized-fr');
      expect(await page.getAttribute('body', 'data-verdict')).to.equal('valid');
      expect(await page.getAttribute('section.verdict', 'class')).to.include('good');
      expect(await page.locator('[data-recognized-name]').innerText()).to.equal('Goethe-Institut Maroc');
      expect(await page.locator('main').innerText()).to.include('Reconnu par Test operator');
      await page.context().close();
    });
  });
});
