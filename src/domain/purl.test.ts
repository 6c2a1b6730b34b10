import { describe, expect, it } from 'vitest';
import { normalizePurl, osvPackageForPurl, purlForOsvPackage, withoutVersion } from './purl.js';

describe('normalizePurl', () => {
  it('lowercases and PEP 503-normalizes PyPI names', () => {
    expect(normalizePurl('pkg:PYPI/Django_Package@1.11.1')).toEqual({ ok: true, purl: 'pkg:pypi/django-package@1.11.1' });
    expect(normalizePurl('pkg:pypi/jw.util')).toEqual({ ok: true, purl: 'pkg:pypi/jw-util' });
  });

  it('percent-encodes an npm scope and sorts qualifiers', () => {
    expect(normalizePurl('pkg:npm/@angular/core@1.0.0')).toEqual({ ok: true, purl: 'pkg:npm/%40angular/core@1.0.0' });
    expect(normalizePurl('pkg:maven/org.apache/commons@1.0?type=jar&classifier=x')).toEqual({
      ok: true,
      purl: 'pkg:maven/org.apache/commons@1.0?classifier=x&type=jar',
    });
  });

  it('keeps the case of npm names, which the purl specification calls case-sensitive (legacy names like JSONStream)', () => {
    expect(normalizePurl('pkg:npm/JSONStream@1.3.5')).toEqual({ ok: true, purl: 'pkg:npm/JSONStream@1.3.5' });
  });

  it('keeps the case of Go module paths, which are case-sensitive', () => {
    expect(normalizePurl('pkg:golang/github.com/BurntSushi/toml@v1.2.0')).toEqual({ ok: true, purl: 'pkg:golang/github.com/BurntSushi/toml@v1.2.0' });
  });

  it('accepts Go versions that are not semver, which packageurl-js crashed on', () => {
    expect(normalizePurl('pkg:golang/github.com/x/y@v1.0')).toEqual({ ok: true, purl: 'pkg:golang/github.com/x/y@v1.0' });
  });

  it('accepts the Go standard library, which has no module path namespace', () => {
    expect(normalizePurl('pkg:golang/stdlib@go1.21.0')).toEqual({ ok: true, purl: 'pkg:golang/stdlib@go1.21.0' });
  });

  it('writes qualifier values and versions the way the specification does', () => {
    expect(normalizePurl('pkg:hex/bar@1.2.3?repository_url=https://myrepo.example.com')).toEqual({ ok: true, purl: 'pkg:hex/bar@1.2.3?repository_url=https:%2F%2Fmyrepo.example.com' });
    expect(normalizePurl('pkg:deb/debian/attr@1:2.4.47-2+b1?arch=amd64')).toEqual({ ok: true, purl: 'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64' });
  });

  it('repairs uppercase qualifier keys rather than refusing the purl', () => {
    expect(normalizePurl('pkg:gem/jruby-launcher@1.1.2?Platform=java')).toEqual({ ok: true, purl: 'pkg:gem/jruby-launcher@1.1.2?platform=java' });
  });

  it.each([
    ['pkg:deb/debian/curl@7.88.1?distro=bookworm', 'pkg:deb/debian/curl@7.88.1?distro=debian-12'],
    ['pkg:deb/debian/curl@7.88.1?distro=debian-12.4', 'pkg:deb/debian/curl@7.88.1?distro=debian-12'],
    ['pkg:deb/ubuntu/openssl?distro=jammy', 'pkg:deb/ubuntu/openssl?distro=ubuntu-22.04'],
    ['pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=3.20.1', 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20'],
    ['pkg:deb/debian/curl?distro=hurd', 'pkg:deb/debian/curl?distro=hurd'],
    ['pkg:rpm/fedora/curl?distro=fedora-25', 'pkg:rpm/fedora/curl?distro=fedora-25'],
  ])('gives %s the canonical distro spelling %s', (input, purl) => {
    expect(normalizePurl(input)).toEqual({ ok: true, purl });
  });

  it('explains why a string is not a purl', () => {
    const r = normalizePurl('npm/left-pad');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/scheme/);
  });

  it.each(['pkg:maven/@1.3.4', 'pkg:npm/x?a=%ZZ', 'pkg:3d/x', 'pkg:deb/curl', 'pkg:pypi/a/b', 'pkg:npm/x?a=1&a=2'])('refuses %s', (input) => {
    expect(normalizePurl(input).ok).toBe(false);
  });
});

describe('withoutVersion', () => {
  it('drops the version and keeps qualifiers', () => {
    expect(withoutVersion('pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie')).toBe('pkg:deb/debian/curl?arch=i386&distro=debian-8');
    expect(withoutVersion('pkg:pypi/Foo_Bar@1.0')).toBe('pkg:pypi/foo-bar');
    expect(withoutVersion('pkg:npm/%40babel/core@7.0.0#lib/index.js')).toBe('pkg:npm/%40babel/core#lib/index.js');
  });

  it('gives null for something that is not a purl', () => {
    expect(withoutVersion('left-pad@1.0.0')).toBeNull();
  });
});

describe('the OSV mapping re-exported here for callers', () => {
  it('goes both ways', () => {
    expect(purlForOsvPackage('Debian:12', 'curl')).toBe('pkg:deb/debian/curl?distro=debian-12');
    expect(osvPackageForPurl('pkg:deb/debian/curl@7.88.1?distro=bookworm')).toEqual({ ecosystem: 'Debian:12', name: 'curl' });
  });
});
