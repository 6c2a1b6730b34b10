import { describe, expect, it } from 'vitest';
import type { Problem } from '../../domain/errors.js';
import type { Sbom } from '../../domain/sbom.js';
import type { Parsed } from '../result.js';
import { parseSbom } from './index.js';

function value(r: Parsed<Sbom>): Sbom {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function problems(r: Parsed<Sbom>): Problem[] {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

const purlRef = (locator: string): Record<string, string> => ({ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: locator });

/** An image that contains openssl and an app; the app depends on zlib (transitive); zlib is listed twice. */
function spdxJson(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: 'image-sbom',
    documentNamespace: 'https://example.org/spdx/image-1',
    creationInfo: { created: '2024-01-01T00:00:00Z', creators: ['Tool: hand'] },
    packages: [
      { SPDXID: 'SPDXRef-image', name: 'acme-image', versionInfo: '1.0', primaryPackagePurpose: 'CONTAINER' },
      {
        SPDXID: 'SPDXRef-openssl',
        name: 'openssl',
        versionInfo: '3.0.2',
        externalRefs: [purlRef('pkg:deb/debian/openssl@3.0.2?arch=amd64'), { referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*' }],
      },
      { SPDXID: 'SPDXRef-app', name: 'app', versionInfo: '0.1', externalRefs: [purlRef('pkg:PyPI/My.App@0.1')] },
      { SPDXID: 'SPDXRef-zlib', name: 'zlib', versionInfo: '1.3', externalRefs: [purlRef('pkg:generic/zlib@1.3')] },
      { SPDXID: 'SPDXRef-zlib-copy', name: 'zlib', versionInfo: '1.3', externalRefs: [purlRef('pkg:generic/zlib@1.3')] },
      { SPDXID: 'SPDXRef-blob', name: 'vendored-blob', versionInfo: '7' },
    ],
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-image' },
      { spdxElementId: 'SPDXRef-image', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-openssl' },
      { spdxElementId: 'SPDXRef-image', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-app' },
      { spdxElementId: 'SPDXRef-image', relationshipType: 'CONTAINS', relatedSpdxElement: 'SPDXRef-blob' },
      { spdxElementId: 'SPDXRef-app', relationshipType: 'DEPENDS_ON', relatedSpdxElement: 'SPDXRef-zlib' },
      { spdxElementId: 'SPDXRef-zlib-copy', relationshipType: 'DEPENDENCY_OF', relatedSpdxElement: 'SPDXRef-app' },
    ],
    ...extra,
  };
}

const TAG_VALUE = `SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: image-sbom
DocumentNamespace: https://example.org/spdx/image-1
Creator: Tool: hand
Created: 2024-01-01T00:00:00Z
DocumentComment: <text>A comment
that spans: lines</text>

## Packages
PackageName: acme-image
SPDXID: SPDXRef-image
PackageVersion: 1.0
PrimaryPackagePurpose: CONTAINER

PackageName: openssl
SPDXID: SPDXRef-openssl
PackageVersion: 3.0.2
ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/openssl@3.0.2?arch=amd64
ExternalRef: SECURITY cpe23Type cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*

PackageName: app
SPDXID: SPDXRef-app
PackageVersion: 0.1
ExternalRef: PACKAGE-MANAGER purl pkg:PyPI/My.App@0.1

PackageName: zlib
SPDXID: SPDXRef-zlib
PackageVersion: 1.3
ExternalRef: PACKAGE-MANAGER purl pkg:generic/zlib@1.3

PackageName: zlib
SPDXID: SPDXRef-zlib-copy
PackageVersion: 1.3
ExternalRef: PACKAGE-MANAGER purl pkg:generic/zlib@1.3

PackageName: vendored-blob
SPDXID: SPDXRef-blob
PackageVersion: 7

FileName: ./etc/passwd
SPDXID: SPDXRef-file

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-image
Relationship: SPDXRef-image CONTAINS SPDXRef-openssl
Relationship: SPDXRef-image CONTAINS SPDXRef-app
Relationship: SPDXRef-image CONTAINS SPDXRef-blob
Relationship: SPDXRef-app DEPENDS_ON SPDXRef-zlib
Relationship: SPDXRef-zlib-copy DEPENDENCY_OF SPDXRef-app
`;

const EXPECTED = [
  { ref: 'SPDXRef-openssl', purl: 'pkg:deb/debian/openssl@3.0.2?arch=amd64', cpe: 'cpe:2.3:a:openssl:openssl:3.0.2:*:*:*:*:*:*:*', direct: true, dependsOn: [] },
  { ref: 'SPDXRef-app', purl: 'pkg:pypi/my-app@0.1', cpe: null, direct: true, dependsOn: ['SPDXRef-zlib'] },
  { ref: 'SPDXRef-zlib', refs: ['SPDXRef-zlib', 'SPDXRef-zlib-copy'], purl: 'pkg:generic/zlib@1.3', direct: false, dependsOn: [] },
  { ref: 'SPDXRef-blob', purl: null, purlless: true, direct: true },
];

describe.each([
  ['JSON', JSON.stringify(spdxJson(), null, 2)],
  ['tag-value', TAG_VALUE],
])('SPDX 2.3 %s', (_kind, text) => {
  it('reads packages, purls and CPEs; the described package is the product, not a component', () => {
    const sbom = value(parseSbom(text, 'sbom.spdx'));
    expect(sbom).toMatchObject({ format: 'spdx', specVersion: '2.3', name: 'acme-image', purlless: 1 });
    expect(sbom.components).toHaveLength(4);
    sbom.components.forEach((c, i) => expect(c).toMatchObject(EXPECTED[i] ?? {}));
  });

  it('reports the package without purl', () => {
    const sbom = value(parseSbom(text, 'sbom.spdx'));
    expect(sbom.problems).toHaveLength(1);
    expect(sbom.problems[0]?.message).toBe("component 'vendored-blob@7' has no purl");
  });
});

describe('SPDX JSON', () => {
  it('keeps every package when the document describes all of them, and leaves direct unknown without a graph', () => {
    const doc = spdxJson({ relationships: undefined, documentDescribes: ['SPDXRef-image', 'SPDXRef-openssl', 'SPDXRef-app', 'SPDXRef-zlib', 'SPDXRef-zlib-copy', 'SPDXRef-blob'] });
    const sbom = value(parseSbom(JSON.stringify(doc)));
    expect(sbom.name).toBe('image-sbom');
    expect(sbom.components).toHaveLength(5);
    expect(sbom.components.every((c) => c.direct === null)).toBe(true);
  });

  it('reads SPDX 2.2 too', () => {
    expect(value(parseSbom(JSON.stringify(spdxJson({ spdxVersion: 'SPDX-2.2' })))).specVersion).toBe('2.2');
  });

  it('names each invalid field by JSON pointer', () => {
    const doc = spdxJson();
    const packages = doc.packages as Array<Record<string, unknown>>;
    packages[1] = { SPDXID: 'SPDXRef-x', externalRefs: [{ referenceType: 'purl' }] };
    (doc.relationships as unknown[]).push('DEPENDS_ON');
    expect(problems(parseSbom(JSON.stringify(doc), 'x.spdx.json'))).toEqual([
      { pointer: '/packages/1/name', message: 'must be a non-empty string', file: 'x.spdx.json' },
      { pointer: '/packages/1/externalRefs/0/referenceLocator', message: 'must be a non-empty string', file: 'x.spdx.json' },
      { pointer: '/relationships/6', message: 'must be an object', file: 'x.spdx.json' },
    ]);
  });

  it('refuses other SPDX versions at /spdxVersion', () => {
    expect(problems(parseSbom(JSON.stringify(spdxJson({ spdxVersion: 'SPDX-3.0' }))))[0]).toMatchObject({ pointer: '/spdxVersion' });
  });
});

describe('SPDX tag-value', () => {
  it('names the line of each problem', () => {
    const bad = TAG_VALUE.replace('PackageVersion: 0.1\n', 'PackageVersion: 0.1\nthis line has no tag\n')
      .replace('ExternalRef: PACKAGE-MANAGER purl pkg:generic/zlib@1.3\n\nPackageName: vendored', 'ExternalRef: PACKAGE-MANAGER purl\n\nPackageName: vendored')
      .replace('SPDXID: SPDXRef-blob\n', '')
      .replace('Relationship: SPDXRef-app DEPENDS_ON SPDXRef-zlib', 'Relationship: SPDXRef-app DEPENDS_ON');
    const lines = bad.split('\n');
    const lineOf = (s: string): number => lines.findIndex((l) => l.startsWith(s)) + 1;
    expect(problems(parseSbom(bad, 'x.spdx'))).toEqual([
      { line: lineOf('this line'), message: "expected 'Tag: value', got 'this line has no tag'", file: 'x.spdx' },
      { line: lines.indexOf('ExternalRef: PACKAGE-MANAGER purl') + 1, message: "ExternalRef must be 'CATEGORY TYPE LOCATOR', got 'PACKAGE-MANAGER purl'", file: 'x.spdx' },
      { line: lineOf('Relationship: SPDXRef-app DEPENDS_ON'), message: "Relationship must be 'ELEMENT TYPE ELEMENT', got 'SPDXRef-app DEPENDS_ON'", file: 'x.spdx' },
      { line: lineOf('PackageName: vendored-blob'), message: "package 'vendored-blob' has no SPDXID", file: 'x.spdx' },
    ]);
  });

  it('names the line of a <text> that is never closed', () => {
    const bad = TAG_VALUE.replace('that spans: lines</text>', 'that never ends');
    expect(problems(parseSbom(bad))).toEqual([{ line: 8, message: '<text> of DocumentComment is never closed with </text>' }]);
  });

  it('refuses an unsupported version on line 1', () => {
    expect(problems(parseSbom(TAG_VALUE.replace('SPDX-2.3', 'SPDX-2.1')))).toEqual([{ line: 1, message: "unsupported SPDX version 'SPDX-2.1' (SPDX-2.2 or SPDX-2.3)" }]);
  });
});
