import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../test/db.js';
import { normalizePurl } from './purl.js';
import { osvPackageForPurl, pep503, purlForOsvPackage } from './purl-osv.js';

describe('purlForOsvPackage', () => {
  it.each([
    ['Go', 'github.com/gin-gonic/gin', 'pkg:golang/github.com/gin-gonic/gin'],
    ['Go', 'stdlib', 'pkg:golang/stdlib'],
    ['Go', 'github.com/BurntSushi/toml', 'pkg:golang/github.com/BurntSushi/toml'],
    ['Go', 'golang.org/x/net', 'pkg:golang/golang.org/x/net'],
    ['Go', 'github.com/go-redis/redis/v8', 'pkg:golang/github.com/go-redis/redis/v8'],
    ['PyPI', 'Zope.Interface', 'pkg:pypi/zope-interface'],
    ['PyPI', 'jw.util', 'pkg:pypi/jw-util'],
    ['crates.io', 'convec', 'pkg:cargo/convec'],
    ['crates.io', 'lock_api', 'pkg:cargo/lock_api'],
    ['npm', '@babel/core', 'pkg:npm/%40babel/core'],
    ['npm', 'left-pad', 'pkg:npm/left-pad'],
    ['npm', 'JSONStream', 'pkg:npm/JSONStream'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
    ['Maven', 'com.fasterxml.jackson.core:jackson-databind', 'pkg:maven/com.fasterxml.jackson.core/jackson-databind'],
    ['RubyGems', 'rails', 'pkg:gem/rails'],
    ['NuGet', 'Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json'],
    ['Packagist', 'laravel/framework', 'pkg:composer/laravel/framework'],
    ['Packagist', 'Symfony/HTTP-Kernel', 'pkg:composer/symfony/http-kernel'],
    ['Hex', 'plug', 'pkg:hex/plug'],
    ['Pub', 'http', 'pkg:pub/http'],
    ['CRAN', 'commonmark', 'pkg:cran/commonmark'],
    ['Hackage', 'aeson', 'pkg:hackage/aeson'],
    ['Debian', 'curl', 'pkg:deb/debian/curl'],
    ['Debian:12', 'curl', 'pkg:deb/debian/curl?distro=debian-12'],
    ['Debian:sid', 'curl', 'pkg:deb/debian/curl?distro=debian-sid'],
    ['Ubuntu:22.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl?distro=ubuntu-22.04'],
    ['Ubuntu:Pro:18.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl?distro=ubuntu-18.04'],
    ['Ubuntu:24.10', 'openssl', 'pkg:deb/ubuntu/openssl?distro=ubuntu-24.10'],
    ['Alpine:v3.20', 'musl', 'pkg:apk/alpine/musl?distro=alpine-3.20'],
    ['AlmaLinux:9', 'openssl', 'pkg:rpm/almalinux/openssl?distro=almalinux-9'],
    ['Rocky Linux:8', 'openssl', 'pkg:rpm/rocky/openssl?distro=rocky-8'],
    ['Wolfi', 'curl', 'pkg:apk/wolfi/curl'],
    ['Chainguard', 'curl', 'pkg:apk/chainguard/curl'],
  ])('maps %s %s to %s', (ecosystem, name, purl) => {
    expect(purlForOsvPackage(ecosystem, name)).toBe(purl);
  });

  it.each([
    ['GIT', 'https://github.com/a/b'],
    ['Linux', 'kernel'],
    ['OSS-Fuzz', 'libxml2'],
    ['Red Hat:enterprise_linux:8::appstream', 'openssl'],
    ['Maven', 'no-artifact'],
    ['Maven', 'a:b:c'],
    ['npm', ''],
    ['Go', 'github.com/x/'],
  ])('gives null for %s %s', (ecosystem, name) => {
    expect(purlForOsvPackage(ecosystem, name)).toBeNull();
  });
});

describe('osvPackageForPurl', () => {
  it.each([
    ['pkg:npm/%40babel/core@7.0.0', 'npm', '@babel/core'],
    ['pkg:npm/@babel/core', 'npm', '@babel/core'],
    ['pkg:pypi/Django_Package@1.0', 'PyPI', 'django-package'],
    ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar', 'Maven', 'org.apache.logging.log4j:log4j-core'],
    ['pkg:golang/github.com/gin-gonic/gin@v1.9.0#binding', 'Go', 'github.com/gin-gonic/gin'],
    ['pkg:golang/stdlib@go1.21.0', 'Go', 'stdlib'],
    ['pkg:cargo/lock_api@0.4.0', 'crates.io', 'lock_api'],
    ['pkg:gem/jruby-launcher@1.1.2?platform=java', 'RubyGems', 'jruby-launcher'],
    ['pkg:nuget/Newtonsoft.Json@13.0.1', 'NuGet', 'Newtonsoft.Json'],
    ['pkg:composer/Laravel/Framework', 'Packagist', 'laravel/framework'],
    ['pkg:hex/plug', 'Hex', 'plug'],
    ['pkg:pub/http', 'Pub', 'http'],
    ['pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12', 'Debian:12', 'curl'],
    ['pkg:deb/debian/curl?distro=bookworm', 'Debian:12', 'curl'],
    ['pkg:deb/debian/curl?distro=debian-12.4', 'Debian:12', 'curl'],
    ['pkg:deb/debian/curl?distro=sid', 'Debian:sid', 'curl'],
    ['pkg:deb/debian/curl', 'Debian', 'curl'],
    ['pkg:deb/ubuntu/openssl?distro=ubuntu-22.04', 'Ubuntu:22.04:LTS', 'openssl'],
    ['pkg:deb/ubuntu/openssl?distro=noble', 'Ubuntu:24.04:LTS', 'openssl'],
    ['pkg:deb/ubuntu/openssl?distro=ubuntu-23.04', 'Ubuntu:23.04', 'openssl'],
    ['pkg:deb/ubuntu/openssl?distro=ubuntu-24.10', 'Ubuntu:24.10', 'openssl'],
    ['pkg:apk/alpine/musl@1.2.5-r0?distro=3.20.1', 'Alpine:v3.20', 'musl'],
    ['pkg:apk/alpine/musl?distro=v3.20', 'Alpine:v3.20', 'musl'],
    ['pkg:apk/alpine/musl?distro=alpine-3.20.3', 'Alpine:v3.20', 'musl'],
    ['pkg:rpm/almalinux/openssl@3.0.7?distro=almalinux-9.3', 'AlmaLinux:9', 'openssl'],
    ['pkg:rpm/rocky/openssl?distro=rocky-8.9', 'Rocky Linux:8', 'openssl'],
    ['pkg:apk/wolfi/curl', 'Wolfi', 'curl'],
  ])('maps %s to %s %s', (purl, ecosystem, name) => {
    expect(osvPackageForPurl(purl)).toEqual({ ecosystem, name });
  });

  it.each(['pkg:github/package-url/purl-spec', 'pkg:generic/openssl', 'pkg:rpm/fedora/curl?distro=fedora-25', 'pkg:deb/kali/curl', 'pkg:hex/acme/private', 'not a purl'])(
    'gives null for %s',
    (purl) => {
      expect(osvPackageForPurl(purl)).toBeNull();
    },
  );

  it.each([
    'pkg:npm/%40babel/core',
    'pkg:pypi/zope-interface',
    'pkg:maven/org.apache.logging.log4j/log4j-core',
    'pkg:golang/github.com/BurntSushi/toml',
    'pkg:golang/stdlib',
    'pkg:cargo/lock_api',
    'pkg:gem/rails',
    'pkg:nuget/Newtonsoft.Json',
    'pkg:composer/laravel/framework',
    'pkg:hex/plug',
    'pkg:pub/http',
    'pkg:cran/commonmark',
    'pkg:deb/debian/curl',
    'pkg:deb/debian/curl?distro=debian-12',
    'pkg:deb/debian/curl?distro=debian-sid',
    'pkg:deb/ubuntu/openssl?distro=ubuntu-22.04',
    'pkg:deb/ubuntu/openssl?distro=ubuntu-24.10',
    'pkg:apk/alpine/musl?distro=alpine-3.20',
    'pkg:rpm/almalinux/openssl?distro=almalinux-9',
    'pkg:rpm/rocky/openssl?distro=rocky-8',
    'pkg:apk/chainguard/curl',
  ])('round-trips the canonical %s', (purl) => {
    const pkg = osvPackageForPurl(purl);
    expect(pkg).not.toBeNull();
    if (pkg) expect(purlForOsvPackage(pkg.ecosystem, pkg.name)).toBe(purl);
  });

  it.each([
    ['Debian:12', 'curl'],
    ['Ubuntu:22.04:LTS', 'openssl'],
    ['Ubuntu:24.10', 'openssl'],
    ['Alpine:v3.20', 'musl'],
    ['AlmaLinux:9', 'openssl'],
    ['Rocky Linux:8', 'openssl'],
    ['npm', '@angular/core'],
    ['Maven', 'org.springframework:spring-core'],
    ['NuGet', 'System.Text.Json'],
  ])('round-trips OSV %s %s', (ecosystem, name) => {
    const purl = purlForOsvPackage(ecosystem, name);
    expect(purl).not.toBeNull();
    if (purl) expect(osvPackageForPurl(purl)).toEqual({ ecosystem, name });
  });
});

describe('with the OSV corpus', () => {
  corpusSkipNote('OSV ecosystem mapping over real records');
  const osv = join(CORPUS, 'osv');

  it.skipIf(!hasCorpus)('maps every Go module path to a golang purl and back unchanged', () => {
    const names = new Set<string>();
    for (const f of readdirSync(join(osv, 'go'))) {
      const record = JSON.parse(readFileSync(join(osv, 'go', f), 'utf8')) as { affected?: { package?: { ecosystem: string; name: string } }[] };
      for (const a of record.affected ?? []) if (a.package?.ecosystem === 'Go') names.add(a.package.name);
    }
    const broken = [...names].filter((name) => {
      const purl = purlForOsvPackage('Go', name);
      const back = purl === null ? null : osvPackageForPurl(purl);
      return purl === null || normalizePurl(purl).ok !== true || back?.ecosystem !== 'Go' || back.name !== name;
    });
    expect(broken).toEqual([]);
    expect(names.size).toBeGreaterThan(1000);
  });

  it.skipIf(!hasCorpus)('agrees with the purls PyPI records carry, names with dots and underscores included', () => {
    const pairs: [string, string][] = [];
    for (const dir of readdirSync(join(osv, 'pypi'), { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const f of readdirSync(join(osv, 'pypi', dir.name))) {
        const text = readFileSync(join(osv, 'pypi', dir.name, f), 'utf8');
        // The records are YAML; the package block is regular enough that a pattern reads it without a parser.
        for (const m of text.matchAll(/name: (\S+)\n\s+ecosystem: PyPI\n\s+purl: (\S+)/g)) if (m[1] && m[2]) pairs.push([m[1], m[2]]);
      }
    }
    const broken = pairs.filter(([name, purl]) => {
      const normalized = normalizePurl(purl);
      return !normalized.ok || purlForOsvPackage('PyPI', name) !== normalized.purl || osvPackageForPurl(purl)?.name !== pep503(name);
    });
    expect(broken).toEqual([]);
    expect(pairs.length).toBeGreaterThan(500);
  });

  it.skipIf(!hasCorpus)('agrees with the purls crates.io records carry', () => {
    const pairs: [string, string][] = [];
    for (const f of readdirSync(join(osv, 'crates.io'))) {
      if (!f.endsWith('.json')) continue;
      const record = JSON.parse(readFileSync(join(osv, 'crates.io', f), 'utf8')) as { affected?: { package?: { ecosystem: string; name: string; purl?: string } }[] };
      for (const a of record.affected ?? []) if (a.package?.purl) pairs.push([a.package.name, a.package.purl]);
    }
    const broken = pairs.filter(([name, purl]) => {
      const normalized = normalizePurl(purl);
      return !normalized.ok || purlForOsvPackage('crates.io', name) !== normalized.purl || osvPackageForPurl(purl)?.name !== name;
    });
    expect(broken).toEqual([]);
    expect(pairs.length).toBeGreaterThan(1000);
  });
});
