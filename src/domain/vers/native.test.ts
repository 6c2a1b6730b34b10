import { describe, expect, it } from 'vitest';
import { toString } from './canonical.js';
import { versFromNative } from './native.js';

const conv = (scheme: string, native: string): string => {
  const r = versFromNative(scheme, native);
  return r.ok ? toString(r.vers) : `error: ${r.error}`;
};

describe('versFromNative', () => {
  it('npm: caret, tilde, x-range, hyphen and || go through node-semver', () => {
    expect(conv('npm', '^1.2.3')).toBe('vers:npm/>=1.2.3|<2.0.0');
    expect(conv('npm', '~1.2.3')).toBe('vers:npm/>=1.2.3|<1.3.0');
    expect(conv('npm', '1.2.x')).toBe('vers:npm/>=1.2.0|<1.3.0');
    expect(conv('npm', '1.0.0 - 2.0.0')).toBe('vers:npm/>=1.0.0|<=2.0.0');
    expect(conv('npm', '<1.0.0 || >=2.0.0')).toBe('vers:npm/<1.0.0|>=2.0.0');
    expect(conv('npm', '*')).toBe('vers:npm/*');
    expect(conv('npm', 'not a range')).toMatch(/^error/);
  });
  it('pypi: specifier sets, ~= and wildcards', () => {
    expect(conv('pypi', '>=1.0,<2.0')).toBe('vers:pypi/>=1.0|<2.0');
    expect(conv('pypi', '~=1.4.5')).toBe('vers:pypi/>=1.4.5|<1.5.dev0');
    expect(conv('pypi', '==1.*')).toBe('vers:pypi/>=1.dev0|<2.dev0');
    expect(conv('pypi', '!=1.5')).toBe('vers:pypi/!=1.5');
    expect(conv('pypi', '=>1.0')).toMatch(/^error/);
  });
  it('maven: intervals and unions, a bare version as =', () => {
    expect(conv('maven', '[1.0,2.0)')).toBe('vers:maven/>=1.0|<2.0');
    expect(conv('maven', '(,1.0]')).toBe('vers:maven/<=1.0');
    expect(conv('maven', '[1.2]')).toBe('vers:maven/1.2');
    expect(conv('maven', '(,1.0],[1.2,)')).toBe('vers:maven/<=1.0|>=1.2');
    expect(conv('maven', '1.0')).toBe('vers:maven/1.0');
  });
  it('nuget: one interval, a bare version as a minimum', () => {
    expect(conv('nuget', '[1.0, 2.0)')).toBe('vers:nuget/>=1.0|<2.0');
    expect(conv('nuget', '1.0')).toBe('vers:nuget/>=1.0');
    expect(conv('nuget', '(1.0,)')).toBe('vers:nuget/>1.0');
    expect(conv('nuget', '[1,2),[3,4)')).toMatch(/^error/);
  });
  it('gem: ~> bumps the next-to-last segment, commas AND', () => {
    expect(conv('gem', '~> 2.0.8')).toBe('vers:gem/>=2.0.8|<2.1');
    expect(conv('gem', '~> 2.2')).toBe('vers:gem/>=2.2|<3');
    expect(conv('gem', '>= 1.0, < 1.5')).toBe('vers:gem/>=1.0|<1.5');
    expect(conv('gem', '1.2.3')).toBe('vers:gem/1.2.3');
  });
  it('composer: ^, ~, wildcards, hyphen ranges, || and AND', () => {
    expect(conv('composer', '^1.2.3')).toBe('vers:composer/>=1.2.3|<2.0.0');
    expect(conv('composer', '^0.3')).toBe('vers:composer/>=0.3|<0.4');
    expect(conv('composer', '~1.2')).toBe('vers:composer/>=1.2|<2.0');
    expect(conv('composer', '~1.2.3')).toBe('vers:composer/>=1.2.3|<1.3.0');
    expect(conv('composer', '1.0.*')).toBe('vers:composer/>=1.0|<1.1');
    expect(conv('composer', '1.0 - 2.0')).toBe('vers:composer/>=1.0|<2.1');
    expect(conv('composer', '>=1.0 <1.1 || >=1.2,<1.3')).toBe('vers:composer/>=1.0|<1.1|>=1.2|<1.3');
    expect(conv('composer', '*')).toBe('vers:composer/*');
  });
  it('golang: comparator lists keep the v prefix', () => {
    expect(conv('golang', '>=v1.2.0, <v1.4.1')).toBe('vers:golang/>=v1.2.0|<v1.4.1');
  });
  it('an unknown scheme is an error', () => {
    expect(conv('swift', '1.0')).toMatch(/^error: no native range syntax/);
  });
});
