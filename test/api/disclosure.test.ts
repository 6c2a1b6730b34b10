import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindOverdue } from '../../src/app/disclosure.js';
import { createOrg, createUser, SYSTEM } from '../../src/app/identity.js';
import { addCalendarDays, calendarDaysBetween } from '../../src/domain/embargo.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { caller, injector, json, signIn, storeFingerprint, type Inject, type Who } from './helpers.js';

interface Receipt { findings: Array<{ caseId: string }> }
interface Zoned { at: string; local: string }
interface Participant { org: { slug: string }; role: string; source: string; reason: string | null; releasedAt: string | null; ack: { status: string; dueAt: Zoned } | null; status: { status: string; statement: string | null } | null }
interface Message { id: number; thread: string; tlp: string; body: string; author: { org: string | null; role: string } }
interface Embargo { publicAt: string; at: string; zone: string; utcOffset: string; basis: string; reason: string; agreedBy: string[]; notifiedAt: Zoned | null; extension: { id: string; agreed: string[]; awaiting: string[]; until: Zoned } | null }
interface EmbargoAnswer { embargo: Embargo | null; policy: { days: number; exploitedDays: number } }
interface Event { kind: string; by: string; details: Record<string, unknown> | null }
interface ErrorBody { error: { code: string; details: Array<{ pointer: string }> } }

const ZONE = 'America/New_York';
const DAY = 86_400_000;
const PASSWORD = 'correct horse battery';

function native(id: string, purl: string, file: string, cwe: string, title: string): string {
  return JSON.stringify({
    findings: [{
      id, title, description: `${title}: a distinct flaw in ${file}.`, package: { purl, versions: '1.0.0' }, location: { file, startLine: 10 },
      cwe: [cwe], severity: 'high', provenance: { tool: 'model-x', toolVersion: '2026.11', runId: id },
    }],
  });
}

