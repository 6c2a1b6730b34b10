import type { OrderCase } from './contract.testing.js';

export const source = 'dtolnay/semver (Cargo) tests/test_version.rs: test_spec_order, test_lt/gt/eq/ne, test_parse';

/** Every pair of a list sorted ascending, each inner list holding equal versions. */
const ascending = (groups: readonly (readonly string[])[]): OrderCase[] =>
  groups.flatMap((g, i) => groups.slice(i).flatMap((h, j) => g.flatMap((a) => h.map((b): OrderCase => [a, b, j === 0 ? 0 : -1]))));

export const cases: readonly OrderCase[] = [
  // dtolnay/semver tests/test_version.rs test_spec_order (SemVer 2.0 item 11)
  ...ascending([['1.0.0-alpha'], ['1.0.0-alpha.1'], ['1.0.0-alpha.beta'], ['1.0.0-beta'], ['1.0.0-beta.2'], ['1.0.0-beta.11'], ['1.0.0-rc.1'], ['1.0.0']]),
  // test_lt, test_gt, test_eq, test_ne
  ['0.0.0', '1.2.3-alpha2', -1],
  ['1.0.0', '1.2.3-alpha2', -1],
  ['1.2.0', '1.2.3-alpha2', -1],
  ['1.2.3-alpha1', '1.2.3', -1],
  ['1.2.3-alpha1', '1.2.3-alpha2', -1],
  ['1.2.3-alpha2', '1.2.3-alpha2', 0],
  ['1.2.3-alpha2', '0.0.0', 1],
  ['1.2.3', '1.2.3-alpha2', 1],
  ['1.2.3', '1.2.3', 0],
  ['1.2.3-alpha1+42', '1.2.3-alpha1+42', 0],
  ['0.0.0', '0.0.1', -1],
  ['0.0.0', '0.1.0', -1],
  ['1.2.3-alpha', '1.2.3-beta', -1],
  // test_lt has 1.2.3+23 < 1.2.3+42 for semver::Version's Ord; precedence (VersionReq, crates.io) ignores build
  ['1.2.3+23', '1.2.3+42', 0],
  ['1.2.3+build.42', '1.2.3', 0],
  // parse cases from test_parse, ordered by precedence
  ['1.2.3-1.alpha1.9+build5.7.3aedf', '1.2.3-0a.alpha1.9+05build.7.3aedf', -1],
  ['0.4.0-beta.1+0851523', '0.4.0', -1],
  ['1.1.0-beta-10', '1.1.0-beta-9', -1],
  ['1.1.0-beta-10', '1.1.0-beta', 1],
  // numeric identifiers compare numerically, below alphanumeric ones; prerelease numbers are unbounded
  ['1.0.0-10', '1.0.0-9', 1],
  ['1.0.0-99999999999999999999', '1.0.0-99999999999999999998', 1],
  ['1.0.0-1', '1.0.0-a', -1],
  ['1.0.0-A', '1.0.0-a', -1],
  ['18446744073709551615.0.0', '18446744073709551614.0.0', 1],
  ['0.10.0', '0.9.0', 1],
  // invalid strings sort below every valid version, by code units among themselves
  ['1.2', '0.0.0-0', -1],
  ['v1.2.3', '0.0.0', -1],
  ['1.2', 'v1.2.3', -1],
];

export const valid: readonly string[] = ['1.2.3', '1.2.3-alpha1', '1.2.3+build5', '1.2.3+5build', '1.2.3-1.alpha1.9+build5.7.3aedf', '1.2.3-0a.alpha1.9+05build.7.3aedf', '1.1.0-beta-10', '18446744073709551615.0.0'];

// test_parse's errors, plus a `v` prefix that Cargo rejects
export const invalid: readonly string[] = ['', '  ', '1', '1.2', '1.2.3-', 'a.b.c', '1.2.3 abc', '1.2.3-01', '5.1.5++', '07', '75774777777757777757', '8\0', '18446744073709551616.0.0', 'v1.2.3', '01.2.3'];
