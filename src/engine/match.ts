import type { Sbom, SbomComponent } from '../domain/sbom.js';
import type { MatchedVuln, VulnIndex } from './vuln-index.js';

export type { MatchedVuln } from './vuln-index.js';

export interface ComponentFinding {
  component: SbomComponent;
  version: string;
  vulnerabilities: readonly MatchedVuln[];
  /** the lowest version above the current one that none of these vulnerabilities affect */
  upgrade: string | null;
}

export interface MatchReport {
  components: number;
  /** components that could not be looked up: no purl, or no version */
  unmatchable: number;
  findings: ComponentFinding[];
  /** components of packages with advisories stated by commits only, which were not evaluated */
  unevaluated: Array<{ component: SbomComponent; version: string; ids: readonly string[] }>;
}

/** Forward match: every component of the SBOM against the index. */
export function matchSbom(index: VulnIndex, sbom: Sbom): MatchReport {
  let unmatchable = 0;
  const findings: ComponentFinding[] = [];
  const unevaluated: MatchReport['unevaluated'] = [];
  for (const component of sbom.components) {
    const hit = component.purl ? index.matchPurl(component.purl, component.version) : null;
    if (!hit) {
      unmatchable++;
      continue;
    }
    const { vulnerabilities, upgrade } = hit.answer;
    if (vulnerabilities.length) findings.push({ component, version: hit.version!, vulnerabilities, upgrade });
    if (hit.answer.unevaluated.length) unevaluated.push({ component, version: hit.version!, ids: hit.answer.unevaluated });
  }
  return { components: sbom.components.length, unmatchable, findings, unevaluated };
}
