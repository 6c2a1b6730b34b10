/**
 * The scan result these serializers read. It mirrors the app's ScanOutput structurally, so formats
 * stay below app in the layering.
 */
export interface ScanOutputVulnerability {
  id: string;
  aliases: string[];
  summary: string;
  fixed: string[];
  cvss: { version: string; vector: string; baseScore: number } | null;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'none' | null;
  kev: boolean;
  epss: number | null;
  /** `CWE-79` style, as the advisory names them */
  cwes: string[];
}

export interface ScanOutputResult {
  component: { purl: string; name: string; version: string; direct: boolean | null };
  upgrade: string | null;
  vulnerabilities: ScanOutputVulnerability[];
}

export interface ScanOutputInput {
  sbom: { format: string; specVersion: string; name: string | null; components: number; unmatchable: number };
  results: ScanOutputResult[];
  /** components whose package has advisories stated by GIT commits only: not evaluated, so neither affected nor clear */
  unevaluated: Array<{ component: { purl: string; name: string; version: string }; ids: string[] }>;
}

/** Where a reader finds the advisory: NVD for bare CVE ids, OSV (which mirrors the rest) otherwise. */
export function advisoryUrl(id: string): string {
  return /^CVE-\d{4}-\d+$/.test(id)
    ? `https://nvd.nist.gov/vuln/detail/${encodeURIComponent(id)}`
    : `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}

/** A sentence naming the way out, shared by SARIF messages and VEX recommendations. */
export function remedy(result: ScanOutputResult, vuln: ScanOutputVulnerability): string {
  const fixed = vuln.fixed.length ? `Fixed in ${vuln.fixed.join(', ')}.` : 'No fixed version is known.';
  const upgrade = result.upgrade
    ? ` Upgrade ${result.component.name} to ${result.upgrade}.`
    : '';
  return `${fixed}${upgrade}`;
}
