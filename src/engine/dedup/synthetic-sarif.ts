/**
 * The labelled synthetic findings (synthetic.ts) as the SARIF 2.1.0 logs their reporters would
 * upload, for measuring intake end to end: one log per reporter, one run per repository (and commit)
 * scanned, results in the order they were seen. Labels go by result `guid`.
 *
 * What SARIF carries of a finding: title (the message's first line), description (its markdown),
 * purl (`properties.purl`), repository and commit (the run's `versionControlProvenance`), location
 * (physical + logical), CWEs (result tags), fingerprints. What it does not: aliases and PoC
 * attachments (the SARIF mapping reads neither), so decisions that relied on them move to weaker
 * rules — the measure is of what a SARIF upload gives.
 */
import type { Finding } from '../../domain/finding.js';
import type { LabelledFinding } from './synthetic.js';

export interface SyntheticSarif {
  reporterId: string;
  /** the log as uploaded (JSON text) */
  text: string;
  results: number;
}

/** A deterministic GUID for the n-th finding (SARIF `guid` must be one). */
export const syntheticGuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** One log per reporter, reporters in order of first appearance; `labels` maps guid → root cause. */
export function syntheticSarif(findings: readonly LabelledFinding[]): { logs: SyntheticSarif[]; labels: Map<string, string> } {
  const byReporter = new Map<string, Array<[number, LabelledFinding]>>();
  findings.forEach((f, n) => {
    const list = byReporter.get(f.reporterId);
    if (list) list.push([n, f]);
    else byReporter.set(f.reporterId, [[n, f]]);
  });
  const labels = new Map<string, string>();
  const logs: SyntheticSarif[] = [];
  for (const [reporterId, list] of byReporter) {
    for (const [n, f] of list) labels.set(syntheticGuid(n), f.rootCause);
    logs.push({ reporterId, text: JSON.stringify(sarifLog(list)), results: list.length });
  }
  return { logs, labels };
}

/** A SARIF log of the given findings (all from one tool), grouped into runs by repository and commit. */
export function sarifLog(list: ReadonlyArray<readonly [number, LabelledFinding]>): object {
  const runs = new Map<string, Array<readonly [number, Finding]>>();
  for (const [n, { finding }] of list) {
    const key = `${finding.repository ?? ''}\u0000${finding.commit ?? ''}`;
    const run = runs.get(key);
    if (run) run.push([n, finding]);
    else runs.set(key, [[n, finding]]);
  }
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [...runs.values()].map((results) => {
      const first = results[0]![1];
      const vcs = first.repository ? [{ repositoryUri: asUri(first.repository), ...(first.commit ? { revisionId: first.commit } : {}) }] : undefined;
      return {
        tool: { driver: { name: first.provenance.tool, version: first.provenance.toolVersion ?? '1.0', informationUri: 'https://example.org/tool' } },
        ...(vcs ? { versionControlProvenance: vcs } : {}),
        results: results.map(([n, f]) => sarifResult(n, f)),
      };
    }),
  };
}

/** `repositoryUri` must be a URI: an scp-style `git@host:path` is written `ssh://git@host/path`. */
const asUri = (repository: string): string => repository.replace(/^([\w.-]+@[\w.-]+):(?!\/\/)/, 'ssh://$1/');

function sarifResult(n: number, f: Finding): object {
  const fingerprints: Record<string, string> = {};
  const partial: Record<string, string> = {};
  for (const [name, value] of Object.entries(f.fingerprints)) {
    if (name === 'primaryLocationLineHash' || name === 'primaryLocationStartColumnFingerprint') partial[name] = value;
    else fingerprints[name] = value;
  }
  const { file, startLine, endLine, symbol } = f.location;
  return {
    guid: syntheticGuid(n),
    ruleId: f.ruleId ?? undefined,
    level: 'error',
    message: { text: f.title, markdown: f.description },
    locations: [{
      // `\` is not a URI character: tools write forward slashes in artifact URIs.
      ...(file ? { physicalLocation: { artifactLocation: { uri: file.replace(/\\/g, '/') }, ...(startLine ? { region: { startLine, endLine: endLine ?? startLine } } : {}) } } : {}),
      ...(symbol ? { logicalLocations: [{ fullyQualifiedName: symbol, kind: 'function' }] } : {}),
    }],
    ...(Object.keys(partial).length ? { partialFingerprints: partial } : {}),
    ...(Object.keys(fingerprints).length ? { fingerprints } : {}),
    properties: { ...(f.purl ? { purl: f.purl } : {}), tags: ['security', ...f.cwes.map((c) => `external/cwe/${c.toLowerCase()}`)] },
  };
}
