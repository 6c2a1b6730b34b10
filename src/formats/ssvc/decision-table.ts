import type { Problem } from '../../domain/errors.js';
import type { DecisionPoint, DecisionTable } from '../../domain/ssvc.js';
import { parseJson } from '../json.js';
import { fail, ok, type Parsed } from '../result.js';

/**
 * An SSVC decision table in CERT/CC's JSON form (schemaVersion 2.0.0): `decision_points` keyed by
 * `namespace:KEY:version`, an `outcome` naming one of them, and `mapping` rows. A table is refused
 * unless it is a function: every combination of input values appears exactly once, with a valid
 * outcome — a missing row would leave a vulnerability without a priority.
 */
const MAX_ROWS = 100_000;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function point(id: string, raw: unknown, at: string, problems: Problem[]): DecisionPoint | undefined {
  if (!isObject(raw)) {
    problems.push({ pointer: at, message: 'a decision point is an object' });
    return undefined;
  }
  for (const field of ['namespace', 'key', 'version', 'name'] as const) {
    if (!isText(raw[field])) problems.push({ pointer: `${at}/${field}`, message: `${field} is required text` });
  }
  if (!Array.isArray(raw.values) || raw.values.length === 0) {
    problems.push({ pointer: `${at}/values`, message: 'values is a non-empty array' });
    return undefined;
  }
  const values = raw.values.map((v: unknown, i) => {
    if (!isObject(v) || !isText(v.key) || !isText(v.name)) {
      problems.push({ pointer: `${at}/values/${i}`, message: 'a value has a key and a name' });
      return { key: '', name: '', definition: '' };
    }
    return { key: v.key, name: v.name, definition: typeof v.definition === 'string' ? v.definition : '' };
  });
  const keys = values.map((v) => v.key);
  const repeated = keys.find((k, i) => k && keys.indexOf(k) !== i);
  if (repeated) problems.push({ pointer: `${at}/values`, message: `value key '${repeated}' appears twice` });
  const expected = `${String(raw.namespace)}:${String(raw.key)}:${String(raw.version)}`;
  if (id !== expected) problems.push({ pointer: at, message: `listed as '${id}' but is '${expected}'` });
  return {
    id, namespace: String(raw.namespace), key: String(raw.key), version: String(raw.version), name: String(raw.name),
    definition: typeof raw.definition === 'string' ? raw.definition : '', values,
  };
}

export function parseDecisionTable(text: string, file: string): Parsed<DecisionTable> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const problems: Problem[] = [];
  const done = (): Parsed<DecisionTable> => fail(problems.map((p) => ({ ...p, file })));
  const doc = json.value;
  if (!isObject(doc)) return fail([{ file, pointer: '', message: 'a decision table is a JSON object' }]);
  for (const field of ['namespace', 'key', 'version', 'name'] as const) {
    if (!isText(doc[field])) problems.push({ pointer: `/${field}`, message: `${field} is required text` });
  }
  if (!isObject(doc.decision_points)) {
    problems.push({ pointer: '/decision_points', message: 'decision_points is an object keyed by namespace:KEY:version' });
    return done();
  }
  const points = new Map<string, DecisionPoint>();
  for (const [id, raw] of Object.entries(doc.decision_points)) {
    const p = point(id, raw, `/decision_points/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`, problems);
    if (p) points.set(id, p);
  }
  const outcome = typeof doc.outcome === 'string' ? points.get(doc.outcome) : undefined;
  if (!outcome) problems.push({ pointer: '/outcome', message: 'outcome names one of decision_points' });
  if (!Array.isArray(doc.mapping)) problems.push({ pointer: '/mapping', message: 'mapping is an array of rows' });
  if (problems.length || !outcome || !Array.isArray(doc.mapping)) return done();
  if (doc.mapping.length > MAX_ROWS) return fail([{ file, pointer: '/mapping', message: `more than ${MAX_ROWS} rows` }]);

  const inputs = [...points.values()].filter((p) => p !== outcome);
  const rows = new Map<string, string>();
  doc.mapping.forEach((row: unknown, i) => {
    const at = `/mapping/${i}`;
    if (!isObject(row)) {
      problems.push({ pointer: at, message: 'a row is an object' });
      return;
    }
    const keys: string[] = [];
    for (const p of [...inputs, outcome]) {
      const v = row[p.id];
      if (typeof v !== 'string' || !p.values.some((x) => x.key === v)) {
        problems.push({ pointer: `${at}/${p.id}`, message: `${p.name} is one of ${p.values.map((x) => x.key).join(', ')}; got ${JSON.stringify(v)}` });
        return;
      }
      if (p !== outcome) keys.push(v);
    }
    const extra = Object.keys(row).find((k) => !points.has(k));
    if (extra) problems.push({ pointer: `${at}/${extra}`, message: `'${extra}' is not one of the table's decision points` });
    const combo = keys.join('|');
    if (rows.has(combo)) problems.push({ pointer: at, message: `the combination ${keys.join(', ')} appears twice` });
    rows.set(combo, row[outcome.id] as string);
  });
  const expected = inputs.reduce((n, p) => n * p.values.length, 1);
  if (!problems.length && rows.size !== expected) {
    const missing = combinations(inputs).find((c) => !rows.has(c));
    problems.push({ pointer: '/mapping', message: `${expected - rows.size} of ${expected} combinations have no row, e.g. ${missing?.split('|').join(', ')}` });
  }
  if (problems.length) return done();
  return ok({ id: `${String(doc.namespace)}:${String(doc.key)}:${String(doc.version)}`, name: String(doc.name), definition: typeof doc.definition === 'string' ? doc.definition : '', inputs, outcome, rows });
}

function combinations(points: readonly DecisionPoint[]): string[] {
  let out = [''];
  for (const p of points) out = out.flatMap((prefix) => p.values.map((v) => (prefix ? `${prefix}|${v.key}` : v.key)));
  return out;
}
