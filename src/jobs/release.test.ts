import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injector, json, secondProcess as openSecondProcess, signIn, type Inject } from '../../test/api/helpers.js';
import { backends } from '../../test/db.js';
import { startTestServer, type TestServer } from '../../test/server.js';
import type { AppContext } from '../app/context.js';
import { releaseDue } from '../app/releases.js';
import { startJobs, type Jobs } from './index.js';
import { RELEASE_QUEUE } from './release.js';

/** Distinct findings (package, file, weakness, wording), so each opens a case of its own. */
const FINDINGS = {
  a: { title: 'Heap overflow in the PNG decoder', description: 'Crafted chunk lengths make the decoder write past its pixel buffer.', purl: 'pkg:npm/acme-imaging', file: 'src/png.js', cwe: 'CWE-787' },
  b: { title: 'SQL injection in the report filter', description: 'The filter expression is concatenated into the WHERE clause unescaped.', purl: 'pkg:npm/acme-reports', file: 'lib/filter.js', cwe: 'CWE-89' },
  c: { title: 'Prototype pollution when merging settings', description: 'A __proto__ key in user settings reaches Object.prototype through deep merge.', purl: 'pkg:npm/acme-config', file: 'merge.js', cwe: 'CWE-1321' },
  d: { title: 'Timing leak comparing session tokens', description: 'Tokens are compared with === so response time reveals the matching prefix.', purl: 'pkg:npm/acme-auth', file: 'session/compare.js', cwe: 'CWE-208' },
  e: { title: 'Unbounded recursion on YAML aliases', description: 'Nested anchors expand without a limit and exhaust the stack.', purl: 'pkg:npm/acme-yaml', file: 'loader/alias.js', cwe: 'CWE-674' },
  f: { title: 'Open redirect after sign-in', description: 'The next parameter accepts absolute URLs to any host.', purl: 'pkg:npm/acme-portal', file: 'routes/login.js', cwe: 'CWE-601' },
} as const;
type Key = keyof typeof FINDINGS;

