/** The advisory editor's shapes (docs/API.md, "Advisories"; the server's src/domain/advisory.ts) and its pure helpers. */

export const PRODUCT_STATUSES = ['known_affected', 'fixed', 'known_not_affected', 'under_investigation'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const JUSTIFICATIONS = ['component_not_present', 'vulnerable_code_not_present', 'vulnerable_code_cannot_be_controlled_by_adversary', 'vulnerable_code_not_in_execute_path', 'inline_mitigations_already_exist'] as const;
export const REMEDIATION_CATEGORIES = ['vendor_fix', 'workaround', 'mitigation', 'no_fix_planned', 'none_available'] as const;
export const ADVISORY_TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const EXPORT_FORMATS = [
  { format: 'csaf', label: 'CSAF 2.0' },
  { format: 'osv', label: 'OSV' },
  { format: 'cve5', label: 'CVE JSON 5' },
  { format: 'vex', label: 'CycloneDX VEX' },
] as const;

export interface AdvisoryProduct {
  id: string;
  vendor: string;
  name: string;
  purl: string | null;
  cpe: string | null;
  versions: string;
  status: ProductStatus;
  justification?: (typeof JUSTIFICATIONS)[number];
}

/** A vector as edited; the score and severity are the server's, absent until saved. */
export interface ScoreInput {
  vector: string;
  version?: string;
  baseScore?: number;
  severity?: string;
}

export interface Remediation {
  category: (typeof REMEDIATION_CATEGORIES)[number];
  details: string;
  url: string | null;
  productIds: string[];
}

export interface AdvisoryReference {
  url: string;
  summary: string;
  category: 'self' | 'external';
}

export interface Advisory {
  id: string;
  title: string;
  summary: string;
  details: string;
  tlp: (typeof ADVISORY_TLPS)[number];
  status: string;
  initialReleaseDate: string;
  currentReleaseDate: string;
  revisions: Array<{ number: string; date: string; summary: string }>;
  cve: string | null;
  aliases: string[];
  cwes: Array<{ id: string; name: string }>;
  scores: ScoreInput[];
  products: AdvisoryProduct[];
  remediations: Remediation[];
  references: AdvisoryReference[];
  acknowledgments: Array<{ name: string; organization: string | null; summary: string | null }>;
  publisher: { name: string; namespace: string; contactDetails: string | null };
}

export interface AdvisoryProblem {
  source: 'csaf' | 'aicc';
  test: string;
  pointer: string;
  message: string;
}

export interface AdvisoryView {
  advisory: Advisory;
  caseId: string;
  status: 'draft' | 'ready' | 'published';
  tlp: string;
  publishAt: string | null;
  updatedAt: string;
  problems: AdvisoryProblem[];
}

/** A product id not yet used in the advisory: AICC-PID-<n>, the next after the highest. */
export function nextProductId(products: readonly AdvisoryProduct[]): string {
  const used = products.map((p) => /^AICC-PID-(\d+)$/.exec(p.id)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  return `AICC-PID-${String(Math.max(0, ...used) + 1)}`;
}

/** A new product starts like the first (same vendor, name and package), fixed: the usual addition after a vendor fix. */
export function newProduct(products: readonly AdvisoryProduct[]): AdvisoryProduct {
  const first = products[0];
  return { id: nextProductId(products), vendor: first?.vendor ?? '', name: first?.name ?? '', purl: first?.purl ?? null, cpe: null, versions: '', status: 'fixed' };
}

/** A product with a new status: the justification is kept only for known_not_affected, which needs one. */
export function withStatus(product: AdvisoryProduct, status: ProductStatus): AdvisoryProduct {
  const { justification, ...rest } = product;
  return status === 'known_not_affected' ? { ...rest, status, justification: justification ?? 'vulnerable_code_not_present' } : { ...rest, status };
}

/** A vector edited: its computed score no longer applies until the server computes it again. */
export function withVector(vector: string): ScoreInput {
  return { vector };
}

/** "AICC-PID-1, AICC-PID-2" → ids; blanks dropped. */
export function parseIds(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** Empty text is null for the optional fields (purl, cpe, url, CVE). */
export function orNull(text: string): string | null {
  const t = text.trim();
  return t ? t : null;
}

/** The CVSS version a vector names, for the label next to it. */
export function cvssVersionOf(vector: string): string | null {
  return /^CVSS:(3\.[01]|4\.0)\//.exec(vector.trim())?.[1] ?? null;
}

/** What "Mark ready" needs: a draft without problems (the server checks again). */
export function canMarkReady(view: Pick<AdvisoryView, 'status' | 'problems'>, dirty: boolean): boolean {
  return view.status === 'draft' && view.problems.length === 0 && !dirty;
}

export function exportHref(id: string, format: string): string {
  return `/api/v1/advisories/${encodeURIComponent(id)}/export?format=${encodeURIComponent(format)}`;
}
