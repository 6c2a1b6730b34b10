import { describe, expect, it } from 'vitest';
import { firmwareAdvisory, packageAdvisory } from '../../domain/advisory.testing.js';
import { toCsaf } from './export.js';
import type { CsafDocument } from './types.js';
import { csafTestNames, EXCLUDED_MANDATORY_TESTS, validateCsaf } from './validate.js';
import { csafVariants } from './variants.testing.js';

// the first call loads the library's mandatory tests (about two seconds)
const SLOW = 30_000;

function tampered(edit: (doc: CsafDocument) => void): CsafDocument {
  const doc = structuredClone(toCsaf(packageAdvisory()));
  edit(doc);
  return doc;
}

describe('validateCsaf', () => {
  it('runs the CSAF 2.0 schema test and every mandatory test the library exports', async () => {
    const mandatory = Object.keys(await import('@secvisogram/csaf-validator-lib/mandatoryTests.js')).filter((n) => n.startsWith('mandatoryTest_'));
    expect(mandatory).toHaveLength(43);
    expect(EXCLUDED_MANDATORY_TESTS).toEqual({});
    expect(await csafTestNames()).toEqual(['csaf_2_0', ...mandatory]);
  }, SLOW);

  it.each([['package', packageAdvisory()], ['firmware', firmwareAdvisory()]])('passes the %s advisory’s export with no error', async (_, a) => {
    expect(await validateCsaf(toCsaf(a))).toEqual({ isValid: true, errors: [] });
  }, SLOW);

  it.each(Object.entries(csafVariants()))('passes the export of the advisory with %s with no error', async (_, a) => {
    expect(await validateCsaf(toCsaf(a))).toEqual({ isValid: true, errors: [] });
  }, SLOW);

  it('names mandatory test 6.1.1 for a product status naming a product the tree does not define', async () => {
    const r = await validateCsaf(tampered((d) => d.vulnerabilities?.[0]?.product_status?.known_affected?.push('AICC-PID-404')));
    expect(r.isValid).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ test: 'mandatoryTest_6_1_1', instancePath: '/vulnerabilities/0/product_status/known_affected/1' }));
  }, SLOW);

  it('names mandatory test 6.1.9 for a base score that does not follow from the vector', async () => {
    const r = await validateCsaf(tampered((d) => {
      const cvss = d.vulnerabilities?.[0]?.scores?.[0]?.cvss_v3;
      if (cvss) cvss.baseScore = 9.9;
    }));
    expect(r.isValid).toBe(false);
    expect(r.errors.map((e) => e.test)).toContain('mandatoryTest_6_1_9');
  }, SLOW);

  it('names the schema test for a document the schema refuses', async () => {
    const r = await validateCsaf(tampered((d) => {
      (d.document as { csaf_version: string }).csaf_version = '2.1';
    }));
    expect(r.isValid).toBe(false);
    expect(r.errors).toContainEqual(expect.objectContaining({ test: 'csaf_2_0', instancePath: '/document/csaf_version' }));
  }, SLOW);

  it.each([null, 'a string', 42])('reports %j as not a CSAF document, by the schema test alone', async (doc) => {
    expect(await validateCsaf(doc)).toEqual({ isValid: false, errors: [{ instancePath: '', message: 'must be object', test: 'csaf_2_0' }] });
  }, SLOW);

  it.each([[], {}, { document: null }, { document: [], vulnerabilities: 'x', product_tree: 7 }])(
    'reports %j as invalid without throwing', async (doc) => {
      const r = await validateCsaf(doc);
      expect(r.isValid).toBe(false);
      expect(r.errors.length).toBeGreaterThan(0);
    }, SLOW);
});
