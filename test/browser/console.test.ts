import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TestServer } from '../server.js';
import { browserAvailability, browserSuite } from './chromium.js';

const LOG4SHELL_CVE = 'CVE-2021-44228';
const LOG4SHELL_GHSA = 'GHSA-jfh8-c2jp-5v3q';
const LOG4SHELL_VECTOR = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H';
const LOG4J_PACKAGE = 'org.apache.logging.log4j:log4j-core';
/** Set to a directory (e.g. /tmp) to save screenshots of the browser and detail pages. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;

const availability = browserAvailability();

describe.runIf(availability.run)('the operator console in Chromium', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let demo: TestServer['demo'];

  beforeEach(() => {
    page = suite.page;
    demo = suite.server.demo;
  });


  async function search(text: string): Promise<void> {
    await page.getByRole('searchbox', { name: 'Search vulnerabilities' }).fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  function log4shellRow() {
    return page.locator('.vuln-table tbody tr').filter({ hasText: LOG4SHELL_CVE });
  }

  describe('signing in', () => {
    it('shows the signed-in operator, their organization and the Admin link in the header', async () => {
      await signIn(demo.operator);
      const header = page.locator('header.site-header');
      await header.getByTestId('current-user').waitFor();
      expect(await header.getByTestId('current-user').textContent()).toContain(demo.operator.email);
      expect(await header.getByRole('link', { name: 'Admin' }).isVisible()).toBe(true);
      expect(await header.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/vulns');
    });

    it('shows the error from the API envelope when the password is wrong', async () => {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(demo.operator.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.getAttribute('data-code')).toBe('UNAUTHENTICATED');
      expect(await alert.textContent()).toContain('Could not sign in');
      expect(await page.getByTestId('current-user').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    });

    it('signs out back to the sign-in page', async () => {
      await signIn(demo.operator);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
      expect(await page.getByTestId('current-user').count()).toBe(0);
      await page.reload();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(await page.getByTestId('current-user').count()).toBe(0);
    });
  });

  describe('the vulnerability browser', () => {
    it('finds Log4Shell by text, with its KEV and EPSS badges', async () => {
      await signIn(demo.operator);
      await search('log4j');
      await page.waitForURL((url) => url.pathname === '/vulns' && url.searchParams.get('q') === 'log4j');
      const row = log4shellRow();
      await row.first().waitFor();
      expect(await row.locator('.badge-kev').textContent()).toBe('KEV');
      expect(await row.locator('.badge-epss').textContent()).toMatch(/EPSS\s+\d+(\.\d+)?%\s+·\s+[\d.]+(st|nd|rd|th) pct/);
      expect(await row.locator('.badge-sev').textContent()).toContain('10.0');
      expect(await row.locator('.cell-packages').textContent()).toContain(LOG4J_PACKAGE);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-browser.png`, fullPage: true });
    });

    it('looks an identifier up with the id parameter, aliases included', async () => {
      await page.goto('/vulns');
      const lookup = page.waitForRequest((request) => new URL(request.url()).searchParams.get('id') === LOG4SHELL_CVE);
      await search('cve-2021-44228');
      await lookup;
      await log4shellRow().first().waitFor();
      expect(await page.locator('.vuln-table tbody tr').count()).toBeGreaterThanOrEqual(1);
    });

    it('pages through the results with Load more, newest modified first', async () => {
      await page.goto('/vulns?limit=2');
      const rows = page.locator('.vuln-table tbody tr');
      await expect.poll(() => rows.count()).toBe(2);
      const more = page.getByRole('button', { name: 'Load more' });
      for (let shown = 2; (await more.count()) > 0; shown += 2) {
        await more.click();
        await expect.poll(async () => (await rows.count()) > shown || (await more.count()) === 0).toBe(true);
      }
      const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-vuln-id')));
      expect(ids.length).toBeGreaterThan(2);
      expect(new Set(ids).size).toBe(ids.length);
      const modified = await rows.locator('.cell-date time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
      expect(modified).toEqual([...modified].sort().reverse());
    });

    it('narrows by the KEV and severity filters and keeps them in the URL', async () => {
      await page.goto('/vulns');
      await page.getByLabel('KEV only').check();
      await page.getByLabel('Severity').selectOption('critical');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('kev') === 'true' && url.searchParams.get('severity') === 'critical');
      await log4shellRow().first().waitFor();
      const rows = page.locator('.vuln-table tbody tr');
      for (const row of await rows.all()) {
        expect(await row.locator('.badge-kev').count()).toBe(1);
        expect(await row.locator('.badge-sev').getAttribute('class')).toContain('badge-sev-critical');
      }
      await page.reload();
      expect(await page.getByLabel('KEV only').isChecked()).toBe(true);
    });
  });

  describe('the detail page', () => {
    it('shows the computed CVSS base score, the KEV entry and the affected Maven range', async () => {
      await signIn(demo.operator);
      await search('log4j');
      await log4shellRow().first().locator('a.vuln-id').click();
      await page.waitForURL('**/vulns/**');
      await page.getByRole('heading', { name: 'Severity' }).waitFor();

      const severity = page.locator('.severities-table tbody tr').filter({ hasText: LOG4SHELL_VECTOR });
      expect(await severity.getByTestId('base-score').textContent()).toBe('10.0');
      expect(await severity.textContent()).toContain('3.1');

      const kev = page.locator('.kev-panel');
      expect(await kev.textContent()).toMatch(/Date added\s*2021-12-10/);
      expect(await kev.textContent()).toContain('Required action');

      const pkg = page.locator(`[data-package="${LOG4J_PACKAGE}"]`);
      expect(await pkg.textContent()).toContain('Maven');
      expect(await pkg.locator('.purl').textContent()).toBe('pkg:maven/org.apache.logging.log4j/log4j-core');
      const ranges = await pkg.locator('.ranges-table tbody tr').allTextContents();
      expect(ranges.some((r) => r.includes('2.13.0') && r.includes('2.15.0'))).toBe(true);

      const references = page.locator('.reference-list a');
      expect(await references.count()).toBeGreaterThan(0);
      for (const link of await references.all()) {
        expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
        expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
      }
      expect(await page.locator('.prose p').count()).toBeGreaterThanOrEqual(2);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-detail.png`, fullPage: true });
    });

    it('answers a deep link to an alias with the record that carries it', async () => {
      await page.goto(`/vulns/${LOG4SHELL_GHSA}`);
      await page.getByText('these records list it as an alias').waitFor();
      await page.locator('.empty-state .inline-list').getByRole('link', { name: LOG4SHELL_CVE }).click();
      await page.waitForURL(`**/vulns/${LOG4SHELL_CVE}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(LOG4SHELL_CVE);
      expect(await page.locator('.meta').getByRole('link', { name: LOG4SHELL_GHSA }).count()).toBe(1);
    });
  });

  describe('administration', () => {
    it('creates an API token, shows its secret once, and revokes it', async () => {
      await signIn(demo.operator);
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('link', { name: 'API tokens' }).click();
      await page.waitForURL('**/admin/tokens');

      const name = `browser-test-${String(Date.now())}`;
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('vulns:read').check();
      await page.getByRole('button', { name: 'Create token' }).click();

      const secretBox = page.getByTestId('token-secret');
      await secretBox.waitFor();
      const secret = await secretBox.getByLabel('Token secret').inputValue();
      expect(secret).toMatch(/^aicc_/);
      expect(await secretBox.textContent()).toContain('shown only once');
      expect(await secretBox.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);

      const row = page.locator('.tokens-table tbody tr').filter({ hasText: name });
      await row.waitFor();
      expect(await row.textContent()).toContain('active');
      expect(await row.textContent()).not.toContain(secret);

      await secretBox.getByRole('button', { name: 'I have stored it safely' }).click();
      expect(await page.getByTestId('token-secret').count()).toBe(0);
      await page.reload();
      await row.waitFor();
      expect(await page.content()).not.toContain(secret);

      await row.getByRole('button', { name: /^Revoke/ }).click();
      await row.getByRole('button', { name: 'Confirm revoke' }).click();
      await expect.poll(async () => ((await row.count()) === 0 ? 'gone' : ((await row.textContent()) ?? ''))).toMatch(/gone|revoked/);
    });

    it('creates an organization with its roles', async () => {
      await signIn(demo.operator);
      await page.goto('/admin/orgs');
      const slug = `browser-org-${String(Date.now())}`;
      await page.getByLabel('Name').fill('Browser Test Org');
      await page.getByLabel('Slug').fill(slug);
      await page.getByLabel('vendor').check();
      await page.getByRole('button', { name: 'Create organization' }).click();
      const row = page.locator('tr').filter({ hasText: slug });
      await row.waitFor();
      expect(await row.textContent()).toContain('vendor');
      expect(await row.textContent()).toContain('subscriber');
    });

    it('creates a user in the organization, then disables and re-enables them', async () => {
      await signIn(demo.operator);
      await page.goto('/admin/users');
      const own = page.locator('tr').filter({ hasText: demo.operator.email });
      await own.waitFor();
      expect(await own.getByRole('button', { name: /^Disable/ }).count()).toBe(0); // no locking yourself out

      const email = `browser-${String(Date.now())}@aicc.example`;
      await page.getByLabel('Name').fill('Browser Test User');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Initial password').fill('a-long-browser-test-password');
      await page.getByRole('button', { name: 'Create user' }).click();
      const row = page.locator('tr').filter({ hasText: email });
      await row.waitFor();
      expect(await row.textContent()).toContain('active');

      await row.getByRole('button', { name: /^Disable/ }).click();
      await row.getByRole('button', { name: /^Enable/ }).waitFor();
      expect(await row.textContent()).toContain('disabled');
      await row.getByRole('button', { name: /^Enable/ }).click();
      await row.getByRole('button', { name: /^Disable/ }).waitFor();
    });

    it('hides the Admin link from a subscriber and refuses the admin page', async () => {
      await signIn(demo.subscriber);
      expect(await page.locator('header').getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await page.goto('/admin');
      await page.getByText('Only administrators of an operator organization').waitFor();
      expect(await page.locator('.tokens-table').count()).toBe(0);
    });
  });
});
