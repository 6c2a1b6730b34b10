import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../test/db.js';
import { caseId, KNOWN_GAPS, loadCases, runCase } from './purl-spec.cases.js';

describe('the purl-spec test suite', () => {
  corpusSkipNote('purl-spec conformance tests');

  it.skipIf(!hasCorpus)('passes every case', () => {
    const cases = loadCases(join(CORPUS, 'purl-spec', 'tests'));
    const failures: string[] = [];
    for (const { file, index, t } of cases) {
      const id = caseId(file, t);
      const problem = runCase(t);
      if (problem !== null && !KNOWN_GAPS.has(id)) failures.push(`${file}#${index} ${id}: ${problem}`);
      if (problem === null && KNOWN_GAPS.has(id)) failures.push(`${id} is listed as a gap but passes`);
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBe(586);
    for (const gap of KNOWN_GAPS.keys()) expect(cases.some(({ file, t }) => caseId(file, t) === gap), gap).toBe(true);
  });
});
