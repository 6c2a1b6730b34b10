import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_PASSWORD } from '../../src/app/demo-data.js';
import { DEMO_NATIVE, DEMO_ORACLE, DEMO_POC, DEMO_SARIF, DEMO_TARGETS } from '../../src/app/demo-findings.js';
import { startJobs, type Jobs } from '../../src/jobs/index.js';
import { REPRODUCE_QUEUE } from '../../src/jobs/reproduce.js';
import { sandboxAvailability, sandboxSuite } from '../../src/sandbox/sandbox.testing.js';
import { injector, json, signIn as apiSignIn, type Inject } from '../api/helpers.js';
import { CORPUS } from '../db.js';
import type { TestServer } from '../server.js';
import { browserAvailability, browserSuite } from './chromium.js';

/** Set to a directory (e.g. /tmp) to save screenshots of the queue, the case and the portal. */
const SCREENSHOTS = process.env.AICC_SCREENSHOTS;

/** SSVC's coordinator triage table, read in place from the shared corpus (absent: the triage step is skipped, saying so). */
const TRIAGE_TABLE = join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables', 'ssvc', 'coordinator_triage_1_0_0.json');
/** The demo's independent researcher, who reports the lab's title bug again by native JSON with a PoC. */
const RESEARCHER = { slug: 'open-research', email: DEMO_ORGS.find((o) => o.slug === 'open-research')!.user.email, password: DEMO_PASSWORD };
/** The lab's model run over Acme's packages (src/app/demo-findings.ts), uploaded as a file. */
const UPLOAD = 'frontier-model-x.sarif';
const [AFFECTED, FIXED] = DEMO_TARGETS.map((t) => t.name) as [string, string];
/** What the demo PoC prints: the link title breaks out of its attribute in 2.3.0 and stays quoted in 2.3.1. */
const AFFECTED_STDOUT = `<a href="https://example.org" title="x" onmouseover="alert(1)">docs</a>\n${DEMO_ORACLE.text}\n`;
const FIXED_STDOUT = '<a href="https://example.org" title="x&quot; onmouseover=&quot;alert(1)">docs</a>\n';
const VERDICT_REASON = 'Reproduced in the sandbox: a quote in the link title adds an onmouseover attribute in 2.3.0; 2.3.1 escapes it.';

const availability = browserAvailability();
const sandbox = sandboxAvailability();

