import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); never a browser that Playwright downloads. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (path): path is string => path !== undefined && path !== '',
  );
  return candidates.find((path) => existsSync(path));
}

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless, with every background connection off: the machine has no network, and
 * Chromium's own update/sync/metrics traffic would only produce refused connections.
 */
export async function launchChromium(executablePath: string): Promise<TestBrowser> {
  // launch() (not launchPersistentContext) gives every run a new, empty temporary profile.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Screenshots land in test-output/ (gitignored), one per state, for people to look at. */
export function screenshotPath(name: string): string {
  const dir = join(process.cwd(), 'test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

export function warnChromiumMissing(): void {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER TESTS SKIPPED: no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium,\n!! /usr/bin/chromium-browser). Install Debian's package: apt-get install -y chromium\n!! (.ci/run does this). The employer page is then NOT tested in a real browser.\n${line}\n`,
  );
}

/** Debian's Chromium launched for a suite's `before` hook, or the suite skipped with a loud warning when there is none. */
export async function launchChromiumOrSkip(context: Mocha.Context): Promise<TestBrowser> {
  const executable = findChromium();
  if (executable === undefined) {
    warnChromiumMissing();
    context.skip();
  }
  return launchChromium(executable);
}
