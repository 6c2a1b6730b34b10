import type { VersionScheme } from './scheme.js';
import { compareOrInvalid, compareSemVer, parseSemVer, type SemVer } from './semver-family.js';
import { memoParse } from './memo.js';

const U64_MAX = 18446744073709551615n;

// the semver crate (what Cargo and crates.io use) is strict SemVer 2.0 with u64 version numbers
const parse = memoParse((text: string): SemVer | undefined => parseSemVer(text, { vPrefix: 'forbidden', shortForms: false, maxCore: U64_MAX }));

/**
 * crates.io: the `semver` crate's grammar and SemVer 2.0 precedence. Build metadata is ignored, as
 * in `VersionReq::matches` and crates.io (which refuses two versions differing only in build);
 * `semver::Version`'s own `Ord` would order `1.0.0+a` < `1.0.0+b`, which advisory ranges never need.
 * Invalid strings sort below every valid version, by code units among themselves.
 */
export const cargoScheme: VersionScheme = {
  name: 'cargo',
  isValid: (version) => parse(version) !== undefined,
  compare: (a, b) => compareOrInvalid(a, b, parse, compareSemVer),
};
