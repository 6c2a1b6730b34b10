import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/app/channels/index.js';
import { dispatcher } from '../../src/app/delivery.js';
import { consumeFacts } from '../../src/app/distribution-facts.js';
import { makeDigests } from '../../src/app/subscribers.js';
import { packageRoot } from '../../src/config.js';
import type { Notification } from '../../src/domain/notification.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { caller, injector, signIn, type Who } from './helpers.js';

const TABLES = join(packageRoot(), '..', 'shared', 'corpus', 'ssvc', 'data', 'json', 'decision_tables');

interface Exposure {
  id: string;
  asset: string;
  vulnId: string;
  dueDate: string | null;
  clockStart: string;
  kevAdded: string | null;
  binding: boolean;
  cisa: string | null;
  bod: string | null;
  status: string;
  components: Array<{ package: string; installed: string; fixed: string[] }>;
}

/** A webhook receiver on loopback that verifies every delivery and counts each delivery id. */
function receiver(secret: () => string) {
  const seen = new Map<string, number>();
  const bodies: Notification[] = [];
  let down = false;
  let rejected = 0;
  const server: HttpServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const v = verifyWebhook({ secret: secret(), body, headers: req.headers });
      if (!v.ok) {
        rejected++;
        res.writeHead(401).end();
        return;
      }
      seen.set(v.deliveryId, (seen.get(v.deliveryId) ?? 0) + 1);
      if (seen.get(v.deliveryId) === 1) bodies.push(JSON.parse(body) as Notification);
      res.writeHead(204).end();
    });
  });
  return {
    seen, bodies,
    get rejected() { return rejected; },
    setDown(v: boolean) { down = v; },
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(backends())('distribution to subscribers (%s)', (backend) => {
  let server: TestServer;
  let call: ReturnType<typeof caller>['call'];
  let ok: ReturnType<typeof caller>['ok'];
  let operator: Who;
  let hospital: Who;
  let agency: Who;
  let secret = '';
  const hook = receiver(() => secret);

  beforeAll(async () => {
    server = await startTestServer({ backend, env: { AICC_SSVC_TABLES: TABLES, AICC_DELIVERY_BACKOFF_MS: '20', AICC_DELIVERY_BACKOFF_MAX_MS: '40', AICC_DELIVERY_MAX_ATTEMPTS: '3', AICC_EMBARGO_ZONE: 'America/New_York', AICC_WEBHOOK_ALLOW_PRIVATE: '1' } });
    const inject = injector(server);
    ({ call, ok } = caller(inject));
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    hospital = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    const org = await ok<{ id: string }>(operator, 'POST', '/orgs', { slug: 'state-agency', name: 'State Agency', roles: ['subscriber'] }, 201);
    await ok(operator, 'POST', '/users', { orgId: org.id, email: 'it@agency.example', name: 'Ada Agency', password: 'correct horse battery staple' }, 201);
    agency = await signIn(inject, 'it@agency.example', 'correct horse battery staple');
  }, 120_000);

  afterAll(async () => {
    await hook.close();
    await server?.close();
  });

  it('turns the demo inventory into exposures with BOD 26-04 due dates once its facts are consumed', async () => {
    const first = await consumeFacts(server.ctx);
    expect(first.failed).toBe(0);
    expect(first.facts).toBeGreaterThan(0);
    const { items } = await ok<{ items: Exposure[] }>(hospital, 'GET', '/exposures');
    const rapidReset = items.find((e) => e.vulnId === 'CVE-2023-44487');
    // x/net v0.10.0 in the demo inventory: HTTP/2 Rapid Reset, in KEV since 2023-10-10 (before detection today)
    expect(rapidReset).toMatchObject({ asset: 'radiology-pacs', clockStart: '2023-10-10', binding: false });
    expect(rapidReset!.components[0]).toMatchObject({ package: 'pkg:golang/golang.org/x/net', installed: 'v0.10.0' });
    expect(rapidReset!.bod).toMatch(/days|upgrade/i);
    // ordered by due date, none last
    const dues = items.map((e) => e.dueDate ?? '9999-99-99');
    expect([...dues].sort()).toEqual(dues);
    // consuming again changes nothing
    const again = await consumeFacts(server.ctx);
    expect(again).toEqual({ facts: 0, notifications: 0, failed: 0 });
  });

  it('registers assets with context and an SBOM, and computes the binding federal timeline for an exposed, automatable, total-impact KEV vulnerability', async () => {
    await ok(operator, 'PUT', '/subscriber/settings?org=state-agency', { federal: true, sector: 'government' });
    const sbom = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }] };
    const put = await ok<{ status: string; exposed: boolean; sbom: { version: number } }>(agency, 'PUT', '/assets/permits-portal', { type: 'service', exposed: true, missionPrevalence: 'essential', wellBeing: 'material', owners: ['it@agency.example'], sbom });
    expect(put).toMatchObject({ status: 'created', exposed: true, sbom: { version: 1 } });
    await consumeFacts(server.ctx);
    const { items } = await ok<{ items: Exposure[] }>(agency, 'GET', '/exposures');
    const log4shell = items.find((e) => e.vulnId === 'CVE-2021-44228')!;
    // KEV 2021-12-10 × publicly exposed × CVSS AV:N/AC:L/PR:N/UI:N (automatable) × C:H/I:H/A:H (total) → 3 days & forensic investigation
    expect(log4shell).toMatchObject({ asset: 'permits-portal', clockStart: '2021-12-10', dueDate: '2021-12-13', binding: true, bod: '3 days & forensic investigation', cisa: 'Act' });
    const feed = await ok<{ items: Notification[]; next: string }>(agency, 'GET', '/notifications');
    const told = feed.items.find((n) => n.vulnId === 'CVE-2021-44228')!;
    expect(told).toMatchObject({ urgency: 'immediate', kind: 'sbom' });
    expect(told.body.assets[0]).toMatchObject({ name: 'permits-portal', due: '2021-12-13', binding: true });
    expect(told.body.assets[0]!.components[0]!.installed).toBe('2.14.1');
    expect(told.body.assets[0]!.components[0]!.fixed).toContain('2.15.0');
    // the hospital hears nothing about the agency's asset
    const theirs = await ok<{ items: Notification[] }>(hospital, 'GET', '/notifications');
    expect(theirs.items.some((n) => n.body.assets.some((a) => a.name === 'permits-portal'))).toBe(false);
    expect((await call(hospital, 'GET', '/exposures?org=state-agency')).statusCode).toBe(404);
  });

  it('refuses a bad asset with the pointer of each problem and stores nothing', async () => {
    const before = await ok<{ items: unknown[] }>(agency, 'GET', '/assets');
    const res = await call(agency, 'PUT', '/assets/bad-one', { type: 'spaceship', missionPrevalence: 'huge', cpes: ['not-a-cpe'] });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { details: Array<{ pointer: string }> } }>().error.details.map((p) => p.pointer)).toEqual(['/type', '/missionPrevalence', '/cpes/0']);
    const manifest = await call(agency, 'POST', '/assets/import', { assets: [{ name: 'ok-asset', type: 'host' }, { name: 'broken', sbom: { bomFormat: 'CycloneDX' } }] });
    expect(manifest.statusCode).toBe(422);
    expect(manifest.body).toContain('/assets/1/sbom');
    expect((await ok<{ items: unknown[] }>(agency, 'GET', '/assets')).items).toHaveLength(before.items.length);
  });

  it('refuses a bad channel or setting with its pointer, and stores nothing', async () => {
    const before = await ok<{ items: unknown[] }>(agency, 'GET', '/subscriber/channels');
    for (const body of [{ kind: 'webhook', target: 'ftp://hooks.example/x' }, { kind: 'webhook', target: 'https://user:pw@hooks.example/x' }, { kind: 'email', target: 'not an address' }]) {
      const res = await call(agency, 'POST', '/subscriber/channels', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ error: { details: Array<{ pointer: string }> } }>().error.details[0]!.pointer).toBe('/target');
    }
    expect((await ok<{ items: unknown[] }>(agency, 'GET', '/subscriber/channels')).items).toHaveLength(before.items.length);
    const settings = await ok(agency, 'GET', '/subscriber/settings');
    const bad = await call(agency, 'PUT', '/subscriber/settings', { sector: '<script>' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ error: { details: Array<{ pointer: string }> } }>().error.details[0]!.pointer).toBe('/sector');
    expect((await call(agency, 'PUT', '/subscriber/settings', { federal: false })).statusCode).toBe(403);
    expect(await ok(agency, 'GET', '/subscriber/settings')).toEqual(settings);
  });

  it('signs webhooks, retries a receiver that is down, and delivers every notification exactly once when it returns', async () => {
    const url = await hook.listen();
    const created = await ok<{ id: string; secret: string; cursor: string }>(agency, 'POST', '/subscriber/channels', { kind: 'webhook', target: url }, 201);
    secret = created.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await ok(agency, 'GET', '/subscriber/channels'))).not.toContain(secret);
    // a new channel hears what comes next: an SBOM re-upload with one more vulnerable component
    const sbom = {
      bomFormat: 'CycloneDX', specVersion: '1.5', version: 1,
      components: [
        { type: 'library', name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' },
        { type: 'library', name: 'requests', version: '2.30.0', purl: 'pkg:pypi/requests@2.30.0' },
      ],
    };
    hook.setDown(true);
    await ok(agency, 'PUT', '/assets/permits-portal', { sbom });
    await consumeFacts(server.ctx);
    await makeDigests(server.ctx);
    const d = dispatcher(server.ctx);
    try {
      const failed = await d.deliverDue(2000);
      expect(failed.delivered).toBe(0);
      expect(failed.failed).toBeGreaterThan(0);
      hook.setDown(false);
      await new Promise((r) => setTimeout(r, 100));
      const run = await d.deliverDue(5000);
      expect(run.delivered).toBeGreaterThan(0);
      await d.deliverDue(1000);
    } finally {
      d.close();
    }
    const feed = await ok<{ items: Notification[] }>(agency, 'GET', '/notifications');
    const sendable = feed.items.filter((n) => n.urgency !== 'digest-item' && Number(n.id) > Number(created.cursor));
    const channel = await server.ctx.conn.db.selectFrom('channels').select(['cursor', 'attempts']).where('id', '=', created.id).executeTakeFirstOrThrow();
    const expected = sendable.filter((n) => Number(n.id) <= Number(channel.cursor)).map((n) => `aicc-n${n.id}`);
    expect(expected.length).toBeGreaterThan(0);
    expect([...hook.seen.keys()].sort()).toEqual(expected.sort());
    expect([...hook.seen.values()].every((count) => count === 1)).toBe(true);
    expect(hook.rejected).toBe(0);
    expect(channel.attempts).toBe(0);
  });

  it('gives up after the attempt limit into the dead letters, and replays them on request', async () => {
    hook.setDown(true);
    // a fresh, urgent fact for the agency: a second exposed asset holding log4j-core 2.14.1
    const sbom = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }] };
    await ok(agency, 'PUT', '/assets/licensing', { type: 'service', exposed: true, sbom });
    await consumeFacts(server.ctx);
    const d = dispatcher(server.ctx);
    try {
      for (let i = 0; i < 6; i++) {
        await d.deliverDue(500);
        await new Promise((r) => setTimeout(r, 60));
      }
      const dead = await ok<{ items: Array<{ id: string; status: string }> }>(agency, 'GET', '/dead-letters');
      expect(dead.items.length).toBeGreaterThan(0);
      expect(dead.items.every((l) => l.status === 'dead')).toBe(true);
      hook.setDown(false);
      const channels = await ok<{ items: Array<{ id: string }> }>(agency, 'GET', '/subscriber/channels');
      expect(await ok(agency, 'POST', '/dead-letters/replay', { channelId: channels.items[0]!.id })).toEqual({ replaying: dead.items.length });
      await d.deliverDue(2000);
      const after = await ok<{ items: Array<{ status: string }> }>(agency, 'GET', '/dead-letters');
      expect(after.items.every((l) => l.status === 'delivered')).toBe(true);
    } finally {
      d.close();
    }
    expect([...hook.seen.values()].every((count) => count === 1)).toBe(true);
  });

  it('re-prioritizes on a KEV addition and tells of an EPSS jump, each once', async () => {
    // the agency's permits-portal holds requests 2.30.0 (CVE-2023-32681), which is not in the demo KEV
    const before = (await ok<{ items: Exposure[] }>(agency, 'GET', '/exposures?vuln=CVE-2023-32681')).items[0]!;
    expect(before.clockStart).not.toBe('2026-01-05');
    expect(before.kevAdded).toBeNull();
    const kev = { title: 'KEV', catalogVersion: 'test-1', dateReleased: '2026-01-05T00:00:00.000Z', count: 1, vulnerabilities: [{
      cveID: 'CVE-2023-32681', vendorProject: 'Python', product: 'Requests', vulnerabilityName: 'Requests Proxy-Authorization leak', dateAdded: '2026-01-05',
      shortDescription: 'Leaks Proxy-Authorization headers on redirects.', requiredAction: 'Apply updates.', dueDate: '2026-01-26', knownRansomwareCampaignUse: 'Unknown', notes: '', cwes: ['CWE-200'],
    }] };
    const post = (body: string, format: string, type: string) => server.app.inject({ method: 'POST', url: `/api/v1/import?format=${format}`, headers: { ...operator, 'content-type': type }, payload: body });
    expect((await post(JSON.stringify(kev), 'kev', 'application/json')).statusCode).toBe(200);
    expect((await consumeFacts(server.ctx)).failed).toBe(0);
    const after = (await ok<{ items: Exposure[] }>(agency, 'GET', '/exposures?vuln=CVE-2023-32681')).items[0]!;
    // BOD 26-04: the clock starts at the earlier of KEV addition (2026-01-05) and detection on the asset (today)
    expect(after.clockStart).toBe('2026-01-05');
    expect(after.bod).not.toBe(before.bod);
    const kevNotices = (await ok<{ items: Notification[] }>(agency, 'GET', '/notifications?limit=1000')).items.filter((n) => n.kind === 'kev' && n.vulnId === 'CVE-2023-32681');
    expect(kevNotices).toHaveLength(1);
    expect(kevNotices[0]!.body.trigger.detail).toContain('2026-01-05');

    const epss = (score: string) => `#model_version:v2025.03.14,score_date:2026-01-06T00:00:00+0000\ncve,epss,percentile\nCVE-2023-32681,${score},0.99\n`;
    expect((await post(epss('0.61'), 'epss', 'text/csv')).statusCode).toBe(200);
    expect((await consumeFacts(server.ctx)).failed).toBe(0);
    // a smaller move is no news
    expect((await post(epss('0.65'), 'epss', 'text/csv')).statusCode).toBe(200);
    await consumeFacts(server.ctx);
    const epssNotices = (await ok<{ items: Notification[] }>(agency, 'GET', '/notifications?limit=1000')).items.filter((n) => n.kind === 'epss');
    expect(epssNotices).toHaveLength(1);
    expect(epssNotices[0]!.body.trigger.detail).toMatch(/rose from 0\.004 to 0\.610/);
  });

  it("sends an asset owner's channel only what concerns its assets", async () => {
    let ownerSecret = '';
    const own = receiver(() => ownerSecret);
    const url = await own.listen();
    const log4j = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }] };
    await ok(agency, 'PUT', '/assets/owner-box', { type: 'host', owners: ['ops@agency.example'] });
    const created = await ok<{ secret: string; assets: string[] }>(agency, 'POST', '/subscriber/channels', { kind: 'webhook', target: url, assets: ['owner-box'] }, 201);
    ownerSecret = created.secret;
    expect(created.assets).toEqual(['owner-box']);
    expect((await call(agency, 'POST', '/subscriber/channels', { kind: 'webhook', target: url, assets: ['no-such-asset'] })).statusCode).toBe(422);
    await ok(agency, 'PUT', '/assets/other-box', { type: 'host', exposed: true, sbom: log4j });
    await ok(agency, 'PUT', '/assets/owner-box', { exposed: true, sbom: log4j });
    await consumeFacts(server.ctx);
    const d = dispatcher(server.ctx);
    try {
      await d.deliverDue(3000);
    } finally {
      d.close();
    }
    await own.close();
    expect(own.bodies.length).toBeGreaterThan(0);
    expect(own.bodies.every((n) => n.kind === 'digest' || n.body.assets.some((a) => a.name === 'owner-box'))).toBe(true);
    expect(own.bodies.some((n) => n.body.assets.some((a) => a.name === 'other-box') && !n.body.assets.some((a) => a.name === 'owner-box'))).toBe(false);
  });

  it('pages the feed oldest first by cursor for clients, newest first for readers', async () => {
    const all = (await ok<{ items: Notification[] }>(agency, 'GET', '/notifications?limit=1000')).items.map((n) => Number(n.id));
    expect(all.length).toBeGreaterThan(3);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    const first = await ok<{ items: Notification[]; next: string }>(agency, 'GET', '/notifications?limit=2');
    const second = await ok<{ items: Notification[]; next: string }>(agency, 'GET', `/notifications?limit=2&after=${first.next}`);
    expect([...first.items, ...second.items].map((n) => Number(n.id))).toEqual(all.slice(0, 4));
    const newest = await ok<{ items: Notification[]; next: string }>(agency, 'GET', '/notifications?order=newest&limit=2');
    const older = await ok<{ items: Notification[]; next: string }>(agency, 'GET', `/notifications?order=newest&limit=2&before=${newest.next}`);
    expect([...newest.items, ...older.items].map((n) => Number(n.id))).toEqual([...all].reverse().slice(0, 4));
    expect((await call(agency, 'GET', '/notifications?after=1;DROP')).statusCode).toBe(400);
  });

  it('holds urgent notices past the daily cap for the digest, saying so', async () => {
    await ok(agency, 'PUT', '/subscriber/settings', { immediateCap: 0 });
    const log4j = { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'log4j-core', group: 'org.apache.logging.log4j', version: '2.14.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }] };
    await ok(agency, 'PUT', '/assets/capped-box', { type: 'host', exposed: true, sbom: log4j });
    await consumeFacts(server.ctx);
    const told = (await ok<{ items: Notification[] }>(agency, 'GET', '/notifications?limit=1000')).items.filter((n) => n.body.assets.some((a) => a.name === 'capped-box'));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ urgency: 'digest-item', body: { capped: true, priority: { cisa: 'Act' } } });
    await ok(agency, 'PUT', '/subscriber/settings', { immediateCap: 20 });
  });

  it('gathers what is not urgent into one digest per period', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE urgency = 'digest-item' AND digest_id IS NULL`.execute(server.ctx.conn.db);
    const waiting = rows[0]!.n;
    const { rows: last } = await sql<{ id: number }>`SELECT coalesce(max(id), 0)::int AS id FROM notifications`.execute(server.ctx.conn.db);
    const made = await makeDigests(server.ctx, new Date(Date.now() + 25 * 3_600_000));
    if (waiting === 0) expect(made).toBe(0);
    else {
      expect(made).toBeGreaterThan(0);
      const digests = await server.ctx.conn.db.selectFrom('notifications').select(['body', 'urgency']).where('kind', '=', 'digest').where('id', '>', String(last[0]!.id)).execute();
      const items = digests.flatMap((d) => (d.body as { items: unknown[] }).items);
      expect(items).toHaveLength(waiting);
      // the same period again makes nothing
      expect(await makeDigests(server.ctx, new Date(Date.now() + 25 * 3_600_000))).toBe(0);
    }
  });
});
