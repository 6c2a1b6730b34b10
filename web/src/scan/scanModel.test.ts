import { describe, expect, it } from 'vitest';
import { contentTypeFor, countVulnerabilities, filterResults, groupByFix, NO_FILTERS, packageOf, type ScanResult, type ScanVulnerability } from './scanModel.js';

function vuln(id: string, over: Partial<ScanVulnerability> = {}): ScanVulnerability {
  return { id, aliases: [], summary: '', fixed: [], cvss: null, severity: null, kev: false, epss: null, ...over };
}

function result(name: string, version: string, upgrade: string | null, vulnerabilities: ScanVulnerability[], direct: boolean | null = true): ScanResult {
  return { component: { purl: `pkg:pypi/${name}@${version}`, name, version, direct }, upgrade, vulnerabilities };
}

const crit = vuln('CVE-C', { severity: 'critical', cvss: { version: '3.1', vector: 'v', baseScore: 10 }, kev: true });
const high = vuln('CVE-H', { severity: 'high', cvss: { version: '3.1', vector: 'v', baseScore: 7.5 } });
const med = vuln('CVE-M', { severity: 'medium', cvss: { version: '3.1', vector: 'v', baseScore: 5 } });
const unscored = vuln('GHSA-U');

describe('contentTypeFor', () => {
  it('picks the type from the name, then the content', () => {
    expect(contentTypeFor('bom.xml', '')).toBe('application/xml');
    expect(contentTypeFor('bom', '  <?xml version="1.0"?><bom/>')).toBe('application/xml');
    expect(contentTypeFor('sbom.spdx', 'SPDXVersion: SPDX-2.3')).toBe('text/plain');
    expect(contentTypeFor('sbom.txt', '## comment\nSPDXVersion: SPDX-2.3\n')).toBe('text/plain');
    expect(contentTypeFor('sbom.spdx.json', '{"spdxVersion":"SPDX-2.3"}')).toBe('application/json');
    expect(contentTypeFor('bom.cdx', '{}')).toBe('application/json');
    expect(contentTypeFor('notes.txt', 'hello')).toBe('application/json');
  });
});

describe('filterResults', () => {
  const results = [result('low', '1', '2', [unscored], false), result('mixed', '1', '3', [med, crit]), result('mid', '1', null, [high, med])];

  it('sorts vulnerabilities and components worst first', () => {
    const shown = filterResults(results, NO_FILTERS);
    expect(shown.map((r) => r.component.name)).toEqual(['mixed', 'mid', 'low']);
    expect(shown[0]?.vulnerabilities.map((v) => v.id)).toEqual(['CVE-C', 'CVE-M']);
  });

  it('keeps vulnerabilities at or above a severity, KEV ones, direct components', () => {
    expect(filterResults(results, { ...NO_FILTERS, minSeverity: 'high' }).map((r) => [r.component.name, r.vulnerabilities.length])).toEqual([
      ['mixed', 1],
      ['mid', 1],
    ]);
    expect(filterResults(results, { ...NO_FILTERS, kevOnly: true }).map((r) => r.component.name)).toEqual(['mixed']);
    expect(filterResults(results, { ...NO_FILTERS, directOnly: true }).map((r) => r.component.name)).toEqual(['mixed', 'mid']);
    expect(countVulnerabilities(results)).toBe(4);
  });
});

describe('groupByFix', () => {
  it('groups components of one package by upgrade target, unfixable last', () => {
    const shown = filterResults(
      [result('a', '1.0', '2.0', [high]), result('a', '1.5', '2.0', [med, high]), result('b', '1', null, [crit]), result('c', '1', '1.1', [med])],
      NO_FILTERS,
    );
    const groups = groupByFix(shown);
    expect(groups.map((g) => [g.name, g.upgrade, g.results.length, g.vulnIds.length])).toEqual([
      ['a', '2.0', 2, 2],
      ['c', '1.1', 1, 1],
      ['b', null, 1, 1],
    ]);
  });

  it('names the package without version or qualifiers', () => {
    expect(packageOf({ purl: 'pkg:maven/org.x/y@1.0?type=jar', name: 'y', version: '1.0', direct: null })).toBe('pkg:maven/org.x/y');
    expect(packageOf({ purl: '', name: 'y', version: '1.0', direct: null })).toBe('y');
  });
});
