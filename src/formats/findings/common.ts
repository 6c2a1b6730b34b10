import type { ErrorCode, Problem } from '../../domain/errors.js';
import type { FindingLocation } from '../../domain/finding.js';
import { normalizePurl, withoutVersion } from '../../domain/purl.js';
import { parsePurl } from '../../domain/purl-spec.js';

/** Bounds every findings parser applies (the intake's limits on one submitted document). */
export const FINDING_LIMITS = {
  /** findings (SARIF results, native findings) in one document */
  maxFindings: 100_000,
  titleChars: 300,
  descriptionChars: 20_000,
  /** decoded bytes of one attachment, and of all attachments of one finding */
  attachmentBytes: 1024 * 1024,
  attachmentBytesPerFinding: 4 * 1024 * 1024,
} as const;

export type Report = (pointer: string, message: string, code?: ErrorCode) => void;

/** A problem collector that stamps the file name on everything it records. */
export function collector(file: string | undefined): { problems: Problem[]; report: Report } {
  const problems: Problem[] = [];
  const report: Report = (pointer, message, code) => {
    problems.push({ message, pointer, ...(code ? { code } : {}), ...(file !== undefined ? { file } : {}) });
  };
  return { problems, report };
}

export const NO_LOCATION: FindingLocation = Object.freeze({ file: null, startLine: null, endLine: null, symbol: null });

/** Cuts text derived from a foreign format to a bound, marking the cut, never splitting a surrogate pair. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut--;
  return `${text.slice(0, cut)}…`;
}

/** The first sentence (or line) of a message, for a title when the tool gives none. */
export function firstSentence(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  const end = /[.!?](\s|$)/.exec(line);
  return end ? line.slice(0, end.index + 1) : line;
}

/** `CWE-79`, `cwe-079`, `external/cwe/cwe-79`, `79` (when the caller knows it is a CWE) → `CWE-79`; else null. */
export function cweId(value: string, bareNumber = false): string | null {
  const m = /^(?:external\/cwe\/)?cwe[-_ ]?0*(\d+)$/i.exec(value.trim()) ?? (bareNumber ? /^0*(\d+)$/.exec(value.trim()) : null);
  return m?.[1] && m[1] !== '' ? `CWE-${m[1]}` : null;
}

/**
 * A path as the domain keeps it: forward slashes, no leading `./`, `.` and `..` segments resolved
 * (a `..` that would climb above the root is kept, so the path never silently changes meaning).
 */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const out: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return `${absolute ? '/' : ''}${out.join('/')}`;
}

/** A purl as a finding keeps it: canonical and versionless, the version (if any) returned apart. */
export function findingPurl(input: string): { ok: true; purl: string; version: string | null } | { ok: false; error: string } {
  const normalized = normalizePurl(input);
  if (!normalized.ok) return normalized;
  const parsed = parsePurl(normalized.purl);
  const purl = withoutVersion(normalized.purl);
  if (!parsed.ok || purl === null) return { ok: false, error: `Invalid purl '${input}'` };
  return { ok: true, purl, version: parsed.purl.version };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
