import { describe, expect, it } from 'vitest';
import { composerScheme, normalizeComposerVersion, phpVersionCompare } from './composer.js';
import { describeScheme, type OrderCase } from './contract.testing.js';

const ascending = (list: readonly string[]): OrderCase[] => list.slice(1).map((v, i) => [list[i]!, v, -1]);

const cases: OrderCase[] = [
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

// Comparator answers false to <, > and == for two different non-default branches; this scheme
// needs an order, so it uses the names' code units (see composer.ts). Listed, not asserted as tool data.
const knownGaps: OrderCase[] = [
  ['dev-foo', 'dev-bar', 1],
];

describeScheme(
  composerScheme,
  cases,
  ['1.2.3.4', '10.4.13-beta', 'dev-feature/foo', 'dev-foo bar', '20230131.0.0', '202301310000.0.0', '201903.x-dev', 'default'],
  // failingNormalizedVersions
  ['', 'a', '1.0.0-meh', '1.0.0.0.0', 'feature-foo', '1.0.0+foo bar', '1.0.1-SNAPSHOT', '1.0.0<1.0.5-dev', '1.0.0-dev<1.0.5-dev',
    'foo bar-dev', '1.0 .2', ' as ', ' as 1.2', '^', '~1', '^1', '1.*', '20100102.0.3.4'],
);

describe('the composer version scheme', () => {
  describe('when normalizing as VersionParser::normalize does', () => {
    // tests/VersionParserTest.php successfulNormalizedVersions, verbatim
    const normalized: [string, string][] = [
      ['1.0.0', '1.0.0.0'], ['1.2.3.4', '1.2.3.4'], ['1.0.0RC1dev', '1.0.0.0-RC1-dev'], ['1.0.0-rC15-dev', '1.0.0.0-RC15-dev'],
      ['1.0.0.RC.15-dev', '1.0.0.0-RC15-dev'], ['1.0.0-rc1', '1.0.0.0-RC1'], ['1.0.0.pl3-dev', '1.0.0.0-patch3-dev'], ['1.0-dev', '1.0.0.0-dev'],
      ['0', '0.0.0.0'], ['10.4.13-beta', '10.4.13.0-beta'], ['10.4.13beta2', '10.4.13.0-beta2'], ['10.4.13beta.2', '10.4.13.0-beta2'],
      ['v1.13.11-beta.0', '1.13.11.0-beta0'], ['1.13.11.0-beta0', '1.13.11.0-beta0'], ['10.4.13-b', '10.4.13.0-beta'],
      ['10.4.13-b5', '10.4.13.0-beta5'], ['v1.0.0', '1.0.0.0'], ['2010.01', '2010.01.0.0'], ['2010.01.02', '2010.01.02.0'],
      ['2010.1.555', '2010.1.555.0'], ['2010.10.200', '2010.10.200.0'], ['20230131.0.0', '20230131.0.0'], ['202301310000.0.0', '202301310000.0.0'],
      ['v20100102', '20100102'], ['20100102', '20100102'], ['20100102.0', '20100102.0'], ['20100102.1.0', '20100102.1.0'],
      ['20100102.0.3', '20100102.0.3'], ['2010-01-02-10-20-30.0.3', '2010.01.02.10.20.30.0.3'], ['2010-01-02-10-20-30.5', '2010.01.02.10.20.30.5'],
      ['2010-01-02', '2010.01.02'], ['2012.06.07', '2012.06.07.0'], ['2010-01-02.5', '2010.01.02.5'], ['20100102-203040', '20100102.203040'],
      ['20100102.x-dev', '20100102.9999999.9999999.9999999-dev'], ['20100102.203040.x-dev', '20100102.203040.9999999.9999999-dev'],
      ['20100102203040-10', '20100102203040.10'], ['20100102-203040-p1', '20100102.203040-patch1'], ['201903.0', '201903.0'],
      ['201903.x-dev', '201903.9999999.9999999.9999999-dev'], ['201903.0-p2', '201903.0-patch2'], ['dev-master', 'dev-master'],
      ['master', 'dev-master'], ['dev-trunk', 'dev-trunk'], ['1.x-dev', '1.9999999.9999999.9999999-dev'], ['dev-feature-foo', 'dev-feature-foo'],
      ['DEV-FOOBAR', 'dev-FOOBAR'], ['dev-feature/foo', 'dev-feature/foo'], ['dev-feature+issue-1', 'dev-feature+issue-1'],
      ['dev-master as 1.0.0', 'dev-master'], ['dev-load-varnish-only-when-used as ^2.0', 'dev-load-varnish-only-when-used'],
      ['dev-load-varnish-only-when-used@dev as ^2.0@dev', 'dev-load-varnish-only-when-used'], ['1.0.0+foo@dev', '1.0.0.0'],
      ['dev-load-varnish-only-when-used@stable', 'dev-load-varnish-only-when-used'], ['1.0.0-beta.5+foo', '1.0.0.0-beta5'],
      ['1.0.0+foo', '1.0.0.0'], ['1.0.0-alpha.3.1+foo', '1.0.0.0-alpha3.1'], ['1.0.0-alpha2.1+foo', '1.0.0.0-alpha2.1'],
      ['1.0.0-alpha-2.1-3+foo', '1.0.0.0-alpha2.1-3'], ['1.0.0+foo as 2.0', '1.0.0.0'], ['00.01.03.04', '00.01.03.04'],
      ['000.001.003.004', '000.001.003.004'], ['0.000.103.204', '0.000.103.204'], ['0700', '0700.0.0.0'],
      ['041.x-dev', '041.9999999.9999999.9999999-dev'], ['dev-041.003', 'dev-041.003'], ['dev-1.0.0-dev<1.0.5-dev', 'dev-1.0.0-dev<1.0.5-dev'],
      ['dev-foo bar', 'dev-foo bar'], [' 1.0.0', '1.0.0.0'], ['1.0.0 ', '1.0.0.0'],
    ];
    it.each(normalized)('normalizes %j to %j', (input, expected) => {
      expect(normalizeComposerVersion(input)).toBe(expected);
    });
  });

  describe('when comparing as PHP version_compare does', () => {
    // php.net version_compare examples and documented rules
    it.each([
      ['5.2', '5.2.0', -1], ['1.0rc1', '1.0', -1], ['1.0', '1.0.0', -1], ['1.0-dev', '1.0-alpha', -1], ['1.0a', '1.0b', -1],
      ['1.0-pl1', '1.0', 1], ['1.0.0', '1.0.0', 0], ['1.0-foo', '1.0-dev', -1], ['10', '9', 1], ['1_0', '1.0', 0], ['1+0', '1-0', 0],
    ] as const)('version_compare(%j, %j) is %i', (a, b, want) => {
      expect(phpVersionCompare(a, b)).toBe(want);
    });
  });

  describe('when two different non-default branches meet', () => {
    it.each(knownGaps)('orders %j against %j by name (%i), where Comparator gives no order', (a, b, want) => {
      expect(Math.sign(composerScheme.compare(a, b))).toBe(want);
    });
  });
});
