import { expect } from 'chai';
import { PROFILE_EXAMPLES } from '../../src/issue/profiles/examples.js';
import { messagesFor, PAGE_LANGUAGES, type PageLanguage } from '../../src/present/i18n/messages.js';
import { sayReason } from '../../src/present/i18n/reasons.js';
import type { ReasonCode } from '../../src/shared/reason.js';
import { launchChromiumOrSkip, screenshotPath, type TestBrowser } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

/**
 * Every profile's page in every page language, in a phone-sized Chromium: a screenshot of
 * each (test-output/screenshots, not committed), no horizontal overflow of the page or of any
 * fact row, and no label or reason left in English on a page in another language.
 * Some profiles are issued by an issuer no authority recognizes, so the page has reasons to say.
 */
describe('profile pages in five languages (headless Chromium)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let chrome: TestBrowser;
  const pages: Array<[string, string]> = [];

  before(async function () {
    chrome = await launchChromiumOrSkip(this);
    app = await startTestApp();
    const recognized = await app.createIssuer({ names: { fr: 'Centre Atlas', ar: 'مركز أطلس', de: 'Zentrum Atlas', es: 'Centro Atlas', en: 'Atlas Centre' } });
    const unrecognized = await app.createIssuer({ legalName: 'Institut Inconnu' }, { recognized: false });
    for (const [index, [profile, example]] of Object.entries(PROFILE_EXAMPLES).entries()) {
      const issuer = index % 2 === 0 ? recognized : unrecognized;
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
    let reasonsSeen = 0;
    for (const language of PAGE_LANGUAGES) {
      const forbidden = englishOnlyLabels(language);
      for (const [profile, pageId] of pages) {
        const context = await chrome.browser.newContext({ locale: language, viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await page.goto(`${app.baseUrl}/v/${pageId}?lang=${language}`);
        await page.screenshot({ path: screenshotPath(`${profile}-${language}`), fullPage: true });
        const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
        expect(overflow, `${profile} ${language}: horizontal overflow`).to.be.at.most(0);
        // Each fact row (label and value), table cell and check line stays inside its box and the viewport.
        const overflowingRows = (await page.evaluate(`[...document.querySelectorAll('dt, dd, td, th, li')]
          .filter((element) => element.scrollWidth > element.clientWidth + 1 || element.getBoundingClientRect().right > document.documentElement.clientWidth + 1 || element.getBoundingClientRect().left < -1)
          .map((element) => element.tagName + ': ' + element.textContent.slice(0, 60))`)) as string[];
        expect(overflowingRows, `${profile} ${language}: overflowing rows`).to.deep.equal([]);
        // A long label never squeezes its value into a column a few characters wide.
        const squeezed = (await page.evaluate(`[...document.querySelectorAll('dd')]
          .filter((dd) => dd.clientWidth < 0.4 * dd.parentElement.clientWidth)
          .map((dd) => dd.textContent.slice(0, 40))`)) as string[];
        expect(squeezed, `${profile} ${language}: squeezed values`).to.deep.equal([]);
        const labels = await page.locator('dt, th, h2').allInnerTexts();
        const english = labels.map((label) => label.trim()).filter((label) => forbidden.has(label));
        expect(english, `${profile} ${language}: untranslated labels`).to.deep.equal([]);
        // Each reason the page gives is the catalogue's sentence in this language, not the English one.
        const reasons = (await page.evaluate(`[...document.querySelectorAll('[data-check-reason]')]
          .map((element) => ({ code: element.dataset.checkReason, check: element.closest('[data-check]').dataset.check, text: element.textContent }))`)) as Array<{
          code: ReasonCode;
          check: string;
          text: string;
        }>;
        for (const shown of reasons) {
          const reason = { code: shown.code, params: { check: shown.check } };
          expect(shown.text, `${profile} ${language}: ${shown.code}`).to.equal(sayReason(reason, language as PageLanguage));
          if (language !== 'en') expect(shown.text, `${profile} ${language}: ${shown.code} in English`).to.not.equal(sayReason(reason, 'en'));
        }
        reasonsSeen += reasons.length;
        const levelTitles = await page
          .locator('#h-framework-levels ~ ul [title]')
          .evaluateAll((elements) => elements.map((element) => element.getAttribute('title') ?? ''));
        if (language !== 'en')
          expect(
            levelTitles.filter((title) =>
              /Official: the referencing|not an official equivalence|language proficiency scale|No official or indicative/.test(title),
            ),
            `${profile} ${language}: English level reasons`,
          ).to.deep.equal([]);
        expect(await page.getAttribute('html', 'dir')).to.equal(language === 'ar' ? 'rtl' : 'ltr');
        await context.close();
        checked += 1;
      }
    }
    expect(checked).to.equal(PAGE_LANGUAGES.length * Object.keys(PROFILE_EXAMPLES).length);
    expect(reasonsSeen, 'the unrecognized issuer\u2019s pages give reasons').to.be.greaterThan(0);
  });
});
