import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Problem } from '../../domain/errors.js';
import { decide, DecisionInputError, type DecisionPoint, type DecisionTable } from '../../domain/ssvc.js';
import { fail, ok, type Parsed } from '../result.js';
import { parseDecisionTable } from './decision-table.js';

/**
 * Whether a decision table says what its CSV rendering says. The SSVC repository publishes each table
 * twice: as JSON (what we load) and as CSV (what people read), with columns named `Name vX.Y.Z` and,
 * outside the ssvc namespace, ` (namespace)`; values are value names, the last column the outcome.
 * Every CSV row is evaluated through decide() on the parsed JSON table.
 */
const MAX_CSV_BYTES = 8 * 2 ** 20;
const MAX_CSV_ROWS = 100_000;
/** enough disagreements to see the pattern without carrying a whole broken table */
const MAX_SHOWN = 20;

export interface Disagreement {
  /** the CSV's row label (its `row` column) or line number */
  row: string;
  expected: string;
  got: string;
}

export interface TableAgreement {
  table: string;
  csv: string;
  json: string;
  rows: number;
  agreed: number;
  disagreements: Disagreement[];
}

export interface AgreementGap {
  csv: string;
  reason: string;
}

export interface CorpusAgreement {
  tables: TableAgreement[];
  /** CSVs with no table to check them against, and why */
  gaps: AgreementGap[];
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string, file: string): Parsed<string[][]> {
  if (text.length > MAX_CSV_BYTES) return fail([{ file, message: `more than ${MAX_CSV_BYTES} characters` }]);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let openedAt = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      openedAt = line;
    }
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      if (records.length > MAX_CSV_ROWS) return fail([{ file, line, message: `more than ${MAX_CSV_ROWS} rows` }]);
      record = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) return fail([{ file, line: openedAt, message: 'a quoted field is not closed' }]);
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return ok(records.filter((r) => r.length > 1 || r[0] !== ''));
}

const HEADER = /^(.*) v(\d+(?:\.\d+)*)(?: \(([^()]+)\))?$/;

/** Each CSV column's decision point, by name, version and namespace (ssvc when the header names none). */
function columns(header: readonly string[], table: DecisionTable, file: string): Parsed<DecisionPoint[]> {
  const points = [...table.inputs, table.outcome];
  const problems: Problem[] = [];
  const found = header.map((h, i) => {
    const m = HEADER.exec(h.trim());
    const [name, version, namespace] = m ? [m[1]!.toLowerCase(), m[2], m[3]] : [h.trim().toLowerCase(), undefined, undefined];
    const candidates = points.filter((p) => p.name.toLowerCase() === name && (version === undefined || p.version === version));
    const chosen = candidates.length > 1 || namespace !== undefined ? candidates.filter((p) => p.namespace === (namespace ?? 'ssvc')) : candidates;
    if (chosen.length !== 1) problems.push({ file, line: 1, message: `column ${i + 1} "${h}" names ${chosen.length ? 'several' : 'none'} of ${table.id}'s decision points` });
    return chosen[0];
  });
  if (problems.length) return fail(problems);
  const mapped = found.filter((p): p is DecisionPoint => p !== undefined);
  if (mapped[mapped.length - 1] !== table.outcome) return fail([{ file, line: 1, message: `the last column is not ${table.id}'s outcome ${table.outcome.name}` }]);
  const absent = table.inputs.filter((p) => !mapped.includes(p));
  if (absent.length || new Set(mapped).size !== mapped.length) {
    return fail([{ file, line: 1, message: `the columns are not ${table.id}'s inputs, each once${absent.length ? `: ${absent.map((p) => p.name).join(', ')} missing` : ''}` }]);
  }
  return ok(mapped);
}