describe.runIf(availability.run)('triage and the reporter portal (Chromium)', () => {
  const suite = browserSuite(availability);
  const { signIn } = suite;
  let page: Page;
  let demo: TestServer['demo'];
  let inject: Inject;
  let analyst: Record<string, string>;
  /** the title bug's case, where the researcher's report joined the lab's; the lab's other cases */
  let shared: string;
  let traversal: string;
  let stackTrace: string;

  beforeAll(async () => {
    // The suite's own beforeAll (registered first) has started the server.
    inject = injector(suite.server);
    analyst = await apiSignIn(inject, suite.server.demo.operator.email, suite.server.demo.operator.password);
  });

  beforeEach(() => {
    page = suite.page;
    demo = suite.server.demo;
  });

  const header = () => page.locator('header.site-header');
  const queueRow = (caseId: string) => page.locator(`.cases-table tbody tr[data-case="${caseId}"]`);
  const finding = (reporter: string) => page.locator(`.finding[data-reporter="${reporter}"]`);

  /** Opens a case from the queue (or the portal's list) by its link. */
  const openCase = async (caseId: string) => {
    await queueRow(caseId).getByRole('link').click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByRole('heading', { name: caseId, level: 1 }).waitFor();
  };

  /** Signs the analyst in and opens the case from the triage queue. */
  const openAsAnalyst = async (caseId: string) => {
    await signIn(demo.operator);
    await header().getByRole('link', { name: 'Triage' }).click();
    await page.getByRole('heading', { name: 'Triage queue', level: 1 }).waitFor();
    await openCase(caseId);
  };

  it('takes an AI lab’s SARIF log through the portal, one case per root cause, and collapses a second report of the same bug into its case', async () => {
    await signIn(demo.reporter);
    await header().getByRole('link', { name: 'Reporter portal' }).click();
    await page.getByRole('heading', { name: 'Reporter portal', level: 1 }).waitFor();
    await page.getByText('Nothing submitted yet').waitFor();

    const upload = page.getByRole('form', { name: 'Upload findings' });
    await upload.getByLabel('Findings file').setInputFiles({ name: UPLOAD, mimeType: 'application/sarif+json', buffer: Buffer.from(JSON.stringify(DEMO_SARIF)) });
    await upload.getByLabel('Format').selectOption('sarif');
    expect(await upload.getByLabel('Idempotency key').inputValue()).toMatch(/^sub-/);
    await upload.getByRole('button', { name: 'Submit findings' }).click();
    const receipt = page.getByTestId('upload-receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toContain(`Received ${UPLOAD}: 3 findings, 3 opening a new case, 0 joining an existing one.`);
    const cases = await receipt.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case') ?? ''));
    expect(new Set(cases).size).toBe(3);
    [shared, traversal, stackTrace] = cases as [string, string, string];
    await page.locator(`[data-testid="submissions"] tr[data-submission="${UPLOAD}"]`).waitFor();

    // An independent researcher reports the title bug again, by native JSON with a PoC: same package, file, line and CWE.
    const researcher = await apiSignIn(inject, RESEARCHER.email, RESEARCHER.password);
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?name=osr-2026-0042.json', headers: { ...researcher, ...json, 'idempotency-key': 'osr-0042' }, payload: DEMO_NATIVE });
    expect(res.statusCode, res.body).toBe(201);
    const [dup] = res.json<{ findings: Array<{ caseId: string; status: string; reason: string }> }>().findings;
    expect(dup).toMatchObject({ status: 'duplicate', reason: 'location', caseId: shared });
  });

  it('lets an analyst triage: the queue by priority, the merged case with its PoC, and SSVC triage', async () => {
    const corpus = existsSync(TRIAGE_TABLE);
    if (corpus) {
      const loaded = await inject({ method: 'PUT', url: '/api/v1/decision-tables', headers: { ...analyst, ...json }, payload: readFileSync(TRIAGE_TABLE, 'utf8') });
      expect(loaded.statusCode, loaded.body).toBe(200);
    } else {
      console.log(`SKIPPED the SSVC triage step: ${TRIAGE_TABLE} not found (the shared corpus is absent)`);
    }

    await signIn(demo.operator);
    await header().getByRole('link', { name: 'Triage' }).click();
    await page.getByRole('heading', { name: 'Triage queue', level: 1 }).waitFor();
    await queueRow(shared).waitFor();
    // the claimed severity leads: critical, high, then the medium title bug (+8 for its second reporter)
    const order = await page.locator('.cases-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
    expect(order).toEqual([stackTrace, traversal, shared]);
    const scores = (await page.getByTestId('priority').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await queueRow(shared).getByTestId('reporters').textContent()).toBe('2');
    expect(await queueRow(shared).getByTestId('priority').getAttribute('title')).toMatch(/^\d+ = .*\+8 2 reporters/);
    await page.locator(`[data-testid="reporters-table"] tr[data-reporter="${RESEARCHER.slug}"]`).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-cases-queue.png`, fullPage: true });

    await openCase(shared);
    expect(await page.getByTestId('case-reporters').locator('li').evaluateAll((li) => li.map((l) => l.getAttribute('data-reporter')))).toEqual(['frontier-lab', RESEARCHER.slug]);
    await finding('frontier-lab').waitFor();
    expect(await finding('frontier-lab').locator('[data-reason]').getAttribute('data-reason')).toBe('new');
    const dedup = finding(RESEARCHER.slug).getByTestId('dedup');
    expect(await dedup.locator('[data-reason]').getAttribute('data-reason')).toBe('location');
    expect(await dedup.textContent()).toMatch(/same location as .*pkg:npm\/acme-markdown index\.js, line 8 vs 8, CWE-79/);
    await page.locator('[data-indicator="several-reporters"]').waitFor();
    await page.locator('[data-indicator="has-poc"]').waitFor();
    expect(await page.locator('[data-indicator="reproduced"]').count()).toBe(0);

    // The PoC shows as text in the page, fetched; the browser never navigates to the reporter's bytes.
    await finding(RESEARCHER.slug).getByRole('button', { name: 'Show poc.js' }).click();
    await expect.poll(() => page.getByTestId('poc-text').textContent()).toBe(DEMO_POC);
    expect(new URL(page.url()).pathname).toBe(`/cases/${shared}`);

    if (corpus) {
      // The table's own row: not public, supplier contacted, credible, one supplier, unresponsive, efficient, minimal → Coordinate.
      const triage = page.getByRole('form', { name: 'SSVC coordinator triage' });
      // Report Credibility comes prefilled with the indicators' suggestion.
      expect(await triage.locator('select[data-point="RC"]').inputValue()).toBe('C');
      for (const [point, value] of Object.entries({ RP: 'N', SCON: 'Y', SC: 'O', SE: 'U', U: 'E', PSI: 'M' })) {
        await triage.locator(`select[data-point="${point}"]`).selectOption(value);
      }
      await triage.getByRole('button', { name: 'Save triage' }).click();
      await expect.poll(() => page.getByTestId('case-message').textContent()).toBe('Recorded SSVC triage: Coordinate.');
      await expect.poll(() => page.getByTestId('triage-outcome').textContent()).toBe('Coordinate');
    } else {
      await page.getByTestId('no-triage-table').waitFor();
    }
    // still open: the analyst reproduces before deciding
    expect(await page.locator('.case-head [data-status]').first().getAttribute('data-status')).toBe('new');
  });

  describe.runIf(sandbox.run)('reproducing the PoC in the sandbox through the job queue', () => {
    sandboxSuite(sandbox);
    let jobs: Jobs | undefined;
    const jobSchema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

    beforeAll(async () => {
      // The server queues through the jobs started for its context (jobsFor); this process runs the worker, as `serve` does.
      jobs = await startJobs(suite.server.ctx, { workers: true, schema: jobSchema });
    });

    afterAll(async () => {
      await jobs?.stop();
      await sql`DROP SCHEMA IF EXISTS ${sql.id(jobSchema)} CASCADE`.execute(suite.server.ctx.conn.db);
    });

    it('runs the PoC against the affected and the fixed version and shows the verdict with each run’s output', { timeout: 120_000 }, async () => {
      // The versions the PoC runs against, stored by an analyst as files.
      for (const target of DEMO_TARGETS) {
        const files = target.files.map((f) => ({ path: f.path, content: Buffer.from(f.content).toString('base64') }));
        const put = await inject({ method: 'PUT', url: `/api/v1/repro-targets/${encodeURIComponent(target.name)}`, headers: { ...analyst, ...json }, payload: { files } });
        expect(put.statusCode, put.body).toBe(201);
      }

      await openAsAnalyst(shared);
      const panel = page.getByRole('region', { name: 'Reproductions' });
      await panel.getByText('No reproduction run yet.').waitFor();
      const form = panel.getByRole('form', { name: 'Request a reproduction' });
      // only the finding that attaches a PoC is offered
      expect(await form.getByLabel('Finding').locator('option').allTextContents()).toEqual(['OSR-2026-0042 · Open Security Research · poc.js']);
      await form.getByLabel('Affected target').selectOption(AFFECTED);
      await form.getByLabel('Fixed target').selectOption(FIXED);
      await form.getByLabel('Oracle').selectOption('marker');
      await form.getByLabel('Marker text').fill(DEMO_ORACLE.text);
      await form.getByRole('button', { name: 'Run reproduction' }).click();
      await expect.poll(() => panel.getByRole('status').textContent()).toBe(`Queued a reproduction against ${AFFECTED} and ${FIXED}.`);

      // The worker takes the job from pg-boss and runs both versions in bubblewrap; the panel polls until the verdict.
      const run = panel.locator('[data-reproduction]');
      await run.locator('[data-verdict]').waitFor({ timeout: 60_000 });
      expect(await run.count()).toBe(1);
      expect(await run.getAttribute('data-status')).toBe('done');
      expect(await run.locator('[data-verdict]').getAttribute('data-verdict')).toBe('fixed-version-clean');
      expect(await run.locator('[data-verdict]').textContent()).toBe('Fixed version clean');
      expect(await run.locator('.repro-head').textContent()).toContain(`marker “${DEMO_ORACLE.text}” · /usr/bin/node poc.js`);
      expect(await run.locator('.repro-reason').textContent()).toBe('triggered on the affected version, not on the fixed version');
      const id = await run.getAttribute('data-reproduction');
      await expect.poll(async () => (await jobs!.boss.getJobById(REPRODUCE_QUEUE, id!))?.state).toBe('completed');

      const outputs = run.locator('.repro-run');
      expect(await outputs.count()).toBe(2);
      const [affected, fixed] = [outputs.nth(0), outputs.nth(1)];
      expect(await affected.locator('div.small').first().textContent()).toMatch(new RegExp(`^Affected \\(${AFFECTED}\\): triggered · exit 0 · `));
      expect(await fixed.locator('div.small').first().textContent()).toMatch(new RegExp(`^Fixed \\(${FIXED}\\): not-triggered · exit 0 · `));
      for (const [side, stdout] of [[affected, AFFECTED_STDOUT], [fixed, FIXED_STDOUT]] as const) {
        await side.getByText(/^stdout \(\d+ characters\)$/).click();
        const pre = side.locator('details').first().locator('pre');
        await pre.waitFor({ state: 'visible' });
        expect(await pre.textContent()).toBe(stdout);
        expect(await side.locator('details').nth(1).locator('pre').textContent()).toBe('(empty)');
      }

      // The finished run moves the case: the credibility indicator, the priority and the timeline.
      await page.locator('[data-indicator="reproduced"]').waitFor();
      await expect.poll(() => page.getByTestId('case-priority').getAttribute('title')).toContain('+25 fixed-version-clean');
      expect(await page.getByTestId('timeline').locator('li[data-kind="reproduction"]').textContent()).toContain('Reproduction: Fixed version clean');
      expect(await page.locator('.case-head [data-status]').first().getAttribute('data-status')).toBe('new');
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-case-reproduction.png`, fullPage: true });
    });
  });

  it('lets the analyst confirm the case with a verdict', async () => {
    await openAsAnalyst(shared);
    const verdict = page.getByRole('form', { name: 'Verdict' });
    await verdict.getByLabel('Verdict', { exact: true }).selectOption('confirmed');
    await verdict.getByLabel('Reason').fill(VERDICT_REASON);
    await verdict.getByRole('button', { name: 'Record verdict' }).click();
    await expect.poll(() => page.locator('.case-head [data-status]').first().getAttribute('data-status')).toBe('confirmed');
    expect(await page.getByTestId('case-verdict').textContent()).toContain(VERDICT_REASON);
    expect(await page.getByTestId('timeline').locator('li[data-kind="verdict"]').textContent()).toContain('Verdict: Confirmed');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-case.png`, fullPage: true });
  });

  it('shows the reporter its submission, the receipt and the case confirmed, without the other reporter', async () => {
    await signIn(demo.reporter);
    await header().getByRole('link', { name: 'Reporter portal' }).click();
    const mine = page.locator(`[data-testid="submissions"] tr[data-submission="${UPLOAD}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('sarif');
    await expect.poll(() => queueRow(shared).locator('[data-status]').getAttribute('data-status')).toBe('confirmed');
    expect(await queueRow(traversal).locator('[data-status]').getAttribute('data-status')).toBe('new');
    expect(await page.locator('.cases-table tbody tr').count()).toBe(3);
    // the lab sees that its finding was reproduced (when the sandbox ran), not how: the runs are the other reporter's
    if (sandbox.run) expect(await queueRow(shared).locator('[data-verdict]').getAttribute('data-verdict')).toBe('fixed-version-clean');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-portal.png`, fullPage: true });

    await mine.getByRole('link', { name: `Receipt for ${UPLOAD}` }).click();
    await page.getByRole('heading', { name: `Receipt for ${UPLOAD}` }).waitFor();
    const receipt = page.getByTestId('receipt');
    await expect.poll(() => receipt.locator(`tr[data-case="${shared}"] [data-status]`).getAttribute('data-status')).toBe('confirmed');
    expect(await receipt.locator(`tr[data-case="${traversal}"] [data-status]`).getAttribute('data-status')).toBe('new');
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-receipt.png`, fullPage: true });

    await receipt.locator(`tr[data-case="${shared}"]`).getByRole('link', { name: shared }).click();
    await page.getByRole('heading', { name: shared, level: 1 }).waitFor();
    expect(await page.getByTestId('case-verdict').textContent()).toContain(VERDICT_REASON);
    expect(await page.locator('.finding').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-reporter')))).toEqual(['frontier-lab']);
    expect(await page.getByTestId('other-reporters').textContent()).toContain('1 other reporter');
    // Analysts' material stays with analysts: no verdict form, priority or the other reporter's PoC runs.
    expect(await page.getByRole('form', { name: 'Verdict' }).count()).toBe(0);
    expect(await page.getByTestId('case-priority').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Reproductions' }).count()).toBe(0);
    if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/aicc-case-reporter.png`, fullPage: true });
  });
});
