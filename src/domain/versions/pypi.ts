import { compare as pep440Compare, valid as pep440Valid } from '@renovatebot/pep440';
import type { VersionScheme } from './scheme.js';

/**
 * PyPI versions ordered as PEP 440 and the `packaging` library order them: epochs, release
 * segments with trailing zeros ignored (`1.0` == `1.0.0`), dev < pre < release < post, local
 * versions after their public version, and the spelling normalizations (`1.0.0.a1` == `1.0.0a1`,
 * `1.0c1` == `1.0rc1`, `1.0-5` == `1.0.post5`). The comparison itself is `@renovatebot/pep440`.
 */

// `packaging` strips surrounding whitespace (Python's str.strip) before matching; the library does
// not, so we trim first to accept what `packaging` accepts.
const clean = (version: string): string => version.trim();

const isPep440 = (version: string): boolean => pep440Valid(clean(version)) !== null;

/** Code-unit order, so the fallback for rejected strings does not depend on the host's locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const pypiScheme: VersionScheme = {
  name: 'pypi',
  isValid: isPep440,
  /**
   * Strings `packaging` rejects (`lolwat`, `1.0+a+`) sort before every valid version and among
   * themselves by code units of the trimmed text; the library would throw on them.
   */
  compare(a: string, b: string): number {
    const validA = isPep440(a);
    const validB = isPep440(b);
    if (validA && validB) return pep440Compare(clean(a), clean(b));
    if (validA !== validB) return validA ? 1 : -1;
    return ordinal(clean(a), clean(b));
  },
};
