/**
 * Where a CSAF 2.0 provider keeps each file, relative to its base URL (`…/.well-known/csaf`):
 *
 * ```
 * provider-metadata.json
 * white/csaf-feed-tlp-white.json   white/index.txt   white/changes.csv
 * white/2025/aicc-2025-0001.json   (+ .sha256, .sha512, .asc)
 * amber/…                          (the same layout, one tree per TLP label)
 * ```
 *
 * One tree per TLP label, and the feed inside its own tree, so that a single path prefix per label
 * is all the server has to protect (requirement 5: AMBER and RED under a different path than WHITE
 * and GREEN, behind authentication). The directory names are the CSAF 2.0 (TLP 1) labels lower-cased,
 * the layout of the BSI reference provider (csaf_distribution).
 */
import type { Tlp } from '../../domain/tlp.js';
import { fail, ok, type Parsed } from '../result.js';

/** The TLP labels CSAF 2.0 knows (TLP 1.0; `tlp_label` in the provider metadata schema). */
export const CSAF_TLP_LABELS = ['WHITE', 'GREEN', 'AMBER', 'RED'] as const;
export type CsafTlpLabel = (typeof CSAF_TLP_LABELS)[number];

/**
 * TLP 2.0 → CSAF 2.0's TLP 1.0 label. CLEAR is TLP 2.0's new name for WHITE (FIRST's TLP 2.0
 * mapping). AMBER+STRICT has no TLP 1.0 label: as AMBER it would reach the recipient's whole
 * organization's clients, as RED it would be served to RED's readers, so it is refused
 * (undefined) and the caller decides.
 */
export function csafTlpLabel(tlp: Tlp): CsafTlpLabel | undefined {
  switch (tlp) {
    case 'CLEAR':
      return 'WHITE';
    case 'GREEN':
    case 'AMBER':
    case 'RED':
      return tlp;
    default:
      return undefined;
  }
}

/** `white`, `green`, `amber`, `red`. */
export function tlpDirectory(label: CsafTlpLabel): string {
  return label.toLowerCase();
}

/** `white/csaf-feed-tlp-white.json`: the feed's name as the reference provider writes it. */
export function feedPath(label: CsafTlpLabel): string {
  const dir = tlpDirectory(label);
  return `${dir}/csaf-feed-tlp-${dir}.json`;
}

export const indexTxtPath = (label: CsafTlpLabel): string => `${tlpDirectory(label)}/index.txt`;
export const changesCsvPath = (label: CsafTlpLabel): string => `${tlpDirectory(label)}/changes.csv`;

/** `<name>.json.sha512` must still fit in one path component (255 bytes on common file systems). */
const MAX_FILE_NAME = 255 - '.sha512'.length;

/**
 * CSAF 2.0 §5.1 (requirement 2): the tracking id lower-cased, then every run of characters outside
 * `+ - a-z 0-9` replaced by one `_`, then `.json` (`Example Company - 2019-YH3234` →
 * `example_company_-_2019-yh3234.json`; `RHBA-2019:0024` → `rhba-2019_0024.json`).
 * Refused: a name with no letter or digit left (`…`, `//`, the empty id), which says nothing of the
 * id and would collide with every other such id, and a name too long for a file system.
 */
export function csafFileName(trackingId: string): Parsed<string> {
  const stem = trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_');
  if (!/[a-z0-9]/.test(stem)) {
    return fail([{ message: `tracking id '${trackingId}' leaves no letter or digit in its file name ('${stem}.json')` }]);
  }
  const name = `${stem}.json`;
  if (name.length > MAX_FILE_NAME) {
    return fail([{ message: `tracking id gives a file name of ${name.length} characters; at most ${MAX_FILE_NAME} fit beside its .sha512` }]);
  }
  return ok(name);
}

/** RFC 3339 date-time as CSAF writes it: upper-case `T`, seconds, optional fraction, `Z` or an offset. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is an RFC 3339 date-time that names a real instant (no 30 February, no hour 24). */
export function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  const zone = m[8] ?? 'Z';
  const zoneOk = zone === 'Z' || (Number(zone.slice(1, 3)) < 24 && Number(zone.slice(4)) < 60);
  return days !== undefined && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60 && zoneOk;
}

/**
 * Requirement 11: the year folder is the year *written* in initial_release_date, in its own offset,
 * as the reference provider does (`2025-12-31T23:30:00-05:00` is 2025, though 2026 in UTC), so the
 * folder never depends on the server's time zone. Undefined when the value is no RFC 3339 date-time.
 */
export function releaseYear(initialReleaseDate: string): string | undefined {
  return isDateTime(initialReleaseDate) ? initialReleaseDate.slice(0, 4) : undefined;
}

/** What a document's place depends on. */
export interface DocumentKey {
  id: string;
  tlp: Tlp;
  initialReleaseDate: string;
}

/** `white/2025/aicc-2025-0001.json`, relative to the base URL. */
export function documentPath(doc: DocumentKey): Parsed<string> {
  const label = csafTlpLabel(doc.tlp);
  if (!label) return fail([{ pointer: '/tlp', message: `TLP:${doc.tlp} has no CSAF 2.0 label (WHITE, GREEN, AMBER, RED); it cannot be published in a CSAF 2.0 tree` }]);
  const year = releaseYear(doc.initialReleaseDate);
  if (!year) return fail([{ pointer: '/initialReleaseDate', message: `'${doc.initialReleaseDate}' is not an RFC 3339 date-time` }]);
  const name = csafFileName(doc.id);
  if (!name.ok) return fail(name.problems.map((p) => ({ ...p, pointer: '/id' })));
  return ok(`${tlpDirectory(label)}/${year}/${name.value}`);
}

/** `white/2025/`: the directory of a document path. */
export function documentDirectory(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A path under the base URL as an absolute URL. */
export function urlOf(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}

/** Requirements 18 and 19: the hash and signature files sit beside the document, named after it. */
export function neighbours(documentPathOrUrl: string): { sha256: string; sha512: string; asc: string } {
  return { sha256: `${documentPathOrUrl}.sha256`, sha512: `${documentPathOrUrl}.sha512`, asc: `${documentPathOrUrl}.asc` };
}
