import { describe, expect, it } from 'vitest';
import { problems, value } from '../result.testing.js';
import { parseVexStatements } from './index.js';

/** Documents shaped as the OpenVEX v0.2.0 specification's examples (github.com/openvex/spec, OPENVEX-SPEC.md). */
const document = (statements: unknown[]) => JSON.stringify({
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://openvex.dev/docs/example/vex-9fb3463de1b57',
  author: 'Wolfi J Inkinson',
  role: 'Document Creator',
  timestamp: '2023-01-08T18:02:03.647787998-06:00',
  version: 1,
  statements,
});

describe('OpenVEX v0.2.0', () => {
  it("reads the specification's first example: one vulnerability fixed in two products", () => {
    const statements = value(parseVexStatements(document([{
      vulnerability: { name: 'CVE-2014-123456' },
      timestamp: '2023-01-08T18:02:03.647787998-06:00',
      products: [{ '@id': 'pkg:apk/distro/git@2.39.0-r1?arch=armv7' }, { '@id': 'pkg:apk/distro/git@2.39.0-r1?arch=x86_64' }],
      status: 'fixed',
    }])));
    expect(statements).toEqual([{
      vulnerability: 'CVE-2014-123456', aliases: [], status: 'fixed', justification: null, statement: '', action: '',
      products: [{ purl: 'pkg:apk/distro/git@2.39.0-r1?arch=armv7' }, { purl: 'pkg:apk/distro/git@2.39.0-r1?arch=x86_64' }],
    }]);
  });

  it('reads a not-affected subcomponent of an image, with aliases, identifiers and the impact statement', () => {
    const [s] = value(parseVexStatements(document([{
      vulnerability: { '@id': 'https://nvd.nist.gov/vuln/detail/CVE-2019-17571', name: 'CVE-2019-17571', aliases: ['GHSA-2qrg-x229-3v8q'] },
      products: [{
        '@id': 'pkg:oci/trivy?repository_url=ghcr.io/aquasecurity/trivy',
        identifiers: { purl: 'pkg:oci/trivy?repository_url=ghcr.io%2Faquasecurity%2Ftrivy' },
        subcomponents: [{ '@id': 'pkg:maven/log4j/log4j@1.2.17' }, { identifiers: { cpe23: 'cpe:2.3:a:apache:log4j:1.2.17:*:*:*:*:*:*:*' } }],
      }],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impact_statement: 'SocketServer is never started.',
    }])));
    expect(s).toEqual({
      vulnerability: 'CVE-2019-17571', aliases: ['GHSA-2qrg-x229-3v8q'], status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path', statement: 'SocketServer is never started.', action: '',
      products: [
        { purl: 'pkg:oci/trivy?repository_url=ghcr.io%2Faquasecurity%2Ftrivy' },
        { purl: 'pkg:maven/log4j/log4j@1.2.17' },
        { cpe: 'cpe:2.3:a:apache:log4j:1.2.17:*:*:*:*:*:*:*' },
      ],
    });
  });

  it('takes an @id that is no purl or CPE as the product name, and an affected statement\u2019s action', () => {
    const [s] = value(parseVexStatements(document([{
      vulnerability: { name: 'CVE-2023-44487', '@id': 'GHSA-qppj-fm5r-hxr3' },
      products: [{ '@id': 'radiology-pacs' }],
      status: 'affected',
      action_statement: 'Upgrade golang.org/x/net to v0.17.0 in the next maintenance window.',
      status_notes: 'PACS gateway terminates HTTP/2.',
    }])));
    expect(s).toEqual({
      vulnerability: 'CVE-2023-44487', aliases: ['GHSA-qppj-fm5r-hxr3'], status: 'affected', justification: null,
      statement: 'PACS gateway terminates HTTP/2.', action: 'Upgrade golang.org/x/net to v0.17.0 in the next maintenance window.',
      products: [{ name: 'radiology-pacs' }],
    });
  });

  it('reads the drafts\u2019 string forms and keeps a statement without products (it names nothing)', () => {
    const text = JSON.stringify({ '@context': 'https://openvex.dev/ns', statements: [
      { vulnerability: 'CVE-2021-44228', products: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'], status: 'under_investigation' },
      { vulnerability: 'CVE-2021-44228', status: 'fixed' },
    ] });
    expect(value(parseVexStatements(text)).map((s) => [s.status, s.products])).toEqual([
      ['under_investigation', [{ purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1' }]],
      ['fixed', []],
    ]);
  });

  it("enforces the specification's MUSTs on what a status needs, by pointer", () => {
    const found = problems(parseVexStatements(document([
      { vulnerability: { name: 'CVE-1' }, products: [{ '@id': 'pkg:npm/a@1.0.0' }], status: 'not_affected' },
      { vulnerability: { name: 'CVE-2' }, products: [{ '@id': 'pkg:npm/a@1.0.0' }], status: 'affected' },
      { vulnerability: { name: 'CVE-3' }, products: [{ '@id': 'pkg:npm/a@1.0.0' }], status: 'not_affected', justification: 'code_not_reachable' },
      { vulnerability: {}, products: [{ '@id': 'pkg:npm/a@1.0.0' }], status: 'gone' },
      { vulnerability: { name: 'CVE-5' }, products: [{ identifiers: { purl: 'npm/a' } }, 7, {}], status: 'fixed' },
    ])));
    expect(found.map((p) => p.pointer)).toEqual([
      '/statements/0',
      '/statements/1/action_statement',
      '/statements/2/justification',
      '/statements/3/vulnerability/name',
      '/statements/3/status',
      '/statements/4/products/0/identifiers/purl',
      '/statements/4/products/1',
      '/statements/4/products/2',
    ]);
  });
});
