import { parse as pep440Parse } from '@renovatebot/pep440';
import { memoParse } from './memo.js';
import type { VersionScheme } from './scheme.js';

/**
 * PyPI versions ordered as PEP 440 and the `packaging` library order them: epochs, release
 * segments with trailing zeros ignored (`1.0` == `1.0.0`), dev < pre < release < post, local
 * versions after their public version, and the spelling normalizations (`1.0.0.a1` == `1.0.0a1`,
 * `1.0c1` == `1.0rc1`, `1.0-5` == `1.0.post5`). Parsing is `@renovatebot/pep440`'s; the sort key is
 * `packaging`'s `_cmpkey`, computed once per string, since the library re-parses on every comparison.
 */

// `packaging` strips surrounding whitespace (Python's str.strip) before matching; the library does
// not, so we trim first to accept what `packaging` accepts.
const clean = (version: string): string => version.trim();

type Part = number | string | Part[];

/** packaging's `_cmpkey`: Python tuple order over these, with ±Infinity for its sentinels. */
function cmpKey(version: string): Part[] | undefined {
  const v = pep440Parse(clean(version)) as {
    epoch: number; release: number[]; pre: Part[] | null; post: Part[] | null; dev: Part[] | null; local: Array<number | string> | null;
  } | null;
  if (!v) return undefined;
  const release = [...v.release];
  while (release.length && release[release.length - 1] === 0) release.pop();
  // 1.0.dev0 sorts before 1.0a0: a dev release without pre or post takes the lowest pre slot.
  const pre: Part = v.pre ?? (!v.post && v.dev ? -Infinity : Infinity);
  // Alphanumeric local segments sort before numeric ones.
  const local: Part = v.local ? v.local.map((i) => (typeof i === 'number' ? [i, ''] : [-Infinity, i])) : -Infinity;
  return [v.epoch, release, pre, v.post ?? -Infinity, v.dev ?? Infinity, local];
}

const keyOf = memoParse(cmpKey);

/** Python's comparison of (nested) tuples of numbers and strings. */
function pyCompare(a: Part, b: Part): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = pyCompare(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  // A sentinel against a tuple: the sentinel decides.
  if (Array.isArray(a)) return b === Infinity ? -1 : 1;
  if (Array.isArray(b)) return a === Infinity ? 1 : -1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Code-unit order, so the fallback for rejected strings does not depend on the host's locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const pypiScheme: VersionScheme = {
  name: 'pypi',
  isValid: (version) => keyOf(version) !== undefined,
  /**
   * Strings `packaging` rejects (`lolwat`, `1.0+a+`) sort before every valid version and among
   * themselves by code units of the trimmed text; the library would throw on them.
   */
  compare(a: string, b: string): number {
    const x = keyOf(a);
    const y = keyOf(b);
    if (x && y) return pyCompare(x, y);
    if (x || y) return x ? 1 : -1;
    return ordinal(clean(a), clean(b));
  },
};
