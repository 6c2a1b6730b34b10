import { describe, expect, it } from 'vitest';
import { LshIndex } from './lsh.js';
import { BANDS } from './similarity.js';

const keys = (fill: (band: number) => number) => Int32Array.from({ length: BANDS }, (_, b) => fill(b));

describe('LSH candidates', () => {
  it('walks the sparsest buckets first and stops at the budget', () => {
    const lsh = new LshIndex(1000);
    // 300 items share every band (boilerplate text); item 300 meets the query in band 7 only, a bucket of its own
    for (let i = 0; i < 300; i++) lsh.add(i, keys(() => 42));
    lsh.add(300, keys((b) => (b === 7 ? 999 : 1000 + b)));
    const query = keys((b) => (b === 7 ? 999 : 42));
    const seen: number[] = [];
    lsh.candidates(query, (item) => seen.push(item), 50);
    expect(seen.length).toBeLessThanOrEqual(50);
    expect(seen).toContain(300);
    const all: number[] = [];
    lsh.candidates(query, (item) => all.push(item), 1_000_000);
    expect(new Set(all).size).toBe(301);
    expect(all.length).toBe(301);
  });

  it('skips stop buckets (full ones) entirely', () => {
    const lsh = new LshIndex(4);
    for (let i = 0; i < 4; i++) lsh.add(i, keys(() => 7));
    const seen: number[] = [];
    lsh.candidates(keys(() => 7), (item) => seen.push(item));
    expect(seen).toEqual([]);
  });
});
