import { describe, expect, it } from 'vitest';
import { normalize, parseAndNormalize, parseCanonicalVers, toString } from './canonical.js';
import { versContains } from './contains.js';
import { parseVers } from './parse.js';
import type { Vers } from './types.js';

const vers = (s: string): Vers => {
  const r = parseVers(s);
  if (!r.ok) throw new Error(r.error);
  return r.vers;
};

describe('parseVers', () => {
  it('removes whitespace, lower-cases the scheme and reads a bare version as =', () => {
    expect(vers(' VERS:NPM/ >=1.0.0 | 2.0.0 ')).toEqual({
      scheme: 'npm', constraints: [{ comparator: '>=', version: '1.0.0' }, { comparator: '=', version: '2.0.0' }],
    });
  });
  it('decodes percent-encoding and rejects broken encoding', () => {
    expect(vers('vers:generic/1.0%7C2').constraints[0]?.version).toBe('1.0|2');
    expect(parseVers('vers:generic/1.0%zz').ok).toBe(false);
  });
  it('rejects a missing prefix, a missing scheme separator and * among others', () => {
    expect(parseVers('npm/1.0').ok).toBe(false);
    expect(parseVers('vers:npm').ok).toBe(false);
    expect(parseVers('vers:npm/*|1.0').ok).toBe(false);
  });
});

describe('normalize', () => {
  it('sorts by the scheme order and merges identical constraints', () => {
    const r = normalize(vers('vers:pypi/<2.0|>=1.0|>=1.0'));
    expect(r.ok && toString(r.vers)).toBe('vers:pypi/>=1.0|<2.0');
  });
  it('rejects non-alternating bounds, = inside an interval, and one version twice', () => {
    expect(parseAndNormalize('vers:npm/>=1.0.0|>=2.0.0').ok).toBe(false);
    expect(parseAndNormalize('vers:npm/>=1.0.0|1.5.0|<2.0.0').ok).toBe(false);
    expect(parseAndNormalize('vers:npm/>=1.0.0|<=1.0.0').ok).toBe(false);
  });
  it('accepts only canonical strings in strict parsing', () => {
    expect(parseCanonicalVers('vers:npm/>=1.0.0|<2.0.0').ok).toBe(true);
    expect(parseCanonicalVers('vers:npm/<2.0.0|>=1.0.0').ok).toBe(false);
    expect(parseCanonicalVers('vers:npm/=1.0.0').ok).toBe(false);
  });
});

describe('versContains', () => {
  it('follows the interval structure', () => {
    const v = vers('vers:npm/<1.0.0|>=2.0.0|<3.0.0|4.0.0|!=2.5.0');
    expect(versContains(v, '0.9.0')).toBe(true);
    expect(versContains(v, '1.5.0')).toBe(false);
    expect(versContains(v, '2.0.0')).toBe(true);
    expect(versContains(v, '2.5.0')).toBe(false);
    expect(versContains(v, '3.0.0')).toBe(false);
    expect(versContains(v, '4.0.0')).toBe(true);
  });
  it('reads a vers of only != as everything else', () => {
    expect(versContains(vers('vers:pypi/!=1.0'), '2.0')).toBe(true);
    expect(versContains(vers('vers:pypi/!=1.0'), '1.0')).toBe(false);
  });
  it('orders an unknown scheme with generic', () => {
    expect(versContains(vers('vers:swift/>=1.9|<1.10'), '1.9.5')).toBe(true);
  });
});
