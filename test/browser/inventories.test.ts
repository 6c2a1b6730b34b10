import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoSbom } from '../api/helpers.js';
import type { TestServer } from '../server.js';
import { browserAvailability, browserSuite } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save screenshots of the inventory pages. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;

const LOG4J = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';
const LOG4SHELL = 'CVE-2021-44228';
const FILE = 'clinic-portal.cdx.json';


const availability = browserAvailability();

describe.runIf(availability.run)('keeping SBOMs as inventories in the console (Chromium)', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let demo: TestServer['demo'];
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aicc-inventories-'));
    writeFileSync(join(dir, FILE), demoSbom());
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    page = suite.page;
    demo = suite.server.demo;
  });


  const header = () => page.locator('header.site-header');
  const row = (name: string) => page.locator(`.inventories-table tbody tr[data-inventory="${name}"]`);

  it('uploads an SBOM, shows what affects it, finds it from the advisory, and deletes it', async () => {
    await signIn(demo.subscriber);
    await header().getByRole('link', { name: 'Inventories' }).click();
    await page.waitForURL('**/inventories');
    await page.getByRole('heading', { name: 'Inventories', level: 1 }).waitFor();
    // The demo seeds the hospital's radiology server.
    await row('radiology-pacs').waitFor();
    expect(await row(FILE).count()).toBe(0);

    // The name defaults to the file name; the file goes as JSON.
    await page.getByLabel('SBOM file').setInputFiles(join(dir, FILE));
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe(FILE);
    const request = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/v1/inventories/'));
    await page.getByRole('button', { name: 'Upload' }).click();
    expect((await request).headers()['content-type']).toBe('application/json');
    const status = page.getByRole('status').filter({ hasText: 'inventory' });
    await status.waitFor();
    expect(await status.textContent()).toContain(`Created inventory ${FILE}`);

    // Listed with its format and component count; the same file again changes nothing.
    await row(FILE).waitFor();
    expect(await row(FILE).textContent()).toMatch(/CycloneDX 1\.5\s*5/);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => status.textContent()).toContain('unchanged');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-inventories.png`, fullPage: true });

    // Its own page: what affects it now, with the scan's findings view.
    await row(FILE).getByRole('link', { name: FILE }).click();
    await page.waitForURL(`**/inventories/${FILE}`);
    await page.getByRole('heading', { name: FILE, level: 1 }).waitFor();
    const log4j = page.locator(`article.scan-component[data-purl="${LOG4J}"]`);
    await log4j.waitFor();
    expect(await log4j.locator('h3').textContent()).toBe('log4j-core@2.14.1');
    expect(await log4j.locator(`tr[data-vuln-id="${LOG4SHELL}"]`).count()).toBe(1);
    expect(await header().getByRole('link', { name: 'Inventories' }).getAttribute('aria-current')).toBe('page');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-inventory.png`, fullPage: true });

    // From the finding to the advisory, which names the inventory and the version it holds.
    await log4j.getByRole('link', { name: LOG4SHELL }).click();
    await page.waitForURL(`**/vulns/${LOG4SHELL}`);
    const section = page.getByRole('region', { name: 'Your affected inventories' });
    const entry = section.locator(`[data-inventory="${FILE}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain('pkg:maven/org.apache.logging.log4j/log4j-core');
    expect(await entry.textContent()).toContain('2.14.1');
    expect(await entry.getByRole('link', { name: FILE }).getAttribute('href')).toBe(`/inventories/${FILE}`);
    if (SCREENSHOTS) await section.screenshot({ path: `${SCREENSHOTS}/aicc-affected-inventories.png` });

    // Deleting asks for confirmation first.
    await page.goto('/inventories');
    await row(FILE).getByRole('button', { name: `Delete ${FILE}` }).click();
    expect(await row(FILE).count()).toBe(1);
    await row(FILE).getByRole('button', { name: `Confirm delete ${FILE}` }).click();
    await expect.poll(() => row(FILE).count()).toBe(0);

    // The advisory no longer reaches it.
    await page.goto(`/vulns/${LOG4SHELL}`);
    await section.getByText('None of your inventories holds an affected version.').waitFor();
  });

  it('shows the error from the API envelope when the file is not an SBOM', async () => {
    writeFileSync(join(dir, 'notes.json'), JSON.stringify({ hello: 'this is not an SBOM' }));
    await signIn(demo.subscriber);
    await page.goto('/inventories');
    await page.getByLabel('SBOM file').setInputFiles(join(dir, 'notes.json'));
    await page.getByRole('button', { name: 'Upload' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Could not store notes.json');
    expect(await alert.getAttribute('data-code')).toBeTruthy();
  });

  it('gives a reporter no Inventories link, no section on the advisory, and no inventory requests', async () => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/inventories')) requests.push(r.url());
    });
    await signIn(demo.reporter);
    expect(await header().getByRole('link', { name: 'Inventories' }).count()).toBe(0);
    await page.goto(`/vulns/${LOG4SHELL}`);
    await page.getByRole('heading', { name: 'Severity' }).waitFor();
    expect(await page.getByText('Your affected inventories').count()).toBe(0);
    await page.goto('/inventories');
    await page.getByText('Inventories are kept by subscriber and operator organizations').waitFor();
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
  });

  it('shows nothing of inventories to anonymous visitors', async () => {
    await page.goto(`/vulns/${LOG4SHELL}`);
    await page.getByRole('heading', { name: 'Severity' }).waitFor();
    expect(await page.getByText('Your affected inventories').count()).toBe(0);
    expect(await header().getByRole('link', { name: 'Inventories' }).count()).toBe(0);
  });
});
