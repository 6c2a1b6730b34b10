import { describe, expect, it } from 'vitest';
import { changesCsv, indexTxt } from './index-files.js';
import { doc, must } from './provider.testing.js';

const docs = [
  doc({ id: 'Example Company - 2019-YH3234', initialReleaseDate: '2019-04-17T15:08:41Z', currentReleaseDate: '2019-04-17T15:08:41Z' }),
  doc({ id: 'Example Company - 2020-YH4711', initialReleaseDate: '2020-07-01T10:09:07Z', currentReleaseDate: '2020-07-01T10:09:07Z' }),
  doc({ id: 'Example Company - 2018-YH2312', initialReleaseDate: '2018-03-01T06:01:00Z', currentReleaseDate: '2020-07-01T10:09:01Z' }),
  doc({ id: 'Example Company - 2025-YH0001', tlp: 'AMBER', initialReleaseDate: '2025-12-31T23:00:00-05:00', currentReleaseDate: '2026-02-01T00:00:00Z' }),
];

describe('index.txt (requirement 12)', () => {
  it('lists every document of the tree by its path in the tree, one per line, as the spec’s example', () => {
    expect(must(indexTxt('WHITE', docs))).toBe(
      '2020/example_company_-_2020-yh4711.json\n2019/example_company_-_2019-yh3234.json\n2018/example_company_-_2018-yh2312.json\n',
    );
  });

  it('keeps a document first released in 2025 and updated in 2026 under 2025', () => {
    expect(must(indexTxt('AMBER', docs))).toBe('2025/example_company_-_2025-yh0001.json\n');
  });

  it('orders the names within one year as well', () => {
    const sameYear = [doc({ id: 'esa-2021-03676', initialReleaseDate: '2021-01-01T00:00:00Z' }), doc({ id: 'esa-2021-31916', initialReleaseDate: '2021-06-01T00:00:00Z' })];
    expect(must(indexTxt('WHITE', sameYear))).toBe('2021/esa-2021-31916.json\n2021/esa-2021-03676.json\n');
  });

  it('is empty for a tree without documents', () => {
    expect(must(indexTxt('RED', docs))).toBe('');
  });
});

describe('changes.csv (requirement 13)', () => {
  it('quotes both fields and puts the latest current_release_date first, as the spec’s example', () => {
    expect(must(changesCsv('WHITE', docs))).toBe(
      [
        '"2020/example_company_-_2020-yh4711.json","2020-07-01T10:09:07Z"',
        '"2018/example_company_-_2018-yh2312.json","2020-07-01T10:09:01Z"',
        '"2019/example_company_-_2019-yh3234.json","2019-04-17T15:08:41Z"',
        '',
      ].join('\n'),
    );
  });

  it('orders by instant, not by the text of dates in different offsets', () => {
    const a = doc({ id: 'a', currentReleaseDate: '2025-06-01T01:00:00+02:00' });
    const b = doc({ id: 'b', currentReleaseDate: '2025-05-31T23:30:00Z' });
    expect(must(changesCsv('WHITE', [a, b])).split('\n')[0]).toBe('"2025/b.json","2025-05-31T23:30:00Z"');
  });

  it('writes the current release date as the document gives it, under the year of first release', () => {
    expect(must(changesCsv('AMBER', docs))).toBe('"2025/example_company_-_2025-yh0001.json","2026-02-01T00:00:00Z"\n');
  });

  it('has no heading and nothing for an empty tree', () => {
    expect(must(changesCsv('GREEN', docs))).toBe('');
  });

  it('refuses a current_release_date that is no date-time, so nothing unquotable reaches the file', () => {
    const r = changesCsv('WHITE', [doc({ currentReleaseDate: '2025-01-01T00:00:00Z","evil' })]);
    expect(r.ok ? [] : r.problems.map((p) => p.pointer)).toEqual(['/documents/0/currentReleaseDate']);
  });
});
