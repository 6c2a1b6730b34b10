import { advisoryUrl, remedy, type ScanOutputInput, type ScanOutputResult, type ScanOutputVulnerability } from './input.js';

export interface VexOptions {
  /** what the scanned SBOM describes, named in metadata.component */
  sbomName: string;
  /** ISO 8601 date-time of the scan; passed in so output is reproducible */
  timestamp: string;
  toolVersion?: string;
}

const METHOD: Record<string, string> = { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' };

/**
 * A CycloneDX 1.6 BOM carrying the scan's findings as `vulnerabilities`, one entry per
 * vulnerability id with every affected component in `affects`. The components are repeated in
 * `components` with bom-ref = purl so each `affects[].ref` resolves inside this document.
 */
export function toCycloneDxVex(scan: ScanOutputInput, options: VexOptions): object {
  const components = new Map<string, object>();
  // Fixed versions differ per package (one advisory, several modules), so each hit keeps its own match.
  const byId = new Map<string, { vuln: ScanOutputVulnerability; hits: Array<{ result: ScanOutputResult; vuln: ScanOutputVulnerability }> }>();
  for (const result of scan.results) {
    const ref = bomRef(result.component);
    if (!components.has(ref)) components.set(ref, component(result.component, ref));
    for (const vuln of result.vulnerabilities) {
      const entry = byId.get(vuln.id);
      // An SBOM may list one package twice; affects[] names each component once.
      if (entry) {
        if (!entry.hits.some((h) => bomRef(h.result.component) === ref)) entry.hits.push({ result, vuln });
      } else byId.set(vuln.id, { vuln, hits: [{ result, vuln }] });
    }
  }
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: options.timestamp,
      tools: { components: [{ type: 'application', name: 'aicc', ...(options.toolVersion ? { version: options.toolVersion } : {}) }] },
      component: { type: 'application', name: options.sbomName },
    },
    components: [...components.values()],
    vulnerabilities: [...byId.values()].map(({ vuln, hits }) => vulnerability(vuln, hits)),
  };
}

/** The purl when there is one (scans report '' otherwise); name@version keeps refs unique either way. */
function bomRef(c: ScanOutputResult['component']): string {
  return c.purl || `${c.name}@${c.version}`;
}

function component(c: ScanOutputResult['component'], ref: string): object {
  return { type: 'library', 'bom-ref': ref, name: c.name, version: c.version, ...(c.purl ? { purl: c.purl } : {}) };
}

function source(id: string): { name: string; url: string } {
  return { name: id.startsWith('CVE-') ? 'NVD' : 'OSV', url: advisoryUrl(id) };
}

function vulnerability(vuln: ScanOutputVulnerability, hits: Array<{ result: ScanOutputResult; vuln: ScanOutputVulnerability }>): object {
  const ratings = vuln.cvss
    ? [{
        source: source(vuln.id),
        score: vuln.cvss.baseScore,
        ...(vuln.severity ? { severity: vuln.severity } : {}),
        method: METHOD[vuln.cvss.version] ?? 'other',
        vector: vuln.cvss.vector,
      }]
    : [];
  const properties = [{ name: 'aicc:kev', value: String(vuln.kev) }];
  if (vuln.epss !== null) properties.push({ name: 'aicc:epss', value: String(vuln.epss) });
  return {
    'bom-ref': vuln.id,
    id: vuln.id,
    source: source(vuln.id),
    ...(vuln.aliases.length ? { references: vuln.aliases.map((a) => ({ id: a, source: source(a) })) } : {}),
    ...(ratings.length ? { ratings } : {}),
    ...(vuln.cwes.length ? { cwes: vuln.cwes.map((c) => Number(c.slice(4))) } : {}),
    ...(vuln.summary.trim() ? { description: vuln.summary.trim() } : {}),
    recommendation: hits.map((h) => `${h.result.component.name}@${h.result.component.version}: ${remedy(h.result, h.vuln)}`).join(' '),
    // A version-range match is a finding, not an analysis: nobody has yet judged whether the code
    // is reachable, so claiming "exploitable" would overstate it.
    analysis: { state: 'in_triage' },
    affects: hits.map(({ result: { component: c } }) => ({ ref: bomRef(c), versions: [{ version: c.version, status: 'affected' }] })),
    properties,
  };
}
