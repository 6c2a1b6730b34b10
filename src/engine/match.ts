import { closestUpgrade, fixedVersions } from '../domain/ranges.js';
import type { Sbom, SbomComponent } from '../domain/sbom.js';
import type { Severity } from '../domain/vulnerability.js';
import { matchKey, purlVersion } from './match-key.js';
import type { IndexedVuln, VulnIndex } from './vuln-index.js';

export interface MatchedVuln {
  vuln: IndexedVuln;
  /** versions that fix it for this package, lowest first */
  fixed: string[];
  /** the highest computed CVSS of the record, if any */
  severity: Severity | null;
}

export interface ComponentFinding {
  component: SbomComponent;
  version: string;
  vulnerabilities: MatchedVuln[];
  /** the lowest version above the current one that none of these vulnerabilities affect */
  upgrade: string | null;
}

export interface MatchReport {
  components: number;
  /** components that could not be looked up: no purl, or no version */
  unmatchable: number;
  findings: ComponentFinding[];
}

function highest(severities: Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) if (!best || s.baseScore > best.baseScore) best = s;
  return best;
}

/** Forward match: every component of the SBOM against the index. */
export function matchSbom(index: VulnIndex, sbom: Sbom): MatchReport {
  let unmatchable = 0;
  const findings: ComponentFinding[] = [];
  for (const component of sbom.components) {
    const version = component.version ?? (component.purl ? purlVersion(component.purl) : null);
    if (!component.purl || !version) {
      unmatchable++;
      continue;
    }
    const key = matchKey(component.purl);
    const hits = index.match(key, version);
    if (!hits.length) continue;
    const byVuln = new Map<string, MatchedVuln>();
    for (const h of hits) {
      const seen = byVuln.get(h.vuln.id);
      const fixed = fixedVersions(h.pkg);
      if (seen) seen.fixed = [...new Set([...seen.fixed, ...fixed])].sort((a, b) => h.scheme.compare(a, b));
      else byVuln.set(h.vuln.id, { vuln: h.vuln, fixed, severity: highest(h.vuln.severities) });
    }
    const first = hits[0]!;
    findings.push({
      component,
      version,
      vulnerabilities: [...byVuln.values()].sort((a, b) => (b.severity?.baseScore ?? -1) - (a.severity?.baseScore ?? -1) || a.vuln.id.localeCompare(b.vuln.id)),
      upgrade: closestUpgrade(version, hits.map((h) => h.pkg), first.scheme),
    });
  }
  return { components: sbom.components.length, unmatchable, findings };
}
