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
