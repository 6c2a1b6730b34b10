import { describe, expect, it } from 'vitest';
import { apkCases, cases, invalid, valid, VERSION_DATA } from './alpine.cases.js';
import { describeScheme } from './contract.testing.js';
import { alpineScheme } from './alpine.js';

describeScheme(alpineScheme, cases, valid, invalid);

describe('the apk-tools test data', () => {
  it('was read in full', () => {
    expect(apkCases).toHaveLength(VERSION_DATA.split('\n').filter((l) => l.trim() !== '').length);
  });
});

describe('when a version breaks the apk grammar', () => {
  it('sorts a string that does not start with a digit below every valid version', () => {
    for (const bad of ['', 'a1', 'v1.0', '_1']) {
      for (const good of ['0', '0.0_alpha', '1.0']) expect(alpineScheme.compare(bad, good)).toBeLessThan(0);
    }
  });

  it('ignores what follows the break but still tells distinct strings apart, by their text', () => {
    expect(alpineScheme.compare('1.0bc', '1.0b')).toBeLessThan(0);
    expect(alpineScheme.compare('1.0bc', '1.0bd')).toBeLessThan(0);
    expect(alpineScheme.compare('1.0bd', '1.0bc')).toBeGreaterThan(0);
    expect(alpineScheme.compare('1.0bc', '1.0bc')).toBe(0);
    expect(alpineScheme.compare('1.0bz', '1.0c')).toBeLessThan(0);
  });
});
