/**
 * The directory-based index files of one TLP tree (`white/index.txt`, `white/changes.csv`), paths
 * relative to that tree (`2025/aicc-2025-0001.json`). Each tree lists only its own label's documents:
 * CSAF 2.1 says so in words ("they are located in the corresponding folders and contain only the
 * filenames of files for that TLP label"), and for CSAF 2.0 it is what keeps an AMBER file name out
 * of the public WHITE tree.
 */
import { fail, ok, type Parsed } from '../result.js';
import { newestFirst, ofLabel, placeDocuments, type PlacedDocument, type PublishedDocument } from './documents.js';
import type { CsafTlpLabel } from './paths.js';

function treeOf(label: CsafTlpLabel, documents: readonly PublishedDocument[]): Parsed<PlacedDocument[]> {
  const placed = placeDocuments(documents);
  return placed.ok ? ok(ofLabel(placed.value, label)) : fail(placed.problems);
}

/**
 * Requirement 12: one path per line, each line ended by `\n`, ordered as the spec's examples are
 * (newest year first; within a year, descending by name). Empty for an empty tree.
 */
export function indexTxt(label: CsafTlpLabel, documents: readonly PublishedDocument[]): Parsed<string> {
  const tree = treeOf(label, documents);
  if (!tree.ok) return tree;
  const lines = tree.value.map((d) => d.pathInTree).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return ok(lines.map((l) => `${l}\n`).join(''));
}

/** RFC 4180: a field in double quotes, an inner double quote doubled. */
function quoted(field: string): string {
  return `"${field.replaceAll('"', '""')}"`;
}

/**
 * Requirement 13: `"<path>","<current_release_date>"`, no heading, latest current_release_date
 * first (compared as instants), both fields quoted as in the CSAF 2.0 example. Lines end in `\n`,
 * as the reference provider writes them (RFC 4180 names CRLF; CSV readers take either, and a
 * line-based reader splitting on `\n` would keep a stray `\r`).
 */
export function changesCsv(label: CsafTlpLabel, documents: readonly PublishedDocument[]): Parsed<string> {
  const tree = treeOf(label, documents);
  if (!tree.ok) return tree;
  return ok([...tree.value].sort(newestFirst).map((d) => `${quoted(d.pathInTree)},${quoted(d.currentReleaseDate)}\n`).join(''));
}
