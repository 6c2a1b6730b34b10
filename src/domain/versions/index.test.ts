import { describe, expect, it } from 'vitest';
import { SCHEMES, schemeForEcosystem, schemeForPurlType } from './index.js';

describe('the version scheme registry', () => {
  it('holds one scheme per ecosystem family, each under its vers name', () => {
    expect(Object.keys(SCHEMES).sort()).toEqual(['alpm', 'apk', 'cargo', 'composer', 'conan', 'deb', 'gem', 'generic', 'gentoo', 'golang', 'hex', 'maven', 'npm', 'nuget', 'pub', 'pypi', 'rpm']);
  });

  it.each([
    ['npm', 'npm'], ['PyPI', 'pypi'], ['Maven', 'maven'], ['Go', 'golang'], ['crates.io', 'cargo'], ['RubyGems', 'gem'], ['NuGet', 'nuget'],
    ['Packagist', 'composer'], ['Debian:12', 'deb'], ['Ubuntu:22.04:LTS', 'deb'], ['Alpine:v3.20', 'apk'], ['Red Hat', 'rpm'], ['Hex', 'hex'],
    ['Pub', 'pub'], ['SwiftURL', 'generic'],
  ])('orders OSV ecosystem %s with the %s scheme', (ecosystem, name) => {
    expect(schemeForEcosystem(ecosystem).name).toBe(name);
  });

  it('maps purl types, case-insensitively, with generic for the rest', () => {
    expect(schemeForPurlType('PyPI').name).toBe('pypi');
    expect(schemeForPurlType('deb').name).toBe('deb');
    expect(schemeForPurlType('alpm').name).toBe('alpm');
    expect(schemeForPurlType('conan').name).toBe('conan');
    expect(schemeForPurlType('swift').name).toBe('generic');
  });
});
