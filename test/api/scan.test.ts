import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../db.js';
import { startTestServer, type TestServer } from '../server.js';
import { demoSbom, injector, json, signIn, type Inject } from './helpers.js';

describe.each(backends())('scanning SBOMs over HTTP on %s', (backend) => {
  let server: TestServer;
  let inject: Inject;
  let operator: Record<string, string>;
  let subscriber: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer({ backend, listen: false });
    inject = injector(server);
    operator = await signIn(inject, server.demo.operator.email, server.demo.operator.password);
    subscriber = await signIn(inject, server.demo.subscriber.email, server.demo.subscriber.password);
  });
  afterAll(() => server.close());

  type Out = { sbom: { components: number; unmatchable: number }; results: Array<{ component: { name: string; version: string }; upgrade: string | null; vulnerabilities: Array<{ id: string; fixed: string[]; kev: boolean; cvss: { baseScore: number } | null }> }> };
  const scan = async (sbom: string) => {
    const res = await inject({ method: 'POST', url: '/api/v1/scan', headers: { ...subscriber, ...json }, payload: sbom });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Out>();
  };

  it('finds each affected component with its fixes, the upgrade that clears it, KEV and the computed score', async () => {
    const out = await scan(demoSbom());
    expect(out.sbom).toMatchObject({ components: 5, unmatchable: 0 });
    const byName = Object.fromEntries(out.results.map((r) => [r.component.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['curl', 'golang.org/x/net', 'log4j-core', 'requests']);
    expect(byName['log4j-core']).toMatchObject({
      upgrade: '2.15.0',
      vulnerabilities: [{ id: 'CVE-2021-44228', fixed: ['2.3.1', '2.12.2', '2.15.0'], kev: true, cvss: { baseScore: 10 } }],
    });
    expect(byName.requests).toMatchObject({ upgrade: '2.31.0', vulnerabilities: [{ id: 'CVE-2023-32681', kev: false }] });
    expect(byName['golang.org/x/net']).toMatchObject({ upgrade: '0.17.0', vulnerabilities: [{ id: 'CVE-2023-44487', kev: true }] });
    expect(byName.curl).toMatchObject({ upgrade: '7.88.1-10+deb12u4', vulnerabilities: [{ id: 'CVE-2023-38545' }] });
  });

  it('does not match a component of another Debian release', async () => {
    const sbom = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [
      { type: 'library', 'bom-ref': 'x', name: 'curl', version: '7.88.1-10', purl: 'pkg:deb/debian/curl@7.88.1-10?distro=debian-11' },
    ] });
    expect((await scan(sbom)).results).toEqual([]);
  });

  it('says which components have advisories it could not evaluate (affected commits only)', async () => {
    const advisory = { schema_version: '1.6.0', id: 'OSV-GITONLY-0001', modified: '2025-01-01T00:00:00Z', summary: 'stated by commits',
      affected: [{ package: { ecosystem: 'npm', name: 'commit-pad' }, ranges: [{ type: 'GIT', repo: 'https://example.org/commit-pad.git', events: [{ introduced: '0' }, { fixed: '0123456789abcdef0123456789abcdef01234567' }] }] }] };
    expect((await inject({ method: 'POST', url: '/api/v1/import', headers: { ...operator, ...json }, payload: advisory })).statusCode).toBe(200);
    const out = await scan(demoSbom([{ name: 'commit-pad', version: '1.0.0', purl: 'pkg:npm/commit-pad@1.0.0' }])) as Out & { unevaluated: unknown };
    expect(out.unevaluated).toEqual([{ component: { purl: 'pkg:npm/commit-pad@1.0.0', name: 'commit-pad', version: '1.0.0' }, ids: ['OSV-GITONLY-0001'] }]);
    expect(out.results.map((r) => r.component.name)).not.toContain('commit-pad');
  });

  it('sees an advisory imported after the index was built', async () => {
    const extra = [{ name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' }];
    expect((await scan(demoSbom(extra))).results.map((r) => r.component.name)).not.toContain('left-pad');
    const advisory = { schema_version: '1.6.0', id: 'GHSA-left-padx-0001', modified: '2025-01-01T00:00:00Z', summary: 'left-pad removes padding',
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }] };
    const imported = await inject({ method: 'POST', url: '/api/v1/import', headers: { ...operator, ...json }, payload: advisory });
    expect(imported.statusCode).toBe(200);
    const after = await scan(demoSbom(extra));
    expect(after.results.find((r) => r.component.name === 'left-pad')).toMatchObject({ upgrade: '1.3.0', vulnerabilities: [{ id: 'GHSA-left-padx-0001' }] });
  });

  it('rejects what is not an SBOM, and anonymous callers', async () => {
    const bad = await inject({ method: 'POST', url: '/api/v1/scan', headers: { ...subscriber, ...json }, payload: '{"hello":1}' });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json()).toMatchObject({ error: { code: expect.any(String) as unknown } });
    const anon = await inject({ method: 'POST', url: '/api/v1/scan', headers: json, payload: demoSbom() });
    expect(anon.statusCode).toBe(401);
    const wrongType = await inject({ method: 'POST', url: '/api/v1/scan', headers: { ...subscriber, 'content-type': 'image/png' }, payload: demoSbom() });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });
});
