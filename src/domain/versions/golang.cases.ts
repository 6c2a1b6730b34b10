import type { OrderCase } from './contract.testing.js';

export const source = 'golang.org/x/mod semver/semver_test.go (tests table, TestCompare) and go.dev/ref/mod pseudo-version rules';

/** Every pair of a list sorted ascending, each inner list holding equal versions. */
const ascending = (groups: readonly (readonly string[])[]): OrderCase[] =>
  groups.flatMap((g, i) => groups.slice(i).flatMap((h, j) => g.flatMap((a) => h.map((b): OrderCase => [a, b, j === 0 ? 0 : -1]))));

// golang.org/x/mod semver_test.go `tests`: the valid entries in ascending order, grouped by Canonical()
const xmodTable = [
  ['v1.0.0-alpha'],
  ['v1.0.0-alpha.1'],
  ['v1.0.0-alpha.beta'],
  ['v1.0.0-beta'],
  ['v1.0.0-beta.2'],
  ['v1.0.0-beta.11'],
  ['v1.0.0-rc.1'],
  ['v1', 'v1.0', 'v1.0.0'],
  ['v1.2', 'v1.2.0'],
  ['v1.2.3-456'],
  ['v1.2.3-456.789'],
  ['v1.2.3-456-789'],
  ['v1.2.3-456a'],
  ['v1.2.3-pre', 'v1.2.3-pre+meta'],
  ['v1.2.3-pre.1'],
  ['v1.2.3-zzz'],
  ['v1.2.3', 'v1.2.3+meta', 'v1.2.3+meta-pre', 'v1.2.3+meta-pre.sha.256a'],
];

// the table's invalid entries: below every valid version in x/mod
const xmodInvalid = ['bad', 'v1-alpha.beta.gamma', 'v1-pre', 'v1+meta', 'v1-pre+meta', 'v1.2-pre', 'v1.2+meta', 'v1.2-pre+meta'];

export const cases: readonly OrderCase[] = [
  ...ascending(xmodTable),
  ...xmodInvalid.map((bad): OrderCase => [bad, 'v1.0.0-alpha', -1]),
  // TestCompare's explicit pairs; numbers compare numerically, so v1.19 (v1.19.0) is above v1.2
  ['v1', 'v1', 0],
  ['v2', 'v1', 1],
  ['v1', 'v2', -1],
  ['v1.19', 'v1.2', 1],
  ['v1.10.0', 'v1.9.0', 1],
  ['v1.0.0-rc.10', 'v1.0.0-rc.9', 1],
  // pseudo-versions (go.dev/ref/mod#pseudo-versions) are prereleases ordered by their timestamp
  ['v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0', -1],
  ['v0.0.0-20191109021931-daa7c04131f5', 'v0.0.0-20200101000000-0123456789ab', -1],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3', 1],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4', -1],
  ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4-0.20200101000000-0123456789ab', -1],
  ['v1.2.4-pre.0.20191109021931-daa7c04131f5', 'v1.2.4-pre', 1],
  ['v1.2.4-pre.0.20191109021931-daa7c04131f5', 'v1.2.4', -1],
  // +incompatible is build metadata, ignored for ordering
  ['v2.0.0+incompatible', 'v2.0.0', 0],
  ['v2.0.0+incompatible', 'v1.9.9', 1],
  ['v2.0.1+incompatible', 'v2.0.0+incompatible', 1],
  ['v4.0.0-rc.1+incompatible', 'v4.0.0+incompatible', -1],
  // OSV writes Go versions without the `v`; read as if it were there
  ['0.17.0', 'v0.17.0', 0],
  ['0.17.0', 'v0.16.9', 1],
  ['1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3', 1],
  ['2.0.0+incompatible', '2.0.0', 0],
  // numbers are unbounded digit strings in x/mod
  ['v99999999999999999999.0.0', 'v99999999999999999998.0.0', 1],
  // invalid among themselves: x/mod calls them equal; here by code units (documented in golang.ts)
  ['bad', 'v1-pre', -1],
  ['v1-pre', 'v1.2-pre', -1],
];

export const valid: readonly string[] = ['v1', 'v1.2', 'v1.2.3', 'v1.2.3-456-789', 'v1.2.3+meta-pre.sha.256a', 'v0.0.0-20191109021931-daa7c04131f5', 'v2.0.0+incompatible', '0.17.0', '1.2'];

export const invalid: readonly string[] = [...xmodInvalid, '', 'v', 'V1.2.3', 'v01.2.3', 'v1.02.3', 'v1.2.3-01', 'v1.2.3-', 'v1.2.3+', 'v1.2.3-a..b', 'v1.2.3.4', 'vv1.2.3', ' v1.2.3'];
