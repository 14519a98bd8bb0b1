import { type Browser, type BrowserContext, type ConsoleMessage, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium fonts-wqy-zenhei); the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches Chromium. Playwright gives every launch a fresh temporary profile (user-data-dir) and
 * removes it on close, and every context inside it starts with empty storage.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Collects what a person would see as broken: console errors, uncaught exceptions, failed requests to the API. */
export class PageProblems {
  readonly items: string[] = [];

  watch(page: Page, label: string): void {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error' || msg.type() === 'warning') {
        const text = msg.text();
        // The browser itself logs API answers such as 401 or 403 that the console handles and
        // explains (session ended, wrong password); server errors (5xx) still count.
        if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
        this.items.push(`[${label}] console.${msg.type()}: ${text}`);
      }
    });
    page.on('pageerror', (error: Error) => this.items.push(`[${label}] uncaught: ${error.message}`));
  }
}

export async function newContext(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
    // The console honours the system setting and stops animating dialogs: a click never lands on a
    // dialog still zooming in on a loaded CI machine.
    reducedMotion: 'reduce',
  });
}
