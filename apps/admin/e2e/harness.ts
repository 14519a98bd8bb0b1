// What every browser suite sets up the same way: the real API serving the built console, one
// Chromium, and contexts that watch for console errors and start in a chosen language.
import { type TestServer, startTestServer } from '@tandem/core/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { type LaunchedBrowser, type PageProblems, launchBrowser, newContext } from './browser';
import { ensureConsoleBuilt } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
  }
}

export interface ConsoleHarness {
  server(): TestServer;
  /** A fresh browser context (no shared storage) whose first page is watched for problems. */
  openContext(
    problems: PageProblems,
    label: string,
    lang?: string,
  ): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Registers the suite's beforeAll/afterAll: builds the console if needed, starts API and browser.
 * `env` is the API's configuration for this suite (e.g. `OUTBOUND_ALLOW_PRIVATE_CIDRS` for a local
 * webhook receiver), over the test server's defaults.
 */
export function useConsole(options: { env?: Record<string, string> } = {}): ConsoleHarness {
  let server: TestServer | undefined;
  let launched: LaunchedBrowser | undefined;
  beforeAll(async () => {
    const adminDistDir = ensureConsoleBuilt();
    server = await startTestServer({
      mongoUri: inject('mongoUri'),
      redisUrl: inject('redisUrl'),
      adminDistDir,
      ...(options.env ? { env: options.env } : {}),
    });
    launched = await launchBrowser();
  }, 240_000);
  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });
  return {
    server() {
      if (!server) throw new Error('console server not started');
      return server;
    },
    async openContext(problems, label, lang) {
      if (!launched) throw new Error('browser not launched');
      const context = await newContext(launched.browser);
      if (lang) {
        await context.addInitScript((l: string) => {
          if (!window.localStorage.getItem('tandem.language'))
            window.localStorage.setItem('tandem.language', l);
        }, lang);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      problems.watch(page, label);
      return { context, page };
    },
  };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function nav(page: Page, key: string): Promise<void> {
  await page.getByTestId(`nav-${key}`).click();
}
