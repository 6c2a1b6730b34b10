import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Command } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { createOrg, createToken, SYSTEM } from '../../src/app/identity.js';
import { importVex, remediationHistory, reportRemediation, type VexImportResult } from '../../src/app/remediation.js';
import { remediationCommands } from '../../src/cli/remediation.js';
import type { Actor, Role, Scope } from '../../src/domain/access.js';
import { AppError } from '../../src/domain/errors.js';
import { parseJson } from '../../src/formats/json.js';
import { installAuth } from '../../src/http/auth.js';
import { installErrorHandler } from '../../src/http/errors.js';
import { remediationRoutes } from '../../src/http/routes/remediation.js';
import { recentAudit } from '../../src/store/audit.js';
import { findOrg } from '../../src/store/identity.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { signIn } from './helpers.js';

interface Org { id: string; slug: string }
interface Component { package: string; installed: string; fixed: string | null }

const LOG4J: Component = { package: 'pkg:maven/org.apache.logging.log4j/log4j-core', installed: '2.14.1', fixed: '2.15.0' };
const XNET: Component = { package: 'pkg:golang/golang.org/x/net', installed: 'v0.10.0', fixed: 'v0.17.0' };
const CURL: Component = { package: 'pkg:deb/debian/curl?distro=debian-12', installed: '7.88.1-10+deb12u2', fixed: null };
const PUMP_CPE = 'cpe:2.3:o:acme:pump_firmware:2.1:*:*:*:*:*:*:*';

const member = (org: Org, roles: Role[], scopes: Scope[] = ['vulns:read', 'inventory']): Actor => ({
  kind: 'token', userId: null, tokenId: `test-${org.slug}`, orgId: org.id, orgSlug: org.slug, roles, isAdmin: false, scopes,
});

const openvex = (statements: unknown[]) => JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://valley.example/vex/1', author: 'Valley', timestamp: '2025-05-01T00:00:00Z', version: 1, statements });

/**
 * The routes as the server mounts them. Until src/http/server.ts registers them, a door of our own
 * with the server's JSON parser, error mapper and authentication serves them.
 */
async function door(ctx: AppContext, server: TestServer): Promise<{ app: FastifyInstance; url: string; close: () => Promise<void> }> {
  if (server.app.hasRoute({ method: 'PUT', url: '/api/v1/exposures/:id/remediation' })) return { app: server.app, url: server.url, close: () => Promise.resolve() };
  const app = Fastify({ logger: false, bodyLimit: ctx.config.bodyLimit, ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } } }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const parsed = parseJson(String(body), 'request body', { maxDepth: ctx.config.maxJsonDepth });
    if (parsed.ok) done(null, parsed.value);
    else done(new AppError('INVALID_JSON', parsed.problems[0]?.message ?? 'invalid JSON', { problems: parsed.problems }), undefined);
  });
  await app.register(fastifyCookie);
  installAuth(app, ctx);
  await app.register(remediationRoutes(ctx), { prefix: '/api/v1' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url, close: () => app.close() };
}

