/**
 * A clearinghouse advisory: what a coordinated case publishes, in no particular format. One
 * advisory is one vulnerability (one root cause, as a case is); the exporters (formats/csaf,
 * formats/osv, formats/cve5, formats/vex) write it as CSAF 2.0, OSV, CVE JSON 5 and CycloneDX VEX,
 * and each has an importer that reads its own export back to an equal Advisory (round trip).
 */
import type { Tlp } from './tlp.js';

/** CSAF's product status groups (VEX states map onto them one to one). */
export type ProductStatus = 'known_affected' | 'fixed' | 'known_not_affected' | 'under_investigation';
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['known_affected', 'fixed', 'known_not_affected', 'under_investigation'];

/** CSAF 2.0 flag labels, the VEX justification of a known_not_affected product. */
export type NotAffectedJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'vulnerable_code_not_in_execute_path'
  | 'inline_mitigations_already_exist';

/**
 * A product (or package) version set with one status. A package is named by its purl without a
 * version; `versions` is a vers range (`vers:npm/>=2.0.0|<2.3.1`) or one plain version (`2.3.1`).
 * Products without a purl (firmware, appliances) carry a CPE or just vendor and name.
 */
export interface AdvisoryProduct {
  /** stable within the advisory (CSAF product_id, VEX bom-ref), e.g. `AICC-PID-1` */
  id: string;
  vendor: string;
  name: string;
  purl: string | null;
  cpe: string | null;
  versions: string;
  status: ProductStatus;
  /** only for known_not_affected */
  justification?: NotAffectedJustification;
}

export type CvssScoreVersion = '3.1' | '4.0';
export type Severity = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** A CVSS vector with the base score computed from it (domain/cvss.ts), never typed in. */
export interface AdvisoryScore {
  version: CvssScoreVersion;
  vector: string;
  baseScore: number;
  severity: Severity;
}

export type RemediationCategory = 'vendor_fix' | 'workaround' | 'mitigation' | 'no_fix_planned' | 'none_available';

export interface Remediation {
  category: RemediationCategory;
  details: string;
  url: string | null;
  /** AdvisoryProduct ids it applies to (at least one) */
  productIds: string[];
}

export interface AdvisoryReference {
  url: string;
  summary: string;
  /** `self`: this advisory's own pages; `external`: everything else */
  category: 'self' | 'external';
}

/** A credited reporter (every reporter of the case) or other contributor. */
export interface Acknowledgment {
  name: string;
  organization: string | null;
  summary: string | null;
}

export interface AdvisoryRevision {
  /** integer versioning: "1", "2", … (CSAF 2.0 §3.1.11.2) */
  number: string;
  /** ISO 8601 with time zone */
  date: string;
  summary: string;
}

export interface Publisher {
  name: string;
  /** URL of the publishing organization, CSAF's publisher.namespace */
  namespace: string;
  contactDetails: string | null;
}

export interface Advisory {
  /** the clearinghouse's identifier (configurable prefix): `AICC-2026-0001` */
  id: string;
  title: string;
  /** a sentence or two */
  summary: string;
  /** the full description */
  details: string;
  tlp: Tlp;
  status: 'draft' | 'interim' | 'final';
  /** ISO 8601 with time zone */
  initialReleaseDate: string;
  currentReleaseDate: string;
  /** oldest first; the last one's number is the advisory's version */
  revisions: AdvisoryRevision[];
  cve: string | null;
  /** other identifiers (GHSA-…, vendor ids), not the advisory's own id or its CVE */
  aliases: string[];
  cwes: Array<{ id: string; name: string }>;
  scores: AdvisoryScore[];
  products: AdvisoryProduct[];
  remediations: Remediation[];
  references: AdvisoryReference[];
  acknowledgments: Acknowledgment[];
  publisher: Publisher;
}

/** The advisory's current version: its last revision's number. */
export function advisoryVersion(a: Advisory): string {
  return a.revisions.at(-1)?.number ?? '1';
}
