import calculator from 'ae-cvss-calculator';
import type { CvssVersion, Severity } from './vulnerability.js';

// ae-cvss-calculator is CommonJS: its classes arrive on the default export.
const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = calculator;

type MetricTable = Record<string, readonly string[]>;
interface Grammar {
  prefix: string | null;
  base: MetricTable;
  optional: MetricTable;
}

const X = 'X';
const CIA3 = ['H', 'L', 'N'];
const ENV_REQ = [X, 'L', 'M', 'H'];

const V2: Grammar = {
  prefix: null,
  base: { AV: ['L', 'A', 'N'], AC: ['H', 'M', 'L'], Au: ['M', 'S', 'N'], C: ['N', 'P', 'C'], I: ['N', 'P', 'C'], A: ['N', 'P', 'C'] },
  optional: {
    E: ['U', 'POC', 'F', 'H', 'ND'], RL: ['OF', 'TF', 'W', 'U', 'ND'], RC: ['UC', 'UR', 'C', 'ND'],
    CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'], TD: ['N', 'L', 'M', 'H', 'ND'],
    CR: ['L', 'M', 'H', 'ND'], IR: ['L', 'M', 'H', 'ND'], AR: ['L', 'M', 'H', 'ND'],
  },
};

const V3_BASE: MetricTable = { AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], PR: ['N', 'L', 'H'], UI: ['N', 'R'], S: ['U', 'C'], C: CIA3, I: CIA3, A: CIA3 };
const V3_OPTIONAL: MetricTable = {
  E: [X, 'U', 'P', 'F', 'H'], RL: [X, 'O', 'T', 'W', 'U'], RC: [X, 'U', 'R', 'C'],
  CR: ENV_REQ, IR: ENV_REQ, AR: ENV_REQ,
  MAV: [X, 'N', 'A', 'L', 'P'], MAC: [X, 'L', 'H'], MPR: [X, 'N', 'L', 'H'], MUI: [X, 'N', 'R'], MS: [X, 'U', 'C'],
  MC: [X, ...CIA3], MI: [X, ...CIA3], MA: [X, ...CIA3],
};

const V4: Grammar = {
  prefix: 'CVSS:4.0',
  base: {
    AV: ['N', 'A', 'L', 'P'], AC: ['L', 'H'], AT: ['N', 'P'], PR: ['N', 'L', 'H'], UI: ['N', 'P', 'A'],
    VC: CIA3, VI: CIA3, VA: CIA3, SC: CIA3, SI: CIA3, SA: CIA3,
  },
  optional: {
    E: [X, 'A', 'P', 'U'], CR: ENV_REQ, IR: ENV_REQ, AR: ENV_REQ,
    MAV: [X, 'N', 'A', 'L', 'P'], MAC: [X, 'L', 'H'], MAT: [X, 'N', 'P'], MPR: [X, 'N', 'L', 'H'], MUI: [X, 'N', 'P', 'A'],
    MVC: [X, ...CIA3], MVI: [X, ...CIA3], MVA: [X, ...CIA3], MSC: [X, ...CIA3], MSI: [X, 'S', ...CIA3], MSA: [X, 'S', ...CIA3],
    S: [X, 'N', 'P'], AU: [X, 'N', 'Y'], R: [X, 'A', 'U', 'I'], V: [X, 'D', 'C'], RE: [X, 'L', 'M', 'H'],
    U: [X, 'Clear', 'Green', 'Amber', 'Red'],
  },
};

const GRAMMARS: Record<CvssVersion, Grammar> = {
  '2.0': V2,
  '3.0': { prefix: 'CVSS:3.0', base: V3_BASE, optional: V3_OPTIONAL },
  '3.1': { prefix: 'CVSS:3.1', base: V3_BASE, optional: V3_OPTIONAL },
  '4.0': V4,
};

const TYPE_OF: Record<CvssVersion, Severity['type']> = { '2.0': 'CVSS_V2', '3.0': 'CVSS_V3', '3.1': 'CVSS_V3', '4.0': 'CVSS_V4' };

export type CvssResult = { ok: true; version: CvssVersion; vector: string; baseScore: number } | { ok: false; error: string };

/** The version a vector declares; bare metric lists are CVSS 2.0. */
export function cvssVersionOf(vector: string): CvssVersion | null {
  const m = /^CVSS:(\d\.\d)\//.exec(vector);
  if (!m) return /^\(?AV:[LAN]\//.test(vector) ? '2.0' : null;
  const v = m[1];
  return v === '3.0' || v === '3.1' || v === '4.0' ? v : null;
}

/**
 * Validates a vector strictly against its version's grammar (unknown, repeated, missing or
 * out-of-range metrics are errors) and computes the base score. Provided scores are never trusted.
 */
export function scoreCvss(input: string): CvssResult {
  const vector = input.trim().replace(/^\((.*)\)$/, '$1');
  const version = cvssVersionOf(vector);
  if (!version) return { ok: false, error: `unrecognized CVSS vector '${input}' (expected CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or a CVSS 2.0 base vector)` };
  const grammar = GRAMMARS[version];
  const parts = vector.split('/');
  if (grammar.prefix) parts.shift();
  const seen = new Set<string>();
  for (const part of parts) {
    const [metric, value, extra] = part.split(':');
    if (!metric || value === undefined || extra !== undefined) return { ok: false, error: `malformed CVSS ${version} component '${part}'` };
    const allowed = grammar.base[metric] ?? grammar.optional[metric];
    if (!allowed) return { ok: false, error: `unknown CVSS ${version} metric '${metric}'` };
    if (!allowed.includes(value)) return { ok: false, error: `CVSS ${version} metric ${metric} has no value '${value}' (allowed: ${allowed.join(', ')})` };
    if (seen.has(metric)) return { ok: false, error: `CVSS ${version} metric ${metric} appears twice` };
    seen.add(metric);
  }
  const missing = Object.keys(grammar.base).filter((m) => !seen.has(m));
  if (missing.length) return { ok: false, error: `CVSS ${version} vector lacks base metric(s) ${missing.join(', ')}` };
  const base = compute(version, vector);
  if (base === undefined || Number.isNaN(base)) return { ok: false, error: `CVSS ${version} vector '${vector}' yields no base score` };
  return { ok: true, version, vector, baseScore: base };
}

function compute(version: CvssVersion, vector: string): number | undefined {
  switch (version) {
    case '2.0': return new Cvss2(vector).calculateScores().base;
    case '3.0': return new Cvss3P0(vector).calculateScores().base;
    case '3.1': return new Cvss3P1(vector).calculateScores().base;
    case '4.0': return new Cvss4P0(vector).calculateScores().base;
  }
}

/** A stored severity from a vector, or an error message naming what is wrong with it. */
export function severityFromVector(vector: string, source: string): { ok: true; severity: Severity } | { ok: false; error: string } {
  const r = scoreCvss(vector);
  if (!r.ok) return r;
  return { ok: true, severity: { type: TYPE_OF[r.version], version: r.version, vector: r.vector, baseScore: r.baseScore, source } };
}

/** Qualitative rating (CVSS 3.x/4.0 scale; applied to 2.0 scores too, as NVD does for display). */
export function severityRating(score: number): 'none' | 'low' | 'medium' | 'high' | 'critical' {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
