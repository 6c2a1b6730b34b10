import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../server.js';
import { browserAvailability, browserSuite } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save a screenshot of the scan results. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;

const LOG4J = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';
const REQUESTS_OLD = 'pkg:pypi/requests@2.30.0';
const REQUESTS_CLEAN = 'pkg:pypi/requests@2.31.0';

/** A CycloneDX 1.5 SBOM: the app depends on log4j-core and requests 2.30.0; requests 2.31.0 comes in transitively. */
const CYCLONEDX = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  metadata: { component: { type: 'application', name: 'shop-backend', version: '1.0.0', 'bom-ref': 'app' } },
  components: [
    { type: 'library', 'bom-ref': 'log4j', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: LOG4J },
    { type: 'library', 'bom-ref': 'requests-old', name: 'requests', version: '2.30.0', purl: REQUESTS_OLD },
    { type: 'library', 'bom-ref': 'requests-new', name: 'requests', version: '2.31.0', purl: REQUESTS_CLEAN },
  ],
  dependencies: [
    { ref: 'app', dependsOn: ['log4j', 'requests-old'] },
    { ref: 'log4j', dependsOn: [] },
    { ref: 'requests-old', dependsOn: ['requests-new'] },
    { ref: 'requests-new', dependsOn: [] },
  ],
};

const availability = browserAvailability();

describe.runIf(availability.run)('scanning an SBOM in the console (Chromium)', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let demo: TestServer['demo'];
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aicc-scan-'));
    writeFileSync(join(dir, 'shop.cdx.json'), JSON.stringify(CYCLONEDX, null, 2));
    writeFileSync(join(dir, 'notes.json'), JSON.stringify({ hello: 'this is not an SBOM' }));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    page = suite.page;
    demo = suite.server.demo;
  });

  async function signInAndOpenScan(): Promise<void> {
    await signIn(demo.operator);
    await page.locator('header.site-header').getByRole('link', { name: 'Scan an SBOM' }).click();
    await page.waitForURL('**/scan');
    await page.getByRole('heading', { name: 'Scan an SBOM', level: 1 }).waitFor();
  }

  function component(purl: string) {
    return page.locator(`article.scan-component[data-purl="${purl}"]`);
  }

  it('asks anonymous visitors to sign in and has no header link for them', async () => {
    await page.goto('/scan');
    await page.getByRole('heading', { name: 'Scan an SBOM' }).waitFor();
    expect(await page.getByRole('link', { name: 'Sign in' }).last().getAttribute('href')).toBe('/sign-in?next=%2Fscan');
    expect(await page.locator('header.site-header').getByRole('link', { name: 'Scan an SBOM' }).count()).toBe(0);
  });

  it('shows log4j-core and requests 2.30.0 with their fixes, worst first, and not the clean component', async () => {
    await signInAndOpenScan();
    const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/scan') && r.method() === 'POST');
    await page.getByLabel('Choose an SBOM file…').setInputFiles(join(dir, 'shop.cdx.json'));
    expect((await request).headers()['content-type']).toBe('application/json');

    const log4j = component(LOG4J);
    await log4j.waitFor();
    expect(await log4j.locator('h3').textContent()).toBe('log4j-core@2.14.1');
    const log4shell = log4j.locator('tr[data-vuln-id="CVE-2021-44228"]');
    expect(await log4shell.count()).toBe(1);
    expect(await log4shell.locator('.badge-kev').textContent()).toBe('KEV');
    expect(await log4shell.locator('.badge-sev').textContent()).toContain('Critical');
    expect(await log4shell.getByRole('link', { name: 'CVE-2021-44228' }).getAttribute('href')).toBe('/vulns/CVE-2021-44228');
    expect(await log4j.locator('.scan-upgrade').textContent()).toBe('upgrade to 2.15.0');
    expect(await log4j.textContent()).toContain('direct');

    const requests = component(REQUESTS_OLD);
    expect(await requests.locator('h3').textContent()).toBe('requests@2.30.0');
    expect(await requests.locator('tr[data-vuln-id="CVE-2023-32681"]').count()).toBe(1);
    expect(await requests.locator('.scan-upgrade').textContent()).toBe('upgrade to 2.31.0');
    expect(await requests.locator('.scan-fixed').first().textContent()).toContain('2.31.0');

    expect(await component(REQUESTS_CLEAN).count()).toBe(0);
    const order = await page.locator('article.scan-component').evaluateAll((els) => els.map((e) => e.getAttribute('data-purl')));
    expect(order).toEqual([LOG4J, REQUESTS_OLD]);

    const summary = page.getByTestId('scan-summary');
    expect(await summary.textContent()).toMatch(/Components\s*3.*Affected components\s*2.*Vulnerabilities\s*2.*Unmatchable\s*0/);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-scan.png`, fullPage: true });

    // KEV only leaves Log4Shell.
    await page.getByLabel('KEV only').check();
    await expect.poll(() => page.locator('article.scan-component').count()).toBe(1);
    expect(await component(LOG4J).count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('article.scan-component').count()).toBe(2);

    // Grouped by fix: each upgrade target with the components it clears.
    await page.getByRole('button', { name: 'By fix' }).click();
    const fix = page.getByRole('article', { name: 'Upgrade log4j-core to 2.15.0' });
    await fix.waitFor();
    expect(await fix.textContent()).toContain('CVE-2021-44228');
    expect(await page.getByRole('article', { name: 'Upgrade requests to 2.31.0' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'By fix' }).getAttribute('aria-pressed')).toBe('true');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-scan-by-fix.png`, fullPage: true });
  });

  it('shows the error from the API envelope when the file is not an SBOM', async () => {
    await signInAndOpenScan();
    await page.getByLabel('Choose an SBOM file…').setInputFiles(join(dir, 'notes.json'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Could not scan notes.json');
    expect(await alert.getAttribute('data-code')).toBeTruthy();
    expect(await page.locator('article.scan-component').count()).toBe(0);
  });
});
