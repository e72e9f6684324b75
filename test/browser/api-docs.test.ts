import { expect } from 'chai';
import { launchChromiumOrSkip, screenshotPath, type TestBrowser } from '../helpers/chromium.js';
import { startTestApp, type TestApp } from '../helpers/start-app.js';

describe('API reference page (/docs) in headless Chromium', function () {
  this.timeout(60_000);
  let app: TestApp;
  let chrome: TestBrowser;

  before(async function () {
    chrome = await launchChromiumOrSkip(this);
    app = await startTestApp();
  });
  after(async () => {
    await chrome?.close();
    await app?.close();
  });

  it('renders the operations of /openapi.json, loading everything from this origin, with no CSP violation', async () => {
    const page = await chrome.browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`${app.baseUrl}/docs`);
    expect(response?.status()).to.equal(200);
    await page.waitForSelector('.opblock-summary', { timeout: 20_000 });
    const operations = await page.locator('.opblock-summary-path').allInnerTexts();
    expect(operations.map((text) => text.replace(/\u200b/g, ''))).to.include.members(['/credentials/issue', '/credentials/verify']);
    expect(await page.locator('.info .title').innerText()).to.match(/Passerelle/);
    await page.screenshot({ path: screenshotPath('api-docs'), fullPage: false });
    const foreign = requested.filter((url) => !url.startsWith(app.baseUrl) && !url.startsWith('data:'));
    expect(foreign, 'requests to other origins').to.deep.equal([]);
    expect(requested).to.include(`${app.baseUrl}/openapi.json`);
    expect(problems.filter((text) => /Content Security Policy|Refused/.test(text))).to.deep.equal([]);
    await page.close();
  });
});
