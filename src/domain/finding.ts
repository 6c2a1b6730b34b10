/**
 * A finding as a reporter submits it, normalized from SARIF, OSV or AICC's native JSON: what the
 * intake stores, what deduplication compares and what validation reproduces. Untrusted input:
 * every field has been bounded by the parser that produced it.
 */
export interface FindingLocation {
  /** file path inside the repository or package, forward slashes, no leading `./` */
  file: string | null;
  startLine: number | null;
  endLine: number | null;
  /** function, method or symbol, when the tool names one */
  symbol: string | null;
}

export interface FindingProvenance {
  /** the tool or model that found it, and its version */
  tool: string;
  toolVersion: string | null;
  /** the reporter's run id, so a run's findings can be told apart */
  runId: string | null;
  /** a hash of the prompt or configuration that produced it, when the reporter gives one */
  configHash: string | null;
}

export interface FindingAttachment {
  name: string;
  kind: 'poc' | 'crash-log' | 'other';
  mediaType: string;
  sha256: string;
  size: number;
  /** base64 of the content, bounded by the intake's attachment limit */
  content: string;
}

export interface Finding {
  /** the reporter's own id for it (SARIF result guid / index, OSV id, native id) */
  externalId: string;
  title: string;
  description: string;
  /** the affected package (purl, versionless) or repository (URL + commit) */
  purl: string | null;
  affectedVersions: string | null;
  repository: string | null;
  commit: string | null;
  location: FindingLocation;
  cwes: string[];
  /** the reporter's claimed impact, free text (credibility triage weighs it) */
  claimedImpact: string | null;
  /** known identifiers: CVE, GHSA, … (exact dedup keys) */
  aliases: string[];
  /** SARIF partialFingerprints and the like: exact dedup keys scoped by their name */
  fingerprints: Record<string, string>;
  /** the rule or check id of the tool */
  ruleId: string | null;
  severity: 'critical' | 'high' | 'medium' | 'low' | 'none' | null;
  provenance: FindingProvenance;
  attachments: FindingAttachment[];
}
