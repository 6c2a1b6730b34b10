import { describe, expect, it } from 'vitest';
import { matchKey, purlVersion } from './match-key.js';

describe('the match key', () => {
  it.each([
    ['pkg:npm/%40babel/core@7.1.0', 'pkg:npm/%40babel/core'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
    ['pkg:pypi/requests@2.30.0#src', 'pkg:pypi/requests'],
    ['pkg:deb/debian/curl@7.88.1-10%2Bdeb12u4?arch=amd64&distro=debian-12', 'pkg:deb/debian/curl?distro=debian-12'],
    ['pkg:deb/debian/curl?distro=debian-12', 'pkg:deb/debian/curl?distro=debian-12'],
    ['pkg:golang/golang.org/x/net@v0.17.0', 'pkg:golang/golang.org/x/net'],
    ['pkg:cargo/tokio', 'pkg:cargo/tokio'],
  ])('of %s is %s', (purl, key) => {
    expect(matchKey(purl)).toBe(key);
  });

  it('reads the version, percent-decoded', () => {
    expect(purlVersion('pkg:deb/debian/curl@7.88.1-10%2Bdeb12u4?distro=debian-12')).toBe('7.88.1-10+deb12u4');
    expect(purlVersion('pkg:npm/%40babel/core@7.1.0')).toBe('7.1.0');
    expect(purlVersion('pkg:cargo/tokio')).toBeNull();
  });
});
