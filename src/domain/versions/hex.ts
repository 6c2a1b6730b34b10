import type { VersionScheme } from './scheme.js';
import { compareOrInvalid, compareSemVer, parseSemVer, type SemVer } from './semver-family.js';
import { memoParse } from './memo.js';

// Elixir's Version.parse: MAJOR.MINOR.PATCH required, no `v`, no leading zeros, integers unbounded
const parse = memoParse((text: string): SemVer | undefined => parseSemVer(text, { vPrefix: 'forbidden', shortForms: false }));

/**
 * Hex: Elixir's `Version.compare` (SemVer 2.0 precedence; build segments ignored, so
 * `2.0.1+build0` equals `2.0.1`). Elixir raises on invalid input; here invalid strings sort below
 * every valid version, by code units among themselves.
 */
export const hexScheme: VersionScheme = {
  name: 'hex',
  isValid: (version) => parse(version) !== undefined,
  compare: (a, b) => compareOrInvalid(a, b, parse, compareSemVer),
};
