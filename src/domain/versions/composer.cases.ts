import type { OrderCase } from './contract.testing.js';

export const source = 'composer/semver tests (ComparatorTest, SemverTest sortProvider, VersionParserTest) and PHP version_compare docs';

const ascending = (list: readonly string[]): OrderCase[] => list.slice(1).map((v, i) => [list[i]!, v, -1]);

export const cases: readonly OrderCase[] = [
  // composer/semver tests/ComparatorTest.php (greaterThan, lessThan, equalTo and compare providers)
  ['1.25.0', '1.24.0', 1], ['1.25.0', '1.25.0', 0], ['1.25.0', '1.26.0', -1], ['1.26.0', 'dev-foo', 1], ['1.0.0', '1.2-dev', -1],
  ['dev-foo', '1.26.0', -1], ['1.25.0-beta2.1', '1.25.0-b.3', -1], ['1.25.0-b2.1', '1.25.0beta.3', -1], ['1.25.0-b-2.1', '1.25.0-rc', -1],
  ['1.25.0-beta2.1', '1.25.0-b.2.1', 0], ['1.25.0beta2.1', '1.25.0-b2.1', 0],
  // tests/SemverTest.php sortProvider: sorted lists
  ...ascending(['0.1', '1.0', '2.4.0-alpha', '2.4.0', '3.2.1']),
  ...ascending(['dev-foo', '1.0', '50.2', 'dev-master']),
  // tests/VersionParserTest.php successfulNormalizedVersions: input equals its normal form
  ['1.0.0', '1.0.0.0', 0], ['1.0.0RC1dev', '1.0.0.0-RC1-dev', 0], ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev', 0],
  ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev', 0], ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev', 0], ['1.0-dev', '1.0.0.0-dev', 0],
  ['0', '0.0.0.0', 0], ['10.4.13beta.2', '10.4.13.0-beta2', 0], ['v1.13.11-beta.0', '1.13.11.0-beta0', 0], ['10.4.13-b5', '10.4.13.0-beta5', 0],
  ['v1.0.0', '1.0.0.0', 0], ['2010.01', '2010.01.0.0', 0], ['v20100102', '20100102', 0], ['2010-01-02-10-20-30.5', '2010.01.02.10.20.30.5', 0],
  ['20100102-203040-p1', '20100102.203040-patch1', 0], ['master', 'dev-master', 0], ['1.x-dev', '1.9999999.9999999.9999999-dev', 0],
  ['1.0.0+foo@dev', '1.0.0.0', 0], ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3', 0], ['1.0.0+foo as 2.0', '1.0.0.0', 0],
  [' 1.0.0', '1.0.0 ', 0], ['dev-trunk', 'trunk', 0], ['DEV-FOOBAR', 'dev-FOOBAR', 0],
  // The brief's `v1.2` → `1.2.0.0`, and PHP's version_compare ranks of special forms (php.net
  // version_compare: any other string < dev < alpha = a < beta = b < RC = rc < # (number) < pl = p)
  ['v1.2', '1.2.0.0', 0],
  ...ascending(['1.0.0-dev', '1.0.0-alpha', '1.0.0-alpha1-dev', '1.0.0-alpha1', '1.0.0-beta', '1.0.0-beta2', '1.0.0-RC1', '1.0.0', '1.0.0-pl1',
    '1.0.0-patch2', '1.0.1-dev', '1.0.1', '1.x-dev', '2.0.0', '2.0.x-dev', '2.1', 'dev-master']),
  ['1.0.0-a1', '1.0.0-alpha1', 0], ['1.0.0-p1', '1.0.0-pl1', 0], ['1.0.0-stable', '1.0.0', 0], ['0700', '700', 0],
];

export const valid: readonly string[] = ['1.2.3.4', '10.4.13-beta', 'dev-feature/foo', 'dev-foo bar', '20230131.0.0', '202301310000.0.0', '201903.x-dev', 'default'];

// failingNormalizedVersions
export const invalid: readonly string[] = [
  '', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar', '1.0.1-SNAPSHOT', '1.0.0<1.0.5-dev', '1.0.0-dev<1.0.5-dev',
  'foo bar-dev', '1.0 .2', ' as ', ' as 1.2', '^', '~1', '^1', '1.*', '20100102.0.3.4',
];
