import { describe, expect, it } from 'vitest';
import { cweName } from './cwe.js';
import { toCsaf } from './export.js';
import { validateCsaf } from './validate.js';
import { packageAdvisory } from '../../domain/advisory.testing.js';

describe('cweName', () => {
  it('answers the catalogue name that mandatory test 6.1.11 accepts', async () => {
    const name = cweName('CWE-787');
    expect(name).toBe('Out-of-bounds Write');
    const a = { ...packageAdvisory(), cwes: [{ id: 'CWE-787', name: name! }] };
    expect((await validateCsaf(toCsaf(a))).errors.filter((e) => e.test === 'mandatoryTest_6_1_11')).toEqual([]);
    const wrong = { ...a, cwes: [{ id: 'CWE-787', name: 'Buffer overflow' }] };
    expect((await validateCsaf(toCsaf(wrong))).errors.map((e) => e.test)).toContain('mandatoryTest_6_1_11');
  });

  it('answers null for an id the catalogue does not hold', () => {
    expect(cweName('CWE-99999999')).toBeNull();
    expect(cweName('79')).toBeNull();
  });
});
