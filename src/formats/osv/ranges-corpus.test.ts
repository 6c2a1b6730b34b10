import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { checkOsvSet, KNOWN_GAPS, SETS } from './ranges-corpus.cases.js';

const OSV = join(CORPUS, 'osv');

describe('affects() on real OSV records', () => {
  corpusSkipNote('OSV range evaluation corpus tests');

  it.skipIf(!hasCorpus).each(SETS)('agrees with what every $name record states about itself', (set) => {
    const { counts, contradictions, gapsSeen } = checkOsvSet(OSV, set);
    process.stdout.write(`${set.name}: ${JSON.stringify({ ...counts, knownGaps: gapsSeen.length })}\n`);
    expect(counts.records).toBeGreaterThanOrEqual(50);
    expect(contradictions).toEqual([]);
    expect(gapsSeen.sort()).toEqual(Object.keys(KNOWN_GAPS[set.folder] ?? {}).sort());
  });
});
