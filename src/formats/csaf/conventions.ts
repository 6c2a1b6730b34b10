/**
 * How AICC writes what CSAF 2.0 has no field for, shared by the exporter and the importer so
 * the two cannot drift apart. Each choice keeps the document schema-valid and the round trip
 * lossless:
 * - TLP 2.0 labels onto CSAF 2.0's TLP 1 enum: CLEAR → WHITE; AMBER+STRICT → AMBER with
 *   `distribution.text` starting with AMBER_STRICT_MARKER (read back to AMBER+STRICT).
 * - CWEs beyond the first (CSAF 2.0 has one `cwe`): one vulnerability note each, titled
 *   EXTRA_CWE_TITLE, text `CWE-20: Improper Input Validation`.
 * - CVSS 4.0 (the 2.0 `scores` know only cvss_v2/cvss_v3): one vulnerability note per vector,
 *   titled `CVSS v4.0 vector`, text the vector alone; the importer recomputes its score, as it does
 *   for cvss_v3 (scores are computed, never trusted). CVSS 3.1 scores after the first go there
 *   too (`CVSS v3.1 vector`), as do those of an advisory without products (a score needs one).
 *   The importer reads `scores` before these notes, so an advisory listing a 4.0 score before its
 *   first 3.1 one reads back with the 3.1 score first.
 */
import type { Tlp } from '../../domain/tlp.js';

export type CsafTlpLabel = 'WHITE' | 'GREEN' | 'AMBER' | 'RED';

export const TLP_URL = 'https://www.first.org/tlp/';
export const AMBER_STRICT_MARKER = 'TLP:AMBER+STRICT';
export const AMBER_STRICT_TEXT =
  `${AMBER_STRICT_MARKER} (TLP 2.0): share only within the recipient's own organization. ` +
  'CSAF 2.0 knows only TLP 1 labels, so tlp.label says AMBER.';

export function csafTlp(tlp: Tlp): { label: CsafTlpLabel; text: string | null } {
  switch (tlp) {
    case 'CLEAR': return { label: 'WHITE', text: null };
    case 'AMBER+STRICT': return { label: 'AMBER', text: AMBER_STRICT_TEXT };
    default: return { label: tlp, text: null };
  }
}

export function tlpFromCsaf(label: CsafTlpLabel, text: string | undefined): Tlp {
  if (label === 'WHITE') return 'CLEAR';
  if (label === 'AMBER' && text?.startsWith(AMBER_STRICT_MARKER)) return 'AMBER+STRICT';
  return label;
}

export const EXTRA_CWE_TITLE = 'Additional CWE';
export const cvssNoteTitle = (version: string): string => `CVSS v${version} vector`;
export const CVSS_NOTE_TITLE = /^CVSS v(3\.1|4\.0) vector$/;

export const GENERATOR_ENGINE = 'AICC';

/**
 * A purl with a version inserted before its qualifiers and subpath, percent-encoded as the purl
 * spec asks. `purlVersion` reads it back, so `pkg:npm/x` + `2.3.1` round-trips exactly.
 */
export function withVersion(purl: string, version: string): string {
  const cut = tailStart(purl);
  return `${purl.slice(0, cut)}@${encodeURIComponent(version)}${purl.slice(cut)}`;
}

/** A purl split into its version-less form and its version (null when it names none). */
export function purlVersion(purl: string): { purl: string; version: string | null } {
  const cut = tailStart(purl);
  const path = purl.slice(0, cut);
  const at = path.lastIndexOf('@');
  // the '@' must follow the type's slash: `pkg:npm/%40scope/x` encodes the scope's '@'
  if (at < 0 || at < path.indexOf('/')) return { purl, version: null };
  let version: string;
  try {
    version = decodeURIComponent(path.slice(at + 1));
  } catch {
    return { purl, version: null };
  }
  return { purl: path.slice(0, at) + purl.slice(cut), version };
}

function tailStart(purl: string): number {
  const i = purl.search(/[?#]/);
  return i < 0 ? purl.length : i;
}
