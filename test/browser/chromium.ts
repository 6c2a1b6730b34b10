import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

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
