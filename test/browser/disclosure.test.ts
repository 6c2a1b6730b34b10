import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/app/demo-data.js';
import type { ProviderMetadata, RolieFeed } from '../../src/formats/csaf-provider/index.js';
import { verifyDetached } from '../../src/formats/openpgp/index.js';
import { startJobs, type Jobs } from '../../src/jobs/index.js';
import { injector, json, signIn as apiSignIn, type Inject } from '../api/helpers.js';
import { browserAvailability, browserSuite } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save screenshots of the disclosure section and the advisory editor. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;
const VENDOR = { slug: 'acme-software', email: DEMO_ORGS.find((o) => o.slug === 'acme-software')!.user.email, password: DEMO_PASSWORD };
const ZONE = 'America/New_York';
const CVSS = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
const STATEMENT = 'Fixed in acme-lens 2.1.0: captions are escaped before rendering.';
/** A native finding in a package no vendor schedule covers: the vendor comes in by an analyst's hand. */
const FINDING = JSON.stringify({
  findings: [{
    id: 'DISC-1', title: 'Stored XSS in the lens caption renderer', package: { purl: 'pkg:npm/acme-lens', versions: '<2.1.0' },
    location: { file: 'lib/lens.js', startLine: 42, symbol: 'renderCaption' },
    description: 'The caption renderer of acme-lens inserts caption text as HTML. A caption can run script in every viewer\'s browser.',
    cwe: ['CWE-79'], severity: 'medium', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: 'disc-1' },
  }],
});

/** What fetch answers in the page, from the page's own origin (as a reader of the provider would). */
async function fetchInPage(page: Page, path: string): Promise<{ status: number; type: string | null; bytes: Uint8Array; text: string }> {
  const r = await page.evaluate(async (url) => {
    // no-store: the feed is cacheable for a minute, and the test asks again until the document is listed
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    const buf = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), bytes: Array.from(buf) };
  }, path);
  const bytes = Uint8Array.from(r.bytes);
  return { status: r.status, type: r.type, bytes, text: new TextDecoder().decode(bytes) };
}

const availability = browserAvailability();

