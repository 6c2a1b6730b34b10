import { describe, expect, it } from 'vitest';
import { describeScheme } from './contract.testing.js';
import { cases, invalid, RPMVERCMP_AT, rpmvercmpCases, valid } from './rpm.cases.js';
import { rpmScheme } from './rpm.js';

describeScheme(rpmScheme, cases, valid, invalid);

describe('the rpm test-suite data', () => {
  it('was read in full', () => {
    expect(rpmvercmpCases).toHaveLength(RPMVERCMP_AT.split('\n').filter((l) => l.startsWith('RPMVERCMP(')).length);
  });
});

describe('when a string is not a version rpm would build', () => {
  it('still orders it with the same rules and never throws', () => {
    expect(rpmScheme.compare('', '0')).toBeLessThan(0);
    expect(rpmScheme.compare('1.0/1', '1.0.1')).toBe(0);
    expect(rpmScheme.compare('1.1.α', '1.1.β')).toBe(0);
    expect(rpmScheme.compare('1.0-1-2', '1.0-1-3')).toBeLessThan(0);
  });
});
