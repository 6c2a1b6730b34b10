import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRead, type Actor } from '../../src/domain/access.js';
import { TLP_LABELS, type Tlp } from '../../src/domain/tlp.js';
import { readableBy } from '../../src/store/visibility.js';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { injector, json, signIn, type Inject } from './helpers.js';

/** One restricted record per label, owned by the vendor org and shared with the subscriber org. */
async function labelRecords(server: TestServer, inject: Inject, operator: Record<string, string>) {
  const records = TLP_LABELS.map((tlp, i) => ({
    schema_version: '1.6.0', id: `GHSA-tlp${i}-tlp${i}-tlp${i}`, modified: '2025-05-01T00:00:00Z', aliases: ['CVE-2099-7777'],
    summary: `restricted finding labelled ${tlp}`, details: 'embargoed', affected: [{ package: { ecosystem: 'npm', name: 'embargoed-lib' } }],
  }));
  const res = await inject({ method: 'POST', url: '/api/v1/import', headers: { ...operator, ...json }, payload: records });
  expect(res.statusCode).toBe(200);
  const orgs = await server.ctx.conn.db.selectFrom('orgs').select(['id', 'slug']).execute();
  const id = (slug: string) => orgs.find((o) => o.slug === slug)!.id;
  for (const [i, tlp] of TLP_LABELS.entries()) {
    await sql`UPDATE vulnerabilities SET tlp = ${tlp}, owner_org_id = ${id('acme-software')}::uuid, shared_org_ids = ARRAY[${id('valley-hospital')}]::uuid[]
      WHERE id = ${records[i]!.id}`.execute(server.ctx.conn.db);
  }
  server.ctx.details.clear();
  return { ids: records.map((r) => r.id), orgId: id };
}

describe.each(backends())('TLP and tenant isolation on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let sessions: Record<'vendor' | 'subscriber' | 'reporter', Record<string, string>>;
  let ids: string[];

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    const operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    sessions = {
      vendor: await signIn(inject, 'vendor@acme.example', server.demo.operator.password),
      subscriber: await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password),
      reporter: await signIn(inject, server.demo.reporter.email, server.demo.reporter.password),
    };
    ids = (await labelRecords(server, inject, operator)).ids;
  });
  afterAll(() => server.close());

  const visible: Array<[string, 'anonymous' | 'vendor' | 'subscriber' | 'reporter', Tlp[]]> = [
    ['anonymous callers', 'anonymous', ['CLEAR']],
    ['an unrelated organization', 'reporter', ['CLEAR', 'GREEN']],
    ['an organization the record was shared with', 'subscriber', ['CLEAR', 'GREEN', 'AMBER']],
    ['the owner organization', 'vendor', [...TLP_LABELS]],
  ];

  it.each(visible)('%s read exactly their labels, by detail and by search', async (_who, who, labels) => {
    const headers = who === 'anonymous' ? {} : sessions[who];
    const expected = labels.map((l) => ids[TLP_LABELS.indexOf(l)]);
    const details = await Promise.all(ids.map((id) => inject({ url: `/api/v1/vulnerabilities/${id}`, headers })));
    expect(ids.filter((_, i) => details[i]!.statusCode === 200)).toEqual(expected);
    for (const d of details.filter((r) => r.statusCode !== 200)) expect(d.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const search = await inject({ url: '/api/v1/vulnerabilities?q=restricted&limit=50', headers });
    expect(search.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id).sort()).toEqual([...expected].sort());
    const byAlias = await inject({ url: '/api/v1/vulnerabilities?id=CVE-2099-7777', headers });
    expect(byAlias.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id).sort()).toEqual([...expected].sort());
  });

  it('never reveals a restricted record through an alias link', async () => {
    const clear = ids[0]!;
    const anon = (await inject({ url: `/api/v1/vulnerabilities/${clear}` })).json<{ aliases: string[] }>();
    expect(anon.aliases).toEqual(['CVE-2099-7777']);
    const owner = (await inject({ url: `/api/v1/vulnerabilities/${clear}`, headers: sessions.vendor })).json<{ aliases: string[] }>();
    expect(owner.aliases).toEqual(expect.arrayContaining(ids.slice(1)));
    const missing = await inject({ url: '/api/v1/vulnerabilities/CVE-2099-7777' });
    expect(missing.json<{ error: { message: string } }>().error.message).not.toContain(ids[4]);
  });

  it('keeps the SQL rule and the policy function in agreement for every label and reader', async () => {
    const orgs = await server.ctx.conn.db.selectFrom('orgs').select(['id', 'slug']).execute();
    const owner = orgs.find((o) => o.slug === 'acme-software')!.id;
    const partner = orgs.find((o) => o.slug === 'valley-hospital')!.id;
    const other = orgs.find((o) => o.slug === 'frontier-lab')!.id;
    const member = (orgId: string): Actor => ({ kind: 'user', userId: null, tokenId: null, orgId, orgSlug: '', roles: ['subscriber'], isAdmin: false, scopes: ['vulns:read'] });
    const readers: Array<[Actor, { authenticated: boolean; orgId: string | null }]> = [
      [{ kind: 'anonymous' }, { authenticated: false, orgId: null }],
      ...[owner, partner, other].map((o): [Actor, { authenticated: boolean; orgId: string | null }] => [member(o), { authenticated: true, orgId: o }]),
    ];
    for (const [actor, scope] of readers) {
      const rows = await server.ctx.conn.db.selectFrom('vulnerabilities as v').select(['v.id', 'v.tlp']).where('v.id', 'in', ids).where(readableBy('v', scope)).execute();
      const bySql = rows.map((r) => r.tlp).sort();
      const byPolicy = TLP_LABELS.filter((tlp) => canRead(actor, { tlp, ownerOrgId: owner, sharedOrgIds: [partner] })).sort();
      expect(bySql).toEqual([...byPolicy]);
    }
  });
});
