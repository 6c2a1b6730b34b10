import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../server.js';
import { browserAvailability, browserSuite } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save screenshots of the scanning page. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;

// The demo hospital's inventory holds golang.org/x/net, and CVE-2023-44487 (HTTP/2 rapid reset) is in KEV.
const XNET = 'pkg:golang/golang.org/x/net';
const CURL = 'https://github.com/curl/curl';

const availability = browserAvailability();

describe.runIf(availability.run)('coordinating scans in the console (Chromium)', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let demo: TestServer['demo'];

  beforeEach(() => {
    page = suite.page;
    demo = suite.server.demo;
  });

  const header = () => page.locator('header.site-header');
  const row = (display: string) => page.locator(`.scanning-table tbody tr[data-target="${display}"]`);
  const stat = (name: string) => page.locator(`[data-testid="coverage-summary"] [data-stat="${name}"]`);
  const status = () => page.getByTestId('scanning-status');

  const openScanning = async () => {
    await header().getByRole('link', { name: 'Scanning' }).click();
    await page.waitForURL('**/scanning');
    await page.getByRole('heading', { name: 'Scanning', level: 1 }).waitFor();
  };

  /** Registers through the form; `display` is the identity the server keeps. */
  const register = async (kind: 'package' | 'repository', value: string, display: string) => {
    await page.getByLabel('Kind').selectOption(kind);
    await page.getByLabel(kind === 'package' ? 'Package URL' : 'Repository URL').fill(value);
    await page.getByRole('button', { name: 'Register target' }).click();
    await page.getByRole('status').filter({ hasText: `Registered ${display}.` }).waitFor();
    await row(display).waitFor();
  };

  const claim = async (display: string, method: string) => {
    await row(display).getByRole('button', { name: `Claim ${display}` }).click();
    const form = page.getByRole('form', { name: `Claim ${display}` });
    await form.getByLabel('Scope').fill('the whole package');
    await form.getByLabel('Method').fill(method);
    expect(await form.getByLabel('Hours').inputValue()).toBe('72');
    await form.getByRole('button', { name: 'Claim', exact: true }).click();
  };

  it('lets a reporter register a target, see it ranked, claim it and report a scan that closes the claim', async () => {
    await signIn(demo.reporter);
    await openScanning();
    // The server is fresh for this file and this test runs first: nothing is registered yet.
    await page.getByText('No targets registered yet.').waitFor();
    expect(await stat('targets').textContent()).toBe('0');

    // A version in the purl is dropped: the target is the package.
    await register('package', `${XNET}@v0.10.0`, XNET);
    const xnet = row(XNET);
    expect(await xnet.getByTestId('criticality-inputs').textContent()).toBe('subscribers 1 · KEV 1 · weight 0');
    // 10·log2(2) + 5·1 = 15
    expect(await xnet.locator('.criticality').textContent()).toBe('15');
    expect(await xnet.getByTestId('last-scanned').textContent()).toBe('never');
    await expect.poll(() => stat('never-scanned').textContent()).toBe('1');

    await claim(XNET, 'fuzzing');
    await expect.poll(() => status().textContent()).toMatch(new RegExp(`Claimed ${XNET} until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC`));
    const held = xnet.locator('[data-claim-org="frontier-lab"]');
    await held.waitFor();
    expect(await held.textContent()).toMatch(/frontier-lab \(yours\) active\s*until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · fuzzing/);
    expect(await xnet.getByRole('button', { name: `Claim ${XNET}` }).count()).toBe(0);

    await xnet.getByRole('button', { name: `Report scan of ${XNET}` }).click();
    const form = page.getByRole('form', { name: `Report a scan of ${XNET}` });
    expect(await form.getByLabel('Run id').inputValue()).toMatch(/^run-[0-9a-f-]{32,}$/);
    await form.getByLabel('Revision').fill('v0.17.0');
    await form.getByLabel('Tool', { exact: true }).fill('aicc-fuzz');
    await form.getByLabel('Tool version').fill('1.2.0');
    await form.getByLabel('Duration (seconds)').fill('5400');
    expect(await form.getByLabel('Findings').inputValue()).toBe('0');
    await form.getByRole('button', { name: 'Submit report' }).click();
    await expect.poll(() => status().textContent()).toContain(`Reported 0 findings for ${XNET}`);

    // Scanned by one method; the claim is closed, so it can be claimed again.
    await expect.poll(() => stat('scanned').textContent()).toBe('1');
    expect(await stat('never-scanned').textContent()).toBe('0');
    expect(await xnet.getByTestId('reports').textContent()).toBe('1');
    expect(await xnet.getByTestId('methods').textContent()).toBe('1');
    expect(await xnet.getByTestId('last-scanned').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(await xnet.locator('[data-claim-org]').count()).toBe(0);
    await xnet.getByRole('button', { name: `Claim ${XNET}` }).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-scanning.png`, fullPage: true });
  });

  it("refuses an operator's claim on a target the reporter holds, naming the holder; operators weigh targets", async () => {
    await signIn(demo.reporter);
    await openScanning();
    // The ssh form names the same repository as its https URL.
    await register('repository', 'git@github.com:curl/curl.git', CURL);
    await claim(CURL, 'static analysis');
    await row(CURL).locator('[data-claim-org="frontier-lab"]').waitFor();
    await header().getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    await signIn(demo.operator);
    await openScanning();
    const curl = row(CURL);
    await curl.locator('[data-claim-org="frontier-lab"]').waitFor();
    expect(await curl.textContent()).not.toContain('(yours)');
    await claim(CURL, 'LLM-assisted review');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('CONFLICT');
    expect(await alert.textContent()).toContain(`Could not claim ${CURL}`);
    expect(await alert.textContent()).toContain('frontier-lab holds this target until');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-scanning-conflict.png`, fullPage: true });

    // The operators' weight raises the target's criticality by 3 a point.
    await curl.getByLabel(`Weight of ${CURL}`).fill('5');
    await curl.getByRole('button', { name: `Set weight of ${CURL}` }).click();
    await expect.poll(() => curl.getByTestId('criticality-inputs').textContent()).toBe('subscribers 0 · KEV 0 · weight 5');
    expect(await curl.locator('.criticality').textContent()).toBe('15');
  });

  it('shows a subscriber the board read-only', async () => {
    await signIn(demo.subscriber);
    await openScanning();
    await page.getByTestId('coverage-summary').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByRole('button', { name: 'Register target' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Claim/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Release|Report scan)/ }).count()).toBe(0);
    expect(await page.getByRole('spinbutton').count()).toBe(0);
  });

  it('asks anonymous visitors to sign in', async () => {
    await page.goto('/scanning');
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(await header().getByRole('link', { name: 'Scanning' }).count()).toBe(0);
    expect(await page.getByText('to see which targets are being scanned').count()).toBe(1);
  });
});
