import { describe, expect, it } from 'vitest';
import type { Advisory } from '../../domain/advisory.js';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { compileSchema, schemaProblems } from '../schema.js';
import { versShape } from '../advisory-parts.js';
import { fromOsv, toOsv } from './advisory.js';
import { parseOsv } from './parse.js';
import officialSchema from './schema.json' with { type: 'json' };
import { problems, value } from '../result.testing.js';

interface Osv {
  id: string;
  aliases?: string[];
  summary: string;
  severity?: Array<{ type: string; score: string }>;
  affected?: Array<{ package: { ecosystem: string; name: string; purl: string }; ranges?: Array<{ type: string; events: object[] }>; versions?: string[]; database_specific: { products: Array<{ id: string }> } }>;
  references?: Array<{ type: string; url: string }>;
  credits?: Array<{ name: string; type: string }>;
  database_specific: Record<string, unknown> & { products: Array<{ id: string }>; product_order: string[] };
}

// As parse.ts does: the 2020-12 declaration goes (ajv's default class has no meta-schema for it);
// unlike parse.ts, the full-length GIT hash rule stays, so this check is the stricter one.
const schema = structuredClone(officialSchema);
Reflect.deleteProperty(schema, '$schema');
const validate = compileSchema(schema);
const osv = (a: Advisory) => toOsv(a) as Osv;

const samples = [
  ['the package advisory', packageAdvisory()],
  ['the firmware advisory', firmwareAdvisory()],
] as const;