describe.each(backends())('coordinated disclosure on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  // inject is set in beforeAll: the closure reads it when a request is made
  const { call, ok } = caller((opts) => inject(opts));
  let analyst: Who;
  let reporter: Who;
  let acme: Who;
  let beta: Who;
  let gamma: Who;
  let subscriber: Who;
  let caseX: string;
  let caseY: string;
  const others: string[] = [];

  const submit = async (key: string, body: string) => {
    const res = await inject({ method: 'POST', url: '/api/v1/submissions?format=native', headers: { ...reporter, ...json, 'idempotency-key': key }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Receipt>().findings[0]!.caseId;
  };
  const confirm = (id: string) => ok(analyst, 'POST', `/cases/${id}/verdict`, { verdict: 'confirmed', reason: 'reproduced by hand' });
  const messages = async (who: Who, id = caseX) => (await ok<{ items: Message[] }>(who, 'GET', `/cases/${id}/messages`)).items;
  const events = async (who: Who, id = caseX) => (await ok<{ items: Event[] }>(who, 'GET', `/cases/${id}/timeline`)).items;
  const embargo = async (who: Who, id = caseX) => (await ok<EmbargoAnswer>(who, 'GET', `/cases/${id}/embargo`)).embargo!;
  /** everything stored, the disclosure tables included */
  const fingerprint = async () => {
    const { rows } = await sql<{ f: string }>`SELECT concat_ws('|', (SELECT count(*) FROM case_participants), (SELECT count(*) FROM case_messages),
      (SELECT count(*) FROM case_vendor_status), (SELECT count(*) FROM case_embargoes), (SELECT coalesce(max(set_at)::text, '') FROM case_embargoes),
      (SELECT count(*) FROM embargo_extensions), (SELECT count(*) FROM embargo_agreements), (SELECT count(*) FROM vuln_id_sequences),
      (SELECT count(*) FROM cases WHERE cve_id IS NOT NULL OR vuln_id IS NOT NULL)) AS f`.execute(server.ctx.conn.db);
    return `${await storeFingerprint(server)}#${rows[0]!.f}`;
  };

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false, env: { AICC_EMBARGO_ZONE: ZONE } });
    inject = injector(server);
    for (const slug of ['beta-soft', 'gamma-soft']) {
      const org = await createOrg(server.ctx, SYSTEM, { slug, name: slug, roles: ['vendor'] });
      await createUser(server.ctx, SYSTEM, { orgId: org.id, email: `v@${slug}.example`, name: slug, password: PASSWORD, isAdmin: false });
    }
    analyst = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    reporter = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    acme = await signIn(inject, 'vendor@acme.example', server.demo.operator.password);
    beta = await signIn(inject, 'v@beta-soft.example', PASSWORD);
    gamma = await signIn(inject, 'v@gamma-soft.example', PASSWORD);
    await ok(analyst, 'PUT', '/vendors/acme-software', { prefixes: ['pkg:npm/acme-'], casesPerWeek: 1000 });
    await ok(analyst, 'PUT', '/vendors/beta-soft', { prefixes: ['pkg:npm/acme-widget'], casesPerWeek: 1000 });
    await ok(analyst, 'PUT', '/vendors/gamma-soft', { prefixes: ['pkg:npm/gamma-'], casesPerWeek: 1000 });
    caseX = await submit('x', native('X1', 'pkg:npm/acme-widget', 'lib/render.js', 'CWE-79', 'Stored XSS in the widget renderer'));
    caseY = await submit('y', native('Y1', 'pkg:npm/acme-queue', 'src/drain.c', 'CWE-787', 'Heap overflow when draining the queue'));
    for (const [i, cwe] of ['CWE-22', 'CWE-89', 'CWE-502', 'CWE-918'].entries()) {
      others.push(await submit(`o${i}`, native(`O${i}`, `pkg:pypi/lonely-${i}`, `pkg${i}/core${i}.py`, cwe, `Unrelated flaw number ${i} in module ${cwe}`)));
    }
  });
  afterAll(() => server.close());

  describe('when a confirmed case is released', () => {
    it('adds its vendors automatically, and each sees the case', async () => {
      expect((await call(acme, 'GET', `/cases/${caseX}/participants`)).statusCode).toBe(404);
      await confirm(caseX);
      const parts = (await ok<{ items: Participant[] }>(analyst, 'GET', `/cases/${caseX}/participants`)).items;
      expect(parts.map((p) => [p.org.slug, p.role, p.source])).toEqual(expect.arrayContaining([
        ['frontier-lab', 'reporter', 'auto'], ['acme-software', 'vendor', 'auto'], ['beta-soft', 'vendor', 'auto'],
      ]));
      expect(parts.find((p) => p.org.slug === 'acme-software')!.ack!.status).toBe('pending');
      for (const vendor of [acme, beta]) expect((await ok<{ access: string }>(vendor, 'GET', `/cases/${caseX}`)).access).toBe('vendor');
      const seenByAcme = (await ok<{ items: Participant[] }>(acme, 'GET', `/cases/${caseX}/participants`)).items;
      // a vendor sees its own acknowledgement, not another vendor's
      expect(seenByAcme.find((p) => p.org.slug === 'acme-software')!.ack).not.toBeNull();
      expect(seenByAcme.find((p) => p.org.slug === 'beta-soft')!.ack).toBeNull();
      expect((await events(analyst)).filter((e) => e.kind === 'participant').map((e) => e.details!.org)).toEqual(expect.arrayContaining(['acme-software', 'beta-soft']));
    });

    it('answers 404 to organizations that take no part', async () => {
      for (const who of [gamma, subscriber]) {
        for (const path of ['participants', 'messages', 'timeline', 'embargo', 'id']) expect((await call(who, 'GET', `/cases/${caseX}/${path}`)).statusCode).toBe(404);
        expect((await call(who, 'POST', `/cases/${caseX}/messages`, { tlp: 'CLEAR', body: 'hello' })).statusCode).toBe(404);
      }
    });

    it('starts the embargo from the policy: 90 calendar days to 15:00 in the policy zone, shown with its offset', async () => {
      const e = await embargo(acme);
      expect(e).toMatchObject({ basis: 'policy', zone: ZONE });
      const notified = new Date(e.notifiedAt!.at);
      expect(calendarDaysBetween(notified, new Date(e.at), ZONE)).toEqual({ ok: true, value: 90 });
      expect(e.publicAt).toMatch(/^\d{4}-\d{2}-\d{2}T15:00:00-0[45]:00 \(America\/New_York\)$/);
      expect(e.publicAt).toContain(`${e.utcOffset} (${ZONE})`);
      // the local wall time and offset name the same instant as `at`
      expect(new Date(e.publicAt.replace(/ \(.*\)$/, '')).toISOString()).toBe(e.at);
    });

    it('gives 7 days when exploitation was observed before the first notification', async () => {
      expect((await ok<EmbargoAnswer>(analyst, 'PUT', `/cases/${caseY}/exploited`, { exploited: true, reason: 'seen in the wild by a CERT' })).embargo).toBeNull();
      await confirm(caseY);
      const e = await embargo(analyst, caseY);
      expect(e.basis).toBe('exploited');
      expect(calendarDaysBetween(new Date(e.notifiedAt!.at), new Date(e.at), ZONE)).toEqual({ ok: true, value: 7 });
      expect(e.publicAt).toMatch(/T15:00:00-0[45]:00 \(America\/New_York\)$/);
    });
  });

  describe('messages', () => {
    it('are read by TLP label in the case thread', async () => {
      for (const tlp of ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']) {
        const m = await ok<Message>(acme, 'POST', `/cases/${caseX}/messages`, { tlp, body: `acme says ${tlp}` }, 201);
        expect(m).toMatchObject({ thread: 'all', tlp, author: { org: 'acme-software', role: 'vendor' } });
      }
      const labels = async (who: Who) => (await messages(who)).filter((m) => m.body.startsWith('acme says')).map((m) => m.tlp);
      expect(await labels(analyst)).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
      expect(await labels(acme)).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
      expect(await labels(beta)).toEqual(['CLEAR', 'GREEN', 'AMBER']);
      expect(await labels(reporter)).toEqual(['CLEAR', 'GREEN', 'AMBER']);
    });

    it('keep each vendor\'s thread between it and the coordinators, in the timeline too', async () => {
      await ok(acme, 'POST', `/cases/${caseX}/messages`, { thread: 'acme-software', tlp: 'AMBER', body: 'acme private: our patch plan' }, 201);
      await ok(analyst, 'POST', `/cases/${caseX}/messages`, { thread: 'beta-soft', tlp: 'RED', body: 'to beta only: the PoC details' }, 201);
      expect((await call(acme, 'POST', `/cases/${caseX}/messages`, { thread: 'beta-soft', tlp: 'CLEAR', body: 'peek' })).statusCode).toBe(403);
      expect((await call(reporter, 'POST', `/cases/${caseX}/messages`, { thread: 'acme-software', tlp: 'CLEAR', body: 'hi' })).statusCode).toBe(403);

      const bodies = async (who: Who) => (await messages(who)).filter((m) => m.thread !== 'all').map((m) => m.body);
      expect(await bodies(analyst)).toEqual(['acme private: our patch plan', 'to beta only: the PoC details']);
      expect(await bodies(acme)).toEqual(['acme private: our patch plan']);
      expect(await bodies(beta)).toEqual(['to beta only: the PoC details']);
      expect(await bodies(reporter)).toEqual([]);
      expect((await ok<{ items: Message[] }>(beta, 'GET', `/cases/${caseX}/messages?thread=beta-soft`)).items.map((m) => m.thread)).toEqual(['beta-soft']);

      const threads = async (who: Who) => (await events(who)).filter((e) => e.kind === 'message').map((e) => e.details?.thread);
      expect(await threads(acme)).not.toContain('beta-soft');
      expect(await threads(acme)).toContain('acme-software');
      expect(await threads(beta)).not.toContain('acme-software');
      expect(JSON.stringify(await events(acme))).not.toContain('to beta only');
      expect(JSON.stringify(await events(beta))).not.toContain('acme private');
      // coordinator-only entries (the release bookkeeping) stay with the coordinators
      expect((await events(acme)).some((e) => e.kind === 'release')).toBe(false);
      expect((await events(analyst)).some((e) => e.kind === 'release')).toBe(true);
    });

    it('refuses bad input with a pointer and stores nothing', async () => {
      const before = await fingerprint();
      const bad = await call(acme, 'POST', `/cases/${caseX}/messages`, { tlp: 'PURPLE', body: 'x' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json<ErrorBody>().error.details.map((d) => d.pointer)).toContain('/tlp');
      const long = await call(acme, 'POST', `/cases/${caseX}/messages`, { tlp: 'CLEAR', body: 'x'.repeat(20_001) });
      expect(long.statusCode).toBe(422);
      expect(long.json<ErrorBody>().error.details[0]!.pointer).toBe('/body');
      const extra = await call(acme, 'POST', `/cases/${caseX}/messages`, { tlp: 'CLEAR', body: 'x', cc: 'everyone' });
      expect(extra.statusCode).toBe(422);
      const query = await call(acme, 'GET', `/cases/${caseX}/messages?thread=Not%20A%20Slug`);
      expect(query.statusCode).toBe(400);
      expect(query.json<ErrorBody>().error.details[0]!.pointer).toBe('/thread');
      const unknownThread = await call(analyst, 'POST', `/cases/${caseX}/messages`, { thread: 'gamma-soft', tlp: 'CLEAR', body: 'x' });
      expect(unknownThread.statusCode).toBe(422);
      expect(unknownThread.json<ErrorBody>().error.details[0]!.pointer).toBe('/thread');
      expect(await fingerprint()).toBe(before);
    });
  });

  describe('vendor status', () => {
    it('is each vendor\'s own, needs a statement for not_affected, and every change is on the timeline', async () => {
      const before = await fingerprint();
      const bare = await call(acme, 'PUT', `/cases/${caseX}/vendor-status`, { status: 'not_affected' });
      expect(bare.statusCode).toBe(422);
      expect(bare.json<ErrorBody>().error.details[0]!.pointer).toBe('/statement');
      expect((await call(acme, 'PUT', `/cases/${caseX}/vendor-status`, { status: 'maybe' })).statusCode).toBe(422);
      expect((await call(acme, 'PUT', `/cases/${caseX}/vendor-status`, { vendor: 'beta-soft', status: 'fixed' })).statusCode).toBe(403);
      expect(await fingerprint()).toBe(before);

      await ok(acme, 'PUT', `/cases/${caseX}/vendor-status`, { status: 'under_investigation' });
      const items = (await ok<{ items: Participant[] }>(acme, 'PUT', `/cases/${caseX}/vendor-status`, { status: 'affected', statement: 'versions 1.x render unescaped' })).items;
      expect(items.map((p) => [p.org.slug, p.status!.status])).toEqual([['acme-software', 'affected'], ['beta-soft', 'unknown']]);
      await ok(analyst, 'PUT', `/cases/${caseX}/vendor-status`, { vendor: 'beta-soft', status: 'fixed', statement: 'fixed in 2.4.1 (told by phone)' });
      const changes = (await events(reporter)).filter((e) => e.kind === 'vendor-status').map((e) => [e.details!.vendor, e.details!.previous, e.details!.status]);
      expect(changes).toEqual([['acme-software', 'unknown', 'under_investigation'], ['acme-software', 'under_investigation', 'affected'], ['beta-soft', 'unknown', 'fixed']]);
    });
  });

  describe('when the vendor has not acknowledged', () => {
    it('reminds once a calendar day once overdue and escalates once after twice the SLA', async () => {
      await ok(beta, 'POST', `/cases/${caseX}/acknowledge`);
      const again = await ok<{ status: string; acknowledgedAt: string }>(beta, 'POST', `/cases/${caseX}/acknowledge`);
      expect(again.status).toBe('acknowledged');
      expect((await call(reporter, 'POST', `/cases/${caseX}/acknowledge`)).statusCode).toBe(403);

      const acmeOrg = await server.ctx.conn.db.selectFrom('orgs').select('id').where('slug', '=', 'acme-software').executeTakeFirstOrThrow();
      const released = await server.ctx.conn.db.selectFrom('case_releases').select('released_at').where('case_id', '=', caseX).where('vendor_org_id', '=', acmeOrg.id).executeTakeFirstOrThrow();
      const releasedAt = new Date(released.released_at);
      const notices = async () => (await events(analyst)).filter((e) => (e.kind === 'reminder' || e.kind === 'escalation') && e.details!.vendor === 'acme-software').map((e) => e.kind);

      const dueAt = addCalendarDays(releasedAt, 7, ZONE);
      if (!dueAt.ok) throw new Error(dueAt.message);
      // before the due time: nothing (other cases' vendors may get notices; this case gets none)
      await remindOverdue(server.ctx, new Date(dueAt.value.getTime() - 60_000));
      expect(await notices()).toEqual([]);
      const overdue = new Date(dueAt.value.getTime() + 60_000);
      await remindOverdue(server.ctx, overdue);
      await remindOverdue(server.ctx, overdue);
      expect(await notices()).toEqual(['reminder']);
      // two runs at once (two processes) record the next day's reminder once
      const nextDay = new Date(overdue.getTime() + DAY);
      const runs = await Promise.all([remindOverdue(server.ctx, nextDay), remindOverdue(server.ctx, nextDay)]);
      expect(runs.reduce((n, r) => n + r.reminders, 0)).toBeGreaterThanOrEqual(1);
      expect(await notices()).toEqual(['reminder', 'reminder']);
      const late = new Date(releasedAt.getTime() + 15 * DAY);
      await remindOverdue(server.ctx, late);
      await remindOverdue(server.ctx, late);
      expect(await notices()).toEqual(['reminder', 'reminder', 'reminder', 'escalation']);

      // the notices are acme's and the coordinators' alone
      expect((await events(acme)).filter((e) => e.kind === 'reminder')).toHaveLength(3);
      expect((await events(beta)).filter((e) => e.kind === 'reminder' || e.kind === 'escalation')).toEqual([]);

      // the states as the API shows them now, with the release moved back in time
      await server.ctx.conn.db.updateTable('case_releases').set({ released_at: new Date(Date.now() - 8 * DAY) }).where('case_id', '=', caseX).where('vendor_org_id', '=', acmeOrg.id).execute();
      const parts = (await ok<{ items: Participant[] }>(analyst, 'GET', `/cases/${caseX}/participants`)).items;
      expect(parts.find((p) => p.org.slug === 'acme-software')!.ack!.status).toBe('overdue');
      expect(parts.find((p) => p.org.slug === 'beta-soft')!.ack!.status).toBe('acknowledged');
      await server.ctx.conn.db.updateTable('case_releases').set({ released_at: new Date(Date.now() - 15 * DAY) }).where('case_id', '=', caseX).where('vendor_org_id', '=', acmeOrg.id).execute();
      const later = (await ok<{ items: Participant[] }>(acme, 'GET', `/cases/${caseX}/participants`)).items;
      expect(later.find((p) => p.org.slug === 'acme-software')!.ack!.status).toBe('escalated');
      const acked = await ok<{ status: string }>(acme, 'POST', `/cases/${caseX}/acknowledge`);
      expect(acked.status).toBe('acknowledged');
      const acks = (await events(acme)).filter((e) => e.kind === 'acknowledge').map((e) => [e.details!.vendor, e.details!.late]);
      expect(acks).toEqual([['beta-soft', false], ['acme-software', true]]);
    });
  });

  describe('an embargo extension', () => {
    it('waits for the coordinator and every vendor, then moves the date by calendar days', async () => {
      const start = await embargo(analyst);
      expect((await call(reporter, 'POST', `/cases/${caseX}/embargo/extensions`, { days: 30, reason: 'need time' })).statusCode).toBe(403);
      const before = await fingerprint();
      const earlier = await call(acme, 'POST', `/cases/${caseX}/embargo/extensions`, { until: '2020-01-01 15:00', reason: 'x' });
      expect(earlier.statusCode).toBe(422);
      expect(earlier.json<ErrorBody>().error.details[0]!.pointer).toBe('/until');
      const both = await call(acme, 'POST', `/cases/${caseX}/embargo/extensions`, { days: 3, until: '2099-01-01 15:00', reason: 'x' });
      expect(both.statusCode).toBe(422);
      expect(await fingerprint()).toBe(before);

      const asked = await ok<EmbargoAnswer>(acme, 'POST', `/cases/${caseX}/embargo/extensions`, { days: 30, reason: 'the fix needs a firmware respin' }, 201);
      expect(asked.embargo!.at).toBe(start.at);
      const ext = asked.embargo!.extension!;
      expect(ext).toMatchObject({ agreed: ['acme-software'], awaiting: ['coordinator', 'beta-soft'] });
      expect(ext.until.local).toMatch(/T15:00:00-0[45]:00 \(America\/New_York\)$/);
      expect((await call(acme, 'POST', `/cases/${caseX}/embargo/extensions`, { days: 10, reason: 'again' })).statusCode).toBe(409);

      const afterBeta = await ok<EmbargoAnswer>(beta, 'POST', `/cases/${caseX}/embargo/extensions/${ext.id}/agree`);
      expect(afterBeta.embargo!.at).toBe(start.at);
      expect(afterBeta.embargo!.extension!.awaiting).toEqual(['coordinator']);
      const done = (await ok<EmbargoAnswer>(analyst, 'POST', `/cases/${caseX}/embargo/extensions/${ext.id}/agree`)).embargo!;
      expect(done).toMatchObject({ basis: 'extension', reason: 'the fix needs a firmware respin', extension: null });
      expect([...done.agreedBy].sort()).toEqual(['acme-software', 'beta-soft', 'coordinator']);
      expect(calendarDaysBetween(new Date(start.at), new Date(done.at), ZONE)).toEqual({ ok: true, value: 30 });
      expect(done.publicAt).toMatch(/T15:00:00-0[45]:00 \(America\/New_York\)$/);
      expect((await events(reporter)).filter((e) => e.kind === 'embargo').map((e) => e.details!.action)).toEqual(['set', 'extension-requested', 'extension-agreed', 'extension-agreed', 'extended']);
    });

    it('is the only way to a later date: setting it by hand may only move it earlier', async () => {
      const now = await embargo(analyst);
      const later = new Date(new Date(now.at).getTime() + 5 * DAY).toISOString();
      expect((await call(analyst, 'PUT', `/cases/${caseX}/embargo`, { until: later, reason: 'longer' })).statusCode).toBe(409);
      expect((await embargo(analyst)).at).toBe(now.at);
    });
  });

  describe('an early release', () => {
    it('only moves the date earlier, for a shipped fix or observed exploitation', async () => {
      const current = await embargo(analyst);
      expect((await call(acme, 'POST', `/cases/${caseX}/embargo/early-release`, { reason: 'fixed' })).statusCode).toBe(403);
      expect((await call(analyst, 'POST', `/cases/${caseX}/embargo/early-release`, { reason: 'exploited' })).statusCode).toBe(409);
      const later = await call(analyst, 'POST', `/cases/${caseX}/embargo/early-release`, { reason: 'fixed', at: new Date(new Date(current.at).getTime() + DAY).toISOString() });
      expect(later.statusCode).toBe(422);
      expect(later.json<ErrorBody>().error.details[0]!.pointer).toBe('/at');
      expect((await embargo(analyst)).at).toBe(current.at);

      const at = new Date(Date.now() + 2 * DAY);
      at.setUTCMinutes(0, 0, 0);
      const moved = (await ok<EmbargoAnswer>(analyst, 'POST', `/cases/${caseX}/embargo/early-release`, { reason: 'fixed', at: at.toISOString() })).embargo!;
      expect(moved).toMatchObject({ basis: 'early-release', reason: 'fixed', at: at.toISOString(), zone: ZONE });
      expect(moved.publicAt).toMatch(/-0[45]:00 \(America\/New_York\)$/);
    });
  });

  describe('identifiers', () => {
    it('allocates distinct ids under concurrency, one per case', async () => {
      const year = new Date().getUTCFullYear();
      const res = await Promise.all([...others, others[0]!].map((id) => call(analyst, 'POST', `/cases/${id}/id`)));
      for (const r of res) expect([200, 201], r.body).toContain(r.statusCode);
      const ids = res.map((r) => r.json<{ id: string }>().id);
      for (const id of ids) expect(id).toMatch(new RegExp(`^AICC-${year}-\\d{4,}$`));
      expect(new Set(ids.slice(0, others.length)).size).toBe(others.length);
      expect(ids.at(-1)).toBe(ids[0]);
      expect(res.filter((r) => r.statusCode === 201)).toHaveLength(others.length);
      expect((await ok<{ id: string }>(analyst, 'POST', `/cases/${others[1]!}/id`)).id).toBe(ids[1]);
      expect((await call(acme, 'POST', `/cases/${caseX}/id`)).statusCode).toBe(403);
    });

    it('records a CVE id only in its format, once across cases', async () => {
      const before = await fingerprint();
      for (const cve of ['CVE-2027-12', 'cve-2027-1234', 'CVE-2027-1234x']) {
        const bad = await call(analyst, 'PUT', `/cases/${caseX}/cve`, { cve });
        expect(bad.statusCode).toBe(422);
        expect(bad.json<ErrorBody>().error.details[0]!.pointer).toBe('/cve');
      }
      expect(await fingerprint()).toBe(before);
      expect(await ok(analyst, 'PUT', `/cases/${caseX}/cve`, { cve: 'CVE-2027-123456' })).toMatchObject({ cve: 'CVE-2027-123456' });
      expect((await call(analyst, 'PUT', `/cases/${caseY}/cve`, { cve: 'CVE-2027-123456' })).statusCode).toBe(409);
      expect(await ok(acme, 'GET', `/cases/${caseX}/id`)).toMatchObject({ cve: 'CVE-2027-123456' });
      expect((await events(beta)).some((e) => e.kind === 'cve')).toBe(true);
    });
  });

  describe('coordinators', () => {
    it('take part from their first act on the case, and are shown to participants as the coordinator', async () => {
      const parts = (await ok<{ items: Participant[] }>(reporter, 'GET', `/cases/${caseX}/participants`)).items;
      expect(parts.filter((p) => p.role === 'coordinator').map((p) => [p.org.slug, p.source])).toEqual([['aicc-ops', 'auto']]);
      expect(parts.filter((p) => p.role === 'reporter').map((p) => p.org.slug)).toEqual(['frontier-lab']);
      const byCoordinator = (await events(beta)).filter((e) => e.kind === 'message' && e.details?.thread === 'beta-soft');
      expect(byCoordinator.map((e) => e.by)).toEqual(['coordinator']);
    });
  });

  it('documents its endpoints in the OpenAPI description', async () => {
    const doc = (await inject({ url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of ['participants', 'messages', 'vendor-status', 'acknowledge', 'embargo', 'embargo/extensions', 'embargo/extensions/{extension}/agree', 'embargo/early-release', 'exploited', 'id', 'cve', 'timeline']) {
      expect(Object.keys(doc.paths)).toContain(`/api/v1/cases/{id}/${path}`);
    }
  });

  describe('participants added by hand', () => {
    it('release the case to a vendor regardless of capacity, with the reason kept for the coordinators', async () => {
      await ok(analyst, 'PUT', '/vendors/gamma-soft', { prefixes: ['pkg:npm/gamma-'], casesPerWeek: 1 });
      expect((await call(analyst, 'POST', `/cases/${caseX}/participants`, { org: 'valley-hospital', role: 'vendor', reason: 'x' })).statusCode).toBe(409);
      const items = (await ok<{ items: Participant[] }>(analyst, 'POST', `/cases/${caseX}/participants`, { org: 'gamma-soft', role: 'vendor', reason: 'ships acme-widget in its SDK' }, 201)).items;
      expect(items.find((p) => p.org.slug === 'gamma-soft')).toMatchObject({ role: 'vendor', source: 'manual', reason: 'ships acme-widget in its SDK' });
      expect((await call(gamma, 'GET', `/cases/${caseX}/participants`)).statusCode).toBe(200);
      expect((await ok<{ items: Participant[] }>(gamma, 'GET', `/cases/${caseX}/participants`)).items.every((p) => p.reason === null)).toBe(true);
      expect((await call(analyst, 'POST', `/cases/${caseX}/participants`, { org: 'gamma-soft', role: 'vendor', reason: 'again' })).statusCode).toBe(409);
      // gamma sees the case thread, not the private threads written before it joined
      expect((await messages(gamma)).every((m) => m.thread === 'all')).toBe(true);
    });
  });
});
