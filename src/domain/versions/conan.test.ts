import { describe, expect, it } from 'vitest';
import { cases, invalid, notEqual, valid } from './conan.cases.js';
import { conanScheme } from './conan.js';
import { describeScheme } from './contract.testing.js';

describeScheme(conanScheme, cases, valid, invalid);

describe('conan test_build_metadata_is_not_equal', () => {
  it.each(notEqual)('%s is not %s', (a, b) => {
    expect(conanScheme.compare(a, b)).not.toBe(0);
    expect(conanScheme.compare(b, a)).not.toBe(0);
  });
});

describe('the Version model details', () => {
  it('reads items as Python int() does', () => {
    expect(conanScheme.compare('1.007', '1.7')).toBe(0);
    expect(conanScheme.compare('1.1_0', '1.10')).toBe(0);
    expect(conanScheme.compare('1+-1', '1+1')).toBeLessThan(0);
    expect(conanScheme.compare('1+2.-0', '1+2')).toBe(0);
    // `-` starts the pre-release before any item is read: `1.-1` is 1. with pre-release 1.
    expect(conanScheme.compare('1.-1', '1')).toBeGreaterThan(0);
  });

  it('splits the build at the last + and the pre-release at the first -', () => {
    expect(conanScheme.compare('1.0-a-b', '1.0-a')).toBeGreaterThan(0);
    expect(conanScheme.compare('1.0+b-1', '1.0+b-2')).toBeLessThan(0);
    expect(conanScheme.compare('1.0+b-1', '1.0')).toBeGreaterThan(0);
  });

  it('keeps the cycles Conan has when numbers meet strings', () => {
    expect(conanScheme.compare('1.2', '1.10')).toBeLessThan(0);
    expect(conanScheme.compare('1.10', '1.1a')).toBeLessThan(0);
    expect(conanScheme.compare('1.1a', '1.2')).toBeLessThan(0);
  });
});