describe('toOsv', () => {
  it.each(samples)('writes %s as a record the official OSV schema accepts', (_name, a) => {
    expect(schemaProblems(validate, toOsv(a))).toEqual([]);
  });

  it('is caught by the schema check when broken, so that check has teeth', () => {
    const doc = osv(packageAdvisory());
    doc.severity![0]!.type = 'CVSS_V9';
    expect(schemaProblems(validate, doc)).not.toEqual([]);
    expect(schemaProblems(validate, { ...osv(packageAdvisory()), id: 'AICC-2026-0042' })).toContainEqual(expect.objectContaining({ pointer: '/id' }));
  });

  it.each(samples)('writes %s as a record the knowledge-base importer accepts', (_name, a) => {
    const v = value(parseOsv(toOsv(a)));
    expect(v.id).toBe(`x_${a.id}`);
    expect(v.summary).toBe(a.title);
    expect(v.cwes).toEqual(a.cwes.map((c) => c.id));
    expect(v.severities.map((s) => [s.vector, s.baseScore])).toEqual(a.scores.map((s) => [s.vector, s.baseScore]));
  });

  it('gives the knowledge base the affected package, its range and its aliases', () => {
    const v = value(parseOsv(toOsv(packageAdvisory())));
    expect(v.aliases).toEqual(['CVE-2026-12345', 'GHSA-abcd-efgh-ijkl']);
    expect(v.affected).toEqual([
      expect.objectContaining({
        ecosystem: 'npm',
        name: 'acme-widgets',
        purl: 'pkg:npm/acme-widgets',
        ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.3.1' }] }],
      }),
    ]);
    expect(v.credits).toEqual(['Frontier Lab scanner', 'Jane Researcher']);
  });

  it('keeps products OSV cannot express (not affected, no purl) in database_specific', () => {
    const pkg = osv(packageAdvisory());
    expect(pkg.affected![0]!.database_specific.products.map((p) => p.id)).toEqual(['AICC-PID-1', 'AICC-PID-2']);
    expect(pkg.database_specific.products.map((p) => p.id)).toEqual(['AICC-PID-3']);
    const firmware = osv(firmwareAdvisory());
    expect(firmware).not.toHaveProperty('affected');
    expect(firmware.database_specific.products.map((p) => p.id)).toEqual(['AICC-PID-1', 'AICC-PID-2']);
  });

  it('types the advisory\'s own page ADVISORY, a fix commit FIX, and credits reporters', () => {
    const doc = osv(packageAdvisory());
    expect(doc.references).toEqual([
      { type: 'ADVISORY', url: 'https://aicc.example.org/advisories/AICC-2026-0042' },
      { type: 'FIX', url: 'https://example.org/acme-widgets/commit/0123456789abcdef' },
    ]);
    expect(doc.credits?.every((c) => c.type === 'REPORTER')).toBe(true);
  });

  it('keeps a registered prefix as it is', () => {
    const a = { ...packageAdvisory(), id: 'GHSA-abcd-0000-ffff', aliases: [] };
    expect(osv(a).id).toBe('GHSA-abcd-0000-ffff');
    expect(value(fromOsv(toOsv(a)))).toEqual(a);
  });

  it('splits fixed and last_affected bounds into two ranges, as OSV requires', () => {
    const a = packageAdvisory();
    a.products[0] = { ...a.products[0]!, versions: 'vers:npm/>=1.0.0|<=1.4.0|>=2.0.0|<2.3.1' };
    const doc = osv(a);
    expect(doc.affected![0]!.ranges).toEqual([
      { type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.3.1' }] },
      { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }] },
    ]);
    expect(schemaProblems(validate, doc)).toEqual([]);
    expect(value(fromOsv(doc))).toEqual(a);
  });

  it('adds a fixed product\'s version as a fixed event to an open range', () => {
    const a = packageAdvisory();
    a.products[0] = { ...a.products[0]!, versions: 'vers:npm/>=2.0.0' };
    expect(osv(a).affected![0]!.ranges).toEqual([{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.3.1' }] }]);
  });

  it('leaves a range OSV events cannot say (an exclusive lower bound) to database_specific', () => {
    const a = packageAdvisory();
    a.products[0] = { ...a.products[0]!, versions: 'vers:npm/>2.0.0|<2.3.1' };
    const doc = osv(a);
    expect(doc).not.toHaveProperty('affected');
    expect(doc.database_specific.products.map((p) => p.id)).toEqual(['AICC-PID-1', 'AICC-PID-2', 'AICC-PID-3']);
    expect(value(fromOsv(doc))).toEqual(a);
  });
});

describe('fromOsv', () => {
  it.each(samples)('reads %s back unchanged', (_name, a) => {
    expect(value(fromOsv(toOsv(a)))).toEqual(a);
  });

  it.each([null, 42, 'x', [], {}, { id: 5, modified: true }])('refuses %j with problems rather than throwing', (doc) => {
    expect(problems(fromOsv(doc)).length).toBeGreaterThan(0);
  });

  it('refuses a plain OSV record without the advisory fields, at the record root', () => {
    const doc: Partial<Osv> = osv(packageAdvisory());
    delete doc.database_specific;
    expect(problems(fromOsv(doc))).toContainEqual(expect.objectContaining({ pointer: '', message: "must have required property 'database_specific'" }));
  });

  it('points at a field of the wrong type', () => {
    const doc = osv(packageAdvisory());
    doc.database_specific.tlp = 'PURPLE';
    doc.database_specific.revisions = [{ number: 1 }];
    const found = problems(fromOsv(doc)).map((p) => p.pointer);
    expect(found).toContain('/database_specific/tlp');
    expect(found).toContain('/database_specific/revisions/0');
  });

  it('refuses a product order that does not name every product once', () => {
    const doc = osv(packageAdvisory());
    doc.database_specific.product_order = ['AICC-PID-1', 'AICC-PID-1', 'AICC-PID-2'];
    expect(problems(fromOsv(doc))).toEqual([expect.objectContaining({ pointer: '/database_specific/product_order' })]);
  });

  it('refuses a CVSS version advisories do not keep, at its pointer', () => {
    const doc = osv(packageAdvisory());
    doc.severity![0]!.score = 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';
    expect(problems(fromOsv(doc))).toEqual([expect.objectContaining({ pointer: '/severity/0/score' })]);
  });

  it('refuses a remediation for a product the record does not have', () => {
    const doc = osv(packageAdvisory());
    (doc.database_specific.remediations as Array<{ productIds: string[] }>)[1]!.productIds = ['AICC-PID-9'];
    expect(problems(fromOsv(doc))).toEqual([expect.objectContaining({ pointer: '/database_specific/remediations/1/productIds/0' })]);
  });
});

describe('versShape', () => {
  it('reads vers ranges as intervals and single versions', () => {
    expect(versShape('vers:npm/<1.0.0|>=2.0.0|<=2.4.0|3.0.0|>=4.0.0')).toEqual({
      scheme: 'npm',
      intervals: [{ introduced: '0', fixed: '1.0.0' }, { introduced: '2.0.0', lastAffected: '2.4.0' }, { introduced: '4.0.0' }],
      points: ['3.0.0'],
    });
    expect(versShape('vers:pypi/*')).toEqual({ scheme: 'pypi', intervals: [{ introduced: '0' }], points: [] });
    expect(versShape('1.2.3')).toEqual({ scheme: null, intervals: [], points: ['1.2.3'] });
  });

  it('refuses what intervals cannot say', () => {
    expect(versShape('vers:npm/>=1.0.0|!=1.2.0|<2.0.0')).toBeNull();
    expect(versShape('vers:npm/>1.0.0')).toBeNull();
    expect(versShape('vers:npm/')).toBeNull();
  });
});
