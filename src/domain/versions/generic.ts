import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/** Runs of ASCII digits or of letters; everything else (`.`, `-`, `_`, `+`, `~`, spaces …) only separates. */
const TOKEN = /[0-9]+|\p{L}+/gu;

type Token = { readonly num: string } | { readonly alpha: string };

function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map(([t]) => (/^[0-9]/.test(t) ? { num: t.replace(/^0+(?=.)/, '') } : { alpha: t.toLowerCase() }));
}

/** Tokenized once per string: matching compares the same strings over and over. */
const tokensOf = memoParse(tokens);

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ZERO: Token = { num: '0' };

function compareTokens(x: Token, y: Token): number {
  if ('num' in x && 'num' in y) return x.num.length !== y.num.length ? x.num.length - y.num.length : cmp(x.num, y.num);
  // a word sorts below any number, so `1.0-beta` < `1.0` (padded with 0) < `1.0.1` and `1.0a` < `1.0.0`
  if ('alpha' in x && 'alpha' in y) return cmp(x.alpha, y.alpha);
  return 'alpha' in x ? -1 : 1;
}

/**
 * The fallback for ecosystems without a scheme of their own, in the spirit of vers' `generic`:
 * split into runs of digits and runs of letters, ignore separators, and compare run by run —
 * digit runs as unbounded integers (leading zeros ignored), letter runs case-insensitively by code
 * units, any letter run below any number. The shorter version is padded with zeros, so `1.0`
 * equals `1.0.0` and `1` while `1.0-rc1` sorts below `1.0` and `1.0-1` above it.
 * A string with no digit or letter is invalid; invalid strings sort below every valid version
 * and by code units among themselves, as in the other schemes.
 */
export const genericScheme: VersionScheme = {
  name: 'generic',
  isValid: (version) => tokensOf(version)!.length > 0,
  compare: (a, b) => {
    const ta = tokensOf(a)!;
    const tb = tokensOf(b)!;
    if (ta.length === 0 || tb.length === 0) return ta.length === 0 && tb.length === 0 ? cmp(a, b) : ta.length === 0 ? -1 : 1;
    for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
      const c = compareTokens(ta[i] ?? ZERO, tb[i] ?? ZERO);
      if (c !== 0) return c;
    }
    return 0;
  },
};
