import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startTestServer, type TestServer } from '../server.js';
import { ensureWebBuilt } from './build.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser suites run: with Debian's chromium, always; without it, CI fails the suite
 * (it must run there) and a developer machine skips it with a clear message.
 */
export function browserAvailability(): { run: boolean; missing: boolean } {
  const present = existsSync(CHROMIUM);
  if (!present && !process.env.CI) {
    console.log(`SKIPPED browser tests: ${CHROMIUM} not found`);
    return { run: false, missing: true };
  }
  return { run: true, missing: !present };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Collects what would show in the browser console as a problem: uncaught exceptions, CSP
 * violations, React warnings. Failed HTTP requests the UI handles (a 401 from GET /session when
 * signed out, the 401 of a wrong password) are logged by Chromium too and are not problems.
 */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`${message.type()}: ${text}`);
  });
  return problems;
}

export interface BrowserSuite {
  /** this test's page, fresh for each test */
  readonly page: Page;
  readonly server: TestServer;
  /** signs in through the form and waits for the header to name the user */
  signIn: (who: { email: string; password: string }) => Promise<void>;
}

/**
 * The hooks every browser suite needs, registered in the calling `describe`: the web bundle built,
 * a demo server, Chromium, and a fresh page per test whose console must stay free of problems.
 */
export function browserSuite(availability: { missing: boolean }): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let problems: string[] = [];

  beforeAll(async () => {
    if (availability.missing) throw new Error(`${CHROMIUM} not found: CI must run the browser tests (apt-get install chromium)`);
    await ensureWebBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    if (!browser || !server) throw new Error('the browser or the server did not start');
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems = watchConsole(page);
  });

  afterEach(async () => {
    await context?.close();
    expect(problems, 'browser console problems').toEqual([]);
  });

  const suite: BrowserSuite = {
    get page() {
      if (!page) throw new Error('no page outside a test');
      return page;
    },
    get server() {
      if (!server) throw new Error('the server did not start');
      return server;
    },
    signIn: async (who) => {
      const p = suite.page;
      await p.goto('/sign-in');
      await p.getByLabel('Email').fill(who.email);
      await p.getByLabel('Password').fill(who.password);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => p.getByTestId('current-user').textContent()).toContain(who.email);
    },
  };
  return suite;
}
