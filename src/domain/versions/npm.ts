import semver from 'semver';
import type { VersionScheme } from './scheme.js';
import { compareOrInvalid } from './semver-family.js';
import { memoParse } from './memo.js';

// loose stays off: the npm registry only publishes strictly valid versions, and loose parsing would
// accept strings (`=1.2.3`, `1.2.3beta`) that npm itself rejects on publish
const OPTIONS = { loose: false } as const;

/** Parses with node-semver itself so validity and order are node-semver's, including its quirks. */
const parse = memoParse((text: string): semver.SemVer | undefined => semver.parse(text, OPTIONS) ?? undefined);

/**
 * npm: node-semver's `compare` (SemVer 2.0 precedence, build metadata ignored). Like node-semver,
 * a leading `v` and surrounding whitespace are accepted. Strings node-semver rejects sort below
 * every valid version, and among themselves by code units (see `compareOrInvalid`).
 */
export const npmScheme: VersionScheme = {
  name: 'npm',
  isValid: (version) => parse(version) !== undefined,
  compare: (a, b) => compareOrInvalid(a, b, parse, (x, y) => x.compare(y)),
};
