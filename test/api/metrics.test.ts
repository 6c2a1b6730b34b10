import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, deliveryCounters, metricsReport, type MetricsReport, type ScopeMetrics } from '../../src/app/metrics.js';
import type { Actor, Role } from '../../src/domain/access.js';
import { metricsRoutes, prometheusRoutes } from '../../src/http/routes/metrics.js';
import type { Database } from '../../src/store/schema.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, type Inject } from './helpers.js';

const T0 = Date.parse('2026-01-05T00:00:00Z');
/** `h` hours after the first report */
const at = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
/** the instant exposures are aged to: 2026-02-11T17:00Z */
const NOW = new Date('2026-02-11T17:00:00Z');

interface Seeded { orgs: Record<string, string>; notifications: number[] }

/**
 * A known history, every timestamp chosen so that the figures can be worked out by hand:
 * C-1 (two reports, confirmed, acknowledged, fixed, advised, notified to two subscribers — one through
 * an alias), C-2 (confirmed, advised, notified), C-3 (new), C-4 (a duplicate merged into C-1),
 * C-5 (confirmed, embargoed: its exposure must not show in the subscriber's figures).
 */
async function seed(db: Kysely<Database>): Promise<Seeded> {
  const run = (q: ReturnType<typeof sql>) => q.execute(db);
  // the demo seed may grow distribution data; these figures are about this history only
  await run(sql`TRUNCATE cases, exposures, notifications, channels, subscriber_settings CASCADE`);
  await run(sql`INSERT INTO orgs (slug, name, roles) VALUES ('river-bank', 'River Community Bank', '{subscriber}'), ('quiet-utility', 'Quiet Utility', '{subscriber}')`);
  const { rows } = await sql<{ id: string; slug: string }>`SELECT id::text, slug FROM orgs`.execute(db);
  const orgs = Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  const id = (map: Record<string, string>, name: string): string => {
    const found = map[name];
    if (!found) throw new Error(`${name} missing`);
    return found;
  };
  const [valley, river, acme, ops, lab, research] = ['valley-hospital', 'river-bank', 'acme-software', 'aicc-ops', 'frontier-lab', 'open-research'].map((s) => id(orgs, s)) as [string, string, string, string, string, string];

  await run(sql`INSERT INTO subscriber_settings (org_id, sector) VALUES (${valley}, 'healthcare')`);
  // radiology-pacs (demo) has no sector of its own: the organization's; billing has its own; river-bank has none at all
  await run(sql`UPDATE inventories SET sector = NULL WHERE org_id = ${valley}`);
  await run(sql`INSERT INTO inventories (org_id, name, format, spec_version, sha256, components, unmatchable, sector) VALUES
    (${valley}, 'billing', 'cyclonedx', '1.5', 'x', 0, 0, '=SUM(1,2)'),
    (${river}, 'teller', 'cyclonedx', '1.5', 'x', 0, 0, NULL)`);
  const names = Object.fromEntries((await sql<{ id: string; name: string }>`SELECT id::text, name FROM inventories`.execute(db)).rows.map((r) => [r.name, r.id]));
  const inv = { radiology: id(names, 'radiology-pacs'), billing: id(names, 'billing'), teller: id(names, 'teller') };

  await run(sql`INSERT INTO cases (id, title, status, verdict_at, duplicate_of, vuln_id, cve_id) VALUES
    ('C-1', 'one', 'confirmed', ${at(12)}, NULL, 'AICC-2026-0001', 'CVE-2026-1111'),
    ('C-2', 'two', 'confirmed', ${at(30)}, NULL, 'AICC-2026-0002', NULL),
    ('C-3', 'three', 'new', NULL, NULL, NULL, NULL),
    ('C-4', 'four', 'duplicate', ${at(3)}, 'C-1', NULL, NULL),
    ('C-5', 'five', 'confirmed', ${at(50)}, NULL, 'AICC-2026-0003', NULL)`);
  const sub = async (org: string, key: string) =>
    (await sql<{ id: string }>`INSERT INTO submissions (org_id, client_key, name, format, sha256, findings) VALUES (${org}, ${key}, 'x', 'native', 'x', 1) RETURNING id::text`.execute(db)).rows[0]!.id;
  const s1 = await sub(lab, 'metrics-1');
  const s2 = await sub(research, 'metrics-2');
  for (const [submission, org, ext, kase, h] of [[s1, lab, 'a', 'C-1', 0], [s2, research, 'b', 'C-1', 2], [s1, lab, 'c', 'C-2', 0], [s1, lab, 'd', 'C-3', 0], [s1, lab, 'e', 'C-5', 0]] as const) {
    await run(sql`INSERT INTO findings (submission_id, org_id, external_id, case_id, dedup_reason, dedup_score, dedup_explanation, title, record, received_at)
      VALUES (${submission}, ${org}, ${ext}, ${kase}, 'new', 0, '', 't', '{}', ${at(h)})`);
  }
  // the first confirmation counts, not a question before it nor the later re-confirmation in verdict_at; C-5 has only verdict_at
  await run(sql`INSERT INTO case_events (case_id, at, actor, kind, details) VALUES
    ('C-1', ${at(5)}, 'system', 'verdict', '{"verdict":"needs-info"}'),
    ('C-1', ${at(10)}, 'system', 'verdict', '{"verdict":"confirmed"}'),
    ('C-1', ${at(12)}, 'system', 'verdict', '{"verdict":"confirmed"}'),
    ('C-2', ${at(30)}, 'system', 'verdict', '{"verdict":"confirmed"}')`);
  await run(sql`INSERT INTO case_participants (case_id, org_id, role, source, added_by, acknowledged_at) VALUES
    ('C-1', ${acme}, 'vendor', 'auto', 'system', ${at(24)}),
    ('C-1', ${ops}, 'coordinator', 'manual', 'system', ${at(1)}),
    ('C-2', ${acme}, 'vendor', 'auto', 'system', NULL)`);
  await run(sql`INSERT INTO case_vendor_status (case_id, vendor_org_id, status, set_by, set_at) VALUES
    ('C-1', ${acme}, 'fixed', 'system', ${at(100)}), ('C-2', ${acme}, 'affected', 'system', ${at(40)})`);
  await run(sql`INSERT INTO signing_keys (fingerprint, public_key, private_key, created_by) VALUES ('F00D', 'pub', 'priv', 'system') ON CONFLICT DO NOTHING`);
  await run(sql`INSERT INTO advisories (id, case_id, status, tlp, document, version, created_by, updated_by, published_at) VALUES
    ('AICC-2026-0001', 'C-1', 'published', 'CLEAR', '{}', 2, 'system', 'system', ${at(300)}),
    ('AICC-2026-0002', 'C-2', 'published', 'CLEAR', '{}', 1, 'system', 'system', ${at(400)})`);
  for (const [id, version, h] of [['AICC-2026-0001', 1, 200], ['AICC-2026-0001', 2, 300], ['AICC-2026-0002', 1, 400]] as const) {
    await run(sql`INSERT INTO advisory_publications (advisory_id, version, tlp, path, title, initial_release_date, current_release_date, csaf, sha256, sha512, signature, key_fingerprint, published_at)
      VALUES (${id}, ${version}, 'CLEAR', ${`white/2026/${id.toLowerCase()}.json`}, 't', '', '', '{}', '', '', '', 'F00D', ${at(h)})`);
  }
  // a knowledge-base record that names C-1's advisory as an alias: river-bank hears of it and is exposed under that id
  await run(sql`INSERT INTO vulnerabilities (id, source, modified, summary, record, card, search) VALUES ('GHSA-aaaa-bbbb-cccc', 'osv', now(), 's', '{}', '{}', ''::tsvector) ON CONFLICT DO NOTHING`);
  await run(sql`INSERT INTO vuln_aliases (vuln_id, alias) VALUES ('GHSA-aaaa-bbbb-cccc', 'AICC-2026-0001') ON CONFLICT DO NOTHING`);

  const notifications: number[] = [];
  for (const [org, vuln, urgency, h] of [
    [valley, 'CVE-2026-1111', 'immediate', 201], [valley, 'AICC-2026-0001', 'digest-item', 250], [river, 'GHSA-aaaa-bbbb-cccc', 'digest-item', 210],
    [river, null, 'digest', 260], [valley, 'AICC-2026-0002', 'immediate', 401],
  ] as const) {
    const kind = urgency === 'digest' ? 'digest' : 'published';
    const { rows: [n] } = await sql<{ id: number }>`INSERT INTO notifications (org_id, fact, kind, vuln_id, tlp, urgency, title, body, created_at)
      VALUES (${org}, ${`fact-${notifications.length}`}, ${kind}, ${vuln}, 'CLEAR', ${urgency}, 't', '{}', ${at(h)}) RETURNING id`.execute(db);
    notifications.push(Number(n!.id));
  }

  const exposures: Array<[string, string, string, string, string | null, string, string | null, string | null, string | null, string | null]> = [
    // org, inventory, vulnerability, detected, due, status, remediated, resolved, cisa, bod
    [valley, inv.radiology, 'CVE-2026-1111', at(201), '2026-01-20', 'fixed', '2026-01-19T10:00:00Z', null, 'Act', '14-days'],
    [valley, inv.billing, 'CVE-2026-1111', at(201), '2026-01-15', 'mitigated', '2026-01-16T00:00:00Z', null, 'Attend', null],
    [valley, inv.radiology, 'AICC-2026-0002', at(401), '2026-02-01', 'open', null, null, 'Track', '60-days'],
    [valley, inv.radiology, 'AICC-2026-0003', '2026-02-01T17:00:00Z', null, 'open', null, null, null, null],
    [valley, inv.radiology, 'CVE-2020-0001', '2026-01-01T00:00:00Z', '2026-01-10', 'accepted_risk', null, null, null, null],
    [valley, inv.billing, 'CVE-2099-0004', '2026-01-01T00:00:00Z', '2026-01-06', 'open', null, '2026-01-03T00:00:00Z', null, null],
    [river, inv.teller, 'GHSA-aaaa-bbbb-cccc', at(210), '2026-01-27', 'fixed', '2026-01-14T18:00:00Z', null, 'Act', null],
    [river, inv.teller, 'CVE-2099-0002', '2026-02-10T17:00:00Z', '2026-02-20', 'open', null, null, 'Track', null],
    [river, inv.teller, 'CVE-2099-0003', '2026-01-01T00:00:00Z', '2026-01-05', 'not_affected', null, null, null, null],
  ];
  for (const [org, inventory, vuln, detected, due, status, remediated, resolved, cisa, bod] of exposures) {
    await run(sql`INSERT INTO exposures (org_id, inventory_id, vuln_id, detected_at, clock_start, due_date, binding, cisa, bod, priority, components, status, remediated_at, resolved_at)
      VALUES (${org}, ${inventory}, ${vuln}, ${detected}, ${detected.slice(0, 10)}, ${due}, false, ${cisa}, ${bod}, '{}', '[]', ${status}, ${remediated}, ${resolved})`);
  }

  const [n1, , n3, , n5] = notifications;
  const { rows: ch } = await sql<{ id: string; org_id: string; kind: string }>`INSERT INTO channels (org_id, kind, target, active, cursor, attempts, created_by) VALUES
    (${valley}, 'webhook', 'https://valley.example/hook', true, ${n1}, 3, 'system'),
    (${valley}, 'email', 'it@valley.example', true, ${n5}, 0, 'system'),
    (${river}, 'webhook', 'https://river.example/hook', false, 0, 5, 'system')
    RETURNING id::text, org_id::text, kind`.execute(db);
  const valleyHook = ch.find((c) => c.org_id === valley && c.kind === 'webhook')!.id;
  const riverHook = ch.find((c) => c.org_id === river)!.id;
  await run(sql`INSERT INTO dead_letters (channel_id, notification_id, attempts, last_error, status) VALUES
    (${valleyHook}, ${n1}, 12, 'HTTP 500', 'dead'), (${riverHook}, ${n3}, 12, 'timeout', 'delivered')`);
  return { orgs, notifications };
}

