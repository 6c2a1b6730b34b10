import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aicc, seedDataDir, show, tempDir } from './helpers.js';

/** Inventories by CLI: stored, matched forward, found by the reverse match, removed. */
describe('aicc inventory and aicc vuln affected', () => {
  const tmp = tempDir('inventory');
  const data = join(tmp.dir, 'db');
  const sbom = join(tmp.dir, 'portal.cdx.json');
  const broken = join(tmp.dir, 'broken.json');
  const advisory = join(tmp.dir, 'advisory.json');

  beforeAll(async () => {
    await seedDataDir(data);
    writeFileSync(sbom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [
      { type: 'library', 'bom-ref': 'a', name: 'left-pad', version: '1.0.0', purl: 'pkg:npm/left-pad@1.0.0' },
      { type: 'library', 'bom-ref': 'b', name: 'right-pad', version: '2.0.0', purl: 'pkg:npm/right-pad@2.0.0' },
    ] }));
    writeFileSync(broken, '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library"}]}');
    writeFileSync(advisory, JSON.stringify({ schema_version: '1.6.0', id: 'GHSA-left-padx-0003', modified: '2025-01-01T00:00:00Z', summary: 'left-pad removes padding',
      affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }] }] }));
    for (const args of [['org', 'create', '--slug', 'river-utility', '--name', 'River Utility', '--roles', 'subscriber'], ['import', advisory]]) {
      const r = await aicc([...args, '--data', data]);
      expect(r.code, show(r)).toBe(0);
    }
  });
  afterAll(() => tmp.remove());

  it('stores an SBOM and shows what affects it', async () => {
    const put = await aicc(['inventory', 'put', sbom, '--org', 'river-utility', '--data', data]);
    expect(put.code, show(put)).toBe(0);
    expect(put.stdout).toContain('created river-utility/portal.cdx.json: 2 components');
    const again = await aicc(['inventory', 'put', sbom, '--org', 'river-utility', '--data', data]);
    expect(again.stdout).toContain('unchanged');
    const detail = await aicc(['inventory', 'show', 'portal.cdx.json', '--org', 'river-utility', '--json', '--data', data]);
    expect(detail.code, show(detail)).toBe(0);
    expect(JSON.parse(detail.stdout)).toMatchObject({ components: 2, results: [{ component: { name: 'left-pad' }, upgrade: '1.3.0', vulnerabilities: [{ id: 'GHSA-left-padx-0003' }] }] });
  });

  it('lists the inventories a vulnerability affects', async () => {
    const r = await aicc(['vuln', 'affected', 'GHSA-left-padx-0003', '--json', '--data', data]);
    expect(r.code, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([{ inventory: { org: 'river-utility', name: 'portal.cdx.json' }, components: [{ package: 'pkg:npm/left-pad', version: '1.0.0' }] }]);
    const text = await aicc(['vuln', 'affected', 'GHSA-left-padx-0003', '--data', data]);
    expect(text.stdout).toMatch(/river-utility\s+portal\.cdx\.json\s+pkg:npm\/left-pad\s+1\.0\.0/);
  });

  it('rejects a broken SBOM with its JSON pointer, and an unreadable file as a usage error', async () => {
    const r = await aicc(['inventory', 'put', broken, '--org', 'river-utility', '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\/components\/0/);
    expect((await aicc(['inventory', 'put', join(tmp.dir, 'missing.json'), '--org', 'river-utility', '--data', data])).code).toBe(2);
    const list = await aicc(['inventory', 'list', '--org', 'river-utility', '--json', '--data', data]);
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((i) => i.name)).toEqual(['portal.cdx.json']);
  });

  it('removes an inventory from the reverse match', async () => {
    const rm = await aicc(['inventory', 'rm', 'portal.cdx.json', '--org', 'river-utility', '--data', data]);
    expect(rm.code, show(rm)).toBe(0);
    const r = await aicc(['vuln', 'affected', 'GHSA-left-padx-0003', '--data', data]);
    expect(r.stdout).toContain('no stored inventory holds a version GHSA-left-padx-0003 affects');
  });
});
