/** Shapes of the AICC HTTP API (docs/API.md) as the console reads them. */

export const ROLES = ['operator', 'reporter', 'vendor', 'subscriber', 'evaluator', 'model-developer'] as const;
export type Role = (typeof ROLES)[number];

export const TOKEN_SCOPES = ['vulns:read', 'import', 'inventory', 'submit', 'triage', 'vendor', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const SEVERITY_LEVELS = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export interface Org {
  id: string;
  slug: string;
  name: string;
  roles: Role[];
  createdAt?: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  org: Org;
}

/** A user as the admin listing returns it (fields beyond User are optional: shown when present). */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled?: boolean;
  orgId?: string;
  createdAt?: string;
  lastLoginAt?: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  orgId?: string;
  org?: { id: string; slug?: string; name?: string };
  prefix?: string;
  createdAt?: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

/** `POST /tokens` answers the token with its secret: the only time the secret is shown. */
export interface CreatedToken extends ApiToken {
  token: string;
}

export interface PackageRef {
  ecosystem: string;
  name: string;
  purl: string | null;
}

export interface VulnSummary {
  id: string;
  source: string;
  summary: string;
  aliases: string[];
  modified: string;
  published: string | null;
  withdrawn: string | null;
  maxScore: number | null;
  severity: SeverityLevel | null;
  kev: boolean;
  epss: { score: number; percentile: number } | null;
  packages: PackageRef[];
}

export interface SearchPage {
  items: VulnSummary[];
  nextCursor: string | null;
}

export interface RangeEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface AffectedRange {
  type: string;
  repo?: string;
  events: RangeEvent[];
}

export interface AffectedPackage {
  ecosystem: string;
  name: string;
  purl: string | null;
  ranges: AffectedRange[];
  versions: string[];
}

export interface ProductVersion {
  version: string;
  status: string;
  lessThan?: string;
  lessThanOrEqual?: string;
  versionType?: string;
}

export interface AffectedProduct {
  vendor: string;
  product: string;
  versions: ProductVersion[];
  defaultStatus?: string;
  cpes?: string[];
  purl?: string | null;
}

export interface SeverityScore {
  type: string;
  version: string;
  vector: string;
  baseScore: number;
  source: string;
}

export interface KevEntry {
  cveId: string;
  vendorProject?: string;
  product?: string;
  vulnerabilityName?: string;
  dateAdded: string;
  shortDescription?: string;
  requiredAction: string;
  dueDate: string;
  knownRansomwareCampaignUse: string;
  notes?: string;
  cwes?: string[];
}

export interface SsvcDecisionPoints {
  exploitation: string;
  automatable: string;
  technicalImpact: string;
  timestamp: string | null;
}

export interface Reference {
  type: string;
  url: string;
}

/** Credits are plain names in AICC, OSV-style objects in some sources: both are shown. */
export type Credit = string | { name: string; type?: string; contact?: string[] };

export interface VulnDetail extends Omit<VulnSummary, 'kev' | 'epss'> {
  details: string;
  related: string[];
  tlp: string;
  affected: AffectedPackage[];
  products: AffectedProduct[];
  severities: SeverityScore[];
  cwes: string[];
  references: Reference[];
  credits: Credit[];
  ssvc: SsvcDecisionPoints | null;
  kev: KevEntry | null;
  epss: { score: number; percentile: number; date: string | null } | null;
}

// ---------- cases, reporters, vendors, submissions (docs/API.md, "Cases" and "Intake") ----------

export const CASE_FILTERS = ['open', 'all', 'new', 'needs-info', 'confirmed', 'not-a-vulnerability'] as const;
export type CaseFilter = (typeof CASE_FILTERS)[number];

export const VERDICTS = ['confirmed', 'not-a-vulnerability', 'needs-info', 'duplicate'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a case sits where it does in the queue: the score and each of its terms ("+40 critical severity"). */
export interface CasePriority {
  score: number;
  parts: string[];
}

export interface CaseSummary {
  id: string;
  title: string;
  /** new | needs-info | confirmed | not-a-vulnerability | duplicate */
  status: string;
  severity: string;
  findings: number;
  reporters: number;
  firstSeen: string;
  updatedAt: string;
  /** the SSVC coordinator triage outcome key (D, T, C) once recorded */
  triageOutcome: string | null;
  /** the latest reproduction verdict */
  reproduction: string | null;
  /** the best (smoothed) precision among the case's reporters */
  reporterPrecision: number;
  priority: CasePriority;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
}

export interface FindingAttachment {
  name: string;
  /** poc, crash-log, … */
  kind: string;
  mediaType: string;
  sha256: string;
  size: number;
}

export interface CaseFinding {
  id: string;
  submissionId: string;
  reporter: { slug: string; name: string };
  externalId: string;
  title: string;
  description: string;
  severity: string | null;
  purl: string | null;
  affectedVersions: string | null;
  repository: string | null;
  commit: string | null;
  location: { file: string | null; startLine: number | null; endLine: number | null; symbol: string | null };
  cwes: string[];
  claimedImpact: string | null;
  aliases: string[];
  ruleId: string | null;
  provenance: { tool: string; toolVersion: string | null; runId: string | null; configHash: string | null };
  attachments: FindingAttachment[];
  /** why deduplication put the finding in this case: fingerprint | alias | location | similar-text | new */
  dedup: { reason: string; score: number; explanation: string };
  receivedAt: string;
}

export interface CredibilityIndicator {
  key: string;
  /** for | against */
  direction: string;
  label: string;
  evidence: string;
}

export interface CaseReporter {
  orgId: string;
  slug: string;
  name: string;
  firstSeen: string;
  findings: number;
  /** analysts only */
  precision: number | null;
  decided: number | null;
}

export interface CaseTriage {
  tableId: string;
  /** decision point id → value key */
  inputs: Record<string, string>;
  outcome: string;
  indicators: string[];
  decidedBy: string;
  decidedAt: string;
}

export interface CaseEvent {
  at: string;
  actor: string;
  kind: string;
  details: unknown;
}

export type CaseAccess = 'analyst' | 'reporter' | 'vendor';

export interface CaseDetail {
  id: string;
  title: string;
  status: string;
  access: CaseAccess;
  verdict: { reason: string | null; by: string | null; at: string | null; duplicateOf: string | null } | null;
  createdAt: string;
  updatedAt: string;
  reporters: CaseReporter[];
  /** reporters the caller is not shown (a reporter sees only itself) */
  otherReporters: number;
  findings: CaseFinding[];
  /** priority, triage and credibility are null for non-analysts */
  priority: CasePriority | null;
  triage: CaseTriage | null;
  credibility: { indicators: CredibilityIndicator[]; suggested: string } | null;
  events: CaseEvent[];
  releases: { vendorOrgId: string; releasedAt: string }[];
}

export interface ReporterRecord {
  orgId: string;
  slug: string;
  name: string;
  findings: number;
  cases: number;
  confirmed: number;
  notVulnerability: number;
  pending: number;
  /** confirmed / decided; null before any decision */
  precision: number | null;
  /** (confirmed + 1) / (decided + 2) */
  smoothed: number;
}

export interface VendorSchedule {
  orgId: string;
  slug: string;
  name: string;
  prefixes: string[];
  casesPerWeek: number;
  releasedLastWeek: number;
  queued: { caseId: string; title: string; priority: number; releasableAt: string }[];
}

export interface DecisionValue {
  key: string;
  name: string;
  definition: string;
}

export interface DecisionPoint {
  id: string;
  key: string;
  name: string;
  definition: string;
  values: DecisionValue[];
}

export interface DecisionTableInfo {
  id: string;
  name: string;
  inputs: DecisionPoint[];
  outcome: { id: string; name: string; values: { key: string; name: string }[] };
}

export interface SubmissionSummary {
  id: string;
  clientKey: string;
  name: string;
  format: string;
  sha256: string;
  findings: number;
  receivedAt: string;
}

export interface Receipt {
  submission: SubmissionSummary;
  /** accepted | unchanged (the same Idempotency-Key again) */
  status: string;
  findings: {
    externalId: string;
    findingId: string;
    caseId: string;
    /** new-case | duplicate */
    status: string;
    reason: string;
    score: number;
    explanation: string;
  }[];
}

// ---------- reproductions (docs/API.md, "Reproductions") ----------

export type ReproOracle = { kind: 'exit-code'; expected: number } | { kind: 'marker'; text: string } | { kind: 'crash'; signature?: string };

export interface ReproRun {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** time | output | memory | processes */
  killedFor: string | null;
  wallMs: number;
  /** triggered | not-triggered | inconclusive */
  judgement: string;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
}

export interface Reproduction {
  id: string;
  caseId: string;
  findingId: string;
  /** queued | running | done | error */
  status: string;
  /** reproduced | fixed-version-clean | not-reproduced | inconclusive */
  verdict: string | null;
  reason: string | null;
  spec: { affected: string; fixed: string | null; oracle: ReproOracle; command: string[]; limits: Record<string, number>; pocs: string[] };
  runs: { affected: ReproRun; fixed: ReproRun | null } | null;
  error: string | null;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ReproductionRequest {
  findingId: string;
  affected: string;
  fixed?: string | null;
  oracle: ReproOracle;
  command?: string[];
}

export interface ReproTarget {
  name: string;
  sha256: string;
  files: number;
  bytes: number;
  createdAt: string;
}
