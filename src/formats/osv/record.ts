/**
 * The parts of an OSV record we read, as the official schema guarantees them. Values of this
 * type only ever come from documents that passed schema validation.
 */
export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[] | null;
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[] | null;
  affected?: OsvAffected[] | null;
  references?: Array<{ type: string; url: string }> | null;
  credits?: Array<{ name: string }>;
  database_specific?: Record<string, unknown>;
}

export interface OsvSeverity {
  type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' | 'Ubuntu';
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  severity?: OsvSeverity[] | null;
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  repo?: string;
  events: Array<{ introduced?: string; fixed?: string; last_affected?: string; limit?: string }>;
  database_specific?: Record<string, unknown>;
}
