import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { formatProblem } from '../../domain/errors.js';
import { parseSbom } from './index.js';

const EXAMPLES = join(CORPUS, 'cyclonedx', 'examples');

/** [file, components after merging, direct components (null: no dependency graph from the root)] */
const SBOMS: Array<[string, number, number | null]> = [
  ['SBOM/cern-lhc-vdm-editor-e564943/bom.json', 43, null],
  ['SBOM/cern-lhc-vdm-editor-e564943/bom.xml', 43, null],
  ['SBOM/dropwizard-1.3.15/bom.json', 167, null],
  ['SBOM/dropwizard-1.3.15/bom.xml', 167, null],
  ['SBOM/juice-shop/v11.1.2/bom.json', 840, null],
  ['SBOM/juice-shop/v11.1.2/bom.xml', 840, null],
  // 1,115 nested components, many the same npm package at the same version in several places
  ['SBOM/juice-shop/via_npm/bare/bom.1.2.json', 978, 71],
  ['SBOM/juice-shop/via_npm/bare/bom.1.2.xml', 978, 71],
  ['SBOM/juice-shop/via_npm/bare/bom.1.3.json', 978, 71],
  ['SBOM/juice-shop/via_npm/bare/bom.1.3.xml', 978, 71],
  ['SBOM/juice-shop/via_npm/bare/bom.1.4.json', 978, 71],
  ['SBOM/juice-shop/via_npm/bare/bom.1.4.xml', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.2.json', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.2.xml', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.3.json', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.3.xml', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.4.json', 978, 71],
  ['SBOM/juice-shop/via_npm/flat/bom.1.4.xml', 978, 71],
  ['SBOM/keycloak-10.0.2/bom.json', 903, null],
  ['SBOM/keycloak-10.0.2/bom.xml', 903, null],
  // 1.1 has no metadata, so no root to be direct from
  ['SBOM/laravel-7.12.0/bom.1.1.xml', 62, null],
  ['SBOM/laravel-7.12.0/bom.1.2.json', 62, 1],
  ['SBOM/laravel-7.12.0/bom.1.2.xml', 62, 1],
  ['SBOM/laravel-7.12.0/bom.1.3.json', 62, 1],
  ['SBOM/laravel-7.12.0/bom.1.3.xml', 62, 1],
  ['SBOM/laravel-7.12.0/bom.1.4.json', 62, 1],
  ['SBOM/laravel-7.12.0/bom.1.4.xml', 62, 1],
  ['SBOM/proton-bridge/proton-bridge-v1.6.3.bom.json', 201, 56],
  ['SBOM/proton-bridge/proton-bridge-v1.6.3.bom.xml', 201, 56],
  ['SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json', 201, 56],
  ['SBOM/proton-bridge/proton-bridge-v1.8.0.bom.xml', 201, 56],
  ['SBOM/protonmail-webclient-v4-0912dff/bom.json', 883, null],
  ['SBOM/protonmail-webclient-v4-0912dff/bom.xml', 883, null],
  // product BOMs that VEX documents point at: a root (metadata.component) and no components
  ['VEX/CISA-Use-Cases/Case-7/bom-1.json', 0, null],
  ['VEX/CISA-Use-Cases/Case-7/bom-2.json', 0, null],
  ['VEX/CISA-Use-Cases/Case-8/bom-1.json', 0, null],
  ['VEX/CISA-Use-Cases/Case-8/bom-2.json', 0, null],
  ['VEX/Use-Cases/Case-13/bom-1.json', 0, null],
  ['VEX/Use-Cases/Case-13/bom-2.json', 0, null],
  ['VEX/Use-Cases/Case-13/bom-3.json', 0, null],
  ['VEX/Use-Cases/Case-6/bom-1.json', 0, null],
  ['VEX/Use-Cases/Case-6/bom-2.json', 0, null],
  ['VEX/Use-Cases/Case-6/bom-3.json', 0, null],
  ['VEX/Use-Cases/Case-9/bom-1.json', 0, null],
  ['VEX/Use-Cases/Case-9/bom-2.json', 0, null],
  ['VEX/Use-Cases/Case-9/bom-3.json', 0, null],
  ['VEX/bom.json', 3, null],
];

const VEX = 'a CycloneDX VEX: vulnerabilities with no components';

/** Example files that are valid CycloneDX but no inventory; each must be refused with a clear problem. */
const knownNotSboms: Array<[string, string]> = [
  ['VEX/CISA-Use-Cases/Case-1/vex-affected.json', VEX],
  ['VEX/CISA-Use-Cases/Case-1/vex-fixed.json', VEX],
  ['VEX/CISA-Use-Cases/Case-1/vex-not_affected.json', VEX],
  ['VEX/CISA-Use-Cases/Case-1/vex-under_investigation.json', VEX],
  ['VEX/CISA-Use-Cases/Case-2/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-3/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-4/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-5/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-6/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-7/vex.json', VEX],
  ['VEX/CISA-Use-Cases/Case-8/vex.json', VEX],
  ['VEX/Use-Cases/Case-1/vex.json', VEX],
  ['VEX/Use-Cases/Case-10/vex.json', VEX],
  ['VEX/Use-Cases/Case-11/vex.json', VEX],
  ['VEX/Use-Cases/Case-12/vex.json', VEX],
  ['VEX/Use-Cases/Case-13/vex.json', VEX],
  ['VEX/Use-Cases/Case-2/vex.json', VEX],
  ['VEX/Use-Cases/Case-3/vex.json', VEX],
  ['VEX/Use-Cases/Case-4/vex.json', VEX],
  ['VEX/Use-Cases/Case-5/vex.json', VEX],
  ['VEX/Use-Cases/Case-6/vex.json', VEX],
  ['VEX/Use-Cases/Case-7/vex.json', VEX],
  ['VEX/Use-Cases/Case-8/vex.json', VEX],
  ['VEX/Use-Cases/Case-9/vex.json', VEX],
  ['VEX/vex.json', VEX],
];

const read = (file: string): string => readFileSync(join(EXAMPLES, file), 'utf8');

describe('the CycloneDX examples corpus', () => {
  corpusSkipNote('CycloneDX examples corpus tests');

  it.skipIf(!hasCorpus)('has every JSON and XML file listed, either as an SBOM or as a known non-SBOM', () => {
    const files = readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(json|xml)$/.test(f))
      .sort();
    const listed = [...SBOMS.map(([f]) => f), ...knownNotSboms.map(([f]) => f)].sort();
    expect(files).toEqual(listed);
  });

  it.skipIf(!hasCorpus).each(SBOMS)('parses %s into %i components (%s direct)', (file, count, direct) => {
    const r = parseSbom(read(file), file);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.value.format).toBe('cyclonedx');
    expect(r.value.components).toHaveLength(count);
    // every component in these examples carries a purl
    expect(r.value.purlless).toBe(0);
    expect(r.value.problems).toEqual([]);
    if (direct === null) expect(r.value.components.every((c) => c.direct === null)).toBe(true);
    else expect(r.value.components.filter((c) => c.direct)).toHaveLength(direct);
  });

  it.skipIf(!hasCorpus).each(knownNotSboms)('refuses %s as not an SBOM (%s)', (file) => {
    const r = parseSbom(read(file), file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ message: expect.stringMatching(/^not an SBOM: a CycloneDX VEX/) as unknown, code: 'UNKNOWN_FORMAT', file }]);
  });

  it.skipIf(!hasCorpus)('reads the same components from the JSON and XML of one BOM', () => {
    const purls = (file: string): string[] => {
      const r = parseSbom(read(file), file);
      return r.ok ? r.value.components.map((c) => c.purl ?? '').sort() : [];
    };
    const json = purls('SBOM/laravel-7.12.0/bom.1.4.json');
    expect(json).toHaveLength(62);
    expect(purls('SBOM/laravel-7.12.0/bom.1.4.xml')).toEqual(json);
  });

  it.skipIf(!hasCorpus)('merges the nested duplicates of an npm tree by purl, keeping every bom-ref', () => {
    const r = parseSbom(read('SBOM/juice-shop/via_npm/bare/bom.1.4.json'));
    if (!r.ok) throw new Error('expected an SBOM');
    const merged = r.value.components.filter((c) => c.refs.length > 1);
    expect(merged.length).toBeGreaterThan(0);
    expect(r.value.components.reduce((n, c) => n + c.refs.length, 0)).toBe(1115);
  });
});
