import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../test/db.js';
import { normalizePurl, purlForOsvPackage, withoutVersion } from './purl.js';

describe('normalizePurl', () => {
  it('lowercases and PEP 503-normalizes PyPI names', () => {
    expect(normalizePurl('pkg:PYPI/Django_Package@1.11.1')).toEqual({ ok: true, purl: 'pkg:pypi/django-package@1.11.1' });
    expect(normalizePurl('pkg:pypi/jw.util')).toEqual({ ok: true, purl: 'pkg:pypi/jw-util' });
  });

  it('percent-encodes an npm scope and sorts qualifiers', () => {
    expect(normalizePurl('pkg:npm/@Angular/Core@1.0.0')).toEqual({ ok: true, purl: 'pkg:npm/%40angular/core@1.0.0' });
    expect(normalizePurl('pkg:maven/org.apache/commons@1.0?type=jar&classifier=x')).toEqual({
      ok: true,
      purl: 'pkg:maven/org.apache/commons@1.0?classifier=x&type=jar',
    });
  });

  it('keeps the case of Go module paths, which are case-sensitive', () => {
    expect(normalizePurl('pkg:golang/github.com/BurntSushi/toml@v1.2.0')).toEqual({ ok: true, purl: 'pkg:golang/github.com/BurntSushi/toml@v1.2.0' });
  });

  it('explains why a string is not a purl', () => {
    const r = normalizePurl('npm/left-pad');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/scheme/);
  });

  it('turns a crash inside the library into a readable error', () => {
    const r = normalizePurl('pkg:golang/github.com/x/y@v1.0');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('not a valid package URL') as unknown });
  });
});

describe('withoutVersion', () => {
  it('drops the version and keeps qualifiers', () => {
    expect(withoutVersion('pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie')).toBe('pkg:deb/debian/curl?arch=i386&distro=jessie');
    expect(withoutVersion('pkg:pypi/Foo_Bar@1.0')).toBe('pkg:pypi/foo-bar');
  });

  it('gives null for something that is not a purl', () => {
    expect(withoutVersion('left-pad@1.0.0')).toBeNull();
  });
});

describe('purlForOsvPackage', () => {
  it.each([
    ['Go', 'github.com/gin-gonic/gin', 'pkg:golang/github.com/gin-gonic/gin'],
    ['Go', 'stdlib', 'pkg:golang/stdlib'],
    ['PyPI', 'Zope.Interface', 'pkg:pypi/zope-interface'],
    ['crates.io', 'convec', 'pkg:cargo/convec'],
    ['npm', '@babel/core', 'pkg:npm/%40babel/core'],
    ['npm', 'left-pad', 'pkg:npm/left-pad'],
    ['Maven', 'org.apache.logging.log4j:log4j-core', 'pkg:maven/org.apache.logging.log4j/log4j-core'],
    ['RubyGems', 'rails', 'pkg:gem/rails'],
    ['NuGet', 'Newtonsoft.Json', 'pkg:nuget/Newtonsoft.Json'],
    ['Packagist', 'laravel/framework', 'pkg:composer/laravel/framework'],
    ['Hex', 'plug', 'pkg:hex/plug'],
    ['Pub', 'http', 'pkg:pub/http'],
    ['Debian', 'curl', 'pkg:deb/debian/curl'],
    ['Debian:12', 'curl', 'pkg:deb/debian/curl?distro=debian-12'],
    ['Ubuntu:22.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl?distro=ubuntu-22.04'],
    ['Ubuntu:Pro:18.04:LTS', 'openssl', 'pkg:deb/ubuntu/openssl?distro=ubuntu-18.04'],
    ['Alpine:v3.20', 'musl', 'pkg:apk/alpine/musl?distro=v3.20'],
  ])('maps %s %s to %s', (ecosystem, name, purl) => {
    expect(purlForOsvPackage(ecosystem, name)).toBe(purl);
  });

  it.each([
    ['GIT', 'https://github.com/a/b'],
    ['Linux', 'kernel'],
    ['OSS-Fuzz', 'libxml2'],
    ['Maven', 'no-artifact'],
    ['npm', ''],
  ])('gives null for %s %s', (ecosystem, name) => {
    expect(purlForOsvPackage(ecosystem, name)).toBeNull();
  });
});

interface SpecCase {
  test_type: string;
  input: unknown;
  expected_output: unknown;
  expected_failure: boolean;
}

// The purl types OSV records map to; other types are outside what the clearinghouse matches on.
const TYPES = ['apk', 'cargo', 'composer', 'deb', 'gem', 'golang', 'hex', 'maven', 'npm', 'nuget', 'pub', 'pypi'];
// packageurl-js 2.0.1 percent-encodes ':' in qualifier values and leaves '+' in versions unencoded.
// Both forms parse to the same package, so matching is unaffected. It also accepts (and lowercases)
// qualifier keys the specification says must already be lowercase.
const KNOWN_GAPS = new Set([
  'pkg:gem/jruby-launcher@1.1.2?Platform=java',
  'pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64',
  'pkg:hex/bar@1.2.3?repository_url=https://myrepo.example.com',
  'pkg:Maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repositorY_url=https://repo.spring.io/release',
  'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?type=war&repository_url=https://repo.spring.io/release',
  'pkg:maven/groovy/groovy@1.0?repository_url=https://maven.google.com',
  'pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343',
]);

describe('the purl-spec test suite, for the types OSV maps to', () => {
  corpusSkipNote('purl-spec conformance tests');

  it.skipIf(!hasCorpus)('validates and canonicalizes like the specification', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const type of TYPES) {
      const file = join(CORPUS, 'purl-spec', 'tests', 'types', `${type}-test.json`);
      const { tests } = JSON.parse(readFileSync(file, 'utf8')) as { tests: SpecCase[] };
      for (const t of tests) {
        if (t.test_type === 'build' || typeof t.input !== 'string' || KNOWN_GAPS.has(t.input)) continue;
        checked++;
        const r = normalizePurl(t.input);
        const good = t.expected_failure ? !r.ok : r.ok && (t.test_type !== 'validate' || r.purl === t.expected_output);
        if (!good) failures.push(`${t.input} => ${r.ok ? r.purl : r.error}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it.skipIf(!hasCorpus)('lists only known gaps that still exist', () => {
    const files = readdirSync(join(CORPUS, 'purl-spec', 'tests', 'types'));
    const inputs = new Set(
      files.flatMap((f) => (JSON.parse(readFileSync(join(CORPUS, 'purl-spec', 'tests', 'types', f), 'utf8')) as { tests: SpecCase[] }).tests.map((t) => t.input)),
    );
    for (const gap of KNOWN_GAPS) expect(inputs.has(gap), gap).toBe(true);
  });
});