describe.each(backends())('scheduled vendor releases on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let lab: Record<string, string>;
  let analyst: Record<string, string>;
  let vendorId: string;
  const cases = {} as Record<Key, string>;
  const schema = `pgboss_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const runners: Jobs[] = [];
  const closers: Array<() => Promise<void>> = [];

  const db = () => server.ctx.conn.db;
  const submit = async (key: Key, severity: string) => {
    const f = FINDINGS[key];
    const body = JSON.stringify({
      findings: [{
        id: `rel-${key}`, title: f.title, description: f.description, package: { purl: f.purl, versions: '1.0.0' },
        location: { file: f.file, startLine: 10 }, cwe: [f.cwe], severity, provenance: { tool: 'model-x', toolVersion: '2026.11', runId: 'run-rel' },
      }],
    });
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...lab, ...json, 'idempotency-key': `release-${key}` }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json<{ findings: Array<{ caseId: string; status: string }> }>();
    expect(receipt.findings[0]).toMatchObject({ status: 'new-case' });
    cases[key] = receipt.findings[0]!.caseId;
  };
  const confirm = async (key: Key) => {
    const res = await inject({ method: 'POST', url: `/api/v1/cases/${cases[key]}/verdict`, headers: { ...analyst, ...json }, payload: { verdict: 'confirmed', reason: 'reproduced by hand' } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const capacity = async (casesPerWeek: number) => {
    const res = await inject({ method: 'PUT', url: '/api/v1/vendors/acme-software', headers: { ...analyst, ...json }, payload: { prefixes: ['pkg:npm/acme-'], casesPerWeek } });
    expect(res.statusCode, res.body).toBe(200);
    vendorId = res.json<{ orgId: string }>().orgId;
  };
  /** which of these cases the vendor has, each with how many release events its timeline holds */
  const released = async (...keys: Key[]) => {
    const { rows } = await sql<{ case_id: string; events: number }>`
      SELECT r.case_id, (SELECT count(*)::int FROM case_events e WHERE e.case_id = r.case_id AND e.kind = 'release') AS events
      FROM case_releases r WHERE r.vendor_org_id = ${vendorId}`.execute(db());
    const byCase = new Map(rows.map((r) => [r.case_id, r.events]));
    return Object.fromEntries(keys.filter((k) => byCase.has(cases[k])).map((k) => [k, byCase.get(cases[k])]));
  };
  const runs = async (...states: Array<'created' | 'retry' | 'active' | 'completed' | 'failed'>) => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${schema}.job`)} WHERE name = ${RELEASE_QUEUE} AND state IN (${sql.join(states)})`.execute(db());
    return rows[0]!.n;
  };
  /** The week moves on: every release so far happened 8 days ago. */
  const weekPasses = () => sql`UPDATE case_releases SET released_at = released_at - interval '8 days'`.execute(db());
  /** A second process on this database: its own pool on PostgreSQL; on PGlite (one process per data directory) the same connection. */
  const secondProcess = async (): Promise<AppContext> => {
    const other = await openSecondProcess(server);
    closers.push(other.close);
    return other.ctx;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false, env: { AICC_RELEASE_INTERVAL_SECONDS: '1' } });
    inject = injector(server);
    lab = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    analyst = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
  });
  afterAll(async () => {
    for (const jobs of runners) await jobs.stop();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db());
    for (const close of closers) await close();
    await server.close();
  });

  it('releases a case held back by a full week once a slot frees, without anyone acting', async () => {
    await capacity(1);
    await submit('a', 'high');
    await submit('b', 'high');
    await confirm('a');
    await confirm('b');
    // a took the week's one slot when it was confirmed; b waits
    expect(await released('a', 'b')).toEqual({ a: 1 });

    runners.push(await startJobs(server.ctx, { workers: true, schema }));
    // the schedule runs (a second after the runner starts, then every second), but the week is still full
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await released('a', 'b')).toEqual({ a: 1 });

    await weekPasses();
    await expect.poll(() => released('a', 'b'), { timeout: 15_000 }).toEqual({ a: 1, b: 1 });
    const { rows } = await sql<{ actor: string }>`SELECT actor FROM case_events WHERE case_id = ${cases.b} AND kind = 'release'`.execute(db());
    expect(rows).toEqual([{ actor: 'system' }]);
    // the scheduled run that did it says so in its output (once pg-boss has marked it completed)
    const releasing = async () => (await sql<{ released: number }>`SELECT (output->>'released')::int AS released FROM ${sql.table(`${schema}.job`)}
      WHERE name = ${RELEASE_QUEUE} AND state = 'completed' AND (output->>'released')::int > 0`.execute(db())).rows;
    await expect.poll(releasing, { timeout: 5_000 }).toEqual([{ released: 1 }]);
    // a went to the vendor 8 days ago and was never acknowledged (the SLA is 7 days): a scheduled run reminds, once today
    const notices = async (kind: string) => (await sql<{ actor: string }>`SELECT actor FROM case_events WHERE case_id = ${cases.a} AND kind = ${kind}`.execute(db())).rows;
    await expect.poll(() => notices('reminder'), { timeout: 15_000 }).toEqual([{ actor: 'system' }]);
    const later = await runs('completed');
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(later + 2);
    expect(await notices('reminder')).toHaveLength(1);
    expect(await notices('escalation')).toEqual([]);
    expect(await runs('failed')).toBe(0);
  });

  it('fills each freed slot once with two runners on one database, most urgent first', async () => {
    // b (released just now) fills one of two slots; c takes the other when it is confirmed; d, e, f wait
    await capacity(2);
    for (const [key, severity] of [['c', 'medium'], ['d', 'critical'], ['e', 'high'], ['f', 'low']] as const) await submit(key, severity);
    for (const key of ['c', 'd', 'e', 'f'] as const) await confirm(key);
    expect(await released('c', 'd', 'e', 'f')).toEqual({ c: 1 });

    const other = await secondProcess();
    runners.push(await startJobs(other, { workers: true, schema }));
    // the second runner's first run was dropped if one was already waiting: never more than one run waits
    expect(await runs('created')).toBeLessThanOrEqual(1);
    const before = await runs('completed');
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
    expect(await released('d', 'e', 'f')).toEqual({});

    await weekPasses();
    // two slots free; the runners race for them, and so (as runs that meet would: a retry beside the next turn)
    // do two direct runs from both processes at once. Each counts again under the lock.
    const direct = await Promise.all([releaseDue(server.ctx), releaseDue(other)]);
    expect(direct[0] + direct[1]).toBeLessThanOrEqual(2);
    await expect.poll(() => released('d', 'e', 'f'), { timeout: 15_000 }).toEqual({ d: 1, e: 1 });
    // later runs from either runner find the week full again
    const settled = await runs('completed');
    await expect.poll(() => runs('completed'), { timeout: 15_000 }).toBeGreaterThanOrEqual(settled + 3);
    expect(await released('d', 'e', 'f')).toEqual({ d: 1, e: 1 });
    expect(await runs('created')).toBeLessThanOrEqual(1);
    expect(await runs('failed')).toBe(0);
  });

  it('stops both runners cleanly, leaving a run queued for whoever starts next', async () => {
    for (const jobs of runners.splice(0)) await jobs.stop();
    expect(await runs('active')).toBe(0);
    // the chain's next turn (or, had a runner fetched it while stopping, that run waiting to be retried)
    expect(await runs('created', 'retry')).toBeGreaterThanOrEqual(1);
    expect(await runs('created')).toBeLessThanOrEqual(1);
  });
});
