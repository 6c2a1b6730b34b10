import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * Gentoo ebuild versions, `1.2.3[a-z][_alpha|_beta|_pre|_rc|_p[N]]...[-rN]`, ordered by the Package
 * Manager Specification (PMS §3.2 syntax, §3.3 algorithms 3.1–3.7), which portage's `vercmp` and
 * pkgcore implement:
 * - the first number compares as an integer; each later one as an integer too, unless either side
 *   has a leading zero, in which case both compare as strings with trailing zeros stripped
 *   (`1.01` < `1.1`, `1.010` = `1.01`: they read as decimal fractions);
 * - then more numbers is newer (`1.0` < `1.0.0`), then the letter (none < `a` < `z`);
 * - then suffixes pairwise, `_alpha` < `_beta` < `_pre` < `_rc` < `_p`, a missing number being 0;
 *   an extra suffix makes the version newer only if it is `_p` (`1_alpha` < `1` < `1_p`);
 * - then the revision, `-r0` when missing.
 *
 * Strings that break the grammar (portage refuses them) sort below every valid version, and among
 * themselves by their UTF-16 code units, so distinct strings never compare as equal.
 */

const SUFFIX_RANK: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 4 };
const P = SUFFIX_RANK.p!;

interface Suffix {
  readonly rank: number;
  readonly number: string;
}

interface Parsed {
  readonly numbers: readonly string[];
  readonly letter: string;
  readonly suffixes: readonly Suffix[];
  readonly revision: string;
}

const GRAMMAR = /^([0-9]+(?:\.[0-9]+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)[0-9]*)*)(?:-r([0-9]+))?$/;

const parse = memoParse((text: string): Parsed | undefined => {
  const m = GRAMMAR.exec(text);
  if (!m) return undefined;
  const suffixes = [...m[3]!.matchAll(/_([a-z]+)([0-9]*)/g)].map((s) => ({ rank: SUFFIX_RANK[s[1]!]!, number: s[2]! }));
  return { numbers: m[1]!.split('.'), letter: m[2]!, suffixes, revision: m[4] ?? '0' };
});

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/** unsigned integers of any size, as digit strings: fewer significant digits is smaller */
function integer(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return x.length !== y.length ? cmp(x.length, y.length) : cmp(x, y);
}

/** PMS algorithm 3.3, for every number after the first */
function laterNumber(a: string, b: string): number {
  if (a.startsWith('0') || b.startsWith('0')) return cmp(a.replace(/0+$/, ''), b.replace(/0+$/, ''));
  return integer(a, b);
}

function gentooCompare(a: Parsed, b: Parsed): number {
  // Algorithm 3.2: numeric components.
  let r = integer(a.numbers[0]!, b.numbers[0]!);
  for (let i = 1; r === 0 && i < a.numbers.length && i < b.numbers.length; i++) r = laterNumber(a.numbers[i]!, b.numbers[i]!);
  if (r !== 0) return r;
  if (a.numbers.length !== b.numbers.length) return cmp(a.numbers.length, b.numbers.length);
  // Algorithm 3.4: the letter, absent below any.
  r = cmp(a.letter, b.letter);
  if (r !== 0) return r;
  // Algorithms 3.5 and 3.6: suffixes.
  const n = Math.min(a.suffixes.length, b.suffixes.length);
  for (let i = 0; i < n; i++) {
    const x = a.suffixes[i]!;
    const y = b.suffixes[i]!;
    r = x.rank !== y.rank ? cmp(x.rank, y.rank) : integer(x.number || '0', y.number || '0');
    if (r !== 0) return r;
  }
  if (a.suffixes.length > n) return a.suffixes[n]!.rank === P ? 1 : -1;
  if (b.suffixes.length > n) return b.suffixes[n]!.rank === P ? -1 : 1;
  // Algorithm 3.7: the revision.
  return integer(a.revision, b.revision);
}

export const gentooScheme: VersionScheme = {
  name: 'gentoo',
  isValid: (version) => parse(version) !== undefined,
  compare(a: string, b: string): number {
    const x = parse(a);
    const y = parse(b);
    if (!x || !y) return x ? 1 : y ? -1 : cmp(a, b);
    return gentooCompare(x, y);
  },
};