describe.runIf(availability.run)('coordinated disclosure and the advisory, to publication (Chromium)', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let inject: Inject;
  let analyst: Record<string, string>;
  let caseId: string;
  let advisoryId: string;
  let jobs: Jobs | undefined;
  const jobSchema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  beforeAll(async () => {
    inject = injector(suite.server);
    analyst = await apiSignIn(inject, suite.server.demo.operator.email, suite.server.demo.operator.password);
    const reporter = await apiSignIn(inject, suite.server.demo.reporter.email, suite.server.demo.reporter.password);
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...reporter, ...json, 'idempotency-key': 'disc-1' }, payload: FINDING });
    expect(res.statusCode, res.body).toBe(201);
    caseId = res.json<{ findings: Array<{ caseId: string }> }>().findings[0]!.caseId;
    const verdict = await inject({ method: 'POST', url: `/api/v1/cases/${caseId}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'confirmed', reason: 'Reproduced by hand in a browser.' } });
    expect(verdict.statusCode, verdict.body).toBe(200);
    // The publication worker, as `serve` runs it, polling every second (the test server's config says 30 s).
    const ctx = suite.server.ctx;
    jobs = await startJobs({ ...ctx, config: { ...ctx.config, advisories: { ...ctx.config.advisories, publishIntervalSeconds: 1 } } }, { workers: true, schema: jobSchema });
  });

  afterAll(async () => {
    await jobs?.stop();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(jobSchema)} CASCADE`.execute(suite.server.ctx.conn.db);
  });

  beforeEach(() => {
    page = suite.page;
  });

  const disclosure = () => page.getByTestId('disclosure');
  const vendorRow = () => page.locator(`[data-testid="participants"] li[data-participant="${VENDOR.slug}"]`);
  const openCase = async () => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { name: caseId, level: 1 }).waitFor();
    await disclosure().waitFor();
  };

  it('lets the analyst add the vendor, which releases the case to it and starts the embargo, shown with its zone and offset', async () => {
    await signIn(suite.server.demo.operator);
    await openCase();
    await disclosure().getByText('No vendor takes part yet.').waitFor();
    const add = page.getByRole('form', { name: 'Add a vendor' });
    await add.getByLabel('Vendor organization').fill(VENDOR.slug);
    await add.getByLabel('Reason').fill('Acme maintains acme-lens; no schedule covers the package yet.');
    await add.getByRole('button', { name: 'Add vendor' }).click();
    await vendorRow().waitFor();
    expect(await vendorRow().textContent()).toContain('added: Acme maintains acme-lens');
    expect(await vendorRow().locator('[data-ack]').getAttribute('data-ack')).toBe('pending');
    await expect.poll(() => page.getByTestId('embargo-public-at').textContent()).toMatch(/T15:00:00\+00:00 \(UTC\)$/);

    // The coordinator moves the embargo earlier, in New York time: the page shows the API's text as is.
    const until = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    const put = await inject({ method: 'PUT', url: `/api/v1/cases/${caseId}/embargo`, headers: { ...analyst, ...json }, payload: { until: `${until} 15:00`, zone: ZONE, reason: 'Agreed with Acme by phone.' } });
    expect(put.statusCode, put.body).toBe(200);
    const { publicAt, utcOffset } = put.json<{ embargo: { publicAt: string; utcOffset: string } }>().embargo;
    await openCase();
    await expect.poll(() => page.getByTestId('embargo-public-at').textContent()).toBe(publicAt);
    expect(publicAt).toMatch(new RegExp(`^${until}T15:00:00${utcOffset} \\(America/New_York\\)$`));
    expect(utcOffset).toMatch(/^-0[45]:00$/);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-disclosure-analyst.png`, fullPage: true });
  });

  it('shows the vendor its case: it acknowledges, says fixed with a statement, and writes in its private thread', async () => {
    await signIn(VENDOR);
    await page.goto('/cases?status=confirmed');
    await page.locator(`.cases-table tbody tr[data-case="${caseId}"]`).getByRole('link').click();
    await page.getByRole('heading', { name: caseId, level: 1 }).waitFor();
    await disclosure().waitFor();
    // no analyst controls for a vendor
    expect(await page.getByRole('form', { name: 'Add a vendor' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Draft advisory' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('acknowledged').waitFor();
    await expect.poll(() => vendorRow().locator('[data-ack]').getAttribute('data-ack')).toBe('acknowledged');

    const status = page.getByRole('form', { name: 'Vendor status' });
    await status.getByLabel('Status').selectOption('fixed');
    await status.getByLabel('Statement').fill(STATEMENT);
    await status.getByRole('button', { name: 'Save status' }).click();
    await expect.poll(() => vendorRow().locator('[data-vendor-status]').getAttribute('data-vendor-status')).toBe('fixed');
    expect(await vendorRow().textContent()).toContain(STATEMENT);

    await page.getByLabel('Thread').selectOption(VENDOR.slug);
    const post = page.getByRole('form', { name: 'Post a message' });
    await post.getByLabel('Message').fill('Release 2.1.0 is out; we would like the advisory to credit the lab.');
    await post.getByLabel('TLP').selectOption('AMBER');
    await post.getByRole('button', { name: 'Post' }).click();
    const message = page.getByTestId('messages').locator('li[data-tlp="AMBER"]');
    await message.waitFor();
    expect(await message.textContent()).toContain('Release 2.1.0 is out');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-disclosure-vendor.png`, fullPage: true });
  });

  it('lets the analyst release early, draft the advisory, fill what the problems ask for and mark it ready', async () => {
    await signIn(suite.server.demo.operator);
    await openCase();
    // the vendor's private thread is the coordinators' too
    await page.getByLabel('Thread').selectOption(VENDOR.slug);
    await page.getByTestId('messages').getByText('Release 2.1.0 is out').waitFor();
    await page.getByRole('button', { name: 'Release now (fixed)' }).click();
    await expect.poll(() => page.getByTestId('case-message').textContent()).toBe('Embargo released early: fixed.');
    await disclosure().getByText('Lifted at').waitFor();

    await page.getByRole('button', { name: 'Draft advisory' }).click();
    await page.waitForURL(/\/advisories\/[^/]+$/);
    advisoryId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
    await page.getByRole('heading', { name: `Advisory ${advisoryId}`, level: 1 }).waitFor();
    const problems = page.getByTestId('advisory-problems');
    expect(Number(await problems.getAttribute('data-count'))).toBeGreaterThan(0);
    expect(await problems.locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-pointer')))).toContain('/scores');
    expect(await page.getByRole('button', { name: 'Mark ready' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('acknowledgments').textContent()).toContain('Frontier AI Lab');

    // Someone else saves first: this page's save is refused (409) and says so; reloading shows their version.
    await page.getByLabel('Title').fill('Stored XSS in acme-lens captions (my edit)');
    const current = await inject({ url: `/api/v1/advisories/${advisoryId}`, headers: analyst });
    const { advisory, updatedAt } = current.json<{ advisory: { title: string }; updatedAt: string }>();
    const theirs = await inject({ method: 'PUT', url: `/api/v1/advisories/${advisoryId}`, headers: { ...analyst, ...json }, payload: { advisory: { ...advisory, title: 'Stored XSS in acme-lens captions' }, updatedAt } });
    expect(theirs.statusCode, theirs.body).toBe(200);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('advisory-stale').getByText('changed by someone else — reload').waitFor();
    await page.getByTestId('advisory-stale').getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Stored XSS in acme-lens captions');

    await page.getByRole('button', { name: 'Add CVSS vector' }).click();
    await page.getByLabel('Vector 1').fill(CVSS);
    await page.getByRole('button', { name: 'Add product' }).click();
    const fixed = page.locator('[data-product="AICC-PID-2"]');
    await fixed.getByLabel('Versions').fill('2.1.0');
    expect(await fixed.getByLabel('Status').inputValue()).toBe('fixed');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => problems.getAttribute('data-count')).toBe('0');
    // the score is the server's: computed from the vector, never in the browser
    expect(await page.getByTestId('cvss-score').textContent()).toBe('6.1 MEDIUM (CVSS 3.1)');

    const at = new Date(Date.now() + 3000).toISOString();
    await page.getByLabel('Publish at').fill(at);
    await page.getByRole('button', { name: 'Mark ready' }).click();
    await expect.poll(() => page.getByTestId('advisory-status').getAttribute('data-status')).toBe('ready');
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    expect(await page.getByTestId('advisory-exports').locator('a').evaluateAll((a) => a.map((l) => l.getAttribute('href')))).toEqual(
      ['csaf', 'osv', 'cve5', 'vex'].map((f) => `/api/v1/advisories/${encodeURIComponent(advisoryId)}/export?format=${f}`),
    );
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-advisory.png`, fullPage: true });
  });

  it('publishes it by the worker: listed in the WHITE ROLIE feed, its signature verifying against the provider’s key', { timeout: 60_000 }, async () => {
    expect(advisoryId, 'the advisory was drafted in the previous test').toBeTruthy();
    await page.goto('/vulns');
    const feedUrl = '/.well-known/csaf/white/csaf-feed-tlp-white.json';
    let entry: RolieFeed['feed']['entry'][number] | undefined;
    await expect
      .poll(
        async () => {
          const feed = await fetchInPage(page, feedUrl);
          entry = feed.status === 200 ? (JSON.parse(feed.text) as RolieFeed).feed.entry.find((e) => e.id === advisoryId) : undefined;
          return entry?.id;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(advisoryId);

    const path = new URL(entry!.content.src).pathname;
    expect(path).toBe(`/.well-known/csaf/white/${String(new Date().getUTCFullYear())}/${advisoryId.toLowerCase()}.json`);
    const doc = await fetchInPage(page, path);
    expect(doc.status).toBe(200);
    const csaf = JSON.parse(doc.text) as { document: { tracking: { id: string; status: string; version: string } } };
    expect(csaf.document.tracking).toMatchObject({ id: advisoryId, status: 'final', version: '1' });

    const metadata = JSON.parse((await fetchInPage(page, '/.well-known/csaf/provider-metadata.json')).text) as ProviderMetadata;
    const signer = metadata.public_openpgp_keys[0]!;
    const key = await fetchInPage(page, new URL(signer.url).pathname);
    expect(new URL(signer.url).pathname).toBe(`/.well-known/csaf/openpgp/${signer.fingerprint}.asc`);
    const asc = await fetchInPage(page, `${path}.asc`);
    expect(await verifyDetached(doc.bytes, asc.text, key.text)).toMatchObject({ valid: true, fingerprint: signer.fingerprint });
    expect((await verifyDetached(Uint8Array.from([...doc.bytes, 32]), asc.text, key.text)).valid).toBe(false);

    // the editor shows it published, and the case's timeline says so
    await signIn(suite.server.demo.operator);
    await page.goto(`/advisories/${encodeURIComponent(advisoryId)}`);
    await expect.poll(() => page.getByTestId('advisory-status').getAttribute('data-status')).toBe('published');
  });
});