const stage = (count: number, medianHours: number | null, p90Hours: number | null = medianHours) => ({ count, medianHours, p90Hours });
const scope = (r: MetricsReport, kind: 'sector' | 'subscriber', key: string): ScopeMetrics => {
  const found = (kind === 'sector' ? r.bySector : r.bySubscriber).find((s) => s.key === key);
  if (!found) throw new Error(`no ${kind} ${key} in ${JSON.stringify((kind === 'sector' ? r.bySector : r.bySubscriber).map((s) => s.key))}`);
  return found;
};

/** `name{labels} value` lines of a Prometheus text exposition; throws on a line that is neither that nor a comment. */
function parsePrometheus(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    return { name: m[1]!, labels, value: Number(m[3]) };
  });
}

describe.each(backends())('outcome metrics on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let seeded: Seeded;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;
  let operatorBearer: Record<string, string>;
  let subscriberBearer: Record<string, string>;

  const bearer = async (session: Record<string, string>) => {
    const res = await inject({ method: 'POST', url: '/api/v1/tokens', headers: { ...session, ...json }, payload: { name: 'prometheus', scopes: ['vulns:read'] } });
    expect(res.statusCode, res.body).toBe(201);
    return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
  };
  const operatorActor = (): Actor => ({ kind: 'user', userId: null, tokenId: null, orgId: seeded.orgs['aicc-ops']!, orgSlug: 'aicc-ops', roles: ['operator'], isAdmin: true, scopes: ['vulns:read'] });
  const memberActor = (slug: string, roles: Role[]): Actor =>
    ({ kind: 'user', userId: null, tokenId: null, orgId: seeded.orgs[slug]!, orgSlug: slug, roles, isAdmin: false, scopes: ['vulns:read'] });

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    // until src/http/server.ts registers them
    if (!server.app.hasRoute({ method: 'GET', url: '/metrics' })) {
      await server.app.register(metricsRoutes(server.ctx), { prefix: '/api/v1' });
      await server.app.register(prometheusRoutes(server.ctx));
    }
    inject = injector(server);
    seeded = await seed(server.ctx.conn.db);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    operatorBearer = await bearer(operator);
    subscriberBearer = await bearer(subscriber);
  });
  afterAll(() => server.close());

  describe('lifecycle intervals and the funnel, as an operator reads them', () => {
    let report: MetricsReport;
    beforeAll(async () => {
      const res = await inject({ url: '/api/v1/metrics', headers: operator });
      expect(res.statusCode, res.body).toBe(200);
      report = res.json<MetricsReport>();
    });

    it('measures from the first report to the first confirmation, acknowledgement, fix, first publication and first notification', () => {
      expect(report.view).toBe('all');
      expect(report.overall!.intervals).toEqual({
        validation: stage(3, 30, 46),
        acknowledgement: stage(1, 24),
        fix: stage(1, 100),
        advisory: stage(2, 300, 380),
        notification: stage(2, 301, 381),
        remediation: stage(3, 63, 128.6),
      });
    });

    it('counts the funnel from findings to remediated exposures, duplicates and digest envelopes left out', () => {
      expect(report.funnel).toEqual({ findings: 5, cases: 4, confirmed: 3, advisories: 2, notifications: 4, exposures: 5, remediated: 3 });
      expect(report.overall!.funnel).toEqual(report.funnel);
    });

    it('gives each subscriber only the cases it may know of, with its own notifications', () => {
      expect(report.bySubscriber.map((s) => s.key)).toEqual(['quiet-utility', 'river-bank', 'valley-hospital']);
      expect(scope(report, 'subscriber', 'quiet-utility').funnel).toEqual({ findings: 0, cases: 0, confirmed: 0, advisories: 0, notifications: 0, exposures: 0, remediated: 0 });
      const valley = scope(report, 'subscriber', 'valley-hospital');
      // C-5 is embargoed: not published and valley-hospital was not told, though it is exposed
      expect(valley.funnel).toEqual({ findings: 3, cases: 2, confirmed: 2, advisories: 2, notifications: 3, exposures: 3, remediated: 2 });
      expect(valley.intervals.validation).toEqual(stage(2, 20, 28));
      expect(valley.intervals.notification).toEqual(stage(2, 301, 381));
      expect(valley.intervals.remediation).toEqual(stage(2, 104, 136.8));
      const river = scope(report, 'subscriber', 'river-bank');
      // reached through the alias GHSA-aaaa-bbbb-cccc → AICC-2026-0001
      expect(river.funnel).toEqual({ findings: 2, cases: 1, confirmed: 1, advisories: 1, notifications: 1, exposures: 1, remediated: 1 });
      expect(river.intervals.notification).toEqual(stage(1, 210));
      expect(river.intervals.remediation).toEqual(stage(1, 24));
    });

    it("takes the asset's sector, else the organization's, else 'unspecified'", () => {
      expect(report.bySector.map((s) => s.key)).toEqual(['=SUM(1,2)', 'healthcare', 'unspecified']);
      expect(scope(report, 'sector', 'healthcare').funnel).toMatchObject({ cases: 2, notifications: 3, exposures: 2, remediated: 1 });
      expect(scope(report, 'sector', 'healthcare').exposures.total).toBe(4);
      expect(scope(report, 'sector', '=SUM(1,2)').funnel).toMatchObject({ cases: 1, notifications: 2, exposures: 1, remediated: 1 });
      expect(scope(report, 'sector', 'unspecified').intervals.notification).toEqual(stage(1, 210));
    });

    it('reports distribution health: urgencies, failing and lagging channels, dead letters', () => {
      const [n1, , , , n5] = seeded.notifications;
      expect(report.distribution).toEqual({
        notificationsByUrgency: { digest: 1, 'digest-item': 2, immediate: 2 },
        channels: [
          { kind: 'email', total: 1, active: 1, failing: 0, lagMax: 0, lagTotal: 0 },
          { kind: 'webhook', total: 2, active: 1, failing: 1, lagMax: n5! - n1!, lagTotal: n5! - n1! },
        ],
        deadLettersByStatus: { dead: 1, delivered: 1 },
      });
    });
  });

  describe('exposures as of a given day', () => {
    let report: MetricsReport;
    beforeAll(async () => {
      report = await metricsReport(server.ctx, operatorActor(), NOW);
    });

    it('shares remediated within the due date over exposures whose date is past or that are remediated', () => {
      // tracked: two fixed on time or late, one open past due, one risk accepted past due, one fixed early;
      // not: no due date, due later, not affected, resolved without a remediation
      expect(report.overall!.exposures).toMatchObject({ total: 9, open: 3, overdue: 1, remediated: 3, dueTracked: 5, remediatedWithinDue: 2, shareWithinDue: 0.4 });
      expect(scope(report, 'subscriber', 'valley-hospital').exposures).toMatchObject({ dueTracked: 4, remediatedWithinDue: 1, shareWithinDue: 0.25 });
      expect(scope(report, 'subscriber', 'river-bank').exposures).toMatchObject({ dueTracked: 1, remediatedWithinDue: 1, shareWithinDue: 1 });
      expect(scope(report, 'sector', '=SUM(1,2)').exposures).toMatchObject({ dueTracked: 1, remediatedWithinDue: 0, shareWithinDue: 0 });
    });

    it('adds up open exposure days, overdue ones separately', () => {
      expect(report.overall!.exposures).toMatchObject({ openExposureDays: 32, overdueExposureDays: 21, daysPastDue: 10 });
      expect(scope(report, 'subscriber', 'valley-hospital').exposures).toMatchObject({ openExposureDays: 31, overdueExposureDays: 21, daysPastDue: 10 });
      expect(scope(report, 'subscriber', 'river-bank').exposures).toMatchObject({ openExposureDays: 1, overdueExposureDays: 0, daysPastDue: 0 });
    });

    it('counts exposures by status, CISA outcome and BOD timeline', () => {
      expect(report.overall!.exposures.byStatus).toEqual({ accepted_risk: 1, fixed: 2, mitigated: 1, not_affected: 1, open: 4 });
      expect(report.overall!.exposures.byCisa).toEqual({ Act: 2, Attend: 1, Track: 2, none: 4 });
      expect(report.overall!.exposures.byBod).toEqual({ '14-days': 1, '60-days': 1, none: 7 });
      expect(scope(report, 'subscriber', 'river-bank').exposures.byStatus).toEqual({ fixed: 1, not_affected: 1, open: 1 });
    });
  });

  describe('who sees what', () => {
    it("shows a subscriber its own organization's figures and nothing aggregated over others", async () => {
      const res = await inject({ url: '/api/v1/metrics', headers: subscriber });
      expect(res.statusCode, res.body).toBe(200);
      const mine = res.json<MetricsReport>();
      expect(mine).toMatchObject({ view: 'organization', overall: null, bySector: [] });
      expect(mine.bySubscriber.map((s) => s.key)).toEqual(['valley-hospital']);
      expect(mine.funnel).toEqual({ findings: 3, cases: 2, confirmed: 2, advisories: 2, notifications: 3, exposures: 3, remediated: 2 });
      expect(mine.distribution.notificationsByUrgency).toEqual({ 'digest-item': 1, immediate: 2 });
      expect(mine.distribution.deadLettersByStatus).toEqual({ dead: 1 });
      expect(mine.distribution.channels.map((c) => `${c.kind}:${c.total}`)).toEqual(['email:1', 'webhook:1']);
      expect(res.body).not.toContain('river-bank');
      expect(res.body).not.toContain(seeded.orgs['river-bank']);
    });

    it('gives a member of another organization its own (empty) row', async () => {
      const report = await metricsReport(server.ctx, memberActor('frontier-lab', ['reporter']), NOW);
      expect(report.bySubscriber.map((s) => s.key)).toEqual(['frontier-lab']);
      expect(report.funnel).toEqual({ findings: 0, cases: 0, confirmed: 0, advisories: 0, notifications: 0, exposures: 0, remediated: 0 });
      expect(report.distribution).toEqual({ notificationsByUrgency: {}, channels: [], deadLettersByStatus: {} });
    });

    it('refuses anonymous readers of the JSON, the CSV and the Prometheus text', async () => {
      for (const url of ['/api/v1/metrics', '/api/v1/metrics.csv?table=funnel', '/metrics']) {
        const res = await inject({ url });
        expect(res.statusCode, url).toBe(401);
      }
    });

    it('serves the Prometheus text to operators only', async () => {
      expect((await inject({ url: '/metrics', headers: subscriberBearer })).statusCode).toBe(403);
      expect((await inject({ url: '/metrics', headers: subscriber })).statusCode).toBe(403);
      expect((await inject({ url: '/metrics', headers: operatorBearer })).statusCode).toBe(200);
    });
  });

  describe('CSV export', () => {
    const csv = async (table: string, who = operator) => {
      const res = await inject({ url: `/api/v1/metrics.csv?table=${table}`, headers: who });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="aicc-metrics-${table}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
      expect(res.body.endsWith('\r\n')).toBe(true);
      return res.body.split('\r\n').slice(0, -1);
    };

    it('writes intervals in long form, one row per scope and stage, with RFC 4180 quoting and formula cells defused', async () => {
      const lines = await csv('intervals');
      expect(lines[0]).toBe('scope,key,stage,count,median_hours,p90_hours');
      expect(lines).toContain('overall,,validation,3,30,46');
      expect(lines).toContain('overall,,acknowledgement,1,24,24');
      expect(lines).toContain('overall,,remediation,3,63,128.6');
      expect(lines).toContain('subscriber,valley-hospital,validation,2,20,28');
      expect(lines).toContain('sector,unspecified,fix,1,100,100');
      // a sector named like a formula, with a comma: quoted, and prefixed so a spreadsheet shows it as text
      expect(lines).toContain(`sector,"'=SUM(1,2)",notification,1,201,201`);
      expect(lines).toContain('subscriber,quiet-utility,acknowledgement,0,,');
      expect(lines).toHaveLength(1 + 6 * (1 + 3 + 3));
    });

    it('writes the funnel with its steps numbered', async () => {
      const lines = await csv('funnel');
      expect(lines[0]).toBe('scope,key,step,stage,count');
      expect(lines.slice(1, 8)).toEqual([
        'overall,,1,findings,5', 'overall,,2,cases,4', 'overall,,3,confirmed,3', 'overall,,4,advisories,2',
        'overall,,5,notifications,4', 'overall,,6,exposures,5', 'overall,,7,remediated,3',
      ]);
    });

    it('writes exposure figures and breakdowns with their headers', async () => {
      expect((await csv('exposures'))[0]).toBe('scope,key,total,open,overdue,remediated,due_tracked,remediated_within_due,share_within_due,open_exposure_days,overdue_exposure_days,days_past_due');
      const breakdown = await csv('breakdown');
      expect(breakdown[0]).toBe('scope,key,dimension,value,count');
      expect(breakdown).toContain('overall,,status,open,4');
      expect(breakdown).toContain(`sector,"'=SUM(1,2)",status,mitigated,1`);
    });

    it("gives a subscriber only its own rows", async () => {
      const lines = await csv('funnel', subscriber);
      expect(new Set(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')))).toEqual(new Set(['subscriber,valley-hospital']));
    });

    it('refuses an unknown table', async () => {
      expect((await inject({ url: '/api/v1/metrics.csv?table=users', headers: operator })).statusCode).toBe(400);
      expect((await inject({ url: '/api/v1/metrics.csv', headers: operator })).statusCode).toBe(400);
    });
  });

  describe('Prometheus exposition', () => {
    it('parses line by line, carries sector-level series and no organization', async () => {
      const before = (await deliveryCounters.deliveries.get()).values.find((v) => v.labels.channel === 'webhook' && v.labels.outcome === 'delivered')?.value ?? 0;
      deliveryCounters.deliveries.inc({ channel: 'webhook', outcome: 'delivered' });
      const res = await inject({ url: '/metrics', headers: operatorBearer });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const series = parsePrometheus(res.body);
      const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
      const value = (name: string, labels: Record<string, string>) => series.find((s) => s.name === name && same(s.labels, labels))?.value;
      expect(series.every((s) => s.name.startsWith('aicc_'))).toBe(true);
      expect(value('aicc_lifecycle_hours', { stage: 'validation', quantile: '0.5' })).toBe(30);
      expect(value('aicc_lifecycle_hours', { stage: 'advisory', quantile: '0.9' })).toBe(380);
      expect(value('aicc_lifecycle_hours', { stage: 'notification', quantile: '0.5', sector: 'unspecified' })).toBe(210);
      expect(value('aicc_funnel', { stage: 'findings' })).toBe(5);
      expect(value('aicc_funnel', { stage: 'remediated', sector: 'healthcare' })).toBe(1);
      expect(value('aicc_exposures', { status: 'open' })).toBe(4);
      expect(value('aicc_exposures', { status: 'mitigated', sector: '=SUM(1,2)' })).toBe(1);
      expect(value('aicc_exposures_by_outcome', { outcome: 'Act', sector: 'unspecified' })).toBe(1);
      expect(value('aicc_exposures_by_timeline', { timeline: '60-days', sector: 'healthcare' })).toBe(1);
      expect(value('aicc_channels', { channel: 'webhook', state: 'failing' })).toBe(1);
      expect(value('aicc_dead_letters', { status: 'dead' })).toBe(1);
      expect(value('aicc_notifications_stored', { urgency: 'immediate' })).toBe(2);
      expect(value('aicc_deliveries_total', { channel: 'webhook', outcome: 'delivered' })).toBe(before + 1);
      expect(series.some((s) => s.name === 'aicc_exposure_open_days' && s.labels.sector === undefined)).toBe(true);
      expect(res.body).not.toMatch(/valley-hospital|river-bank/);
      expect(res.body).not.toContain(seeded.orgs['valley-hospital']);
    });
  });
});

describe('a CSV cell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
