import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverage, claimTarget, listTargets, registerTarget } from '../../src/app/scanning.js';
import type { Member } from '../../src/domain/access.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, storeFingerprint, type Inject } from './helpers.js';

interface Target { id: string; key: string; criticality: number; inputs: { subscribers: number; kev: number; weight: number }; claims: Array<{ org: string; status: string }> }
interface ClaimOut { id: string; status: string; org: string; expiresAt: string | null; startsAt: string | null }

const X_NET = 'pkg:golang/golang.org/x/net';

describe.each(backends())('scan coordination over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let reporter: Record<string, string>;
  let subscriber: Record<string, string>;
  let xnet: Target;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    reporter = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  const post = (who: Record<string, string>, url: string, payload: unknown) => inject({ method: 'POST', url, headers: { ...who, ...json }, payload });
  const targets = async () => (await inject({ url: '/api/v1/scan-targets', headers: operator })).json<{ items: Target[] }>().items;

  it('registers a target once, whatever version or spelling names it', async () => {
    const first = await post(reporter, '/api/v1/scan-targets', { kind: 'package', purl: `${X_NET}@v0.10.0` });
    expect(first.statusCode, first.body).toBe(201);
    xnet = first.json<Target>();
    expect(xnet.key).toBe(X_NET);
    const again = await post(reporter, '/api/v1/scan-targets', { kind: 'package', purl: `${X_NET}@v0.17.0` });
    expect(again.statusCode).toBe(200);
    expect(again.json<Target>().id).toBe(xnet.id);
    const repo = await post(reporter, '/api/v1/scan-targets', { kind: 'repository', url: 'git@github.com:Example/Widget.git' });
    expect(repo.json<Target>().key).toBe('https://github.com/Example/Widget');
    expect((await post(reporter, '/api/v1/scan-targets', { kind: 'repository', url: 'https://github.com/Example/Widget/' })).statusCode).toBe(200);
  });

  it('ranks targets by criticality from subscribers holding them, KEV history and the operators\' weight', async () => {
    await post(reporter, '/api/v1/scan-targets', { kind: 'package', purl: 'pkg:npm/left-pad' });
    const ranked = await targets();
    const net = ranked.find((t) => t.key === X_NET)!;
    // The demo hospital's inventory holds x/net, and HTTP/2 Rapid Reset is in KEV.
    expect(net.inputs).toEqual({ subscribers: 1, kev: 1, weight: 0 });
    expect(ranked[0]!.key).toBe(X_NET);
    expect(ranked.find((t) => t.key === 'pkg:npm/left-pad')!.criticality).toBe(0);
    const weighed = await inject({ method: 'PATCH', url: `/api/v1/scan-targets/${ranked.find((t) => t.key === 'pkg:npm/left-pad')!.id}`, headers: { ...operator, ...json }, payload: { weight: 10 } });
    expect(weighed.json<Target>().criticality).toBe(30);
    expect((await targets())[0]!.key).toBe('pkg:npm/left-pad');
    expect((await inject({ method: 'PATCH', url: `/api/v1/scan-targets/${xnet.id}`, headers: { ...reporter, ...json }, payload: { weight: 3 } })).statusCode).toBe(403);
  });

  it('refuses a claim overlapping another organization\'s live lease, and shows who holds it', async () => {
    const claim = await post(reporter, `/api/v1/scan-targets/${xnet.id}/claims`, { scope: 'HTTP/2 framing', method: 'frontier-model-x fuzzing', hours: 24 });
    expect(claim.statusCode, claim.body).toBe(201);
    expect(claim.json<ClaimOut>()).toMatchObject({ status: 'active', org: 'frontier-lab' });
    const overlap = await post(operator, `/api/v1/scan-targets/${xnet.id}/claims`, { scope: 'all', method: 'codeql' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<{ error: { message: string } }>().error.message).toContain('frontier-lab holds this target until');
    expect((await targets()).find((t) => t.id === xnet.id)!.claims).toMatchObject([{ org: 'frontier-lab', status: 'active' }]);
    // The holder's own second claim renews the lease instead of stacking.
    const renewed = await post(reporter, `/api/v1/scan-targets/${xnet.id}/claims`, { scope: 'HTTP/2 framing', method: 'frontier-model-x fuzzing', hours: 48 });
    expect(renewed.json<ClaimOut>().id).toBe(claim.json<ClaimOut>().id);
  });

  it('closes the claim with a scan report, zero findings included, once per run id', async () => {
    const claimId = (await targets()).find((t) => t.id === xnet.id)!.claims[0] as unknown as { id: string };
    const report = { targetId: xnet.id, claimId: claimId.id, revision: 'v0.10.0', tool: 'frontier-model-x', toolVersion: '2026-10', runId: 'run-001', durationSeconds: 5400, findings: 0 };
    const first = await post(reporter, '/api/v1/scan-reports', report);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await post(reporter, '/api/v1/scan-reports', report);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect((await targets()).find((t) => t.id === xnet.id)!.claims).toEqual([]);
    await post(operator, '/api/v1/scan-reports', { ...report, claimId: undefined, tool: 'codeql', runId: 'ops-1', findings: 2 });
    const cov = (await inject({ url: '/api/v1/coverage', headers: subscriber })).json<{ targets: number; scanned: number; neverScanned: number; items: Array<{ id: string; coverage: { reports: number; methods: number } }> }>();
    expect(cov).toMatchObject({ targets: 3, scanned: 1, neverScanned: 2 });
    expect(cov.items.find((i) => i.id === xnet.id)!.coverage).toMatchObject({ reports: 2, methods: 2 });
  });

  it('keeps claims and reports to scanning organizations, and rejects bad input changing nothing', async () => {
    const before = await storeFingerprint(server);
    expect((await post(subscriber, `/api/v1/scan-targets/${xnet.id}/claims`, { scope: 'x', method: 'y' })).statusCode).toBe(403);
    expect((await inject({ url: '/api/v1/scan-targets' })).statusCode).toBe(401);
    const missing = await post(reporter, '/api/v1/scan-reports', { targetId: xnet.id, revision: 'v1', tool: 't', toolVersion: '1', runId: 'r', durationSeconds: -1, findings: 0 });
    expect(missing.statusCode).toBe(422);
    expect(missing.json<{ error: { details: Array<{ pointer?: string }> } }>().error.details[0]?.pointer).toBe('/durationSeconds');
    expect((await post(reporter, '/api/v1/scan-targets', { kind: 'package', purl: 'not a purl' })).statusCode).toBe(422);
    expect((await post(reporter, '/api/v1/scan-targets/00000000-0000-4000-8000-000000000000/claims', { scope: 'x', method: 'y' })).statusCode).toBe(404);
    expect(await storeFingerprint(server)).toBe(before);
  });

  it('ends leases on their own and, under the queue policy, starts the next claim in line', async () => {
    const ctx = { ...server.ctx, config: { ...server.ctx.config, claims: { overlap: 'queue' as const, maxHours: 336 } } };
    const orgs = await server.ctx.conn.db.selectFrom('orgs').select(['id', 'slug', 'roles']).execute();
    const actor = (slug: string): Member => {
      const o = orgs.find((x) => x.slug === slug)!;
      return { kind: 'user', userId: null, tokenId: null, orgId: o.id, orgSlug: o.slug, roles: o.roles as Member['roles'], isAdmin: false, scopes: ['vulns:read', 'submit'] };
    };
    const lab = actor('frontier-lab');
    const ops = actor('aicc-ops');
    const target = await registerTarget(ctx, lab, { kind: 'product', vendor: 'Acme', product: 'Infusion Pump' });
    const t0 = new Date('2030-01-01T00:00:00Z');
    const held = await claimTarget(ctx, lab, target.id, { scope: 'firmware', method: 'model fuzzing', hours: 2 }, t0);
    const queued = await claimTarget(ctx, ops, target.id, { scope: 'firmware', method: 'manual review', hours: 5 }, new Date(t0.getTime() + 3_600_000));
    expect([held.status, queued.status]).toEqual(['active', 'queued']);
    // Past the first lease: shown without it at once, and the next claim starts when the target is next touched.
    const later = new Date(t0.getTime() + 3 * 3_600_000);
    expect((await listTargets(ctx, ops, later)).find((t) => t.id === target.id)!.claims.map((c) => c.status)).toEqual(['queued']);
    const again = await claimTarget(ctx, ops, target.id, { scope: 'firmware', method: 'manual review', hours: 5 }, later);
    expect(again).toMatchObject({ id: queued.id, status: 'active', startsAt: later.toISOString() });
    expect((await coverage(ctx, ops, later)).items.find((i) => i.id === target.id)!.activeClaim).toBe('aicc-ops');
  });
});
