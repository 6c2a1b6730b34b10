import type { OrderCase } from './contract.testing.js';

export const source = 'pypa/packaging tests/test_version.py (VERSIONS sort order, test_normalized_versions, test_invalid_versions)';

// pypa/packaging tests/test_version.py: VERSIONS "must be in the correct sorting order".
const sortedWithoutEpoch = [
  '1.0.dev0', '1.0.dev456', '1.0.dev456+local', '1.0a0', '1.0a0.post0.dev0', '1.0a0.post0', '1.0a1.dev1', '1.0a1.dev1+local',
  '1.0a1', '1.0a1+local', '1.0b0', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456', '1.0b2.post345', '1.0b2-346', '1.0rc0',
  '1.0rc1.dev1', '1.0c1', '1.0rc2', '1.0', '1.0.post0.dev0', '1.0.post0', '1.0.post456.dev34', '1.0.post456', '1.0.post456+local',
  '1.0.1.dev1', '1.0.1a1', '1.0.1', '1.0.1+local', '1.0.1.post1', '1.1.dev1', '1.2+a', '1.2+abc', '1.2+abcdef', '1.2+def', '1.2+0',
  '1.2+1', '1.2+1.abc', '1.2+1.1', '1.2+1.1.0', '1.2+2', '1.2+123', '1.2+123456', '1.2.r32+123456', '1.2.rev33+123456',
];
const sorted = [...sortedWithoutEpoch, ...sortedWithoutEpoch.map((v) => `1!${v}`)];
const ascending: OrderCase[] = sorted.slice(1).map((v, i) => [sorted[i]!, v, -1]);

// test_normalized_versions and test_version_rc_and_c_equals: each spelling equals its normal form.
const normalized: [string, string][] = [
  ['1.0dev', '1.0.dev0'], ['1.0.dev', '1.0.dev0'], ['1.0-dev1', '1.0.dev1'], ['1.0.DEV1', '1.0.dev1'],
  ['1.0a', '1.0a0'], ['1.0.a1', '1.0a1'], ['1.0-alpha1', '1.0a1'], ['1.0.ALPHA', '1.0a0'], ['1.0-A1', '1.0a1'],
  ['1.0b', '1.0b0'], ['1.0.beta1', '1.0b1'], ['1.0-BETA', '1.0b0'], ['1.0.B1', '1.0b1'],
  ['1.0c', '1.0rc0'], ['1.0.c1', '1.0rc1'], ['1.0-RC1', '1.0rc1'], ['1.0rc1', '1.0c1'],
  ['1.0post', '1.0.post0'], ['1.0-post1', '1.0.post1'], ['1.0r', '1.0.post0'], ['1.0rev', '1.0.post0'], ['1.0.r1', '1.0.post1'],
  ['1.0-5', '1.0.post5'], ['1.0-r5', '1.0.post5'], ['1.0-rev5', '1.0.post5'],
  ['1.0+AbC', '1.0+abc'], ['1.01', '1.1'], ['1.0a05', '1.0a5'], ['1.0c056', '1.0rc56'], ['1.0.post000', '1.0.post0'],
  ['1.1.dev09000', '1.1.dev9000'], ['00!1.2', '1.2'], ['0100!0.0', '100!0.0'], ['v1.0', '1.0'], ['   v1.0\t\n', '1.0'],
  ['\u202f1.0\t\u2029\n ', '1.0'], ['0!1.0.2', '1.0.2'],
  // The brief's own examples, both PEP 440 normalizations: `1.0.0a1` == `1.0.0.a1`, `1.0` == `1.0.0` (release zero padding).
  ['1.0.0a1', '1.0.0.a1'], ['1.0', '1.0.0'], ['1.0a1', '1.0.0a1'],
];

export const cases: readonly OrderCase[] = [...ascending, ...normalized.map(([a, b]): OrderCase => [a, b, 0])];

export const valid: readonly string[] = [...sorted, '1.0.3+7', '7!1.0.5+9.5', '1.2+123abc456'];

// test_invalid_versions
export const invalid: readonly string[] = [
  'french toast', '1.0+a+', '1.0++', '1.0+_foobar', '1.0+foo&asd', '1.0+1+1', '1. 0', '1 .0', '1.0 a1', '1.0a 1',
  '٠١٢.٣٤٥.٦٧٨٩', '.', '..', '1..0', '1.0.', '.1.0', '1..2.3', '1.0+\u0130', 'lolwat',
];
