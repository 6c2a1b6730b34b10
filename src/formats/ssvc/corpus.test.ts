import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { corpusAgreement, csvAgreement, parseCsv, type AgreementGap } from './csv-agreement.js';
import { parseDecisionTable } from './decision-table.js';

const DATA = join(CORPUS, 'ssvc', 'data');

/** CSVs in the corpus that cannot be checked against a JSON table, with the reason. None today. */
const KNOWN_GAPS: AgreementGap[] = [];

/** Rows per CSV: each table's CSV lists every combination of its inputs once. */
const ROWS: Record<string, number> = {
  'cisa/cisa_bod_26_04_1_0_0.csv': 16,
  'cisa/cisa_coordinator_2_0_3.csv': 36,
  'cvss/cvss_v4_0_qualitative_severity_ratings_4_0_0.csv': 324,
  'cvss/cvss_v4_equivalence_set_1_1_0_0.csv': 36,
  'cvss/cvss_v4_equivalence_set_2_1_0_0.csv': 4,
  'cvss/cvss_v4_equivalence_set_3_1_0_0.csv': 27,
  'cvss/cvss_v4_equivalence_set_4_1_0_0.csv': 48,
  'cvss/cvss_v4_equivalence_set_5_1_0_0.csv': 3,
  'cvss/cvss_v4_equivalence_set_6_1_0_0.csv': 729,
  'ssvc/coordinator_publish_decision_table_1_0_0.csv': 27,
  'ssvc/coordinator_triage_1_0_0.csv': 192,
  'ssvc/deployer_patch_application_priority_1_0_0.csv': 72,
  'ssvc/human_impact_1_0_0.csv': 16,
  'ssvc/public_safety_impact_1_0_0.csv': 4,
  'ssvc/supplier_patch_development_priority_1_0_0.csv': 36,
  'ssvc/utility_1_0_0.csv': 4,
};

describe.skipIf(!hasCorpus)('every SSVC decision table CSV in the corpus against its JSON table', () => {
  corpusSkipNote('SSVC CSV agreement');
  const report = hasCorpus ? corpusAgreement(DATA) : { tables: [], gaps: [] };

  it('matches every CSV to a JSON table, except the known gaps', () => {
    expect(report.gaps).toEqual(KNOWN_GAPS);
    expect(report.tables.length + report.gaps.length).toBe(Object.keys(ROWS).length + KNOWN_GAPS.length);
  });

  it('evaluates every row of every CSV to the outcome the CSV states', () => {
    for (const t of report.tables) expect(t.disagreements, `${t.csv} (${t.table})`).toEqual([]);
    expect(Object.fromEntries(report.tables.map((t) => [t.csv, `${t.agreed}/${t.rows}`]))).toEqual(Object.fromEntries(Object.entries(ROWS).map(([csv, n]) => [csv, `${n}/${n}`])));
  });

  it('covers each table\'s every combination in its CSV', () => {
    for (const t of report.tables) {
      const file = join(DATA, 'json', 'decision_tables', t.json);
      const table = parseDecisionTable(readFileSync(file, 'utf8'), file);
      expect(table.ok && table.value.rows.size, t.json).toBe(t.rows);
    }
  });

  it('counts a row whose stated outcome differs from the table\'s', () => {
    const file = join(DATA, 'json', 'decision_tables', 'cisa', 'cisa_bod_26_04_1_0_0.json');
    const table = parseDecisionTable(readFileSync(file, 'utf8'), file);
    if (!table.ok) throw new Error(JSON.stringify(table.problems));
    const csv = readFileSync(join(DATA, 'csv', 'cisa', 'cisa_bod_26_04_1_0_0.csv'), 'utf8').replace('15,yes,yes,yes,total,3 days & forensic investigation', '15,yes,yes,yes,total,60 days');
    const r = csvAgreement(table.value, csv, 'bod.csv');
    expect(r.ok && r.value).toMatchObject({ rows: 16, agreed: 15, disagreements: [{ row: '15', expected: '60 days', got: '3 days & forensic investigation' }] });
  });

  it('refuses a CSV whose columns are not the table\'s decision points', () => {
    const file = join(DATA, 'json', 'decision_tables', 'ssvc', 'utility_1_0_0.json');
    const table = parseDecisionTable(readFileSync(file, 'utf8'), file);
    if (!table.ok) throw new Error(JSON.stringify(table.problems));
    const r = csvAgreement(table.value, 'row,Automatable v2.0.0,Value Density v9.9.9,Utility v1.0.1\n0,no,diffuse,laborious\n', 'u.csv');
    expect(r).toEqual({ ok: false, problems: [{ file: 'u.csv', line: 1, message: 'column 2 "Value Density v9.9.9" names none of ssvc:DT_U:1.0.0\'s decision points' }] });
  });
});

describe('reading CSV', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields, and CRLF line ends', () => {
    expect(parseCsv('row,"Defer, Scheduled",x\r\n0,"say ""hi""","a\nb"\r\n\r\n', 'f.csv')).toEqual({ ok: true, value: [['row', 'Defer, Scheduled', 'x'], ['0', 'say "hi"', 'a\nb']] });
  });

  it('names the line where an unclosed quote opens', () => {
    expect(parseCsv('a,b\n"c,d\n', 'f.csv')).toEqual({ ok: false, problems: [{ file: 'f.csv', line: 2, message: 'a quoted field is not closed' }] });
  });
});
