import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { compileSchema, schemaProblems } from '../schema.js';
import { cve5Refusal, fromCve5, toCve5 } from './advisory.js';
import { parseCve5Text } from './parse.js';
import officialSchema from './schema.json' with { type: 'json' };
import { problems, value } from '../result.testing.js';

interface Cve5 {
  dataType: string;
  cveMetadata: { cveId: string; state: string; datePublished?: string };
  containers: {
    cna: {
      title?: string;
      descriptions: Array<{ lang: string; value: string }>;
      affected: Array<Record<string, unknown> & { versions?: Array<Record<string, string>> }>;
      problemTypes?: Array<{ descriptions: Array<{ cweId?: string; description: string }> }>;
      metrics?: Array<Record<string, { vectorString: string; baseScore: number; baseSeverity: string }>>;
      references: Array<{ url: string; name?: string; tags?: string[] }>;
      solutions?: Array<{ value: string }>;
      workarounds?: Array<{ value: string }>;
      credits?: Array<{ value: string; type: string }>;
      x_aiccAdvisory: Record<string, unknown> & { products: Array<Record<string, unknown>> };
    };
  };
}

const OPTS = { assignerOrgId: '8254265b-2729-46b6-b9e3-3dfca2d5bfca', assignerShortName: 'AICC' };
// The unmodified official schema, both branches: the strictest check there is.
const validate = compileSchema(officialSchema);
const withCve = (): Advisory => ({ ...firmwareAdvisory(), cve: 'CVE-2026-20001' });
const cve5 = (a: Advisory = packageAdvisory()) => toCve5(a, OPTS) as Cve5;

const samples = [
  ['the package advisory', packageAdvisory()],
  ['the firmware advisory given a CVE id', withCve()],
] as const;

describe('toCve5', () => {
  it('refuses an advisory without a CVE id, saying why', () => {
    expect(toCve5(firmwareAdvisory(), OPTS)).toBeNull();
    expect(cve5Refusal(firmwareAdvisory())).toMatch(/no CVE id/);
    expect(cve5Refusal(packageAdvisory())).toBeNull();
  });

  it('refuses an advisory without products: a CVE record must name one', () => {
    expect(toCve5({ ...packageAdvisory(), products: [], remediations: [] }, OPTS)).toBeNull();
  });

  it.each(samples)('writes %s as a record the official CVE schema accepts', (_name, a) => {
    expect(schemaProblems(validate, toCve5(a, OPTS))).toEqual([]);
  });

  it('is caught by the schema check when broken, so that check has teeth', () => {
    const doc = cve5();
    doc.containers.cna.affected[0]!.versions![0]!.status = 'vulnerable';
    expect(schemaProblems(validate, doc)).not.toEqual([]);
    const extra = cve5() as unknown as { containers: { cna: Record<string, unknown> } };
    extra.containers.cna.aiccAdvisory = {};
    expect(schemaProblems(validate, extra)).not.toEqual([]);
  });

  it.each(samples)('writes %s as a record the knowledge-base importer accepts', (_name, a) => {
    const v = value(parseCve5Text(JSON.stringify(toCve5(a, OPTS))));
    expect(v.id).toBe(a.cve);
    expect(v.cwes).toEqual(a.cwes.map((c) => c.id));
    expect(v.severities.map((s) => [s.vector, s.baseScore, s.source])).toEqual(a.scores.map((s) => [s.vector, s.baseScore, 'AICC']));
    expect(v.products).toHaveLength(a.products.length);
  });

  it('states each product\'s versions with CVE statuses and the package it is', () => {
    const { affected } = cve5().containers.cna;
    expect(affected[0]).toEqual({
      vendor: 'Acme',
      product: 'acme-widgets',
      collectionURL: 'https://registry.npmjs.org',
      packageName: 'acme-widgets',
      packageURL: 'pkg:npm/acme-widgets',
      versions: [{ version: '2.0.0', lessThan: '2.3.1', status: 'affected', versionType: 'semver' }],
      defaultStatus: 'unknown',
    });
    expect(affected[1]!.versions).toEqual([{ version: '2.3.1', status: 'unaffected' }]);
    expect(affected[2]!.versions).toEqual([{ version: '0', lessThan: '2.0.0', status: 'unaffected', versionType: 'semver' }]);
    const firmware = cve5(withCve()).containers.cna.affected;
    expect(firmware[0]).toMatchObject({ cpes: ['cpe:2.3:o:volta:pc-200_firmware:*:*:*:*:*:*:*:*'], versions: [{ version: '0', lessThan: '4.2', status: 'affected', versionType: 'custom' }] });
    expect(firmware[1]!.versions).toEqual([{ version: '1.0', status: 'unknown' }]);
  });

  it('writes CWEs, CVSS, solutions, workarounds and credits in their CVE fields', () => {
    const { cna } = cve5().containers;
    expect(cna.problemTypes?.[0]?.descriptions[0]).toMatchObject({ cweId: 'CWE-79' });
    expect(cna.metrics?.map((m) => Object.keys(m))).toEqual([['cvssV3_1'], ['cvssV4_0']]);
    expect(cna.metrics?.[0]?.cvssV3_1).toMatchObject({ vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, baseSeverity: 'MEDIUM' });
    expect(cna.metrics?.[1]?.cvssV4_0).toMatchObject({ baseScore: 5.3, baseSeverity: 'MEDIUM' });
    expect(cna.solutions).toEqual([{ lang: 'en', value: 'Upgrade to 2.3.1 or later. https://example.org/acme-widgets/releases/2.3.1' }]);
    expect(cna.workarounds).toEqual([{ lang: 'en', value: 'Set `allowHtml: false` in the widget options.' }]);
    expect(cna.credits?.map((c) => c.type)).toEqual(['reporter', 'reporter']);
    expect(cna.references[0]!.tags).toEqual(['x_aicc-self']);
  });

  it('stands the publisher in for the reference a record requires, and drops it on import', () => {
    const { references } = cve5(withCve()).containers.cna;
    expect(references).toEqual([{ url: 'https://aicc.example.org', name: 'AI Cybersecurity Clearinghouse', tags: ['x_aicc-publisher'] }]);
    expect(value(fromCve5(toCve5(withCve(), OPTS))).references).toEqual([]);
  });

  it('leaves a range CVE entries cannot say to defaultStatus and the extension', () => {
    const a = packageAdvisory();
    a.products[0] = { ...a.products[0]!, versions: 'vers:npm/>=2.0.0|!=2.1.0|<2.3.1' };
    const doc = cve5(a);
    expect(doc.containers.cna.affected[0]).not.toHaveProperty('versions');
    expect(schemaProblems(validate, doc)).toEqual([]);
    expect(value(fromCve5(doc))).toEqual(a);
  });

  it('keeps details longer than a CVE description allows', () => {
    const a = { ...packageAdvisory(), details: 'x'.repeat(5000) };
    const doc = cve5(a);
    expect(doc.containers.cna.descriptions[0]!.value).toHaveLength(4096);
    expect(schemaProblems(validate, doc)).toEqual([]);
    expect(value(fromCve5(doc))).toEqual(a);
  });
});

