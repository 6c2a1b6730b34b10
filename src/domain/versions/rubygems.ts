import { eq, lt, valid } from '@renovatebot/ruby-semver';
import type { VersionScheme } from './scheme.js';

/**
 * RubyGems versions ordered as `Gem::Version#<=>`: dot-separated segments, numbers compare
 * numerically, a segment with letters makes the version a prerelease and sorts before numbers
 * (`1.0.a` < `1.0`), trailing zeros are ignored (`1.0` == `1.0.0`), and `-` reads as `.pre.`
 * (`1.0.0-1` < `1`). The comparison itself is `@renovatebot/ruby-semver`.
 */

// Gem::Version.new("") and new("   ") are version "0"; the library rejects the empty string, so
// blank input is mapped to "0" first. Surrounding whitespace is otherwise accepted by both.
const clean = (version: string): string => (version.trim() === '' ? '0' : version);

const isGemVersion = (version: string): boolean => valid(clean(version)) !== null;

/** Code-unit order, so the fallback for rejected strings does not depend on the host's locale. */
const ordinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const rubygemsScheme: VersionScheme = {
  name: 'gem',
  isValid: isGemVersion,
  /**
   * Strings `Gem::Version` rejects (`junk`, `1..2`, `1.0+build`) sort before every valid version and
   * among themselves by code units; the library would throw on them.
   */
  compare(a: string, b: string): number {
    const validA = isGemVersion(a);
    const validB = isGemVersion(b);
    if (validA && validB) {
      const left = clean(a);
      const right = clean(b);
      return eq(left, right) ? 0 : lt(left, right) ? -1 : 1;
    }
    if (validA !== validB) return validA ? 1 : -1;
    return ordinal(a, b);
  },
};
