import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { messagesFor, PAGE_LANGUAGES } from '../../src/present/i18n/messages.js';
import { findChromium, launchChromium, screenshotPath, warnChromiumMissing, type TestBrowser } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Every profile's page in every page language, in a phone-sized Chromium: a screenshot of
 * each, no horizontal overflow, and no label left in English on a page in another language.
 */
describe('profile pages in five languages (headless Chromium)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let chrome: TestBrowser;
  const pages: Array<[string, string]> = [];

  before(async function () {
    const executable = findChromium();
    if (executable === undefined) {
      warnChromiumMissing();
      this.skip();
    }
    chrome = await launchChromium(executable);
    app = await startTestApp();
    const issuer = await app.createIssuer({ names: { fr: 'Centre Atlas', ar: 'مركز أطلس', de: 'Zentrum Atlas', es: 'Centro Atlas', en: 'Atlas Centre' } });
    for (const [profile, example] of Object.entries(PROFILE_EXAMPLES)) {
      const response = await app.post(`/issuers/${issuer.slug}/credentials`, example, { authorization: `Bearer ${issuer.apiKey}` });
      expect(response.status, response.text).to.equal(201);
      pages.push([profile, (response.body.verifiableCredential.id as string).split('/').pop() as string]);
    }
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  /** Labels that exist only in English: seen on a page in another language, they are untranslated. */
  function englishOnlyLabels(language: string): Set<string> {
    const en = messagesFor('en');
    const other = messagesFor(language as 'fr');
    const labels = (m: typeof en) => [
      ...Object.values(m.facts),
      ...Object.values(m.skillNames),
      m.issuer,
      m.holder,
      m.achievement,
      m.achievementType,
      m.description,
      m.validFrom,
      m.validUntil,
      m.results,
      m.languageLevels,
      m.checks,
    ];
    const translated = new Set(labels(other));
    return new Set(labels(en).filter((label) => !translated.has(label)));
  }

  it('renders each profile in each language without overflow or English labels', async () => {
    let checked = 0;
    for (const language of PAGE_LANGUAGES) {
      const forbidden = englishOnlyLabels(language);
      for (const [profile, pageId] of pages) {
        const context = await chrome.browser.newContext({ locale: language, viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await page.goto(`${app.baseUrl}/v/${pageId}?lang=${language}`);
        await page.screenshot({ path: screenshotPath(`${profile}-${language}`), fullPage: true });
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow, `${profile} ${language}: horizontal overflow`).to.be.at.most(0);
        const labels = await page.locator('dt, th, h2').allInnerTexts();
        const english = labels.map((label) => label.trim()).filter((label) => forbidden.has(label));
        expect(english, `${profile} ${language}: untranslated labels`).to.deep.equal([]);
        expect(await page.getAttribute('html', 'dir')).to.equal(language === 'ar' ? 'rtl' : 'ltr');
        await context.close();
        checked += 1;
      }
    }
    expect(checked).to.equal(PAGE_LANGUAGES.length * Object.keys(PROFILE_EXAMPLES).length);
  });
});
