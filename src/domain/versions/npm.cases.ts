import type { OrderCase } from './contract.testing.js';

export const source = 'node-semver test/fixtures/comparisons.js and equality.js, plus the SemVer 2.0 item 11 chain node-semver follows';

/** Every pair of a list sorted ascending, each inner list holding equal versions. */
const ascending = (groups: readonly (readonly string[])[]): OrderCase[] =>
  groups.flatMap((g, i) => groups.slice(i).flatMap((h, j) => g.flatMap((a) => h.map((b): OrderCase => [a, b, j === 0 ? 0 : -1]))));

// node-semver test/fixtures/comparisons.js: the first is greater (entries valid without `loose`)
const greater: [string, string][] = [
  ['0.0.0', '0.0.0-foo'],
  ['0.0.1', '0.0.0'],
  ['1.0.0', '0.9.9'],
  ['0.10.0', '0.9.0'],
  ['0.99.0', '0.10.0'],
  ['2.0.0', '1.2.3'],
  ['v0.0.0', '0.0.0-foo'],
  ['v0.0.1', '0.0.0'],
  ['v1.0.0', '0.9.9'],
  ['v0.10.0', '0.9.0'],
  ['v0.99.0', '0.10.0'],
  ['v2.0.0', '1.2.3'],
  ['0.0.0', 'v0.0.0-foo'],
  ['0.0.1', 'v0.0.0'],
  ['1.0.0', 'v0.9.9'],
  ['0.10.0', 'v0.9.0'],
  ['0.99.0', 'v0.10.0'],
  ['2.0.0', 'v1.2.3'],
  ['1.2.3', '1.2.3-asdf'],
  ['1.2.3', '1.2.3-4'],
  ['1.2.3', '1.2.3-4-foo'],
  ['1.2.3-5-foo', '1.2.3-5'],
  ['1.2.3-5', '1.2.3-4'],
  ['1.2.3-5-foo', '1.2.3-5-Foo'],
  ['3.0.0', '2.7.2+asdf'],
  ['1.2.3-a.10', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a.5'],
  ['1.2.3-a.b', '1.2.3-a'],
  ['1.2.3-a.b.c.10.d.5', '1.2.3-a.b.c.5.d.100'],
  ['1.2.3-r2', '1.2.3-r100'],
  ['1.2.3-r100', '1.2.3-R2'],
];

export const cases: readonly OrderCase[] = [
  ...greater.flatMap(([a, b]): OrderCase[] => [[a, b, 1], [b, a, -1]]),
  // test/fixtures/equality.js, entries valid without `loose` (a `v` and outer spaces are strict-valid)
  ['1.2.3', 'v1.2.3', 0],
  ['1.2.3', ' v1.2.3', 0],
  ['1.2.3-0', 'v1.2.3-0', 0],
  ['1.2.3-beta', ' v1.2.3-beta', 0],
  ['1.2.3-beta+build', '1.2.3-beta+otherbuild', 0],
  ['1.2.3+build', '1.2.3+otherbuild', 0],
  ['  v1.2.3+build', '1.2.3+otherbuild', 0],
  // SemVer 2.0 item 11's example chain, which node-semver's README follows
  ...ascending([['1.0.0-alpha'], ['1.0.0-alpha.1'], ['1.0.0-alpha.beta'], ['1.0.0-beta'], ['1.0.0-beta.2'], ['1.0.0-beta.11'], ['1.0.0-rc.1'], ['1.0.0']]),
  // node-semver turns numeric prerelease identifiers into JS numbers, so beyond 2^53 they collide
  ['1.2.3-99999999999999999999', '1.2.3-99999999999999999998', 0],
  // invalid strings (loose-only or malformed) sort below valid ones, by code units among themselves
  ['=1.2.3', '0.0.0', -1],
  ['1.2', '0.0.0-0', -1],
  ['1.2', '=1.2.3', -1],
  ['not a version', '1.2', 1],
];

export const valid: readonly string[] = ['1.2.3', 'v1.2.3', ' 1.2.3 ', '1.2.3-r100', '1.2.3+01', '9007199254740991.0.0', '1.2.3-4-foo'];

export const invalid: readonly string[] = ['=1.2.3', 'v 1.2.3', '1.2', '01.2.3', '1.2.3-01', '1.2.3-a..b', '1.2.3-', '1.2.3+', 'V1.2.3', '9007199254740992.0.0', 'hello, world', 'xyz', ''];
