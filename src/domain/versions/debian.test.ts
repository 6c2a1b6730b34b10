import { describe, expect, it } from 'vitest';
import { describeScheme } from './contract.testing.js';
import { cases, checkAgainstDpkg, DPKG, hasDpkg, invalid, randomDebianPairs, valid } from './debian.cases.js';
import { debianScheme } from './debian.js';

describeScheme(debianScheme, cases, valid, invalid);

describe('when dpkg would refuse a version', () => {
  it('sorts it before every version dpkg accepts, the blank version included', () => {
    for (const bad of ['1.0-', ':1.0', '1:', 'a:1.0', '1.0 1']) {
      for (const good of ['', '0', '~', '1:0', '7.88.1-10+deb12u4']) {
        expect(debianScheme.compare(bad, good)).toBeLessThan(0);
        expect(debianScheme.compare(good, bad)).toBeGreaterThan(0);
      }
    }
  });

  it('orders refused versions among themselves by their text, never throwing', () => {
    expect(debianScheme.compare('1:', '1.0-')).toBeGreaterThan(0);
    expect(debianScheme.compare('1.0-', '1.0-')).toBe(0);
  });
});

describe('when dpkg is installed', () => {
  const present = hasDpkg();
  if (!present) console.log(`${DPKG} is absent: skipping the live cross-check against dpkg --compare-versions`);

  it.skipIf(!present)('agrees with dpkg --compare-versions on 500 seeded random pairs', async () => {
    const { compared, wrong } = await checkAgainstDpkg(randomDebianPairs(500), (a, b) => debianScheme.compare(a, b));
    expect(wrong).toEqual([]);
    expect(compared).toBeGreaterThan(450);
  }, 60_000);
});
