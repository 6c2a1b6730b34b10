import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { csafFileName, csafTlpLabel, documentDirectory, documentPath, isDateTime, neighbours, releaseYear } from './paths.js';
import { must } from './provider.testing.js';

describe('the file name of a CSAF document (CSAF 2.0 §5.1, requirement 2)', () => {
  it.each([
    ['Example Company - 2019-YH3234', 'example_company_-_2019-yh3234.json'],
    ['cisco-sa-20190513-secureboot', 'cisco-sa-20190513-secureboot.json'],
    ['RHBA-2019:0024', 'rhba-2019_0024.json'],
    ['AICC-2026-0001', 'aicc-2026-0001.json'],
    ['a+b', 'a+b.json'],
  ])('names %s %s, as the spec’s examples do', (id, name) => {
    expect(must(csafFileName(id))).toBe(name);
  });

  it('replaces a run of other characters by a single underscore', () => {
    expect(must(csafFileName('OASIS: #/CSAF_TC'))).toBe('oasis_csaf_tc.json');
    expect(must(csafFileName('ÄÖÜ-1'))).toBe('_-1.json');
  });

  it('lower-cases before replacing, so upper-case letters survive as letters', () => {
    expect(must(csafFileName('ABC.DEF'))).toBe('abc_def.json');
  });

  it.each(['', '...', '.', '//', '   ', '_', 'äöü'])('refuses %j, which leaves no letter or digit', (id) => {
    const r = csafFileName(id);
    expect(r.ok).toBe(false);
  });

  it('refuses an id whose file name and .sha512 neighbour would not fit in 255 bytes', () => {
    expect(csafFileName('a'.repeat(243)).ok).toBe(true); // 248 characters with .json
    expect(csafFileName('a'.repeat(244)).ok).toBe(false);
  });
});

corpusSkipNote('CSAF 2.0 file name test data (src/formats/csaf-provider/paths.test.ts)');

describe('the OASIS file name test data', () => {
  const dir = join(CORPUS, 'csaf', 'csaf_2.0', 'test', 'filenames', 'data');
  const cases = (kind: 'valid' | 'invalid') =>
    readdirSync(join(dir, kind)).map((file) => {
      const doc = JSON.parse(readFileSync(join(dir, kind, file), 'utf8')) as { document: { tracking: { id: string } } };
      return { file, id: doc.document.tracking.id };
    });

  it.skipIf(!hasCorpus)('gives every valid file its own name', () => {
    const valid = cases('valid');
    expect(valid.length).toBe(3);
    for (const { file, id } of valid) expect(must(csafFileName(id))).toBe(file);
  });

  it.skipIf(!hasCorpus)('gives no invalid file the name it carries', () => {
    const invalid = cases('invalid');
    expect(invalid.length).toBe(3);
    for (const { file, id } of invalid) expect(must(csafFileName(id))).not.toBe(file);
  });
});

describe('the directory of a document (requirement 11, one tree per TLP label)', () => {
  const key = { id: 'AICC-2025-0001', tlp: 'CLEAR' as const, initialReleaseDate: '2025-03-01T10:00:00Z' };

  it('is <tlp>/<year of initial_release_date>/', () => {
    const path = must(documentPath(key));
    expect(path).toBe('white/2025/aicc-2025-0001.json');
    expect(documentDirectory(path)).toBe('white/2025/');
  });

  it.each([
    ['CLEAR', 'white'],
    ['GREEN', 'green'],
    ['AMBER', 'amber'],
    ['RED', 'red'],
  ] as const)('puts TLP:%s under %s/', (tlp, dir) => {
    expect(must(documentPath({ ...key, tlp })).split('/')[0]).toBe(dir);
  });

  it('refuses TLP:AMBER+STRICT, which CSAF 2.0 cannot label', () => {
    expect(csafTlpLabel('AMBER+STRICT')).toBeUndefined();
    const r = documentPath({ ...key, tlp: 'AMBER+STRICT' });
    expect(r.ok ? null : r.problems[0]?.pointer).toBe('/tlp');
  });

  it('takes the year as written, in the date’s own offset, not in UTC', () => {
    expect(releaseYear('2025-12-31T23:30:00-05:00')).toBe('2025');
    expect(releaseYear('2026-01-01T00:30:00+02:00')).toBe('2026');
  });

  it('refuses an initial_release_date that is no RFC 3339 date-time', () => {
    for (const bad of ['2025-03-01', '2025-02-30T00:00:00Z', '2025-03-01T24:00:00Z', '2025-03-01 10:00:00Z', '2025-03-01T10:00:00']) {
      expect(isDateTime(bad), bad).toBe(false);
      expect(documentPath({ ...key, initialReleaseDate: bad }).ok, bad).toBe(false);
    }
    expect(isDateTime('2024-02-29T23:59:59.123+14:00')).toBe(true);
  });

  it('refuses an id without a usable file name, pointing at the id', () => {
    const r = documentPath({ ...key, id: '...' });
    expect(r.ok ? null : r.problems[0]?.pointer).toBe('/id');
  });

  it('names the hash and signature files beside the document (requirements 18, 19)', () => {
    expect(neighbours('white/2025/a.json')).toEqual({ sha256: 'white/2025/a.json.sha256', sha512: 'white/2025/a.json.sha512', asc: 'white/2025/a.json.asc' });
  });
});
