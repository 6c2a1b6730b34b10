import type { OrderCase } from './contract.testing.js';

export const source = 'conan-io/conan test/unittests/model/version/test_version_comparison.py (v: ordered pairs, e: equal pairs); validity from RecipeReference.validate_ref';

/** test_version_comparison.py `v`: each first version is older than the second */
const older: readonly (readonly [string, string])[] = [
  ['1', '2'], ['1.0', '1.1'], ['1.0.2', '1.1.0'], ['1.3', '1.22'], ['1.1.3', '1.1.22'], ['1.1.1.3', '1.1.1.22'], ['1.1.1.1.3', '1.1.1.1.22'],
  // Different lengths
  ['1.0', '2'], ['1.2', '1.3.1'], ['1.0.2', '1.1'], ['1.2.3', '1.11'], ['1.2', '1.2.3'], ['1.2.2.2', '1.2.3'], ['1.2.3', '1.2.3.2'],
  ['4', '4.0.1'], ['4', '4.0.0.1'],
  // Now with letters
  ['1.1.a', '1.1.b'], ['1.1.1.abc', '1.1.1.abz'], ['a.b.c', 'b.c'], ['1.1', '1.a'], ['1.1', '1.1a'], ['1.1', '1.1.a'], ['1.1.a', '1.2'],
  // Asterisks are before digits
  ['1.1*', '1.20'], ['1.1.*', '1.20'], ['1.2.2', '1.3.*'], ['1.2.2', '1.2.3*'],
  // build is easy
  ['1.1+b1', '1.1+b2'], ['1.1', '1.1+b2'], ['1.1+b1', '1.2'], ['1.1+b.3', '1.1+b.22'],
  // pre-release is challenging
  ['1.1-pre1', '1.1-pre2'], ['1.1-alpha.3', '1.1-alpha.22'], ['1.1-alpha.3+b1', '1.1-alpha.3+b2'], ['1.1-alpha.1', '1.1'],
  ['1.1', '1.2-alpha1'], ['1.1-alpha.1', '1.1.0'], ['1.0.0-', '1.0.0-alpha1'], ['1.2-rc1', '1.2.0'], ['1.1.9', '1.2-rc1'],
  // development versions
  ['1.2.1-dev', '1.2.1'], ['1.2.1-dev', '1.2.2'], ['1.2.1-dev', '1.3'], ['1.2.1-dev', '1.3-alpha'], ['1.2.0', '1.2.1-dev'],
  ['1.2', '1.2.1-dev'], ['1.2-alpha', '1.2.1-dev'], ['0.0.1-3', '0.0.1'], ['0.0.1-3-1', '0.0.1'], ['0.0.1-3-1', '0.0.1-4'],
  ['0.0.1-3', '0.0.1-3-1'],
  // build + prerelease
  ['1.1-pre.1', '1.1+b.1'], ['1.1-pre.1', '1.1-pre.1+b.1'], ['1.1-pre.1+b.1', '1.1-pre.1+b.2'], ['1.1+b.1', '1.2-pre.1+b.2'],
  ['1.0.0-+2', '1.0.0+2'], ['1.0.0-+2', '1.0.0+1'],
  // cci. schema used in CCI
  ['cci.20230101', 'cci.20240101'],
];

/** test_version_comparison.py `e`: equal versions */
const equal: readonly (readonly [string, string])[] = [
  ['1', '1.0'], ['1', '1.0.0'], ['1.0', '1.0.0'], ['1.0', '1.0.0.0'], ['1-pre1', '1.0-pre1'], ['1-pre1', '1.0.0-pre1'],
  ['1.0-pre1', '1.0.0-pre1'], ['1.0-pre1.0', '1.0.0-pre1'], ['1-pre1+b1', '1.0-pre1+b1'], ['1-pre1+b1', '1.0.0-pre1+b1'],
  ['1.0-pre1+b1', '1.0.0-pre1+b1'], ['1+b1', '1.0+b1'], ['1+b1', '1.0+b1.0'], ['1+b1', '1.0.0+b1'], ['1.0+b1', '1.0.0+b1'],
  ['1.2.3', '1.2.3'],
];

// test_comparison asserts v1 < v2 and v2 > v1, test_equality both ways round.
export const cases: readonly OrderCase[] = [
  ...older.flatMap(([a, b]): OrderCase[] => [[a, b, -1], [b, a, 1]]),
  ...equal.flatMap(([a, b]): OrderCase[] => [[a, b, 0], [b, a, 0]]),
];

/** test_build_metadata_is_not_equal (conan issue 5900) */
export const notEqual: readonly (readonly [string, string])[] = [['4.0.0+abc', '4.0.0+xyz']];

// validate_ref: ^[a-z0-9_][a-z0-9_+.-]{1,100}$ for the version of an exported reference.
export const valid: readonly string[] = ['1.0', '1.2.3', '1.0.0-pre1+b1', 'cci.20230101', '0.0.1-3-1', '1.1-alpha.3+b1', '_1', '9e', 'x'.repeat(101)];
export const invalid: readonly string[] = ['', '1', '1.0 ', ' 1.0', '1.0A', '1.0@user', '-1.0', '.1.0', '+1', '1/0', '1:0', '1.*', 'x'.repeat(102)];