/** Evaluates every CSV row through decide() and compares outcome names case-insensitively. */
export function csvAgreement(table: DecisionTable, csvText: string, csvFile: string): Parsed<Omit<TableAgreement, 'csv' | 'json'>> {
  const records = parseCsv(csvText, csvFile);
  if (!records.ok) return records;
  const [header = [], ...rows] = records.value;
  const labelled = header[0]?.trim().toLowerCase() === 'row';
  const points = columns(labelled ? header.slice(1) : header, table, csvFile);
  if (!points.ok) return points;
  let agreed = 0;
  const disagreements: Disagreement[] = [];
  rows.forEach((cells, i) => {
    const label = labelled ? (cells[0] ?? '') : `line ${i + 2}`;
    const values = labelled ? cells.slice(1) : cells;
    const got = evaluate(table, points.value, values);
    const expected = values[values.length - 1] ?? '';
    if (values.length === points.value.length && got.toLowerCase() === expected.trim().toLowerCase()) agreed++;
    else if (disagreements.length < MAX_SHOWN) disagreements.push({ row: label, expected, got });
  });
  return ok({ table: table.id, rows: rows.length, agreed, disagreements });
}

function evaluate(table: DecisionTable, points: readonly DecisionPoint[], values: readonly string[]): string {
  if (values.length !== points.length) return `${values.length} cells for ${points.length} columns`;
  const given: Record<string, string> = {};
  for (const [i, p] of points.entries()) {
    if (p === table.outcome) continue;
    const name = values[i]!.trim().toLowerCase();
    const value = p.values.find((v) => v.name.toLowerCase() === name);
    if (!value) return `${p.name} has no value named "${values[i]}"`;
    given[p.id] = value.key;
  }
  try {
    return decide(table, given).outcome.name;
  } catch (e) {
    if (e instanceof DecisionInputError) return e.message;
    throw e;
  }
}

/**
 * Every CSV under `<dataDir>/csv` against the JSON table of the same file name under
 * `<dataDir>/json/decision_tables`; a CSV without exactly one such table, or whose table or header
 * cannot be read, is a gap with its reason — never skipped in silence.
 */
export function corpusAgreement(dataDir: string): CorpusAgreement {
  const csvDir = join(dataDir, 'csv');
  const jsonDir = join(dataDir, 'json', 'decision_tables');
  const jsonByName = new Map<string, string[]>();
  for (const f of filesUnder(jsonDir, '.json')) {
    const stem = basename(f, '.json');
    jsonByName.set(stem, [...(jsonByName.get(stem) ?? []), f]);
  }
  const tables: TableAgreement[] = [];
  const gaps: AgreementGap[] = [];
  for (const csvPath of filesUnder(csvDir, '.csv')) {
    const csv = relative(csvDir, csvPath);
    const json = jsonByName.get(basename(csvPath, '.csv')) ?? [];
    if (json.length !== 1) {
      gaps.push({ csv, reason: json.length ? `several JSON tables are named so: ${json.map((j) => relative(jsonDir, j)).join(', ')}` : 'no JSON decision table of the same name' });
      continue;
    }
    const jsonPath = json[0]!;
    const table = parseDecisionTable(readFileSync(jsonPath, 'utf8'), relative(jsonDir, jsonPath));
    if (!table.ok) {
      gaps.push({ csv, reason: `its table does not parse: ${describe(table.problems)}` });
      continue;
    }
    const result = csvAgreement(table.value, readFileSync(csvPath, 'utf8'), csv);
    if (!result.ok) gaps.push({ csv, reason: describe(result.problems) });
    else tables.push({ ...result.value, csv, json: relative(jsonDir, jsonPath) });
  }
  return { tables, gaps };
}

function describe(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file ?? ''}${p.line ? `:${p.line}` : ''}${p.pointer ? ` ${p.pointer}` : ''} ${p.message}`.trim()).join('; ');
}

/** Files with the extension under `dir`, in name order (so reports read the same on every run). */
function filesUnder(dir: string, ext: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith(ext))
    .map((n) => join(dir, n))
    .filter((f) => statSync(f).isFile())
    .sort();
}
