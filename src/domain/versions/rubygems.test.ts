import * as gem from '@renovatebot/ruby-semver';
import { describe, expect, it } from 'vitest';
import { describeScheme } from './contract.testing.js';
import { cases, invalid, valid } from './rubygems.cases.js';
import { rubygemsScheme } from './rubygems.js';

describeScheme(rubygemsScheme, cases, valid, invalid);

describe('the rubygems scheme against @renovatebot/ruby-semver, the Gem::Version port it reimplements', () => {
  it('agrees on every pair of the case versions and their variants, and on validity', () => {
    const base = [...new Set(cases.flatMap(([a, b]) => [a, b]).concat(valid, invalid))];
    const versions = [...new Set(base.flatMap((v) => [v, `${v}.1`, `${v}-1`, `${v}.a`, ` ${v} `]))];
    const sign = (n: number) => Math.sign(n);
    const wrong: string[] = [];
    for (const v of versions) if (rubygemsScheme.isValid(v) !== (gem.valid(v.trim() === '' ? '0' : v) !== null)) wrong.push(`valid(${JSON.stringify(v)})`);
    const ok = versions.filter((v) => gem.valid(v) !== null);
    for (const a of ok) {
      for (const b of ok) {
        const want = gem.eq(a, b) ? 0 : gem.lt(a, b) ? -1 : 1;
        if (sign(rubygemsScheme.compare(a, b)) !== want) wrong.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
    expect(ok.length).toBeGreaterThan(200);
    expect(wrong.slice(0, 20)).toEqual([]);
  });
});
