import type { Problem } from '../../domain/errors.js';
import type { Tlp } from '../../domain/tlp.js';
import { fail, ok, type Parsed } from '../result.js';
import { csafTlpLabel, documentPath, isDateTime, tlpDirectory, type CsafTlpLabel } from './paths.js';

/** A published CSAF document, as much of it as the provider's files name. */
export interface PublishedDocument {
  /** /document/tracking/id */
  id: string;
  tlp: Tlp;
  /** /document/tracking/initial_release_date (RFC 3339) */
  initialReleaseDate: string;
  /** /document/tracking/current_release_date (RFC 3339) */
  currentReleaseDate: string;
  /** /document/title */
  title: string;
  /** a sentence for the feed entry's summary */
  summary?: string;
}

/** A document with its place in the provider's trees. */
export interface PlacedDocument extends PublishedDocument {
  label: CsafTlpLabel;
  /** relative to the base URL: `white/2025/aicc-2025-0001.json` */
  path: string;
  /** relative to its TLP directory, as index.txt and changes.csv name it: `2025/aicc-2025-0001.json` */
  pathInTree: string;
}

/**
 * Places every document, or says why not, with pointers `/documents/<i>/<field>`. Two documents with
 * one tracking id, or whose ids map to one file name under one TLP label, are refused: one would
 * overwrite the other's file.
 */
export function placeDocuments(documents: readonly PublishedDocument[]): Parsed<PlacedDocument[]> {
  const problems: Problem[] = [];
  const byId = new Map<string, number>();
  const byPath = new Map<string, number>();
  const placed: PlacedDocument[] = [];
  documents.forEach((doc, i) => {
    const at = `/documents/${i}`;
    const path = documentPath(doc);
    if (!path.ok) {
      problems.push(...path.problems.map((p) => ({ ...p, pointer: `${at}${p.pointer ?? ''}` })));
      return;
    }
    if (!isDateTime(doc.currentReleaseDate)) problems.push({ pointer: `${at}/currentReleaseDate`, message: `'${doc.currentReleaseDate}' is not an RFC 3339 date-time` });
    if (!doc.title.trim()) problems.push({ pointer: `${at}/title`, message: 'a feed entry needs a title' });
    const sameId = byId.get(doc.id);
    if (sameId !== undefined) problems.push({ pointer: `${at}/id`, message: `tracking id '${doc.id}' is also the id of /documents/${sameId}` });
    const samePath = byPath.get(path.value);
    if (samePath !== undefined) problems.push({ pointer: `${at}/id`, message: `'${path.value}' is also the file of /documents/${samePath}` });
    byId.set(doc.id, i);
    byPath.set(path.value, i);
    const label = csafTlpLabel(doc.tlp) as CsafTlpLabel; // documentPath succeeded, so the label exists
    placed.push({ ...doc, label, path: path.value, pathInTree: path.value.slice(tlpDirectory(label).length + 1) });
  });
  return problems.length ? fail(problems) : ok(placed);
}

/** The documents of one TLP label. This filter is the TLP separation every per-label file relies on. */
export function ofLabel(documents: readonly PlacedDocument[], label: CsafTlpLabel): PlacedDocument[] {
  return documents.filter((d) => d.label === label);
}

/** Latest current_release_date first (as instants, so offsets compare right); ties by path, for stable output. */
export function newestFirst(a: PlacedDocument, b: PlacedDocument): number {
  return Date.parse(b.currentReleaseDate) - Date.parse(a.currentReleaseDate) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
