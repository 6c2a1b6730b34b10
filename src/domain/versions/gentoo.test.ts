import { describe, expect, it } from 'vitest';
import { describeScheme } from './contract.testing.js';
import { cases, invalid, notEqual, valid } from './gentoo.cases.js';
import { gentooScheme } from './gentoo.js';

describeScheme(gentooScheme, cases, valid, invalid);

describe('portage testVerNotEqual', () => {
  it.each(notEqual)('%s is not %s', (a, b) => {
    expect(gentooScheme.compare(a, b)).not.toBe(0);
  });
});

describe('the PMS suffix rules', () => {
  it('puts an extra suffix below the plain version unless it is _p', () => {
    const order = ['1.0_alpha', '1.0_alpha1_beta', '1.0_alpha1', '1.0_beta', '1.0_pre', '1.0_rc9', '1.0', '1.0_p', '1.0_p1_alpha', '1.0_p1', '1.0a'];
    expect([...order].reverse().sort((a, b) => gentooScheme.compare(a, b))).toEqual(order);
  });
});

describe('when a string breaks the PMS grammar', () => {
  it('sorts it below every valid version, and distinct strings by their text', () => {
    for (const bad of ['', 'cvs.2', '1.0-r', 'v1', '1.0_foo']) {
      for (const good of ['0', '0_alpha', '1.0']) expect(gentooScheme.compare(bad, good)).toBeLessThan(0);
    }
    expect(gentooScheme.compare('1.0_foo', '1.0_goo')).toBeLessThan(0);
    expect(gentooScheme.compare('1.0_foo', '1.0_foo')).toBe(0);
  });
});
