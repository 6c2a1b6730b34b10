import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { knownGaps } from './corpus.gaps.js';
import { loadCorpus, passes, type CorpusCase } from './corpus.cases.js';

corpusSkipNote('vers spec test suite');

const cases: CorpusCase[] = hasCorpus ? loadCorpus(join(CORPUS, 'vers-spec', 'tests')) : [];
const gapReason = new Map(knownGaps.flatMap((g) => g.indices.map((i): [string, string] => [`${g.file}#${i}`, g.reason])));

describe('the vers spec test suite', () => {
  it.skipIf(!hasCorpus)('accounts for every case: passed + known gaps = total', () => {
    const failing = cases.filter((c) => !passes(c)).map((c) => c.id);
    const unexpected = failing.filter((id) => !gapReason.has(id));
    const fixed = [...gapReason.keys()].filter((id) => !failing.includes(id));
    expect(unexpected).toEqual([]);
    expect(fixed).toEqual([]); // a known gap that now passes should leave the list
    expect(cases.length).toBe(2701);
    expect(cases.length - failing.length).toBe(2680);
    expect(gapReason.size).toBe(21);
    expect(cases.length - failing.length + gapReason.size).toBe(cases.length);
  });

  for (const testType of ['parse', 'validate', 'containment', 'from_native', 'comparison', 'equality']) {
    describe(`${testType} cases`, () => {
      it.skipIf(!hasCorpus)('each passes unless listed as a known gap', () => {
        const ofType = cases.filter((c) => c.testType === testType);
        expect(ofType.length).toBeGreaterThan(0);
        const wrong = ofType.filter((c) => passes(c) === gapReason.has(c.id)).map((c) => `${c.id}: ${c.description}`);
        expect(wrong).toEqual([]);
      });
    });
  }
});
