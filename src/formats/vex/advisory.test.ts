import { describe, expect, it } from 'vitest';
import type { Advisory, NotAffectedJustification } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { schemaProblems } from '../schema.js';
import { cyclonedxValidator } from '../sbom/cyclonedx-schema.js';
import { fromCycloneDxVex, toCycloneDxVex } from './index.js';
import { problems, value } from '../result.testing.js';

interface Vex {
  specVersion: string;
  metadata: { timestamp: string };
  components: Array<Record<string, unknown>>;
  vulnerabilities: Array<{
    id: string;
    source: { name: string; url: string };
    references?: Array<{ id: string; source: { name?: string } }>;
    ratings?: Array<{ method: string; score: number; severity: string; vector: string }>;
    cwes?: number[];
    description?: string;
    detail?: string;
    recommendation?: string;
    workaround?: string;
    advisories?: Array<{ title: string; url: string }>;
    credits?: { organizations?: object[]; individuals?: object[] };
    analysis?: { state: string; justification?: string; response?: string[] };
    affects?: Array<{ ref: string; versions: Array<Record<string, string>> }>;
    properties: Array<{ name: string; value: string }>;
  }>;
}

const OPTS = { timestamp: '2026-11-10T00:00:00.000Z' };
const validate = cyclonedxValidator('1.6')!;
const vex = (a: Advisory = packageAdvisory()) => toCycloneDxVex(a, OPTS) as Vex;
const property = (doc: Vex, name: string) => doc.vulnerabilities[0]!.properties.findIndex((p) => p.name === name);

const samples = [
  ['the package advisory', packageAdvisory()],
  ['the firmware advisory', firmwareAdvisory()],
] as const;

describe('toCycloneDxVex', () => {
  it.each(samples)('writes %s as a BOM the official CycloneDX 1.6 schema accepts', (_name, a) => {
    expect(schemaProblems(validate, toCycloneDxVex(a, OPTS))).toEqual([]);
  });

  it('is caught by the schema check when broken, so that check has teeth', () => {
    const doc = vex();
    doc.vulnerabilities[0]!.analysis!.state = 'probably';
    expect(schemaProblems(validate, doc)).toContainEqual(expect.objectContaining({ pointer: '/vulnerabilities/0/analysis/state' }));
  });

  it('writes one entry per status, with the analysis CycloneDX gives it', () => {
    const doc = vex();
    expect(doc.vulnerabilities.map((v) => v.id)).toEqual(['CVE-2026-12345', 'CVE-2026-12345', 'CVE-2026-12345']);
    expect(doc.vulnerabilities.map((v) => v.analysis)).toEqual([
      { state: 'exploitable', response: ['update', 'workaround_available'] },
      { state: 'resolved' },
      { state: 'not_affected', justification: 'code_not_present' },
    ]);
    expect(doc.vulnerabilities[2]!.properties).toEqual([{ name: 'aicc:justification', value: 'vulnerable_code_not_present' }]);
    expect(doc.vulnerabilities.map((v) => v.affects)).toEqual([
      [{ ref: 'AICC-PID-1', versions: [{ range: 'vers:npm/>=2.0.0|<2.3.1', status: 'affected' }] }],
      [{ ref: 'AICC-PID-2', versions: [{ version: '2.3.1', status: 'unaffected' }] }],
      [{ ref: 'AICC-PID-3', versions: [{ range: 'vers:npm/<2.0.0', status: 'unaffected' }] }],
    ]);
    expect(vex(firmwareAdvisory()).vulnerabilities.map((v) => v.analysis?.state)).toEqual(['exploitable', 'in_triage']);
  });

  it('writes a component per product: purl@version for one version, the bare purl for a range', () => {
    const [ranged, single] = vex().components;
    expect(ranged).toEqual({ type: 'library', 'bom-ref': 'AICC-PID-1', supplier: { name: 'Acme' }, name: 'acme-widgets', purl: 'pkg:npm/acme-widgets' });
    expect(single).toEqual({ type: 'library', 'bom-ref': 'AICC-PID-2', supplier: { name: 'Acme' }, name: 'acme-widgets', version: '2.3.1', purl: 'pkg:npm/acme-widgets@2.3.1' });
    expect(vex(firmwareAdvisory()).components[0]).toMatchObject({ type: 'application', cpe: 'cpe:2.3:o:volta:pc-200_firmware:*:*:*:*:*:*:*:*' });
  });

  it('writes identifiers, ratings, CWEs, texts, advisories and credits in their CycloneDX fields', () => {
    const v = vex().vulnerabilities[0]!;
    expect(v.source).toEqual({ name: 'AI Cybersecurity Clearinghouse', url: 'https://aicc.example.org/advisories/AICC-2026-0042' });
    expect(v.references?.map((r) => r.id)).toEqual(['AICC-2026-0042', 'GHSA-abcd-efgh-ijkl']);
    expect(v.ratings?.map(({ method, score, severity }) => [method, score, severity])).toEqual([['CVSSv31', 6.1, 'medium'], ['CVSSv4', 5.3, 'medium']]);
    expect(v.cwes).toEqual([79]);
    expect(v.description).toBe(packageAdvisory().summary);
    expect(v.detail).toBe(packageAdvisory().details);
    expect(v.recommendation).toBe('Upgrade to 2.3.1 or later. https://example.org/acme-widgets/releases/2.3.1');
    expect(v.workaround).toBe('Set `allowHtml: false` in the widget options.');
    expect(v.advisories?.[1]).toEqual({ title: 'Fix commit', url: 'https://example.org/acme-widgets/commit/0123456789abcdef' });
    expect(v.credits).toEqual({ organizations: [{ name: 'Frontier Lab', contact: [{ name: 'Frontier Lab scanner' }] }], individuals: [{ name: 'Jane Researcher' }] });
    const firmware = vex(firmwareAdvisory()).vulnerabilities[0]!;
    expect(firmware.id).toBe('AICC-2026-0043');
    expect(firmware).not.toHaveProperty('references');
  });
});

