import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { decide, DecisionInputError, type DecisionTable } from '../../domain/ssvc.js';
import { parseDecisionTable } from './decision-table.js';

const TABLES = join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables');

function table(...path: string[]): DecisionTable {
  const file = join(TABLES, ...path);
  const r = parseDecisionTable(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe.skipIf(!hasCorpus)('SSVC decision tables from the SSVC repository', () => {
  corpusSkipNote('SSVC decision tables');

  it('parses every table, each a function of its inputs, and gives each row\'s own outcome back', () => {
    const files = readdirSync(TABLES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(16);
    for (const f of files) {
      const t = table(f);
      const doc = JSON.parse(readFileSync(join(TABLES, f), 'utf8')) as { mapping: Array<Record<string, string>> };
      for (const row of doc.mapping) {
        const given = Object.fromEntries(t.inputs.map((p) => [p.id, row[p.id]!]));
        expect(decide(t, given).outcome.key, `${f} ${JSON.stringify(row)}`).toBe(row[t.outcome.id]);
      }
    }
  });

  it('triages as the coordinator table says: a credible, unpublished report from an engaged supplier of super-effective utility is coordinated', () => {
    const triage = table('ssvc', 'coordinator_triage_1_0_0.json');
    expect(triage.inputs.map((p) => p.key)).toEqual(['RP', 'SCON', 'RC', 'SC', 'SE', 'U', 'PSI']);
    const base = { RP: 'N', SCON: 'Y', RC: 'Credible', SC: 'M', SE: 'A', U: 'S', PSI: 'S' };
    expect(decide(triage, base).outcome.name).toBe('Coordinate');
    expect(decide(triage, { ...base, RC: 'NC', SC: 'O', U: 'L', PSI: 'M' }).outcome.name).toBe('Decline');
  });

  it('names a missing or unknown input precisely', () => {
    const triage = table('ssvc', 'coordinator_triage_1_0_0.json');
    expect(() => decide(triage, { RP: 'N' })).toThrow(DecisionInputError);
    expect(() => decide(triage, { RP: 'N' })).toThrow('Coordinator Triage needs Supplier Contacted (SCON): one of N, Y');
    expect(() => decide(triage, { RP: 'maybe' })).toThrow("Report Public (RP) is one of Y (Yes), N (No); got 'maybe'");
  });

  it('gives CISA BOD 26-04 timelines from its table', () => {
    const bod = table('cisa', 'cisa_bod_26_04_1_0_0.json');
    expect(bod.inputs.length).toBe(4);
    expect(bod.outcome.values.length).toBeGreaterThanOrEqual(4);
  });
});

describe('refusing a table that is not a function', () => {
  const doc = (mapping: unknown[]) => JSON.stringify({
    namespace: 'x', key: 'T', version: '1.0.0', name: 'Test', outcome: 'x:O:1.0.0',
    decision_points: {
      'x:A:1.0.0': { namespace: 'x', key: 'A', version: '1.0.0', name: 'A', values: [{ key: 'Y', name: 'Yes' }, { key: 'N', name: 'No' }] },
      'x:O:1.0.0': { namespace: 'x', key: 'O', version: '1.0.0', name: 'Outcome', values: [{ key: 'G', name: 'Go' }, { key: 'S', name: 'Stop' }] },
    },
    mapping,
  });

  it('accepts a complete table', () => {
    expect(parseDecisionTable(doc([{ 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'G' }, { 'x:A:1.0.0': 'N', 'x:O:1.0.0': 'S' }]), 't.json').ok).toBe(true);
  });

  it.each([
    [[{ 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'G' }], '/mapping', '1 of 2 combinations have no row, e.g. N'],
    [[{ 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'G' }, { 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'S' }], '/mapping/1', 'the combination Y appears twice'],
    [[{ 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'Q' }, { 'x:A:1.0.0': 'N', 'x:O:1.0.0': 'S' }], '/mapping/0/x:O:1.0.0', 'Outcome is one of G, S; got "Q"'],
    [[{ 'x:A:1.0.0': 'Y', 'x:O:1.0.0': 'G', 'x:B:1.0.0': 'Y' }, { 'x:A:1.0.0': 'N', 'x:O:1.0.0': 'S' }], '/mapping/0/x:B:1.0.0', "'x:B:1.0.0' is not one of the table's decision points"],
  ])('with the row problem at its pointer (%#)', (mapping, pointer, message) => {
    const r = parseDecisionTable(doc(mapping), 't.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ file: 't.json', pointer, message });
  });

  it('gives the line of a syntax error', () => {
    const r = parseDecisionTable('{\n  "namespace": \n}', 't.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ file: 't.json', line: 3 });
  });
});
