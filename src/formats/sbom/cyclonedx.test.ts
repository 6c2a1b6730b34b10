import { describe, expect, it } from 'vitest';
import type { Problem } from '../../domain/errors.js';
import type { Sbom } from '../../domain/sbom.js';
import type { Parsed } from '../result.js';
import { MAX_XML_DEPTH, parseSbom } from './index.js';

function value(r: Parsed<Sbom>): Sbom {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function problems(r: Parsed<Sbom>): Problem[] {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

/** root app → a → b (transitive); a is also listed twice under two bom-refs; c has only a CPE. */
function bom(specVersion: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion,
    version: 1,
    metadata: { component: { type: 'application', name: 'app', 'bom-ref': 'root' } },
    components: [
      { type: 'library', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', 'bom-ref': 'a1', components: [{ type: 'library', name: 'b', version: '2.0.0', purl: 'pkg:npm/b@2.0.0', 'bom-ref': 'b' }] },
      { type: 'library', name: 'a', version: '1.0.0', purl: 'pkg:npm/a@1.0.0', 'bom-ref': 'a2' },
      { type: 'library', name: 'c', version: '3', cpe: 'cpe:2.3:a:acme:c:3:*:*:*:*:*:*:*', 'bom-ref': 'c' },
    ],
    dependencies: [
      { ref: 'root', dependsOn: ['a2', 'c'] },
      { ref: 'a1', dependsOn: ['b'] },
    ],
    ...extra,
  });
}

describe('CycloneDX JSON', () => {
  it.each(['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'])('reads version %s: nested components flattened, duplicates merged', (v) => {
    const sbom = value(parseSbom(bom(v), 'bom.json'));
    expect(sbom).toMatchObject({ format: 'cyclonedx', specVersion: v, name: 'app', purlless: 1 });
    expect(sbom.components.map((c) => [c.ref, c.refs, c.purl])).toEqual([
      ['a1', ['a1', 'a2'], 'pkg:npm/a@1.0.0'],
      ['b', ['b'], 'pkg:npm/b@2.0.0'],
      ['c', ['c'], null],
    ]);
  });

  it('tells direct from transitive through the root, whichever duplicate ref the graph names', () => {
    const sbom = value(parseSbom(bom('1.6')));
    const byName = new Map(sbom.components.map((c) => [c.name, c]));
    expect(byName.get('a')).toMatchObject({ direct: true, dependsOn: ['b'] });
    expect(byName.get('b')).toMatchObject({ direct: false, dependsOn: [] });
    expect(byName.get('c')).toMatchObject({ direct: true });
  });

  it('leaves direct unknown when there is no dependency graph', () => {
    const sbom = value(parseSbom(bom('1.5', { dependencies: undefined })));
    expect(sbom.components.every((c) => c.direct === null)).toBe(true);
  });

  it('keeps a component without purl with its CPE, and reports it', () => {
    const sbom = value(parseSbom(bom('1.4'), 'bom.json'));
    expect(sbom.components.find((c) => c.name === 'c')).toMatchObject({ purlless: true, cpe: 'cpe:2.3:a:acme:c:3:*:*:*:*:*:*:*' });
    expect(sbom.problems).toEqual([{ message: "component 'c@3' has no purl (kept with its CPE)", pointer: '/components/2', file: 'bom.json' }]);
  });

  it('merges components without purl by name and version', () => {
    const doc = JSON.parse(bom('1.4')) as { components: unknown[] };
    doc.components.push({ type: 'library', name: 'c', version: '3', 'bom-ref': 'c-again' });
    const sbom = value(parseSbom(JSON.stringify(doc)));
    expect(sbom.components.find((c) => c.name === 'c')?.refs).toEqual(['c', 'c-again']);
  });

  it('reports an invalid purl at its component and treats the component as purlless', () => {
    const doc = JSON.parse(bom('1.4')) as { components: Array<Record<string, unknown>> };
    doc.components[1] = { type: 'library', name: 'z', purl: 'not a purl', 'bom-ref': 'z' };
    const sbom = value(parseSbom(JSON.stringify(doc)));
    expect(sbom.components.find((c) => c.name === 'z')).toMatchObject({ purl: null, purlless: true });
    expect(sbom.problems[0]).toMatchObject({ pointer: '/components/1', message: expect.stringContaining('invalid purl') as unknown });
  });

  it('names the line of a JSON syntax error', () => {
    expect(problems(parseSbom('{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.4",\n  oops\n}', 'bad.json'))[0]).toMatchObject({ code: 'INVALID_JSON', line: 4, file: 'bad.json' });
  });

  it('validates 1.4+ against the official schema, with JSON pointers', () => {
    const doc = JSON.parse(bom('1.6')) as { components: Array<Record<string, unknown>> };
    doc.components[0] = { ...doc.components[0], type: 'spaceship' };
    expect(problems(parseSbom(JSON.stringify(doc)))).toContainEqual(expect.objectContaining({ pointer: '/components/0/type' }));
  });

  it('checks 1.2 and 1.3 structurally, with JSON pointers', () => {
    const doc = JSON.parse(bom('1.2')) as { components: Array<Record<string, unknown>>; dependencies: unknown[] };
    doc.components[0] = { type: 'library', name: 'a', components: [{ type: 'library' }] };
    doc.dependencies.push({ dependsOn: [7] });
    expect(problems(parseSbom(JSON.stringify(doc), 'b.json'))).toEqual([
      { pointer: '/components/0/components/0/name', message: "must have a non-empty 'name'", file: 'b.json' },
      { pointer: '/dependencies/2/ref', message: "must have a non-empty 'ref'", file: 'b.json' },
      { pointer: '/dependencies/2/dependsOn/0', message: 'must be a string', file: 'b.json' },
    ]);
  });

  it('refuses an unsupported specVersion at its pointer', () => {
    expect(problems(parseSbom(bom('1.1')))[0]).toMatchObject({ pointer: '/specVersion' });
  });

  it('refuses JSON that is no SBOM, naming what it is', () => {
    expect(problems(parseSbom('{"_type":"https://in-toto.io/Statement/v1","predicateType":"https://slsa.dev/provenance/v1"}'))[0]?.message).toMatch(/^not an SBOM: an in-toto attestation/);
    expect(problems(parseSbom('{"hello":"world"}'))[0]).toMatchObject({ code: 'UNKNOWN_FORMAT' });
    expect(problems(parseSbom('just text'))[0]).toMatchObject({ code: 'UNKNOWN_FORMAT' });
  });
});

const xmlBom = (body: string, version = '1.5'): string => `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/${version}" version="1">
${body}
</bom>`;

const XML_GRAPH = `  <metadata><component type="application" bom-ref="root"><name>app</name></component></metadata>
  <components>
    <component type="library" bom-ref="a"><name>a</name><version>1.10</version><purl>pkg:maven/org.x/a@1.10?type=jar&amp;classifier=all</purl>
      <components><component type="library" bom-ref="b"><name>b</name><version>2</version><purl>pkg:npm/b@2</purl></component></components>
    </component>
  </components>
  <dependencies>
    <dependency ref="root"><dependency ref="a"/></dependency>
    <dependency ref="a"><dependency ref="b"/></dependency>
  </dependencies>`;

describe('CycloneDX XML', () => {
  it('reads components, nested ones, text as text and the predefined entities', () => {
    const sbom = value(parseSbom(xmlBom(XML_GRAPH)));
    expect(sbom).toMatchObject({ format: 'cyclonedx', specVersion: '1.5', name: 'app' });
    expect(sbom.components.map((c) => [c.ref, c.version, c.purl, c.direct, c.dependsOn])).toEqual([
      ['a', '1.10', 'pkg:maven/org.x/a@1.10?classifier=all&type=jar', true, ['b']],
      ['b', '2', 'pkg:npm/b@2', false, []],
    ]);
  });

  it('names the line of malformed XML', () => {
    const r = parseSbom(xmlBom('  <components>\n    <component type="library"><name>a</name>\n  </components>'), 'bad.xml');
    expect(problems(r)[0]).toMatchObject({ file: 'bad.xml', line: expect.any(Number) as unknown, message: expect.stringMatching(/^invalid XML/) as unknown });
    expect(problems(r)[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('points at the element of a structural problem', () => {
    const r = parseSbom(xmlBom('<components><component type="library"><name>a</name></component><component type="library"><version>1</version></component></components>'));
    expect(problems(r)).toEqual([{ pointer: '/bom/components/component/1/name', message: "must have a non-empty 'name'" }]);
  });

  it('refuses an entity-expansion bomb (billion laughs) before parsing', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1"><components><component type="library"><name>&lol3;</name></component></components></bom>`;
    expect(problems(parseSbom(lol, 'lol.xml'))).toEqual([
      { message: 'XML DOCTYPE declarations are not accepted (no DTDs, no entities)', code: 'BAD_REQUEST', line: 2, file: 'lol.xml' },
    ]);
  });

  it('refuses external entities (XXE)', () => {
    const xxe = xmlBom('<components><component type="library"><name>&xxe;</name></component></components>').replace('<bom', '<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bom');
    expect(problems(parseSbom(xxe))[0]).toMatchObject({ code: 'BAD_REQUEST', line: 2 });
  });

  it('leaves undeclared entities as text rather than expanding anything', () => {
    const sbom = value(parseSbom(xmlBom('<components><component type="library"><name>a&amp;b &foo; &#65;</name></component></components>')));
    expect(sbom.components[0]?.name).toBe('a&b &foo; A');
  });

  it('refuses deeply nested XML with the line where it gets too deep', () => {
    const deep = `${'<components><component type="library"><name>x</name>\n'.repeat(MAX_XML_DEPTH)}${'</component></components>'.repeat(MAX_XML_DEPTH)}`;
    const p = problems(parseSbom(xmlBom(deep)))[0];
    expect(p).toMatchObject({ code: 'TOO_DEEP', message: `XML nested deeper than ${MAX_XML_DEPTH} elements` });
    expect(p?.line).toBeGreaterThan(MAX_XML_DEPTH / 2);
  });

  it('refuses XML that is not CycloneDX, and namespaces it does not know', () => {
    expect(problems(parseSbom('<html><body/></html>'))[0]).toMatchObject({ code: 'UNKNOWN_FORMAT', line: 1 });
    expect(problems(parseSbom(xmlBom('', '1.0')))[0]?.message).toMatch(/unsupported CycloneDX XML namespace version "1.0"/);
  });

  it('refuses a VEX-only XML document as not an SBOM', () => {
    const vex = xmlBom('<vulnerabilities><vulnerability><id>CVE-2021-44228</id></vulnerability></vulnerabilities>');
    expect(problems(parseSbom(vex))[0]?.message).toMatch(/^not an SBOM/);
  });
});