describe('fromCycloneDxVex', () => {
  it.each(samples)('reads %s back unchanged', (_name, a) => {
    expect(value(fromCycloneDxVex(toCycloneDxVex(a, OPTS)))).toEqual(a);
  });

  it.each<NotAffectedJustification>([
    'component_not_present', 'vulnerable_code_not_present', 'vulnerable_code_cannot_be_controlled_by_adversary', 'vulnerable_code_not_in_execute_path', 'inline_mitigations_already_exist',
  ])('keeps the CSAF justification %s exactly', (justification) => {
    const a = packageAdvisory();
    a.products[2] = { ...a.products[2]!, justification };
    const doc = vex(a);
    expect(schemaProblems(validate, doc)).toEqual([]);
    expect(value(fromCycloneDxVex(doc))).toEqual(a);
  });

  it('reads an advisory without products', () => {
    const a = { ...packageAdvisory(), products: [], remediations: [] };
    expect(schemaProblems(validate, toCycloneDxVex(a, OPTS))).toEqual([]);
    expect(value(fromCycloneDxVex(toCycloneDxVex(a, OPTS)))).toEqual(a);
  });

  it.each([null, 42, 'x', [], { bomFormat: 'CycloneDX', specVersion: 1.6 }])('refuses %j with problems rather than throwing', (doc) => {
    expect(problems(fromCycloneDxVex(doc)).length).toBeGreaterThan(0);
  });

  it('refuses a BOM without vulnerabilities', () => {
    const bom: Partial<Vex> = vex();
    delete bom.vulnerabilities;
    expect(problems(fromCycloneDxVex(bom))).toEqual([expect.objectContaining({ pointer: '/vulnerabilities' })]);
  });

  it('names a missing advisory property', () => {
    const doc = vex();
    doc.vulnerabilities[0]!.properties.splice(property(doc, 'aicc:tlp'), 1);
    expect(problems(fromCycloneDxVex(doc))).toEqual([{ pointer: '/vulnerabilities/0/properties', message: "needs the property 'aicc:tlp'" }]);
  });

  it('points into a property value that is not JSON, or not the right shape', () => {
    const doc = vex();
    const revisions = property(doc, 'aicc:revisions');
    const publisher = property(doc, 'aicc:publisher');
    doc.vulnerabilities[0]!.properties[revisions]!.value = '[{"number": 1}';
    doc.vulnerabilities[0]!.properties[publisher]!.value = '{"name": 7}';
    const found = problems(fromCycloneDxVex(doc)).map((p) => p.pointer);
    expect(found).toContain(`/vulnerabilities/0/properties/${revisions}/value`);
    expect(found).toContain(`/vulnerabilities/0/properties/${publisher}/value`);
    expect(found).toContain(`/vulnerabilities/0/properties/${publisher}/value/name`);
  });

  it('refuses a product no entry speaks about, and entries about different vulnerabilities', () => {
    const doc = vex();
    doc.vulnerabilities[1]!.affects = [];
    doc.vulnerabilities[2]!.id = 'CVE-2026-99999';
    const found = problems(fromCycloneDxVex(doc)).map((p) => p.pointer);
    expect(found).toEqual(['/vulnerabilities/2/id', '/components/1']);
  });

  it('refuses an entry about a component the BOM does not have', () => {
    const doc = vex();
    doc.vulnerabilities[1]!.affects!.push({ ref: 'AICC-PID-9', versions: [{ version: '1.0.0', status: 'affected' }] });
    expect(problems(fromCycloneDxVex(doc))).toEqual([expect.objectContaining({ pointer: '/vulnerabilities/1/affects/1/ref' })]);
  });

  it('refuses a rating that is no advisory score, at its pointer', () => {
    const doc = vex();
    doc.vulnerabilities[0]!.ratings![0]!.method = 'OWASP';
    doc.vulnerabilities[0]!.ratings![1]!.vector = 'CVSS:4.0/AV:N';
    expect(problems(fromCycloneDxVex(doc)).map((p) => p.pointer)).toEqual(['/vulnerabilities/0/ratings/0/method', '/vulnerabilities/0/ratings/1/vector']);
  });

  it('refuses a justification property CSAF does not have', () => {
    const doc = vex();
    doc.vulnerabilities[2]!.properties[0]!.value = 'constructor';
    expect(problems(fromCycloneDxVex(doc))).toEqual([expect.objectContaining({ pointer: '/vulnerabilities/2/properties' })]);
  });
});
