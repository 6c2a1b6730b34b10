import { BANDS, bandKeysInto, minhashInto, PERMUTATIONS, shingleCount, shinglesInto } from './similarity.js';

/**
 * Every finding's MinHash signature in one growing array (slot n at n × PERMUTATIONS). A typed array per
 * finding is an off-heap allocation the collector tracks one by one; at tens of thousands of
 * findings per submission that bookkeeping cost more than the hashing.
 */
export class Signatures {
  private data = new Int32Array(PERMUTATIONS * 1024);
  private count = 0;
  private shingles = new Int32Array(512);
  /** the LSH band keys of the signature `add` stored last */
  readonly bands = new Int32Array(BANDS);

  /** Stores the signature of these word hashes and returns its slot; -1 for no words (no signature). */
  add(words: readonly number[]): number {
    const n = shingleCount(words.length);
    if (n === 0) return -1;
    if (n > this.shingles.length) this.shingles = new Int32Array(Math.max(n, this.shingles.length * 2));
    shinglesInto(words, this.shingles);
    if ((this.count + 1) * PERMUTATIONS > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const slot = this.count++;
    minhashInto(this.shingles, n, this.data, slot * PERMUTATIONS);
    bandKeysInto(this.data, slot * PERMUTATIONS, this.bands);
    return slot;
  }

  /** Estimated Jaccard similarity of two stored signatures: the share of equal minima. */
  similarity(a: number, b: number): number {
    const d = this.data;
    const x = a * PERMUTATIONS;
    const y = b * PERMUTATIONS;
    let same = 0;
    for (let i = 0; i < PERMUTATIONS; i++) if (d[x + i] === d[y + i]) same++;
    return same / PERMUTATIONS;
  }
}
