/** `POST /api/v1/scan`: its answer's shape, and the console's filtering, sorting and grouping of it. */

import type { SeverityLevel } from '../types.js';

export interface ScanVulnerability {
  id: string;
  aliases: string[];
  summary: string;
  fixed: string[];
  cvss: { version: string; vector: string; baseScore: number } | null;
  severity: SeverityLevel | null;
  kev: boolean;
  epss: number | null;
}

export interface ScanComponent {
  purl: string;
  name: string;
  version: string;
  direct: boolean | null;
}

export interface ScanResult {
  component: ScanComponent;
  upgrade: string | null;
  vulnerabilities: ScanVulnerability[];
}

export interface ScanOutput {
  sbom: { format: string; specVersion: string; name: string | null; components: number; unmatchable: number };
  results: ScanResult[];
  /** components whose package has advisories stated by GIT commits only: not evaluated */
  unevaluated: Array<{ component: { purl: string; name: string; version: string }; ids: string[] }>;
}

/**
 * The Content-Type to send a file as: `.xml` (or XML content) → application/xml, SPDX tag-value
 * (`.spdx`, or content starting with `SPDXVersion:`) → text/plain, anything else → application/json.
 */
export function contentTypeFor(fileName: string, text: string): string {
  const name = fileName.toLowerCase();
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (name.endsWith('.xml') || head.startsWith('<')) return 'application/xml';
  if (name.endsWith('.json') || head.startsWith('{') || head.startsWith('[')) return 'application/json';
  if (name.endsWith('.spdx') || name.endsWith('.spdx.txt') || /^(##[^\n]*\n\s*)*SPDXVersion\s*:/i.test(head)) return 'text/plain';
  return 'application/json';
}

/** An SBOM format as people name it, with its spec version: `cyclonedx`, `1.5` → "CycloneDX 1.5". */
export function formatLabel(format: string, specVersion: string): string {
  const name = format === 'spdx' ? 'SPDX' : format === 'cyclonedx' ? 'CycloneDX' : format;
  return `${name} ${specVersion}`;
}

/** Highest first; unscored (null) ranks below `none`. */
const RANK: Record<SeverityLevel, number> = { critical: 5, high: 4, medium: 3, low: 2, none: 1 };

export function severityRank(severity: SeverityLevel | null): number {
  return severity ? RANK[severity] : 0;
}

export interface ScanFilters {
  /** Only vulnerabilities at or above this severity (unscored ones only when null). */
  minSeverity: SeverityLevel | null;
  kevOnly: boolean;
  directOnly: boolean;
}

export const NO_FILTERS: ScanFilters = { minSeverity: null, kevOnly: false, directOnly: false };

function byVulnPriority(a: ScanVulnerability, b: ScanVulnerability): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (b.cvss?.baseScore ?? -1) - (a.cvss?.baseScore ?? -1) ||
    Number(b.kev) - Number(a.kev) ||
    (b.epss ?? -1) - (a.epss ?? -1) ||
    a.id.localeCompare(b.id)
  );
}

/** The worst vulnerability of a result (its vulnerabilities are sorted worst first by `filterResults`). */
function worst(result: ScanResult): ScanVulnerability | undefined {
  return result.vulnerabilities[0];
}

function byResultPriority(a: ScanResult, b: ScanResult): number {
  const wa = worst(a);
  const wb = worst(b);
  const vuln = wa && wb ? byVulnPriority(wa, wb) : 0;
  return vuln || b.vulnerabilities.length - a.vulnerabilities.length || a.component.name.localeCompare(b.component.name) || a.component.version.localeCompare(b.component.version);
}

/**
 * Applies the filters: components keep only the vulnerabilities that pass, components left with none
 * are dropped. Vulnerabilities are sorted worst first, and components by their worst vulnerability.
 */
export function filterResults(results: ScanResult[], filters: ScanFilters): ScanResult[] {
  const min = filters.minSeverity ? RANK[filters.minSeverity] : 0;
  return results
    .filter((r) => !filters.directOnly || r.component.direct === true)
    .map((r) => ({
      ...r,
      vulnerabilities: r.vulnerabilities.filter((v) => severityRank(v.severity) >= min && (!filters.kevOnly || v.kev)).sort(byVulnPriority),
    }))
    .filter((r) => r.vulnerabilities.length > 0)
    .sort(byResultPriority);
}

export interface FixGroup {
  /** Stable key: the package (purl without version) and the target. */
  key: string;
  /** The package name the upgrade applies to. */
  name: string;
  /** The version to upgrade to; null for the components no release fixes. */
  upgrade: string | null;
  /** The components this upgrade clears (sorted worst first). */
  results: ScanResult[];
  /** Distinct vulnerability ids it clears. */
  vulnIds: string[];
}

/** The package a purl names, without its version, qualifiers or subpath. */
export function packageOf(component: ScanComponent): string {
  if (!component.purl) return component.name;
  return component.purl.replace(/[?#].*$/, '').replace(/@[^@/]*$/, '');
}

/**
 * Groups (filtered, sorted) results by fix: each upgrade target of a package with the components it
 * clears. Groups are ordered by the worst vulnerability they clear; "no fix" groups go last.
 */
export function groupByFix(results: ScanResult[]): FixGroup[] {
  const groups = new Map<string, FixGroup>();
  for (const result of results) {
    const pkg = packageOf(result.component);
    const key = `${pkg}\u0000${result.upgrade ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, name: result.component.name, upgrade: result.upgrade, results: [], vulnIds: [] };
      groups.set(key, group);
    }
    group.results.push(result);
    for (const v of result.vulnerabilities) if (!group.vulnIds.includes(v.id)) group.vulnIds.push(v.id);
  }
  // Results arrive sorted, so a group's first result holds its worst vulnerability.
  return [...groups.values()].sort((a, b) => {
    if ((a.upgrade === null) !== (b.upgrade === null)) return a.upgrade === null ? 1 : -1;
    const ra = a.results[0];
    const rb = b.results[0];
    return (ra && rb ? byResultPriority(ra, rb) : 0) || b.vulnIds.length - a.vulnIds.length;
  });
}

/** Distinct vulnerabilities across the components shown. */
export function countVulnerabilities(results: ScanResult[]): number {
  return new Set(results.flatMap((r) => r.vulnerabilities.map((v) => v.id))).size;
}
