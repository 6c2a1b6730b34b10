/**
 * The parts of the CSAF 2.0 document model AICC reads and writes, as the official schema
 * defines them (property names are the schema's). Only what the schema requires is required here,
 * so a schema-valid document can be read as a CsafDocument.
 */
import type { NotAffectedJustification, RemediationCategory } from '../../domain/advisory.js';
import type { CsafTlpLabel } from './conventions.js';

export interface CsafNote { category: string; text: string; title?: string; audience?: string }
export interface CsafReference { url: string; summary: string; category?: 'self' | 'external' }
export interface CsafAcknowledgment { names?: string[]; organization?: string; summary?: string; urls?: string[] }

export interface CsafHelper { purl?: string; cpe?: string }
export interface CsafFullProductName { product_id: string; name: string; product_identification_helper?: CsafHelper }
export interface CsafBranch { category: string; name: string; branches?: CsafBranch[]; product?: CsafFullProductName }
export interface CsafRelationship {
  category: string;
  product_reference: string;
  relates_to_product_reference: string;
  full_product_name: CsafFullProductName;
}
export interface CsafProductTree {
  branches?: CsafBranch[];
  full_product_names?: CsafFullProductName[];
  relationships?: CsafRelationship[];
  product_groups?: Array<{ group_id: string; product_ids: string[] }>;
}

export type CsafProductStatusKey =
  | 'first_affected' | 'first_fixed' | 'fixed' | 'known_affected' | 'known_not_affected' | 'last_affected'
  | 'recommended' | 'under_investigation';

export interface CsafCvssV3 { version: string; vectorString: string; baseScore: number; baseSeverity: string }
export interface CsafScore { products: string[]; cvss_v3?: CsafCvssV3; cvss_v2?: object }
export interface CsafRemediation {
  category: RemediationCategory;
  details: string;
  url?: string;
  product_ids?: string[];
  group_ids?: string[];
}
export interface CsafFlag { label: NotAffectedJustification; product_ids?: string[]; group_ids?: string[] }
export interface CsafThreat { category: 'exploit_status' | 'impact' | 'target_set'; details: string; date?: string; product_ids?: string[]; group_ids?: string[] }

export interface CsafVulnerability {
  cve?: string;
  cwe?: { id: string; name: string };
  ids?: Array<{ system_name: string; text: string }>;
  notes?: CsafNote[];
  product_status?: Partial<Record<CsafProductStatusKey, string[]>>;
  flags?: CsafFlag[];
  remediations?: CsafRemediation[];
  scores?: CsafScore[];
  threats?: CsafThreat[];
  references?: CsafReference[];
  acknowledgments?: CsafAcknowledgment[];
}

export interface CsafDocument {
  document: {
    category: string;
    csaf_version: '2.0';
    title: string;
    publisher: { category: string; name: string; namespace: string; contact_details?: string; issuing_authority?: string };
    distribution?: { text?: string; tlp?: { label: CsafTlpLabel; url?: string } };
    tracking: {
      id: string;
      status: 'draft' | 'interim' | 'final';
      version: string;
      initial_release_date: string;
      current_release_date: string;
      revision_history: Array<{ number: string; date: string; summary: string }>;
      generator?: { engine: { name: string; version?: string }; date?: string };
    };
    notes?: CsafNote[];
    references?: CsafReference[];
    acknowledgments?: CsafAcknowledgment[];
  };
  product_tree?: CsafProductTree;
  vulnerabilities?: CsafVulnerability[];
}
