import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { formatProblem } from '../../domain/errors.js';
import { parseEpss } from './parse.js';

describe('the EPSS files from the corpus', () => {
  corpusSkipNote('EPSS corpus tests');

  it.skipIf(!hasCorpus)('parse all 360,142 rows without a problem', () => {
    const dir = join(CORPUS, 'epss', 'EPSS_CVE_data');
    let rows = 0;
    const failures: string[] = [];
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()) {
      const r = parseEpss(readFileSync(join(dir, name), 'utf8'), name);
      if (r.ok) rows += r.value.rows.length;
      else failures.push(...r.problems.map(formatProblem));
    }
    expect(failures).toEqual([]);
    expect(rows).toBe(360_142);
  });
});

describe('parsing EPSS scores', () => {
  it("reads FIRST's CSV with its model comment and header", () => {
    const text = '#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000\r\ncve,epss,percentile\r\nCVE-1999-0001,0.01,0.5\r\nCVE-2024-123456,1,0.99999\r\n';
    expect(parseEpss(text)).toEqual({
      ok: true,
      value: {
        modelVersion: 'v2025.03.14',
        scoreDate: '2025-08-25T00:00:00+0000',
        rows: [
          { cve: 'CVE-1999-0001', epss: 0.01, percentile: 0.5 },
          { cve: 'CVE-2024-123456', epss: 1, percentile: 0.99999 },
        ],
      },
    });
  });

  it('reads the headerless semicolon form', () => {
    const r = parseEpss('CVE-1999-1593;0.181260000;0.969460000\n\nCVE-1999-1592;0.009940000;0.596870000');
    expect(r).toEqual({
      ok: true,
      value: { modelVersion: null, scoreDate: null, rows: [{ cve: 'CVE-1999-1593', epss: 0.18126, percentile: 0.96946 }, { cve: 'CVE-1999-1592', epss: 0.00994, percentile: 0.59687 }] },
    });
  });

  it.each([
    ['a bad CVE id', 'CVE-1999-1;0.1;0.2', /'CVE-1999-1' is not a CVE id/],
    ['a probability that is not a number', 'CVE-1999-0002;0x1;0.2', /epss '0x1' is not a number between 0 and 1/],
    ['a percentile out of range', 'CVE-1999-0002;0.1;1.5', /percentile '1.5' is not a number between 0 and 1/],
    ['an empty field', 'CVE-1999-0002;;0.5', /epss '' is not a number/],
    ['too few columns', 'CVE-1999-0002;0.1', /expected 3 columns .* found 2/],
    ['too many columns', 'CVE-1999-0002;0.1;0.2;0.3', /expected 3 columns .* found 4/],
    ['a CVE listed twice', 'CVE-1999-0001;0.1;0.2', /CVE-1999-0001 appears again \(first at line 1\)/],
  ])('names the line of %s', (_what, bad, message) => {
    const r = parseEpss(`CVE-1999-0001;0.1;0.2\n${bad}\nCVE-1999-0003;0.1;0.2\n`, 'scores.csv');
    expect(r).toEqual({ ok: false, problems: [{ file: 'scores.csv', line: 2, message: expect.stringMatching(message) as unknown }] });
  });

  it('stops listing problems after a hundred', () => {
    const r = parseEpss('garbage;x;y\n'.repeat(1000));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(101);
      expect(r.problems[100]?.message).toBe('stopped after 100 problems');
    }
  });
});