describe('fromCve5', () => {
  it.each(samples)('reads %s back unchanged', (_name, a) => {
    expect(value(fromCve5(toCve5(a, OPTS)))).toEqual(a);
  });

  it.each([null, 42, 'x', [], {}, { dataType: 'CVE_RECORD', cveMetadata: 7 }])('refuses %j with problems rather than throwing', (doc) => {
    expect(problems(fromCve5(doc)).length).toBeGreaterThan(0);
  });

  it('refuses a record without the advisory extension, at the CNA container', () => {
    const doc = cve5() as unknown as { containers: { cna: Record<string, unknown> } };
    delete doc.containers.cna.x_aiccAdvisory;
    expect(problems(fromCve5(doc))).toContainEqual(expect.objectContaining({ pointer: '/containers/cna', message: "must have required property 'x_aiccAdvisory'" }));
  });

  it('points at a field of the wrong type', () => {
    const doc = cve5();
    doc.containers.cna.x_aiccAdvisory.tlp = 'PURPLE';
    doc.containers.cna.x_aiccAdvisory.products[0]!.status = 'affected';
    const found = problems(fromCve5(doc)).map((p) => p.pointer);
    expect(found).toContain('/containers/cna/x_aiccAdvisory/tlp');
    expect(found).toContain('/containers/cna/x_aiccAdvisory/products/0/status');
  });

  it('refuses a record whose products and extension disagree in number', () => {
    const doc = cve5();
    doc.containers.cna.x_aiccAdvisory.products.pop();
    expect(problems(fromCve5(doc))).toEqual([expect.objectContaining({ pointer: '/containers/cna/x_aiccAdvisory/products' })]);
  });

  it('refuses a CVSS version advisories do not keep, at its pointer', () => {
    const doc = cve5() as unknown as { containers: { cna: { metrics: object[] } } };
    doc.containers.cna.metrics[0] = { cvssV3_0: { version: '3.0', vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', baseScore: 6.1, baseSeverity: 'MEDIUM' } };
    expect(problems(fromCve5(doc))).toEqual([expect.objectContaining({ pointer: '/containers/cna/metrics/0/cvssV3_0/vectorString' })]);
  });

  it('refuses a record that is not PUBLISHED', () => {
    const rejected = {
      dataType: 'CVE_RECORD',
      dataVersion: '5.1',
      cveMetadata: { cveId: 'CVE-2026-12345', assignerOrgId: OPTS.assignerOrgId, state: 'REJECTED', dateUpdated: '2026-11-02T15:00:00.000Z' },
      containers: { cna: { providerMetadata: { orgId: OPTS.assignerOrgId }, rejectedReasons: [{ lang: 'en', value: 'Duplicate.' }] } },
    };
    expect(problems(fromCve5(rejected))).toEqual([expect.objectContaining({ pointer: '/cveMetadata/state' })]);
  });
});
