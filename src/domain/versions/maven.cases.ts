import type { OrderCase } from './contract.testing.js';

export const source = 'apache/maven 3.9.x maven-artifact ComparableVersionTest (VERSIONS_QUALIFIER, VERSIONS_NUMBER, MNG-5568/6572/6964/7644)';

// apache/maven 3.9.x maven-artifact ComparableVersionTest: VERSIONS_QUALIFIER and VERSIONS_NUMBER
// are ascending lists; adjacent pairs become `<` cases.
const qualifierOrder = [
  '1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2', '1-rc123', '1-SNAPSHOT',
  '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123',
];
const numberOrder = [
  '2.0', '2.0.a', '2-1', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2', '2.123', '11.a2', '11.a11',
  '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m',
];
const ascending = (list: readonly string[]): OrderCase[] => list.slice(1).map((v, i) => [list[i]!, v, -1]);

// testVersionsEqual, testLocaleIndependent, leading-zero tests (MNG-6572) and the MNG-7644 loop.
const equal: [string, string][] = [
  ['1', '1'], ['1', '1.0'], ['1', '1.0.0'], ['1.0', '1.0.0'], ['1', '1-0'], ['1', '1.0-0'], ['1.0', '1.0-0'],
  ['1a', '1-a'], ['1a', '1.0-a'], ['1a', '1.0.0-a'], ['1.0a', '1-a'], ['1.0.0a', '1-a'],
  ['1x', '1-x'], ['1x', '1.0-x'], ['1x', '1.0.0-x'], ['1.0x', '1-x'], ['1.0.0x', '1-x'],
  ['1ga', '1'], ['1release', '1'], ['1final', '1'], ['1cr', '1rc'],
  ['1a1', '1-alpha-1'], ['1b2', '1-beta-2'], ['1m3', '1-milestone-3'],
  ['1X', '1x'], ['1A', '1a'], ['1B', '1b'], ['1M', '1m'], ['1Ga', '1'], ['1GA', '1'], ['1RELEASE', '1'], ['1RELeaSE', '1'],
  ['1Final', '1'], ['1FinaL', '1'], ['1FINAL', '1'], ['1Cr', '1Rc'], ['1cR', '1rC'], ['1m3', '1Milestone3'], ['1m3', '1MileStone3'],
  ['1m3', '1MILESTONE3'],
  ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  ['0000000000000000001', '1'], ['000000001', '01'], ['0000000001', '1'], ['0000000000000000000', '0'], ['00', '0'],
  // The brief's `1.0-final` == `1.0` (release aliases are null items).
  ['1.0-final', '1.0'],
];
const mng7644: OrderCase[] = ['abc', 'alpha', 'a', 'beta', 'b', 'def', 'milestone', 'm', 'RC'].flatMap((x): OrderCase[] => [
  [`1.0.0.${x}1`, `1.0.0-${x}2`, -1],
  [`2-${x}`, `2.0.${x}`, 0],
  [`2-${x}`, `2.0.0.${x}`, 0],
  [`2.0.${x}`, `2.0.0.${x}`, 0],
]);

// testVersionComparing, MNG-5568, MNG-6572, MNG-6964.
const less: [string, string][] = [
  ['1', '2'], ['1.5', '2'], ['1', '2.5'], ['1.0', '1.1'], ['1.1', '1.2'], ['1.0.0', '1.1'], ['1.0.1', '1.1'], ['1.1', '1.2.0'],
  ['1.0-alpha-1', '1.0'], ['1.0-alpha-1', '1.0-alpha-2'], ['1.0-alpha-1', '1.0-beta-1'], ['1.0-beta-1', '1.0-SNAPSHOT'],
  ['1.0-SNAPSHOT', '1.0'], ['1.0-alpha-1-SNAPSHOT', '1.0-alpha-1'], ['1.0', '1.0-1'], ['1.0-1', '1.0-2'], ['1.0.0', '1.0-1'],
  ['2.0-1', '2.0.1'], ['2.0.1-klm', '2.0.1-lmn'], ['2.0.1', '2.0.1-xyz'], ['2.0.1', '2.0.1-123'], ['2.0.1-xyz', '2.0.1-123'],
  ['6.1.0rc3', '6.1.0'], ['6.1.0rc3', '6.1H.5-beta'], ['6.1.0', '6.1H.5-beta'],
  ['20190126.230843', '1234567890.12345'], ['1234567890.12345', '123456789012345.1H.5-beta'],
  ['123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta'], ['20190126.230843', '12345678901234567890.1H.5-beta'],
  // Past 2^53 only exact integers keep these apart.
  ['12345678901234567890', '12345678901234567891'],
  ['1-0.alpha', '1'], ['1-0.beta', '1'], ['1-0.alpha', '1-0.beta'],
];

export const cases: readonly OrderCase[] = [
  ...ascending(qualifierOrder),
  ...ascending(numberOrder),
  ...equal.map(([a, b]): OrderCase => [a, b, 0]),
  ...mng7644,
  ...less.map(([a, b]): OrderCase => [a, b, -1]),
];

export const valid: readonly string[] = [...qualifierOrder, ...numberOrder, '1.0-final', '20190126.230843'];

export const invalid: readonly string[] = ['', '1.0 beta', '1.0/2', '1:2', '1.0?', '1.*'];