describe.each(backends())('remediation reports on %s', (backend) => {
  let server: TestServer;
  let ctx: AppContext;
  let http: Awaited<ReturnType<typeof door>>;
  let hospital: Org;
  let bank: Org;
  let acme: Org;
  let ops: Org;
  let hospitalToken = '';
  let bankToken = '';
  let readOnlyToken = '';
  let subscriberSession: Record<string, string>;
  let operatorSession: Record<string, string>;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    ctx = server.ctx;
    const org = async (slug: string) => {
      const o = await findOrg(ctx.conn.db, slug);
      return { id: o!.id, slug: o!.slug };
    };
    hospital = await org('valley-hospital');
    acme = await org('acme-software');
    ops = await org('aicc-ops');
    const created = await createOrg(ctx, SYSTEM, { slug: 'river-bank', name: 'River Community Bank', roles: ['subscriber'] });
    bank = { id: created.id, slug: created.slug };
    hospitalToken = (await createToken(ctx, SYSTEM, { name: 'vex', scopes: ['inventory'], orgId: hospital.id })).token;
    bankToken = (await createToken(ctx, SYSTEM, { name: 'vex', scopes: ['inventory'], orgId: bank.id })).token;
    readOnlyToken = (await createToken(ctx, SYSTEM, { name: 'feeds', scopes: ['vulns:read'], orgId: hospital.id })).token;
    const inject = (opts: { method?: string; url: string; payload?: unknown; headers?: Record<string, string> }) =>
      server.app.inject({ method: (opts.method ?? 'GET') as 'GET', url: opts.url, headers: opts.headers ?? {}, ...(opts.payload === undefined ? {} : { payload: JSON.stringify(opts.payload) }) });
    subscriberSession = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    operatorSession = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    http = await door(ctx, server);
  }, 120_000);
  afterAll(async () => {
    await http?.close();
    await server?.close();
  });

  /** An asset of its own and one exposure on it, as the distribution would write them. */
  async function exposure(org: Org, vulnId: string, components: Component[], asset?: { name?: string; cpes?: string[] }): Promise<number> {
    const name = asset?.name ?? `asset-${++n}`;
    const inv = await ctx.conn.db
      .insertInto('inventories')
      .values({ org_id: org.id, name, format: 'cyclonedx', spec_version: '1.6', sha256: `${n}`.padStart(64, '0'), components: components.length, unmatchable: 0, cpes: asset?.cpes ?? [] })
      .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({ updated_at: sql`now()` }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await ctx.conn.db
      .insertInto('exposures')
      .values({ org_id: org.id, inventory_id: inv.id, vuln_id: vulnId, clock_start: '2025-04-01', due_date: '2025-04-15', binding: false, priority: '{}', components: JSON.stringify(components) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  const status = async (id: number) => ctx.conn.db.selectFrom('exposures').select(['status', 'remediated_at', 'status_at']).where('id', '=', String(id)).executeTakeFirstOrThrow();
  const reports = async (id: number) => (await ctx.conn.db.selectFrom('remediation_reports').select(sql<number>`count(*)`.as('n')).where('exposure_id', '=', String(id)).executeTakeFirstOrThrow()).n;
  const rejects = async (p: Promise<unknown>) => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };
  const subscriber = () => member(hospital, ['subscriber']);
  /** A subscriber of its own, so that a document matches only what the test made. */
  const freshSubscriber = async () => {
    const created = await createOrg(ctx, SYSTEM, { slug: `clinic-${++n}`, name: `Clinic ${n}`, roles: ['subscriber'] });
    const org = { id: created.id, slug: created.slug };
    const token = (await createToken(ctx, SYSTEM, { name: 'vex', scopes: ['inventory'], orgId: org.id })).token;
    return { org, actor: member(org, ['subscriber']), token };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const call = (headers: Record<string, string>, method: string, url: string, payload?: unknown, contentType = 'application/json') =>
    http.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: payload === undefined ? headers : { ...headers, 'content-type': contentType }, ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }) });

  describe('when a subscriber reports on its own exposure', () => {
    it('moves the status, stamps remediation at the first remediated status and clears it on reopening, keeping every report', async () => {
      const id = await exposure(hospital, 'CVE-2021-44228', [LOG4J]);
      const before = await status(id);
      expect(before).toMatchObject({ status: 'open', remediated_at: null });

      const started = await reportRemediation(ctx, subscriber(), id, { status: 'in_progress', statement: 'upgrade scheduled' }, 'api');
      expect(started.exposure).toMatchObject({ id, org: 'valley-hospital', status: 'in_progress', remediatedAt: null, dueDate: '2025-04-15' });
      expect(started.exposure.statusAt >= before.status_at).toBe(true);
      const fixed = await reportRemediation(ctx, subscriber(), String(id), { status: 'fixed' }, 'cli');
      expect(fixed.exposure.remediatedAt).not.toBeNull();
      const mitigated = await reportRemediation(ctx, subscriber(), id, { status: 'mitigated', statement: 'WAF rule as well' }, 'api');
      // still remediated since the fix: the clock of remediation is not restarted
      expect(mitigated.exposure.remediatedAt).toBe(fixed.exposure.remediatedAt);
      const reopened = await reportRemediation(ctx, subscriber(), id, { status: 'open', statement: 'the fix was rolled back' }, 'api');
      expect(reopened.exposure).toMatchObject({ status: 'open', remediatedAt: null });
      expect(await status(id)).toMatchObject({ status: 'open', remediated_at: null });

      const history = await remediationHistory(ctx, subscriber(), id);
      expect(history.items.map((r) => [r.status, r.source, r.statement])).toEqual([
        ['in_progress', 'api', 'upgrade scheduled'],
        ['fixed', 'cli', ''],
        ['mitigated', 'api', 'WAF rule as well'],
        ['open', 'api', 'the fix was rolled back'],
      ]);
      expect(history.items.map((r) => r.id)).toEqual([...history.items.map((r) => r.id)].sort((a, b) => a - b));
      expect(history.items.every((r) => r.reportedBy === 'token:test-valley-hospital')).toBe(true);

      const audit = (await recentAudit(ctx.conn.db, 50)).filter((e) => e.subject === `exposure:${id}`).reverse();
      expect(audit.map((e) => [e.action, (e.details as { from: string }).from, (e.details as { to: string }).to])).toEqual([
        ['exposure.remediation', 'open', 'in_progress'],
        ['exposure.remediation', 'in_progress', 'fixed'],
        ['exposure.remediation', 'fixed', 'mitigated'],
        ['exposure.remediation', 'mitigated', 'open'],
      ]);
    });

    it('requires a justification for not_affected, a statement for accepted_risk, and writes nothing it refuses', async () => {
      const id = await exposure(hospital, 'CVE-2021-44228', [LOG4J]);
      const pointers = async (input: Parameters<typeof reportRemediation>[3]) => (await rejects(reportRemediation(ctx, subscriber(), id, input, 'api'))).problems.map((p) => p.pointer);
      expect(await pointers({ status: 'not_affected' })).toEqual(['/justification']);
      expect(await pointers({ status: 'not_affected', justification: 'it is fine' })).toEqual(['/justification']);
      expect(await pointers({ status: 'fixed', justification: 'component_not_present' })).toEqual(['/justification']);
      expect(await pointers({ status: 'accepted_risk', statement: '   ' })).toEqual(['/statement']);
      expect(await pointers({ status: 'closed' })).toEqual(['/status']);
      expect(await reports(id)).toBe(0);
      expect(await status(id)).toMatchObject({ status: 'open' });

      // a CycloneDX spelling is stored as CISA's
      const r = await reportRemediation(ctx, subscriber(), id, { status: 'not_affected', justification: 'code_not_reachable' }, 'api');
      expect(r.report).toMatchObject({ status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' });
      expect(r.exposure.remediatedAt).not.toBeNull();
      const risk = await reportRemediation(ctx, subscriber(), id, { status: 'accepted_risk', statement: 'isolated network; CISO sign-off until 2025-12-31' }, 'api');
      expect(risk.exposure).toMatchObject({ status: 'accepted_risk', remediatedAt: null });
    });
  });

  describe('tenant isolation', () => {
    it("answers another organization's exposure as it answers one that does not exist", async () => {
      const id = await exposure(hospital, 'CVE-2021-44228', [LOG4J]);
      const theirs = await rejects(reportRemediation(ctx, member(bank, ['subscriber']), id, { status: 'fixed' }, 'api'));
      const none = await rejects(reportRemediation(ctx, member(bank, ['subscriber']), 999_999_999, { status: 'fixed' }, 'api'));
      expect([theirs.code, none.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(theirs.message.replace(String(id), 'N')).toBe(none.message.replace('999999999', 'N'));
      expect((await rejects(remediationHistory(ctx, member(bank, ['subscriber']), id))).code).toBe('NOT_FOUND');

      const put = await call(bearer(bankToken), 'PUT', `/exposures/${id}/remediation`, { status: 'fixed' });
      expect(put.statusCode).toBe(404);
      expect((await call(bearer(bankToken), 'GET', `/exposures/${id}/remediation`)).statusCode).toBe(404);
      // naming the other organization does not help a subscriber either
      expect((await call(bearer(bankToken), 'PUT', `/exposures/${id}/remediation?org=valley-hospital`, { status: 'fixed' })).statusCode).toBe(404);
      expect(await status(id)).toMatchObject({ status: 'open' });
      expect(await reports(id)).toBe(0);
    });

    it('lets only subscribers report, and operators for a subscriber they name', async () => {
      const id = await exposure(hospital, 'CVE-2021-44228', [LOG4J]);
      expect((await rejects(reportRemediation(ctx, { kind: 'anonymous' }, id, { status: 'fixed' }, 'api'))).code).toBe('UNAUTHENTICATED');
      expect((await rejects(reportRemediation(ctx, member(hospital, ['subscriber'], ['vulns:read']), id, { status: 'fixed' }, 'api'))).code).toBe('FORBIDDEN');
      expect((await rejects(reportRemediation(ctx, member(acme, ['vendor']), id, { status: 'fixed' }, 'api'))).code).toBe('FORBIDDEN');
      expect((await rejects(reportRemediation(ctx, member(ops, ['operator']), id, { status: 'fixed' }, 'api'))).code).toBe('FORBIDDEN');
      expect((await rejects(reportRemediation(ctx, member(ops, ['operator']), id, { status: 'fixed' }, 'api', 'acme-software'))).code).toBe('NOT_FOUND');
      expect((await rejects(reportRemediation(ctx, member(ops, ['operator']), id, { status: 'fixed' }, 'api', 'river-bank'))).code).toBe('NOT_FOUND');
      expect((await call(bearer(readOnlyToken), 'GET', `/exposures/${id}/remediation`)).statusCode).toBe(403);

      const res = await call(operatorSession, 'PUT', `/exposures/${id}/remediation?org=valley-hospital`, { status: 'in_progress' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ exposure: { id, status: 'in_progress' }, report: { source: 'ui' } });
    });

    it("never applies one organization's VEX to another's exposures", async () => {
      const theirs = await exposure(hospital, 'CVE-2021-44228', [LOG4J]);
      const mine = await exposure(bank, 'CVE-2021-44228', [LOG4J]);
      const out = await importVex(ctx, member(bank, ['subscriber']), { name: 'bank.json', text: openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }], status: 'fixed' },
      ]) });
      expect(out.applied.map((a) => a.exposureId)).toEqual([mine]);
      expect(await status(theirs)).toMatchObject({ status: 'open' });
    });
  });

  describe('over HTTP', () => {
    it('reports by session as ui and by token as api, and lists the history', async () => {
      const id = await exposure(hospital, 'CVE-2023-44487', [XNET]);
      const first = await call(subscriberSession, 'PUT', `/exposures/${id}/remediation`, { status: 'in_progress', statement: 'patch window Friday' });
      expect(first.statusCode, first.body).toBe(200);
      const second = await call(bearer(hospitalToken), 'PUT', `/exposures/${id}/remediation`, { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' });
      expect(second.statusCode, second.body).toBe(200);
      const history = await call(bearer(hospitalToken), 'GET', `/exposures/${id}/remediation`);
      expect(history.statusCode).toBe(200);
      const body = history.json<{ exposure: { status: string; vulnId: string }; items: Array<{ status: string; source: string; justification: string | null }> }>();
      expect(body.exposure).toMatchObject({ status: 'not_affected', vulnId: 'CVE-2023-44487' });
      expect(body.items.map((r) => [r.status, r.source, r.justification])).toEqual([['in_progress', 'ui', null], ['not_affected', 'api', 'vulnerable_code_not_in_execute_path']]);
    });

    it('refuses malformed requests with the pointer of what is wrong', async () => {
      const id = await exposure(hospital, 'CVE-2023-44487', [XNET]);
      expect((await call(bearer(hospitalToken), 'PUT', '/exposures/abc/remediation', { status: 'fixed' })).statusCode).toBe(400);
      const bad = await call(bearer(hospitalToken), 'PUT', `/exposures/${id}/remediation`, { status: 'fixed', note: 'x' });
      expect(bad.statusCode).toBe(422);
      const missing = await call(bearer(hospitalToken), 'PUT', `/exposures/${id}/remediation`, { status: 'not_affected' });
      expect(missing.statusCode).toBe(422);
      expect(missing.json<{ error: { details: Array<{ pointer: string }> } }>().error.details.map((d) => d.pointer)).toEqual(['/justification']);
      expect((await call(bearer(hospitalToken), 'POST', '/remediation/vex', 'CVE-1 is fixed', 'text/plain')).statusCode).toBe(415);
      const huge = openvex([{ vulnerability: { name: 'CVE-1', description: 'x'.repeat(ctx.config.bodyLimit) }, products: [], status: 'fixed' }]);
      expect((await call(bearer(hospitalToken), 'POST', '/remediation/vex', huge)).json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
      const notVex = await call(bearer(hospitalToken), 'POST', '/remediation/vex', { '@context': 'https://openvex.dev/ns/v0.2.0', statements: [{ vulnerability: {}, status: 'fixed' }] });
      expect(notVex.statusCode).toBe(422);
      expect(notVex.json<{ error: { details: Array<{ pointer: string }> } }>().error.details.map((d) => d.pointer)).toEqual(['/statements/0/vulnerability/name']);
    });
  });

  describe('when a subscriber uploads a VEX document', () => {
    it('applies each statement to the exposures it names (by id or alias; purl, CPE or asset name) and lists what it cannot', async () => {
      const { org, actor } = await freshSubscriber();
      const log4j = await exposure(org, 'CVE-2021-44228', [LOG4J], { name: 'vex-portal' });
      const xnet = await exposure(org, 'CVE-2023-44487', [XNET], { name: 'vex-pacs' });
      const curl = await exposure(org, 'CVE-2023-38545', [CURL], { name: 'vex-gateway' });
      const pump = await exposure(org, 'CVE-2023-38545', [], { name: 'vex-pump', cpes: [PUMP_CPE] });
      const otherVersion = await exposure(org, 'CVE-2021-44228', [{ ...LOG4J, installed: '2.16.0' }], { name: 'vex-build' });
      const text = openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path', impact_statement: 'JNDI lookups disabled' },
        { vulnerability: { name: 'GHSA-qppj-fm5r-hxr3' }, products: [{ '@id': 'vex-pacs' }], status: 'affected', action_statement: 'upgrade x/net' },
        { vulnerability: { name: 'CVE-2023-38545' }, products: [{ '@id': 'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u2?arch=amd64' }, { identifiers: { cpe23: PUMP_CPE } }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2099-0001' }, products: [{ '@id': 'pkg:npm/left-pad@1.0.0' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'pkg:npm/left-pad@1.0.0' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2021-44228' }, status: 'under_investigation' },
      ]);
      const out = await importVex(ctx, actor, { text, name: 'valley.openvex.json' });
      expect(out).toMatchObject({ format: 'openvex', statements: 6 });
      expect(out.applied).toEqual([
        { exposureId: log4j, vulnId: 'CVE-2021-44228', asset: 'vex-portal', status: 'not_affected', changed: true },
        { exposureId: xnet, vulnId: 'CVE-2023-44487', asset: 'vex-pacs', status: 'in_progress', changed: true },
        { exposureId: curl, vulnId: 'CVE-2023-38545', asset: 'vex-gateway', status: 'fixed', changed: true },
        { exposureId: pump, vulnId: 'CVE-2023-38545', asset: 'vex-pump', status: 'fixed', changed: true },
      ]);
      expect(out.unmatched).toEqual([
        { vulnerability: 'CVE-2099-0001', product: 'pkg:npm/left-pad@1.0.0', reason: `${org.slug} has no open exposure to CVE-2099-0001` },
        { vulnerability: 'CVE-2021-44228', product: 'pkg:npm/left-pad@1.0.0', reason: `no exposure of ${org.slug} to CVE-2021-44228 is on an asset that holds or is pkg:npm/left-pad@1.0.0` },
        { vulnerability: 'CVE-2021-44228', product: null, reason: 'the statement names no product' },
      ]);
      expect(await status(otherVersion)).toMatchObject({ status: 'open' });
      const history = await remediationHistory(ctx, actor, log4j);
      expect(history.items).toEqual([expect.objectContaining({ status: 'not_affected', source: 'vex', justification: 'vulnerable_code_not_in_execute_path', statement: 'JNDI lookups disabled' })]);
      expect((await remediationHistory(ctx, actor, xnet)).items[0]).toMatchObject({ status: 'in_progress', statement: 'action: upgrade x/net' });

      // the same document again: every exposure already stands so, and no history is written
      const again = await importVex(ctx, actor, { text, name: 'valley.openvex.json' });
      expect(again.applied.map((a) => a.changed)).toEqual([false, false, false, false]);
      expect(await reports(log4j)).toBe(1);
    });

    it('applies all of a document or nothing', async () => {
      const { org, actor } = await freshSubscriber();
      const first = await exposure(org, 'CVE-2021-44228', [LOG4J]);
      const second = await exposure(org, 'CVE-2023-44487', [XNET]);
      const text = openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2023-44487' }, products: [{ '@id': 'pkg:golang/golang.org/x/net@v0.10.0' }], status: 'fixed', status_notes: 'boom' },
      ]);
      // the second exposure's report fails in the database, after the first was written
      await sql`CREATE FUNCTION remediation_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.statement = 'boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`.execute(ctx.conn.db);
      await sql`CREATE TRIGGER remediation_boom BEFORE INSERT ON remediation_reports FOR EACH ROW EXECUTE FUNCTION remediation_boom()`.execute(ctx.conn.db);
      try {
        await expect(importVex(ctx, actor, { text, name: 'boom.json' })).rejects.toThrow('boom');
      } finally {
        await sql`DROP TRIGGER remediation_boom ON remediation_reports`.execute(ctx.conn.db);
        await sql`DROP FUNCTION remediation_boom()`.execute(ctx.conn.db);
      }
      expect(await status(first)).toMatchObject({ status: 'open', remediated_at: null });
      expect([await reports(first), await reports(second)]).toEqual([0, 0]);
      expect((await recentAudit(ctx.conn.db, 20)).some((e) => e.subject === `exposure:${first}`)).toBe(false);

      const out = await importVex(ctx, actor, { text, name: 'boom.json' });
      expect(out.applied.map((a) => [a.exposureId, a.status])).toEqual([[first, 'fixed'], [second, 'fixed']]);
    });

    it('keeps the first of two statements that set one exposure to different statuses, and lists the second', async () => {
      const { org, actor } = await freshSubscriber();
      const id = await exposure(org, 'CVE-2021-44228', [LOG4J], { name: 'vex-twice' });
      const out = await importVex(ctx, actor, { name: 'twice.json', text: openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'vex-twice' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2021-44228', aliases: ['GHSA-jfh8-c2jp-5v3q'] }, products: [{ '@id': 'pkg:maven/org.apache.logging.log4j/log4j-core' }], status: 'under_investigation' },
      ]) });
      expect(out.applied).toEqual([expect.objectContaining({ exposureId: id, status: 'fixed' })]);
      expect(out.unmatched).toEqual([
        { vulnerability: 'CVE-2021-44228', product: 'pkg:maven/org.apache.logging.log4j/log4j-core', reason: `exposure ${id} (vex-twice) is stated fixed by an earlier statement of this document` },
      ]);
    });

    it('takes CSAF VEX and CycloneDX VEX over HTTP, for an operator naming the subscriber', async () => {
      const { org, actor, token } = await freshSubscriber();
      const pump = await exposure(org, 'CVE-2023-38545', [], { name: 'csaf-pump', cpes: [PUMP_CPE] });
      const portal = await exposure(org, 'CVE-2021-44228', [LOG4J], { name: 'cdx-portal' });
      const csaf = {
        document: { category: 'csaf_vex', csaf_version: '2.0', title: 'pump', publisher: { category: 'vendor', name: 'Acme', namespace: 'https://acme.example' }, tracking: {} },
        product_tree: { full_product_names: [{ product_id: 'P', name: 'Pump firmware 2.1', product_identification_helper: { cpe: PUMP_CPE } }] },
        vulnerabilities: [{ cve: 'CVE-2023-38545', product_status: { known_not_affected: ['P'] }, flags: [{ label: 'component_not_present', product_ids: ['P'] }] }],
      };
      const res = await call(operatorSession, 'POST', `/remediation/vex?org=${org.slug}&name=pump.csaf.json`, csaf, 'application/csaf+json');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<VexImportResult>()).toMatchObject({ format: 'csaf', applied: [{ exposureId: pump, status: 'not_affected', changed: true }], unmatched: [] });
      expect((await remediationHistory(ctx, actor, pump)).items[0]).toMatchObject({ justification: 'component_not_present', reportedBy: expect.stringMatching(/^user:/) as unknown });

      const cdx = {
        bomFormat: 'CycloneDX', specVersion: '1.6', version: 1,
        metadata: { component: { type: 'application', name: 'cdx-portal', 'bom-ref': 'root' } },
        vulnerabilities: [{ id: 'CVE-2021-44228', analysis: { state: 'resolved' }, affects: [{ ref: 'root' }] }],
      };
      const mine = await call(bearer(token), 'POST', '/remediation/vex', cdx, 'application/vnd.cyclonedx+json');
      expect(mine.statusCode, mine.body).toBe(200);
      expect(mine.json<VexImportResult>().applied).toEqual([{ exposureId: portal, vulnId: 'CVE-2021-44228', asset: 'cdx-portal', status: 'fixed', changed: true }]);
    });

    it('is what `aicc remediation report FILE` sends, printing what changed and what did not match', async () => {
      const { org, token } = await freshSubscriber();
      const id = await exposure(org, 'CVE-2021-44228', [LOG4J], { name: 'cli-portal' });
      const dir = mkdtempSync(join(tmpdir(), 'aicc-vex-'));
      const file = join(dir, 'valley.vex.json');
      writeFileSync(file, openvex([
        { vulnerability: { name: 'CVE-2021-44228' }, products: [{ '@id': 'cli-portal' }], status: 'fixed' },
        { vulnerability: { name: 'CVE-2099-0002' }, products: [{ '@id': 'cli-portal' }], status: 'fixed' },
      ]));
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        out.push(String(chunk));
        return true;
      });
      try {
        const program = new Command('aicc').exitOverride();
        remediationCommands(program);
        await program.parseAsync(['node', 'aicc', 'remediation', 'report', file, '--server', http.url, '--token', token]);
      } finally {
        spy.mockRestore();
        rmSync(dir, { recursive: true, force: true });
      }
      const printed = out.join('');
      expect(printed).toContain(`${file} (openvex, 2 statements): 1 exposures matched, 1 changed, 1 unmatched`);
      expect(printed).toMatch(new RegExp(`${id}\\s+cli-portal\\s+CVE-2021-44228\\s+fixed`));
      expect(printed).toContain(`${org.slug} has no open exposure to CVE-2099-0002`);
      expect(await status(id)).toMatchObject({ status: 'fixed' });
    });
  });
});
