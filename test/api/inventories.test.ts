import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { demoSbom, injector, json, signIn, storeFingerprint, type Inject } from './helpers.js';

interface Affected { items: Array<{ inventory: { org: string; name: string }; components: Array<{ package: string; version: string }> }> }

describe.each(backends())('inventories and the reverse match over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;
  let reporter: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
    reporter = await signIn(inject, server.demo.reporter.email, server.demo.reporter.password);
  });
  afterAll(() => server.close());

  const put = (who: Record<string, string>, name: string, sbom: string, org = '') =>
    inject({ method: 'PUT', url: `/api/v1/inventories/${encodeURIComponent(name)}${org ? `?org=${org}` : ''}`, headers: { ...who, ...json }, payload: sbom });
  const affected = async (who: Record<string, string>, id: string) => {
    const res = await inject({ url: `/api/v1/vulnerabilities/${id}/inventories`, headers: who });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Affected>().items.map((i) => `${i.inventory.org}/${i.inventory.name}: ${i.components.map((c) => `${c.package}@${c.version}`).join(', ')}`);
  };

  it("finds the demo hospital's seeded inventory by the advisories that affect it", async () => {
    expect(await affected(subscriber, 'CVE-2023-44487')).toEqual(['valley-hospital/radiology-pacs: pkg:golang/golang.org/x/net@v0.10.0']);
    expect(await affected(subscriber, 'CVE-2023-38545')).toEqual(['valley-hospital/radiology-pacs: pkg:deb/debian/curl?distro=debian-12@7.88.1-10+deb12u2']);
    expect(await affected(subscriber, 'CVE-2014-0160')).toEqual([]);
  });

  it('stores an SBOM as an inventory: created, unchanged when sent again, replaced when it changes', async () => {
    const first = await put(subscriber, 'clinic-portal', demoSbom());
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ org: 'valley-hospital', name: 'clinic-portal', status: 'created', components: 5, unmatchable: 0, format: 'cyclonedx' });
    expect((await put(subscriber, 'clinic-portal', demoSbom())).json()).toMatchObject({ status: 'unchanged' });
    const extra = [{ name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' }];
    expect((await put(subscriber, 'clinic-portal', demoSbom(extra))).json()).toMatchObject({ status: 'replaced', components: 6 });
    const list = await inject({ url: '/api/v1/inventories', headers: subscriber });
    expect(list.json<{ items: Array<{ name: string }> }>().items.map((i) => i.name)).toEqual(['clinic-portal', 'radiology-pacs']);
  });

  it('shows what affects an inventory now, as a scan would, CWEs included', async () => {
    const res = await inject({ url: '/api/v1/inventories/clinic-portal', headers: subscriber });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json<{ results: Array<{ component: { name: string }; vulnerabilities: Array<{ id: string; cwes: string[] }> }> }>();
    expect(detail.results.map((r) => r.component.name).sort()).toEqual(['curl', 'golang.org/x/net', 'log4j-core', 'requests']);
    const log4j = detail.results.find((r) => r.component.name === 'log4j-core')!.vulnerabilities[0]!;
    expect(log4j).toMatchObject({ id: 'CVE-2021-44228' });
    expect(Array.isArray(log4j.cwes)).toBe(true);
  });

  it('finds the inventories a vulnerability affects, and only the asker may see', async () => {
    // The operator registers an inventory for another organization, with the fixed log4j.
    const fixed = demoSbom().replaceAll('2.14.1', '2.17.1');
    expect((await put(operator, 'build-server', fixed, 'acme-software')).statusCode).toBe(200);
    expect((await put(operator, 'old-build', demoSbom(), 'acme-software')).statusCode).toBe(200);
    expect(await affected(subscriber, 'CVE-2021-44228')).toEqual(['valley-hospital/clinic-portal: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1']);
    expect(await affected(operator, 'CVE-2021-44228')).toEqual([
      'acme-software/old-build: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      'valley-hospital/clinic-portal: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    ]);
    // Another organization's inventories are not there for a subscriber, by list or by name.
    expect((await inject({ url: '/api/v1/inventories?org=acme-software', headers: subscriber })).statusCode).toBe(404);
    expect((await inject({ url: '/api/v1/inventories/old-build?org=acme-software', headers: subscriber })).statusCode).toBe(404);
    expect((await inject({ url: '/api/v1/inventories/old-build', headers: subscriber })).statusCode).toBe(404);
  });

  it('reaches inventories stored before an advisory arrives', async () => {
    expect(await affected(subscriber, 'CVE-2023-32681')).toEqual(['valley-hospital/clinic-portal: pkg:pypi/requests@2.30.0']);
    const advisory = { schema_version: '1.6.0', id: 'GHSA-left-padx-0002', modified: '2025-01-01T00:00:00Z', summary: 'left-pad removes padding',
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }] };
    expect((await inject({ method: 'POST', url: '/api/v1/import', headers: { ...operator, ...json }, payload: advisory })).statusCode).toBe(200);
    expect(await affected(subscriber, 'GHSA-left-padx-0002')).toEqual(['valley-hospital/clinic-portal: pkg:npm/left-pad@1.0.0']);
  });

  it('refuses members without the inventory scope', async () => {
    expect((await inject({ url: '/api/v1/inventories', headers: reporter })).statusCode).toBe(403);
    expect((await put(reporter, 'lab', demoSbom())).statusCode).toBe(403);
    expect((await inject({ url: '/api/v1/inventories' })).statusCode).toBe(401);
  });

  it('rejects bad input precisely and keeps what was stored', async () => {
    const before = await storeFingerprint(server);
    const notSbom = await put(subscriber, 'broken', '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library"}]}');
    expect(notSbom.statusCode).toBe(422);
    expect(notSbom.json<{ error: { details: Array<{ pointer?: string }> } }>().error.details[0]?.pointer).toMatch(/^\/components\/0/);
    const badJson = await put(subscriber, 'broken', '{"bomFormat": ');
    expect(badJson.statusCode).toBe(400);
    expect((await put(subscriber, '../etc', demoSbom())).statusCode).toBe(422);
    const wrongType = await inject({ method: 'PUT', url: '/api/v1/inventories/x', headers: { ...subscriber, 'content-type': 'image/png' }, payload: 'x' });
    expect(wrongType.statusCode).toBe(415);
    expect(await storeFingerprint(server)).toBe(before);
  });

  it('forgets a deleted inventory, in the store and in the reverse match', async () => {
    const del = await inject({ method: 'DELETE', url: '/api/v1/inventories/clinic-portal', headers: subscriber });
    expect(del.statusCode).toBe(204);
    expect(await affected(subscriber, 'CVE-2021-44228')).toEqual([]);
    expect((await inject({ url: '/api/v1/inventories/clinic-portal', headers: subscriber })).statusCode).toBe(404);
  });
});
