import { describe, expect, it } from 'vitest';
import { schemaProblems } from '../schema.js';
import { cyclonedxValidator } from '../sbom/cyclonedx-schema.js';
import { CLEAN, SCAN } from './fixture.testing.js';
import { toCycloneDxVex } from './vex.js';

interface Vex {
  bomFormat: string;
  specVersion: string;
  metadata: { timestamp: string; component: { name: string } };
  components: Array<{ 'bom-ref': string; purl?: string; name: string; version: string }>;
  vulnerabilities: Array<{
    id: string;
    source: { name: string; url: string };
    references?: Array<{ id: string }>;
    ratings?: Array<{ method: string; vector: string; score: number; severity?: string }>;
    cwes?: number[];
    description?: string;
    recommendation: string;
    analysis: { state: string };
    affects: Array<{ ref: string; versions: Array<{ version: string; status: string }> }>;
    properties: Array<{ name: string; value: string }>;
  }>;
}

const OPTIONS = { sbomName: 'payments-api', timestamp: '2026-11-22T01:00:00.000Z', toolVersion: '0.1.0' };
const vex = (scan = SCAN) => toCycloneDxVex(scan, OPTIONS) as Vex;
const byId = (doc: Vex, id: string) => doc.vulnerabilities.find((v) => v.id === id)!;

describe('toCycloneDxVex', () => {
  describe('against the official CycloneDX 1.6 schema', () => {
    it.each([
      ['a scan with findings', SCAN],
      ['a scan without findings', CLEAN],
    ])('validates %s', (_name, scan) => {
      expect(schemaProblems(cyclonedxValidator('1.6')!, toCycloneDxVex(scan, OPTIONS))).toEqual([]);
    });

    it('rejects a document that breaks the schema, so the check has teeth', () => {
      const doc = vex();
      doc.vulnerabilities[0]!.analysis.state = 'exploitable-maybe';
      expect(schemaProblems(cyclonedxValidator('1.6')!, doc)).not.toEqual([]);
    });
  });

  it('lists each vulnerability once, affecting every component it was found in', () => {
    const doc = vex();
    expect(doc).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { timestamp: OPTIONS.timestamp, component: { name: 'payments-api' } } });
    expect(doc.vulnerabilities.map((v) => v.id)).toEqual(['GO-2023-2102', 'GO-2023-1988', 'PYSEC-2024-0001', 'CVE-2023-45133']);
    expect(byId(doc, 'GO-2023-2102').affects).toEqual([
      { ref: 'pkg:golang/golang.org/x/net@v0.10.0', versions: [{ version: 'v0.10.0', status: 'affected' }] },
      { ref: 'pkg:golang/google.golang.org/grpc@v1.56.2', versions: [{ version: 'v1.56.2', status: 'affected' }] },
    ]);
  });

  it('includes the affected components so every ref resolves', () => {
    const doc = vex();
    const refs = new Set(doc.components.map((c) => c['bom-ref']));
    expect(doc.components).toHaveLength(4);
    expect(doc.components.every((c) => c.purl === c['bom-ref'])).toBe(true);
    expect(doc.vulnerabilities.flatMap((v) => v.affects.map((a) => a.ref)).every((r) => refs.has(r))).toBe(true);
  });

  it('rates with the CVSS method, vector and score, and omits ratings and CWEs it does not know', () => {
    const doc = vex();
    expect(byId(doc, 'GO-2023-2102').ratings).toEqual([
      { source: { name: 'OSV', url: 'https://osv.dev/vulnerability/GO-2023-2102' }, score: 7.5, severity: 'high', method: 'CVSSv31', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
    ]);
    expect(byId(doc, 'CVE-2023-45133').ratings?.[0]).toMatchObject({ method: 'CVSSv4', score: 0, source: { name: 'NVD' } });
    expect(byId(doc, 'GO-2023-1988').cwes).toEqual([79]);
    const unscored = byId(doc, 'PYSEC-2024-0001');
    expect(unscored).not.toHaveProperty('ratings');
    expect(unscored).not.toHaveProperty('cwes');
    expect(unscored).not.toHaveProperty('description');
  });

  it('marks findings in triage, never exploitable, and recommends the upgrade', () => {
    const doc = vex();
    expect(doc.vulnerabilities.every((v) => v.analysis.state === 'in_triage')).toBe(true);
    expect(byId(doc, 'GO-2023-2102').recommendation).toBe(
      'golang.org/x/net@v0.10.0: Fixed in 0.17.0. Upgrade golang.org/x/net to 0.17.0. ' +
        'google.golang.org/grpc@v1.56.2: Fixed in 1.56.3, 1.57.1. Upgrade google.golang.org/grpc to 1.56.3.',
    );
    expect(byId(doc, 'PYSEC-2024-0001').recommendation).toBe('jinja2@3.1.2: No fixed version is known.');
  });

  it('carries KEV and EPSS as properties and aliases as references', () => {
    const doc = vex();
    expect(byId(doc, 'GO-2023-2102').properties).toEqual([
      { name: 'aicc:kev', value: 'true' },
      { name: 'aicc:epss', value: '0.94' },
    ]);
    expect(byId(doc, 'PYSEC-2024-0001').properties).toEqual([{ name: 'aicc:kev', value: 'false' }]);
    expect(byId(doc, 'GO-2023-2102').references?.map((r) => r.id)).toEqual(['CVE-2023-39325', 'GHSA-4374-p667-p6c8']);
  });

  it('names a component without purl by name@version, and lists a twice-listed component once', () => {
    const scan = structuredClone(SCAN);
    scan.results[2]!.component.purl = '';
    scan.results.push(structuredClone(scan.results[0]!));
    const doc = vex(scan);
    expect(schemaProblems(cyclonedxValidator('1.6')!, doc)).toEqual([]);
    expect(byId(doc, 'PYSEC-2024-0001').affects[0]?.ref).toBe('jinja2@3.1.2');
    expect(doc.components.find((c) => c['bom-ref'] === 'jinja2@3.1.2')).not.toHaveProperty('purl');
    expect(byId(doc, 'GO-2023-2102').affects).toHaveLength(2);
    expect(doc.components).toHaveLength(4);
  });

  it('writes an empty vulnerability list when nothing was found', () => {
    const doc = vex(CLEAN);
    expect(doc.vulnerabilities).toEqual([]);
    expect(doc.components).toEqual([]);
  });
});
