import { describe, expect, it } from 'vitest';
import { alpmScheme } from './alpm.js';
import { cases, invalid, valid, VERCMPTEST_SH, vercmpCases } from './alpm.cases.js';
import { describeScheme } from './contract.testing.js';

describeScheme(alpmScheme, cases, valid, invalid);

describe('the pacman test-suite data', () => {
  it('was read in full (tap_plan 92: 46 cases, each mirrored)', () => {
    expect(vercmpCases).toHaveLength(VERCMPTEST_SH.split('\n').filter((l) => l.startsWith('tap_runtest ')).length);
    expect(cases).toHaveLength(92);
  });
});

describe('where pacman parts with rpm', () => {
  it('treats ~ and ^ as plain separators', () => {
    expect(alpmScheme.compare('1.0~rc1', '1.0')).toBeGreaterThan(0);
    expect(alpmScheme.compare('1.0~rc1', '1.0.rc1')).toBe(0);
    expect(alpmScheme.compare('1.0^git1', '1.0.1')).toBeLessThan(0);
  });

  it('counts separator bytes, not characters', () => {
    expect(alpmScheme.compare('1é2', '1..2')).toBe(0);
    expect(alpmScheme.compare('1é2', '1.2')).toBeGreaterThan(0);
  });

  it('compares pkgrel only when both sides have one', () => {
    expect(alpmScheme.compare('1.5', '1.5-2')).toBe(0);
    expect(alpmScheme.compare('1.5-1', '1.5-2')).toBeLessThan(0);
    expect(alpmScheme.compare('1:1.5', '1.5-9')).toBeGreaterThan(0);
  });
});

describe('when a string is not a version makepkg would build', () => {
  it('still orders it with the same rules and never throws', () => {
    expect(alpmScheme.compare('', '0')).toBeLessThan(0);
    // the last `-` starts pkgrel, so the pkgver is 1.0-1 on both sides
    expect(alpmScheme.compare('1.0-1-2', '1.0-1-3')).toBeLessThan(0);
    expect(alpmScheme.compare('1.0-2-1', '1.0-1-3')).toBeGreaterThan(0);
    expect(alpmScheme.compare(':1.0', '0:1.0')).toBe(0);
  });
});
