import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { aicc, seedDataDir, show, tempDir } from './helpers.js';

/** A real Go advisory (HTTP/2 rapid reset, GO-2023-2102) imported, then SBOMs scanned against it. */
describe.skipIf(!hasCorpus)('aicc scan', () => {
  const tmp = tempDir('scan');
  const data = join(tmp.dir, 'db');
  const sbom = join(tmp.dir, 'bom.json');
  const clean = join(tmp.dir, 'clean.json');
  const bom = (version: string) => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [
    { type: 'library', 'bom-ref': 'net', name: 'golang.org/x/net', version, purl: `pkg:golang/golang.org/x/net@${version}` },
    { type: 'library', 'bom-ref': 'left', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
    { type: 'library', 'bom-ref': 'nopurl', name: 'mystery' },
  ] });

  beforeAll(async () => {
    corpusSkipNote('aicc scan');
    await seedDataDir(data);
    writeFileSync(sbom, bom('v0.10.0'));
    writeFileSync(clean, bom('v0.17.0'));
    const r = await aicc(['import', '--data', data, join(CORPUS, 'osv', 'go', 'GO-2023-2102.json')]);
    expect(r.code, show(r)).toBe(0);
  });
  afterAll(() => tmp.remove());

  it('prints the findings as JSON with fixes and the upgrade', async () => {
    const r = await aicc(['scan', sbom, '--data', data, '--format', 'json']);
    expect(r.code, show(r)).toBe(0);
    const out = JSON.parse(r.stdout) as { sbom: { components: number; unmatchable: number }; results: Array<{ component: { purl: string }; upgrade: string; vulnerabilities: Array<{ id: string; aliases: string[]; fixed: string[] }> }> };
    expect(out.sbom).toEqual(expect.objectContaining({ components: 3, unmatchable: 1 }));
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ upgrade: '0.17.0', vulnerabilities: [{ id: 'GO-2023-2102', fixed: ['0.17.0'], aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'] }] });
  });

  it('prints SARIF with one result per affected component, located in the SBOM', async () => {
    const r = await aicc(['scan', sbom, '--data', data, '--format', 'sarif']);
    expect(r.code, show(r)).toBe(0);
    const log = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.tool.driver.name).toBe('aicc');
    expect(log.runs[0]?.tool.driver.rules.map((x) => x.id)).toEqual(['GO-2023-2102']);
    expect(log.runs[0]?.results).toHaveLength(1);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/bom\.json$/);
  });

  it('prints a CycloneDX VEX whose affects refs resolve to its components', async () => {
    const r = await aicc(['scan', sbom, '--data', data, '--format', 'cyclonedx-vex']);
    expect(r.code, show(r)).toBe(0);
    const vex = JSON.parse(r.stdout) as { bomFormat: string; specVersion: string; components: Array<{ 'bom-ref': string }>; vulnerabilities: Array<{ id: string; analysis: { state: string }; affects: Array<{ ref: string }> }> };
    expect(vex).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(vex.vulnerabilities).toHaveLength(1);
    expect(vex.vulnerabilities[0]).toMatchObject({ id: 'GO-2023-2102', analysis: { state: 'in_triage' } });
    expect(vex.vulnerabilities[0]?.affects[0]?.ref).toBe('pkg:golang/golang.org/x/net@v0.10.0');
    expect(vex.components.map((c) => c['bom-ref'])).toContain(vex.vulnerabilities[0]?.affects[0]?.ref);
  });

  it('prints a table, and gates CI with --fail-on', async () => {
    // One process at a time: a PGlite data directory belongs to one process.
    const table = await aicc(['scan', sbom, '--data', data]);
    const fails = await aicc(['scan', sbom, '--data', data, '--fail-on', 'none']);
    const passes = await aicc(['scan', sbom, '--data', data, '--fail-on', 'kev']);
    const cleanRun = await aicc(['scan', clean, '--data', data, '--fail-on', 'none']);
    expect(table.code, show(table)).toBe(0);
    expect(table.stdout).toMatch(/golang\.org\/x\/net@v0\.10\.0\s+GO-2023-2102/);
    expect(table.stdout).toContain('3 components (1 without purl or version), 1 affected, 1 vulnerabilities');
    expect(fails.code, show(fails)).toBe(1);
    expect(passes.code, show(passes)).toBe(0);
    expect(cleanRun.code, show(cleanRun)).toBe(0);
    expect(cleanRun.stdout).toContain('0 affected');
  });

  it('refuses usage errors with exit 2 and a bad SBOM with exit 1', async () => {
    const notSbom = join(tmp.dir, 'not.json');
    writeFileSync(notSbom, '{"hello": "world"}');
    // Usage errors exit before opening the database, so they may run side by side.
    const [format, failOn, missing] = await Promise.all([
      aicc(['scan', sbom, '--data', data, '--format', 'xml']),
      aicc(['scan', sbom, '--data', data, '--fail-on', 'severe']),
      aicc(['scan', join(tmp.dir, 'nope.json'), '--data', data]),
    ]);
    const bad = await aicc(['scan', notSbom, '--data', data]);
    expect(format.code, show(format)).toBe(2);
    expect(format.stderr).toContain('table, json, sarif, cyclonedx-vex');
    expect(failOn.code, show(failOn)).toBe(2);
    expect(missing.code, show(missing)).toBe(2);
    expect(bad.code, show(bad)).toBe(1);
    expect(bad.stderr).toContain('not.json');
  });

  it('leaves out accepted risks listed in --ignore-file, and names a malformed line', async () => {
    const rules = join(tmp.dir, 'ignore.txt');
    writeFileSync(rules, '# accepted until the upgrade lands\nCVE-2023-39325 pkg:golang/golang.org/x/net until=2999-01-01 # not reachable\n');
    const r = await aicc(['scan', sbom, '--data', data, '--ignore-file', rules, '--fail-on', 'none']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toContain('0 affected, 0 vulnerabilities, 1 findings ignored');
    const expired = join(tmp.dir, 'expired.txt');
    writeFileSync(expired, 'CVE-2023-39325 until=2000-01-01\n');
    const stale = await aicc(['scan', sbom, '--data', data, '--ignore-file', expired, '--fail-on', 'none']);
    expect(stale.code, show(stale)).toBe(1);
    const broken = join(tmp.dir, 'broken.txt');
    writeFileSync(broken, 'GO-2023-2102\nnonsense here\n');
    const bad = await aicc(['scan', sbom, '--data', data, '--ignore-file', broken]);
    expect(bad.code, show(bad)).toBe(1);
    expect(bad.stderr).toContain(`${broken}:line 2`);
  });
});
