import type { Problem } from '../../domain/errors.js';
import type { EpssScore } from '../../domain/vulnerability.js';
import { fail, ok, type Parsed } from '../result.js';

export interface EpssFile {
  /** as FIRST writes it, e.g. `2025-08-25T00:00:00+0000`; null where the file does not say */
  scoreDate: string | null;
  modelVersion: string | null;
  rows: EpssScore[];
}

const MAX_PROBLEMS = 100;
const HASH = 35;
const CR = 13;

/**
 * Parses FIRST's EPSS CSV (`#model_version:…,score_date:…` comments, a `cve,epss,percentile` header)
 * and the headerless `cve;epss;percentile` form; the first data line decides the delimiter.
 * Written as a hand scan rather than split/regex per line: a full daily file is ~300k rows.
 */
export function parseEpss(text: string, file?: string): Parsed<EpssFile> {
  const result: EpssFile = { scoreDate: null, modelVersion: null, rows: [] };
  const problems: Problem[] = [];
  const report = (line: number, message: string): void => {
    problems.push({ message, line, ...(file ? { file } : {}) });
  };
  // A Set costs half what a Map of first lines does at this size; the line of the first occurrence
  // is looked up again only when a duplicate turns up.
  const seen = new Set<string>();
  const lines: number[] = [];
  let delimiter: string | null = null;
  let line = 0;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  while (pos < text.length && problems.length < MAX_PROBLEMS) {
    const next = text.indexOf('\n', pos);
    const end = next === -1 ? text.length : next;
    const start = pos;
    const stop = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    pos = end + 1;
    line++;
    if (stop === start) continue;
    if (text.charCodeAt(start) === HASH) {
      readComment(text.slice(start + 1, stop), result);
      continue;
    }
    if (delimiter === null) {
      const first = text.slice(start, stop);
      delimiter = first.includes(';') ? ';' : ',';
      if (first.toLowerCase() === `cve${delimiter}epss${delimiter}percentile`) continue;
    }

    const a = text.indexOf(delimiter, start);
    const b = a === -1 || a >= stop ? -1 : text.indexOf(delimiter, a + 1);
    const c = b === -1 || b >= stop ? -1 : text.indexOf(delimiter, b + 1);
    if (b === -1 || b >= stop || (c !== -1 && c < stop)) {
      report(line, `expected 3 columns (cve${delimiter}epss${delimiter}percentile), found ${text.slice(start, stop).split(delimiter).length}`);
      continue;
    }
    const cve = text.slice(start, a);
    if (!isCveId(cve)) {
      report(line, `'${cve}' is not a CVE id`);
      continue;
    }
    const epss = probability(text, a + 1, b);
    const percentile = probability(text, b + 1, stop);
    if (epss === null || percentile === null) {
      const [what, raw] = epss === null ? ['epss', text.slice(a + 1, b)] : ['percentile', text.slice(b + 1, stop)];
      report(line, `${what} '${raw}' is not a number between 0 and 1`);
      continue;
    }
    if (seen.has(cve)) {
      report(line, `${cve} appears again (first at line ${lines[result.rows.findIndex((r) => r.cve === cve)]})`);
      continue;
    }
    seen.add(cve);
    lines.push(line);
    result.rows.push({ cve, epss, percentile });
  }

  if (problems.length >= MAX_PROBLEMS && pos < text.length) {
    problems.push({ message: `stopped after ${MAX_PROBLEMS} problems`, line, ...(file ? { file } : {}) });
  }
  return problems.length ? fail(problems) : ok(result);
}

/** `model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000`; unknown keys are ignored. */
function readComment(comment: string, into: EpssFile): void {
  for (const pair of comment.split(',')) {
    const colon = pair.indexOf(':');
    if (colon === -1) continue;
    const key = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (key === 'model_version') into.modelVersion = value;
    else if (key === 'score_date') into.scoreDate = value;
  }
}

/** CVE-YYYY-NNNN with 4 to 19 digits after the year, as CISA's KEV schema has it. */
function isCveId(s: string): boolean {
  const n = s.length;
  if (n < 13 || n > 28 || !s.startsWith('CVE-') || s.charCodeAt(8) !== 45 /* - */) return false;
  for (let i = 4; i < n; i++) {
    if (i === 8) continue;
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * A plain decimal (exponent allowed) in [0, 1]; anything else, including hex or Infinity, is null.
 * Up to 15 digits the value is computed as mantissa / 10^k: both are exact doubles, so the single
 * division rounds exactly as Number() would, without allocating a substring per field.
 */
function probability(text: string, from: number, to: number): number | null {
  if (from >= to) return null;
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && scale === -1) scale = i;
    else return slowProbability(text.slice(from, to));
  }
  if (digits === 0) return null;
  if (digits > 15) return slowProbability(text.slice(from, to));
  const v = scale === -1 ? mantissa : mantissa / POW10[to - scale - 1]!;
  return v <= 1 ? v : null;
}

function slowProbability(s: string): number | null {
  // Number() alone would accept '0x1', ' 1' and 'Infinity'.
  if (!/^[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s) && !/^[0-9]+\.(?:[eE][-+]?[0-9]+)?$/.test(s)) return null;
  const v = Number(s);
  return v >= 0 && v <= 1 ? v : null;
}
