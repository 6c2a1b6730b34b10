import { createHash } from 'node:crypto';
import { withoutVersion } from '../../domain/purl.js';
import { advisoryUrl, remedy, type ScanOutputInput, type ScanOutputResult, type ScanOutputVulnerability } from './input.js';

export interface SarifOptions {
  /** the aicc version, shown by code-scanning UIs next to the tool name */
  toolVersion: string;
  /** the scanned SBOM as a URI reference, relative to the repository root where possible */
  sbomUri: string;
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * A SARIF 2.1.0 log of a scan: one rule per vulnerability, one result per affected
 * (component, vulnerability). Every result points at the SBOM file, since that is the artifact
 * a developer edits (or regenerates); the component itself is a logical location named by purl.
 */
export function toSarif(scan: ScanOutputInput, options: SarifOptions): object {
  const rules: object[] = [];
  const ruleIndex = new Map<string, number>();
  const results: object[] = [];
  for (const result of scan.results) {
    for (const vuln of result.vulnerabilities) {
      let index = ruleIndex.get(vuln.id);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(vuln.id, index);
        rules.push(rule(vuln));
      }
      results.push(sarifResult(result, vuln, index, options.sbomUri));
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'aicc', version: options.toolVersion, rules } },
        // Advisories stated by commits only could not be evaluated: a warning, not a silent pass.
        invocations: [{
          executionSuccessful: true,
          toolExecutionNotifications: scan.unevaluated.map((u) => ({
            level: 'warning',
            message: { text: `Not evaluated: ${u.ids.join(', ')} name affected commits (GIT ranges) of ${u.component.name}, not versions; ${u.component.name}@${u.component.version} may be affected.` },
          })),
        }],
        results,
      },
    ],
  };
}

function rule(vuln: ScanOutputVulnerability): object {
  const title = vuln.summary.trim() || vuln.id;
  // The `external/cwe/cwe-N` tags are how code-scanning consoles (GitHub's among them) group by weakness.
  const properties: Record<string, unknown> = { tags: ['security', ...vuln.cwes.map((c) => `external/cwe/${c.toLowerCase()}`)], aliases: vuln.aliases };
  // GitHub code scanning ranks security alerts by this string-typed score; unscored findings omit it.
  if (vuln.cvss) properties['security-severity'] = vuln.cvss.baseScore.toFixed(1);
  if (vuln.cvss) properties.cvssVector = vuln.cvss.vector;
  return {
    id: vuln.id,
    shortDescription: { text: title },
    fullDescription: { text: vuln.aliases.length ? `${title} (${vuln.aliases.join(', ')})` : title },
    helpUri: advisoryUrl(vuln.id),
    help: { text: `See ${advisoryUrl(vuln.id)}.` },
    properties,
  };
}

function level(vuln: ScanOutputVulnerability): 'error' | 'warning' | 'note' {
  if (vuln.kev || vuln.severity === 'critical' || vuln.severity === 'high') return 'error';
  return vuln.severity === 'medium' ? 'warning' : 'note';
}

function sarifResult(result: ScanOutputResult, vuln: ScanOutputVulnerability, ruleIndex: number, sbomUri: string): object {
  const { component } = result;
  const label = component.purl || `${component.name}@${component.version}`;
  const aliases = vuln.aliases.length ? ` (${vuln.aliases.join(', ')})` : '';
  const kev = vuln.kev ? ' It is known to be exploited (CISA KEV).' : '';
  const text = `${component.name}@${component.version} is affected by ${vuln.id}${aliases}: ${vuln.summary.trim() || 'no summary'}.${kev} ${remedy(result, vuln)}`;
  return {
    ruleId: vuln.id,
    ruleIndex,
    level: level(vuln),
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: sbomUri } },
        logicalLocations: [{ name: component.name, fullyQualifiedName: label, kind: 'module' }],
      },
    ],
    partialFingerprints: { 'aiccFinding/v1': fingerprint(component, vuln.id) },
    properties: { purl: component.purl, fixed: vuln.fixed, upgrade: result.upgrade, kev: vuln.kev, epss: vuln.epss },
  };
}

/**
 * Stable across runs and across version bumps of the same package, so an alert that persists
 * through an incomplete upgrade stays the same alert (and a dismissed one stays dismissed).
 */
function fingerprint(component: ScanOutputResult['component'], vulnId: string): string {
  const pkg = (component.purl && withoutVersion(component.purl)) || component.name;
  return createHash('sha256').update(`${pkg}\n${vulnId}`).digest('hex');
}
