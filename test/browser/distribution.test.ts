import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/app/channels/index.js';
import { packageRoot } from '../../src/config.js';
import type { Notification } from '../../src/domain/notification.js';
import { startJobs, type Jobs } from '../../src/jobs/index.js';
import { caller, injector, signIn as apiSignIn } from '../api/helpers.js';
import { startTestServer, type TestServer } from '../server.js';
import { ensureWebBuilt } from './build.js';
import { browserAvailability, CHROMIUM, launchChromium, watchConsole } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save a screenshot of each page of the portal and the metrics page. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;
const TABLES = join(packageRoot(), '..', 'shared', 'corpus', 'ssvc', 'data', 'json', 'decision_tables');
const LOG4SHELL = 'CVE-2021-44228';
const ASSET = 'permits-portal';
const MAILBOX = 'soc@hospital.example';
/** CycloneDX with log4j-core 2.14.1: in the demo knowledge base, Log4Shell, in CISA KEV since 2021-12-10. */
const SBOM = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  version: 1,
  components: [{ type: 'library', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }],
});

interface Received {
  at: Date;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that keeps every request as it came; signatures are checked once the secret is known. */
async function webhookReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: new Date(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/aicc-hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A real SMTP server on loopback (no TLS, no auth), keeping each message's raw text. */
async function smtpServer() {
  const messages: Array<{ raw: string; rcpt: string[] }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({ raw: Buffer.concat(chunks).toString('utf8'), rcpt: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${String((server.server.address() as AddressInfo).port)}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header of a raw message, unfolded. */
function mailHeader(raw: string, name: string): string | undefined {
  const head = (raw.split(/\r\n\r\n/)[0] ?? '').replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The text/plain part of a message, its transfer encoding undone. */
function mailText(raw: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`) : [raw];
  const part = parts.find((p) => /content-type:\s*text\/plain/i.test(p)) ?? '';
  const split = part.indexOf('\r\n\r\n');
  const headers = part.slice(0, split);
  const body = part.slice(split + 4);
  if (/content-transfer-encoding:\s*base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

const availability = browserAvailability();

describe.runIf(availability.run)('a subscriber hears exactly what affects its assets, by webhook and e-mail, and reports remediation (Chromium)', () => {
  let server: TestServer;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let problems: string[] = [];
  let jobs: Jobs | undefined;
  let hook: Awaited<ReturnType<typeof webhookReceiver>> | undefined;
  let smtp: Awaited<ReturnType<typeof smtpServer>> | undefined;
  const jobSchema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  // what the portal's answers said when the channels were added: the secret and where each channel starts
  const channels: { webhook?: { id: string; cursor: string; secret: string }; email?: { id: string; cursor: string } } = {};

  // browserSuite (chromium.ts) starts its server without env; this suite needs SMTP, SSVC tables and loopback webhooks.
  beforeAll(async () => {
    if (availability.missing) throw new Error(`${CHROMIUM} not found: CI must run the browser tests (apt-get install chromium)`);
    [hook, smtp] = await Promise.all([webhookReceiver(), smtpServer(), ensureWebBuilt()]);
    server = await startTestServer({
      env: {
        AICC_SSVC_TABLES: TABLES,
        AICC_SMTP_URL: smtp.url,
        AICC_WEBHOOK_ALLOW_PRIVATE: '1',
        AICC_DISTRIBUTE_INTERVAL_SECONDS: '1',
        AICC_DELIVERY_BACKOFF_MS: '100',
        AICC_DELIVERY_BACKOFF_MAX_MS: '500',
      },
    });
    browser = await launchChromium();
    // Another subscriber holds the same vulnerable component: the hospital must never hear of it.
    const inject = injector(server);
    const { ok } = caller(inject);
    const operator = await apiSignIn(inject, server.demo.operator.email, server.demo.operator.password);
    await ok(operator, 'POST', '/orgs', { slug: 'state-agency', name: 'State Agency', roles: ['subscriber'] }, 201);
    await ok(operator, 'PUT', '/assets/licensing?org=state-agency', { type: 'service', exposed: true, sbom: SBOM });
    // the distribution worker as `serve` runs it, every second
    jobs = await startJobs(server.ctx, { workers: true, schema: jobSchema });
  });

  afterAll(async () => {
    await jobs?.stop();
    if (server) await sql`DROP SCHEMA IF EXISTS ${sql.id(jobSchema)} CASCADE`.execute(server.ctx.conn.db);
    await browser?.close();
    await server?.close();
    await hook?.close();
    await smtp?.close();
  });

  beforeEach(async () => {
    if (!browser) throw new Error('the browser did not start');
    context = await browser.newContext({ baseURL: server.url, viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    problems = watchConsole(page);
  });

  afterEach(async () => {
    await context?.close();
    expect(problems, 'browser console problems').toEqual([]);
  });

  const signIn = async (who: { email: string; password: string }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(who.email);
  };
  const header = () => page.locator('header.site-header');
  const exposureRow = () => page.locator(`tr[data-asset="${ASSET}"][data-vuln="${LOG4SHELL}"]`);
  const shoot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `ui-${name}.png`), fullPage: true });
  };

  it('adds a webhook and an e-mail channel in the portal, the webhook’s secret shown once', async () => {
    await signIn(server.demo.subscriber);
    await header().getByRole('link', { name: 'Subscriber portal' }).click();
    await page.waitForURL('**/subscriber');
    await page.getByRole('navigation', { name: 'Subscriber portal' }).getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL('**/subscriber/notifications');

    const form = page.getByRole('form', { name: 'Add a channel' });
    await form.getByLabel('Webhook URL').fill(hook!.url);
    const webhookAnswer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/subscriber/channels'));
    await form.getByRole('button', { name: 'Add channel' }).click();
    const created = (await (await webhookAnswer).json()) as { id: string; cursor: string };
    const secret = await page.getByLabel('Webhook secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    channels.webhook = { id: created.id, cursor: created.cursor, secret };
    await page.getByRole('button', { name: 'I have stored it safely' }).click();
    expect(await page.getByTestId('channel-secret').count()).toBe(0);

    await form.getByRole('button', { name: 'E-mail' }).click();
    await form.getByLabel('E-mail address').fill(MAILBOX);
    const emailAnswer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/subscriber/channels'));
    await form.getByRole('button', { name: 'Add channel' }).click();
    const email = (await (await emailAnswer).json()) as { id: string; cursor: string; secret: string | null };
    expect(email.secret).toBeNull();
    channels.email = { id: email.id, cursor: email.cursor };

    await page.locator(`li.channel[data-channel="${MAILBOX}"]`).waitFor();
    expect(await page.locator(`li.channel[data-channel="${hook!.url}"]`).getAttribute('data-kind')).toBe('webhook');
    // the secret is never listed again
    expect(await page.locator('section', { hasText: 'Channels' }).first().textContent()).not.toContain(secret);
  });

  it('registers a publicly exposed asset with its SBOM and shows the Log4Shell exposure with its BOD 26-04 due date', async () => {
    await signIn(server.demo.subscriber);
    await page.goto('/subscriber/assets');
    const form = page.getByRole('form', { name: 'Register an asset' });
    await form.getByLabel('SBOM file').setInputFiles({ name: `${ASSET}.cdx.json`, mimeType: 'application/json', buffer: Buffer.from(SBOM) });
    expect(await form.getByLabel('Asset name').inputValue()).toBe(ASSET);
    await form.getByLabel('Type').selectOption('service');
    await form.getByLabel('Publicly exposed').check();
    await form.getByLabel('Mission prevalence').selectOption('essential');
    await form.getByLabel('Public well-being impact').selectOption('material');
    await form.getByRole('button', { name: 'Register asset' }).click();
    await expect.poll(() => page.getByTestId('asset-stored').textContent()).toContain(`Registered ${ASSET} with 1 component (SBOM version 1)`);
    await page.locator(`.assets-table tr[data-asset="${ASSET}"]`).waitFor();
    await shoot('subscriber-assets');

    // The worker turns the SBOM into exposures and notifications; the page shows them once it has.
    await page.getByRole('navigation', { name: 'Subscriber portal' }).getByRole('link', { name: 'My exposures' }).click();
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByTestId('exposure-stats').waitFor();
        return exposureRow().count();
      }, { timeout: 20_000, interval: 500 })
      .toBe(1);
    const row = exposureRow();
    // KEV 2021-12-10 × publicly exposed × automatable × total impact: 3 days and forensics, from the KEV date (calendar days)
    expect(await row.locator('.cell-bod').textContent()).toBe('3 days & forensic investigation');
    expect(await row.locator('[data-due]').getAttribute('data-due')).toBe('2021-12-13');
    expect(await row.locator('[data-binding]').textContent()).toBe('guidance');
    expect(await row.locator('[data-due]').getAttribute('data-due-state')).toBe('overdue');
    expect(await row.getAttribute('class')).toContain('row-overdue');
    expect(await row.locator('[data-cisa]').getAttribute('data-cisa')).toBe('Act');
    expect(await row.locator('.exposure-components').textContent()).toMatch(/log4j-core\s*2\.14\.1 → .*\b2\.15\.0\b/);
    expect(await row.getByRole('link', { name: LOG4SHELL }).getAttribute('href')).toBe(`/vulns/${LOG4SHELL}`);
    // the agency's identical asset is not the hospital's business
    expect(await page.locator('tr[data-asset="licensing"]').count()).toBe(0);
    await shoot('subscriber-exposures');
  });

  it('delivers exactly the hospital’s notifications once each: signed webhooks, and e-mail with the due date', async () => {
    const db = server.ctx.conn.db;
    const hospital = await db.selectFrom('orgs').select('id').where('slug', '=', 'valley-hospital').executeTakeFirstOrThrow();
    const sendable = async () =>
      (await db.selectFrom('notifications').select(['id', 'urgency']).where('org_id', '=', hospital.id).where('urgency', '<>', 'digest-item').orderBy('id').execute()).map((n) => String(n.id));
    // done when both channels have passed everything the hospital was sent
    await expect
      .poll(async () => {
        const last = (await sendable()).at(-1) ?? '0';
        const rows = await db.selectFrom('channels').select(['cursor']).where('org_id', '=', hospital.id).execute();
        return rows.length === 2 && rows.every((c) => Number(c.cursor) >= Number(last)) && (hook?.received.length ?? 0) > 0;
      }, { timeout: 20_000, interval: 250 })
      .toBe(true);

    const expectedFor = async (cursor: string) => (await sendable()).filter((id) => Number(id) > Number(cursor)).map((id) => `aicc-n${id}`).sort();
    const webhook = channels.webhook!;
    const deliveries = hook!.received.map((r) => ({ r, v: verifyWebhook({ secret: webhook.secret, body: r.body, headers: r.headers, now: r.at }) }));
    expect(deliveries.filter((d) => !d.v.ok).map((d) => (d.v.ok ? '' : d.v.message))).toEqual([]);
    const ids = deliveries.map((d) => (d.v.ok ? d.v.deliveryId : ''));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(await expectedFor(webhook.cursor));
    const bodies = hook!.received.map((r) => JSON.parse(r.body) as Notification);
    expect(bodies.every((n) => n.org === 'valley-hospital')).toBe(true);
    expect(bodies.flatMap((n) => n.body.assets.map((a) => a.name)).every((name) => ['permits-portal', 'radiology-pacs'].includes(name))).toBe(true);
    const log4shell = bodies.find((n) => n.vulnId === LOG4SHELL);
    expect(log4shell?.urgency).toBe('immediate');
    expect(log4shell?.body.assets.map((a) => [a.name, a.due, a.binding, a.bod])).toEqual([[ASSET, '2021-12-13', false, '3 days & forensic investigation']]);

    const mails = smtp!.messages.filter((m) => m.rcpt.includes(MAILBOX));
    const mailIds = mails.map((m) => mailHeader(m.raw, 'X-AICC-Delivery') ?? '');
    expect(new Set(mailIds).size).toBe(mailIds.length);
    expect([...mailIds].sort()).toEqual(await expectedFor(channels.email!.cursor));
    const mail = mails.find((m) => mailText(m.raw).includes(LOG4SHELL));
    const text = mailText(mail?.raw ?? '');
    expect(text).toContain(`${ASSET} \u2014 service, publicly exposed`);
    expect(text).toContain('Due: 2021-12-13, the BOD 26-04 timeline as guidance');
    expect(smtp!.messages.every((m) => m.rcpt.every((r) => r === MAILBOX))).toBe(true);

    // the portal's feed and channels say the same
    await signIn(server.demo.subscriber);
    await page.goto('/subscriber/notifications');
    const item = page.locator(`.feed-item[data-vuln="${LOG4SHELL}"]`).first();
    await item.waitFor();
    expect(await item.getAttribute('data-urgency')).toBe('immediate');
    expect(await item.getByTestId('feed-due').textContent()).toBe('2021-12-13');
    expect(await item.locator('.badge-tlp').textContent()).toMatch(/^TLP:/);
    expect(await page.locator(`li.channel[data-channel="${MAILBOX}"] [data-testid="channel-delivered"]`).textContent()).toBe(String(mails.length));
    expect(await page.locator(`li.channel[data-channel="${hook!.url}"]`).getAttribute('data-health')).toBe('ok');
    await page.getByText('None: every notification reached its channels.').waitFor();
    await shoot('subscriber-notifications');
  });

  it('records a remediation reported in the portal, with its history', async () => {
    await signIn(server.demo.subscriber);
    await page.goto('/subscriber');
    await exposureRow().getByRole('button', { name: `Remediation of ${LOG4SHELL} on ${ASSET}` }).click();
    const form = page.getByRole('form', { name: `Remediation of ${LOG4SHELL} on ${ASSET}` });
    // not affected needs a justification: said before anything is sent
    await form.getByLabel('Status').selectOption('not_affected');
    await form.getByRole('button', { name: 'Report' }).click();
    await form.getByText('Not affected needs a VEX justification.').waitFor();
    await form.getByLabel('Status').selectOption('fixed');
    await form.getByLabel('Statement').fill('Upgraded log4j-core to 2.17.1 and rotated credentials; forensic review found no compromise.');
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/remediation'));
    await form.getByRole('button', { name: 'Report' }).click();
    expect((await put).status()).toBe(200);
    await expect.poll(() => page.getByTestId('remediation-status').textContent()).toBe(`${LOG4SHELL} on ${ASSET}: reported fixed.`);
    // no longer open; with the resolved ones it shows as fixed, its report in the history
    await expect.poll(() => exposureRow().count()).toBe(0);
    await page.getByRole('button', { name: 'All, with resolved' }).click();
    await expect.poll(() => exposureRow().locator('[data-status]').getAttribute('data-status')).toBe('fixed');
    await exposureRow().getByRole('button', { name: `Remediation of ${LOG4SHELL} on ${ASSET}` }).click();
    const history = page.getByTestId('remediation-history');
    await history.waitFor();
    expect(await history.locator('li').first().getAttribute('data-status')).toBe('fixed');
    expect(await history.textContent()).toContain('(ui)');
    await shoot('subscriber-remediation');

    // the asset's own page: its context, its SBOM version, the exposure as remediated
    await exposureRow().getByRole('link', { name: ASSET }).click();
    await page.waitForURL(`**/subscriber/assets/${ASSET}`);
    await page.getByRole('heading', { name: ASSET, level: 1 }).waitFor();
    expect(await page.getByTestId('asset-context').locator('[data-exposed]').textContent()).toBe('yes');
    expect(await page.locator('tr[data-sbom-version="1"]').textContent()).toContain('CycloneDX 1.5');
    await expect.poll(() => page.locator(`tr[data-vuln="${LOG4SHELL}"] [data-status]`).getAttribute('data-status')).toBe('fixed');
    await shoot('subscriber-asset');
  });

  it('shows the operator the remediated exposure on the metrics page', async () => {
    await signIn(server.demo.operator);
    await header().getByRole('link', { name: 'Distribution' }).click();
    await page.waitForURL('**/distribution');
    await page.getByTestId('metrics-overall').waitFor();
    expect(await page.getByTestId('metric-remediated').textContent()).toBe('1');
    const hospital = page.locator('.by-subscriber tr[data-scope-key="valley-hospital"]');
    expect(await hospital.getByTestId('scope-remediated').textContent()).toBe('1');
    expect(await page.locator('.by-subscriber tr[data-scope-key="state-agency"] [data-testid="scope-remediated"]').textContent()).toBe('0');
    expect(await page.locator('[data-series][data-value]').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="chart-status"] g[data-key="fixed"] [data-value]').getAttribute('data-value')).toBe('1');
    expect(await page.getByTestId('dead-letters-waiting').textContent()).toBe('0');
    const csv = await page.locator('a[data-csv="exposures"]').getAttribute('href');
    expect(csv).toBe('/api/v1/metrics.csv?table=exposures');
    const body = await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), csv!);
    expect(body.split('\r\n')[0]).toMatch(/^scope,key,total,open,overdue,remediated,/);
    expect(body).toMatch(/\r\nsubscriber,valley-hospital,\d+,\d+,\d+,1,/);
    await shoot('distribution');

    // and the hospital's portal as the operator sees it, reached from the table
    await hospital.getByRole('link', { name: 'valley-hospital' }).click();
    await page.waitForURL((u) => u.pathname === '/subscriber' && u.searchParams.get('org') === 'valley-hospital');
    expect(await page.getByTestId('portal-org').textContent()).toBe('valley-hospital');
    await page.getByTestId('exposure-stats').waitFor();
  });
});
