import type { OrderCase } from './contract.testing.js';

export const source = 'dart-lang/pub_semver test/version_test.dart (comparison, equality, prioritize, parse)';

/** Every pair of a list sorted ascending, each inner list holding equal versions. */
const ascending = (groups: readonly (readonly string[])[]): OrderCase[] =>
  groups.flatMap((g, i) => groups.slice(i).flatMap((h, j) => g.flatMap((a) => h.map((b): OrderCase => [a, b, j === 0 ? 0 : -1]))));

export const cases: readonly OrderCase[] = [
  // dart-lang/pub_semver test/version_test.dart group 'comparison': compareTo over every pair,
  // build metadata included (1.0.0 < 1.0.0+0.3.7, 1.3.7+build.2… < 1.3.7+build.11…)
  ...ascending([
    ['1.0.0-alpha'],
    ['1.0.0-alpha.1'],
    ['1.0.0-beta.2'],
    ['1.0.0-beta.11'],
    ['1.0.0-rc.1'],
    ['1.0.0-rc.1+build.1'],
    ['1.0.0'],
    ['1.0.0+0.3.7'],
    ['1.3.7+build'],
    ['1.3.7+build.2.b8f12d7'],
    ['1.3.7+build.11.e0f985a'],
    ['2.0.0'],
    ['2.1.0'],
    ['2.2.0'],
    ['2.11.0'],
    ['2.11.1'],
  ]),
  // 'equality' test: leading zeros are insignificant everywhere
  ['01.2.3', '1.2.3', 0],
  ['1.02.3', '1.2.3', 0],
  ['1.2.03', '1.2.3', 0],
  ['1.2.3-01', '1.2.3-1', 0],
  ['1.2.3+01', '1.2.3+1', 0],
  ['001.02.0003-01.dev+pre.002', '1.2.3-1.dev+pre.2', 0],
  // prioritize() lists, restricted to compareTo's order (prioritize itself moves prereleases last)
  ['1.0.0-alpha', '2.0.0-alpha', -1],
  ['2.0.0-alpha', '1.0.0', 1],
  ['1.0.0', '1.0.0+build', -1],
  ['1.0.0+build', '1.0.1', -1],
  // parse(): a hyphen inside identifiers; numbers below words; the unescaped `.` in pub's pattern
  ['1.0.0-rc-1+build-1', '1.0.0-rc-1', 1],
  ['1.2.3-x.7.z-92', '1.2.3-x.7.z', 1],
  ['1.2.3-x.7', '1.2.3-x.y', -1],
  ['1x2x3', '1.2.3', 0],
  // Dart's int.tryParse reads hex literals, so `0x10` is the number 16
  ['1.0.0-0x10', '1.0.0-15', 1],
  // invalid strings sort below every valid version, by code units among themselves
  ['1.0', '0.0.0-0', -1],
  ['1.2.3.4', '0.0.0', -1],
  ['1.0', '1.2.3.4', -1],
];

export const valid: readonly string[] = ['0.0.0', '12.34.56', '1.2.3-alpha.1', '1.2.3-x.7.z-92', '1.2.3+build.1', '1.2.3+x.7.z-92', '1.0.0-rc-1+build-1', '001.02.0003-01.dev+pre.002', '1x2x3'];

// parse() must throw on these
export const invalid: readonly string[] = ['1.0', '1.2.3.4', '1234', '-2.3.4', '1.3-pre', '1.3+build', '1.3+bu?!3ild', '9223372036854775808.0.0', 'v1.2.3', ''];
