import type { OrderCase } from './contract.testing.js';

export const source = 'our own generic scheme: the rules documented in src/domain/versions/generic.ts (no external tool)';

// The generic scheme is ours (documented in generic.ts); these cases pin each rule it states.
export const cases: readonly OrderCase[] = [
  // digit runs compare as integers, not as text
  ['1.10', '1.9', 1],
  ['2', '10', -1],
  ['1.2.3', '1.2.4', -1],
  ['1.2.10', '1.2.9', 1],
  ['0.99', '1.0', -1],
  ['99999999999999999999', '99999999999999999998', 1],
  // leading zeros are ignored
  ['1.01', '1.1', 0],
  ['007', '7', 0],
  // shorter versions are padded with zeros
  ['1.0', '1.0.0', 0],
  ['1', '1.0.0', 0],
  ['1.0', '1.0.1', -1],
  ['1.0.0.1', '1.0', 1],
  // separators only separate
  ['1.2.3', '1-2-3', 0],
  ['1_2_3', '1.2.3', 0],
  ['1.2.3', '1.2.3.', 0],
  ['v1.2', 'v1_2', 0],
  ['1.0rc1', '1.0-rc.1', 0],
  // letter runs sort below numbers and below the zero padding: prerelease words come first
  ['1.0-beta', '1.0', -1],
  ['1.0-rc1', '1.0', -1],
  ['1.0a', '1.0.0', -1],
  ['1.0-beta', '1.0.1', -1],
  ['1.0-beta', '0.9', 1],
  ['1.0-1', '1.0', 1],
  ['1.0-1', '1.0-beta', 1],
  // letter runs compare case-insensitively, by code units
  ['1.0-alpha', '1.0-beta', -1],
  ['1.0-beta', '1.0-rc', -1],
  ['1.0-RC1', '1.0-rc1', 0],
  ['1.0-rc1', '1.0-rc2', -1],
  ['1.0-rc2', '1.0-rc10', -1],
  ['1.0-alpha', '1.0-alpha1', -1],
  ['1.0-alpha.1', '1.0-alpha.2', -1],
  ['1.0-alpha', '1.0-alphabet', -1],
  // a letter run is a run: `1a2` splits into 1, a, 2
  ['1a2', '1.a.2', 0],
  ['1a2', '1a10', -1],
  // dates and build numbers
  ['20200101', '20191231', 1],
  ['2020.01.01', '2019.12.31', 1],
  ['r100', 'r99', 1],
  // non-ASCII letters are letters too
  ['1.0-é', '1.0', -1],
  // strings without digits or letters are invalid: below every valid version, by code units among themselves
  ['', '0', -1],
  ['...', 'a', -1],
  ['', '...', -1],
  ['-', '.', -1],
];

export const valid: readonly string[] = ['1', '1.2.3', 'v1', 'latest', '2020-01-01', '1.0~rc1', 'r100', 'é'];

export const invalid: readonly string[] = ['', ' ', '.', '...', '-_+~', '++'];
