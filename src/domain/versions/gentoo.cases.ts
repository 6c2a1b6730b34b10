import type { OrderCase } from './contract.testing.js';

export const source = 'gentoo/portage lib/portage/tests/versions/test_vercmp.py and pkgcore/pkgcore tests/ebuild/test_cpv.py (test_cmp, good/bad versions)';

type Pair = readonly [string, string];

// portage test_vercmp.py: testVerCmpGreater, testVerCmpLess, testVerCmpEqual.
const portageGreater: readonly Pair[] = [
  ['6.0', '5.0'], ['5.0', '5'], ['1.0-r1', '1.0-r0'], ['1.0-r1', '1.0'], ['999999999999999999999999999999', '999999999999999999999999999998'],
  ['1.0.0', '1.0'], ['1.0.0', '1.0b'], ['1b', '1'], ['1b_p1', '1_p1'], ['1.1b', '1.1'], ['12.2.5', '12.2b'],
];
const portageLess: readonly Pair[] = [
  ['4.0', '5.0'], ['5', '5.0'], ['1.0_pre2', '1.0_p2'], ['1.0_alpha2', '1.0_p2'], ['1.0_alpha1', '1.0_beta1'], ['1.0_beta3', '1.0_rc3'],
  ['1.001000000000000000001', '1.001000000000000000002'], ['1.00100000000', '1.0010000000000000001'],
  ['999999999999999999999999999998', '999999999999999999999999999999'], ['1.01', '1.1'], ['1.0-r0', '1.0-r1'], ['1.0', '1.0-r1'],
  ['1.0', '1.0.0'], ['1.0b', '1.0.0'], ['1_p1', '1b_p1'], ['1', '1b'], ['1.1', '1.1b'], ['12.2b', '12.2.5'],
];
const portageEqual: readonly Pair[] = [['4.0', '4.0'], ['1.0', '1.0'], ['1.0-r0', '1.0'], ['1.0', '1.0-r0'], ['1.0-r0', '1.0-r0'], ['1.0-r1', '1.0-r1']];

/** portage testVerNotEqual: only "not equal" is asserted, so the test checks just that */
export const notEqual: readonly Pair[] = [
  ['1', '2'], ['1.0_alpha', '1.0_pre'], ['1.0_beta', '1.0_alpha'], ['0', '0.0'], ['1.0-r0', '1.0-r1'], ['1.0-r1', '1.0-r0'],
  ['1.0', '1.0-r1'], ['1.0-r1', '1.0'], ['1.0', '1.0.0'], ['1_p1', '1b_p1'], ['1b', '1'], ['1.1b', '1.1'], ['12.2b', '12.2'],
];

// pkgcore test_cpv.py test_cmp, the version part of each CPV.
const zeros = (n: number): string => '0'.repeat(n);
const pkgcoreGreater: readonly Pair[] = [
  ['0.2', '0.1'], ['6a', '6'], ['6a-r1', '6a'], ['6.0', '6'], ['6.0.0', '6.0b'], ['6.02', '6.0.0'], ['6.2', '6.054'],
  ['6.0_alpha0_p1', '6.0_alpha'], ['6.1', '6.09'], ['6.0.1', '6.0'], ['12.2.5', '12.2b'], ['12.2.5-r1', '12.2b'],
  ['1.001000000000000000002', '1.001000000000000000001'], ['1.0010000000000000001', '1.00100000000'], ['1.1', '1.01'],
  ...[18, 36, 100].map((x): Pair => [`10${zeros(x)}1`, `1${zeros(x)}1`]),
  ...[18, 36, 100].map((x): Pair => [`1-r10${zeros(x)}1`, `1-r1${zeros(x)}1`]),
  ['1.60_p2010081516093', '1.60_p2009072801401'], ['1.60_p20100815160931', '1.60_p20090728014017'],
  ['1.60_p20100815160931', '1.60_p20090728014017-r1'],
];
const pkgcoreEqual: readonly Pair[] = [
  ['0.7.1', '0.7.1'], ['6', '6'], ['6.0_alpha', '6.0_alpha0'], ['6.01.0', '6.010.0'], ['6.0.1', '6.000.1'], ['6.01.0', '6.01.0-r0'],
  ['6.01.0-r0', '6.01.0-r00'], ['6.01.0-r1', '6.01.0-r001'], ['6.0', '6.0-r0'],
];

export const cases: readonly OrderCase[] = [
  ...portageGreater.map(([a, b]): OrderCase => [a, b, 1]),
  ...portageLess.map(([a, b]): OrderCase => [a, b, -1]),
  ...portageEqual.map(([a, b]): OrderCase => [a, b, 0]),
  ...pkgcoreGreater.map(([a, b]): OrderCase => [a, b, 1]),
  ...pkgcoreEqual.map(([a, b]): OrderCase => [a, b, 0]),
];

// pkgcore test_cpv.py good_vers / good_revs / generate_misc_sufs; "3D" is left out: pkgcore takes
// it, but PMS §3.2 and portage allow only a lower-case letter.
export const valid: readonly string[] = [
  '1', '2.3.4', '2.3.4a', '02.3', '2.03', '3d', '1-r1', '1-r300', '1-r0', '1-r1000000000000000000', '2.3.4_alpha', '2.3.4_beta12',
  '2.3.4_pre_p', '2.3.4a_p7_alpha-r1', '0.7.1_rc2',
];
// pkgcore bad_vers, bad_sufs and bad_revs.
export const invalid: readonly string[] = [
  '2.3a.4', '2.a.3', '2.3_', '2.3 ', '2.3.', 'cvs.2', '1_a', '1_9', '1_', '1_alpha ', '1_p ', '1-r', '1-ra', '1-R1', '',
];
