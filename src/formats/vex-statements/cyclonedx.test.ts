import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import { toCycloneDxVex } from '../vex/advisory.js';
import type { Advisory } from '../../domain/advisory.js';
import { problems, value } from '../result.testing.js';
import { parseVexStatements } from './index.js';

const VEX = join(CORPUS, 'cyclonedx', 'examples', 'VEX');
corpusSkipNote('CycloneDX VEX examples (src/formats/vex-statements/cyclonedx.test.ts)');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}
/** The examples' SBOMs (bom.json, bom-1.json …) state nothing; every other file is a VEX document. */
const vexFiles = () => (hasCorpus ? files(VEX).filter((f) => !/\/bom(-\d+)?\.json$/.test(f)).map((f) => relative(VEX, f)).sort() : []);
const read = (name: string) => readFileSync(join(VEX, name), 'utf8');

const STATE = { resolved: 'fixed', exploitable: 'affected', in_triage: 'under_investigation', not_affected: 'not_affected' } as const;

describe.skipIf(!hasCorpus)('CycloneDX VEX: the examples of CycloneDX and of CISA', () => {
  it('finds the examples', () => {
    expect(vexFiles().length).toBeGreaterThanOrEqual(25);
  });

  it.each(vexFiles())('%s: one statement per analysed vulnerability, its state mapped', (name) => {
    const raw = JSON.parse(read(name)) as { vulnerabilities: Array<{ id: string; analysis: { state: keyof typeof STATE } }> };
    const statements = value(parseVexStatements(read(name), name));
    expect(statements.map((s) => [s.vulnerability, s.status])).toEqual(raw.vulnerabilities.map((v) => [v.id, STATE[v.analysis.state]]));
    // only Case-7 ("all products of a developer") names none
    for (const s of statements) expect(s.products.length > 0 || name === 'Use-Cases/Case-7/vex.json').toBe(true);
  });

  it('names the BOM subject by its name, and maps the justification to CISA', () => {
    const [s] = value(parseVexStatements(read('CISA-Use-Cases/Case-1/vex-not_affected.json')));
    expect(s).toEqual({
      vulnerability: 'CVE-2021-44228', aliases: [], status: 'not_affected', justification: 'vulnerable_code_not_present',
      products: [{ name: 'ABC' }],
      statement: 'This version of Product ABC is not affected by the vulnerability. Class with vulnerable code was removed before shipping.',
      action: 'response: will_not_fix',
    });
  });

  it('reads a BOM-Link to a purl as the purl, references as aliases, and the recommendation into the action', () => {
    const [s] = value(parseVexStatements(read('vex.json')));
    expect(s!.products).toEqual([{ purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar' }]);
    expect(s!.aliases).toEqual(['SNYK-JAVA-COMFASTERXMLJACKSONCORE-1048302']);
    expect(s!.justification).toBe('vulnerable_code_not_in_execute_path');
    expect(s!.action).toBe('Upgrade com.fasterxml.jackson.core:jackson-databind to version 2.6.7.4, 2.9.10.7, 2.10.5.1 or higher.\nresponse: will_not_fix, update');
  });

  it('keeps a BOM-Link into another BOM as the name it refers to', () => {
    const statements = value(parseVexStatements(read('Use-Cases/Case-13/vex.json')));
    expect(statements.map((s) => [s.status, s.products.map((p) => p.name)])).toEqual([
      ['not_affected', ['acme-product-1', 'acme-product-2']],
      ['affected', ['acme-product-3']],
    ]);
  });

  it('keeps a justification CISA has no equivalent for', () => {
    const statements = value(parseVexStatements(read('Use-Cases/Case-12/vex.json')));
    expect(statements.map((s) => s.justification)).toEqual(['vulnerable_code_not_in_execute_path', null, 'inline_mitigations_already_exist']);
  });

  it('refuses the examples\u2019 SBOMs: they state nothing', () => {
    expect(problems(parseVexStatements(read('CISA-Use-Cases/Case-7/bom-1.json')))).toEqual([expect.objectContaining({ pointer: '/vulnerabilities' })]);
    expect(problems(parseVexStatements(read('bom.json')))).toEqual([expect.objectContaining({ pointer: '/specVersion', message: 'CycloneDX 1.3 has no VEX; 1.4 to 1.7 do' })]);
  });
});

describe('CycloneDX VEX: components, justifications and problems', () => {
  const bom = (vulnerabilities: unknown[], components: unknown[] = [], specVersion = '1.6') => JSON.stringify({
    bomFormat: 'CycloneDX', specVersion, version: 1,
    metadata: { component: { type: 'application', name: 'clinic-portal', 'bom-ref': 'root', purl: 'pkg:generic/clinic-portal@3.0' } },
    components, vulnerabilities,
  });
  const lodash = { type: 'library', name: 'lodash', version: '4.17.20', 'bom-ref': 'lodash', purl: 'pkg:npm/lodash@4.17.20' };
  const nested = { type: 'library', name: 'fw', 'bom-ref': 'fw', components: [{ type: 'firmware', name: 'pump-fw', 'bom-ref': 'pump', cpe: 'cpe:2.3:o:acme:pump:2.1:*:*:*:*:*:*:*' }] };

  it('resolves refs to the subject (name and purl), to components (purl) and to nested ones (CPE and name)', () => {
    const [s] = value(parseVexStatements(bom([{ id: 'CVE-1', analysis: { state: 'resolved_with_pedigree' }, affects: [{ ref: 'root' }, { ref: 'lodash' }, { ref: 'pump' }, { ref: 'lodash' }] }], [lodash, nested])));
    expect(s).toMatchObject({ status: 'fixed', products: [
      { purl: 'pkg:generic/clinic-portal@3.0', name: 'clinic-portal' },
      { purl: 'pkg:npm/lodash@4.17.20' },
      { cpe: 'cpe:2.3:o:acme:pump:2.1:*:*:*:*:*:*:*', name: 'pump-fw' },
    ] });
  });

  it('reads a false positive as not affected for that reason, unless a justification says more', () => {
    const statements = value(parseVexStatements(bom([
      { id: 'CVE-1', analysis: { state: 'false_positive' }, affects: [{ ref: 'lodash' }] },
      { id: 'CVE-2', analysis: { state: 'false_positive', justification: 'code_not_present' }, affects: [{ ref: 'lodash' }] },
      { id: 'CVE-3', analysis: { state: 'exploitable', justification: 'code_not_present' }, affects: [{ ref: 'lodash' }] },
    ], [lodash])));
    expect(statements.map((s) => [s.status, s.justification])).toEqual([['not_affected', 'false_positive'], ['not_affected', 'vulnerable_code_not_present'], ['affected', null]]);
  });

  it('prefers the exact justification our own CycloneDX export keeps in a property', () => {
    const advisory: Advisory = {
      id: 'AICC-2025-0001', title: 'lodash', summary: 's', details: '', tlp: 'CLEAR', status: 'final',
      initialReleaseDate: '2025-01-01T00:00:00Z', currentReleaseDate: '2025-01-01T00:00:00Z', revisions: [],
      cve: 'CVE-2025-1', aliases: [], cwes: [], scores: [], remediations: [], references: [], acknowledgments: [],
      publisher: { name: 'AICC', namespace: 'https://aicc.example.org', contactDetails: null },
      products: [{ id: 'p1', vendor: 'x', name: 'lodash', purl: 'pkg:npm/lodash', cpe: null, versions: '4.17.20', status: 'known_not_affected', justification: 'component_not_present' }],
    };
    const exported = JSON.stringify(toCycloneDxVex(advisory, { timestamp: '2025-01-01T00:00:00Z' }));
    const [s] = value(parseVexStatements(exported));
    // CycloneDX alone says code_not_present, which reads as vulnerable_code_not_present
    expect(s).toMatchObject({ vulnerability: 'CVE-2025-1', aliases: ['AICC-2025-0001'], status: 'not_affected', justification: 'component_not_present', products: [{ purl: 'pkg:npm/lodash@4.17.20' }] });
  });

  it('names every problem by its pointer, and still reads no statement from a refused document', () => {
    const found = problems(parseVexStatements(bom([
      { id: 'CVE-1', analysis: { state: 'maybe' }, affects: [{ ref: 'lodash' }] },
      { id: 'CVE-2', analysis: { state: 'not_affected', justification: 'because', response: ['pray'] }, affects: [{ ref: 'nowhere' }, {}] },
      { analysis: { state: 'resolved' }, affects: [{ ref: 'pkg:npm/%zz' }] },
      { id: 'CVE-4', affects: [{ ref: 'lodash' }] },
      { id: 'CVE-5', analysis: { state: 'resolved' }, affects: {} },
    ], [lodash])));
    expect(found.map((p) => p.pointer)).toEqual([
      '/vulnerabilities/0/analysis/state',
      '/vulnerabilities/1/analysis/justification',
      '/vulnerabilities/1/analysis/response/0',
      '/vulnerabilities/1/affects/0/ref',
      '/vulnerabilities/1/affects/1/ref',
      '/vulnerabilities/2/id',
      '/vulnerabilities/2/affects/0/ref',
      '/vulnerabilities/3/analysis/state',
      '/vulnerabilities/4/affects',
    ]);
    expect(found.find((p) => p.pointer === '/vulnerabilities/2/affects/0/ref')).toMatchObject({ code: 'INVALID_PURL' });
  });

  it('refuses a CycloneDX version without VEX', () => {
    expect(problems(parseVexStatements(bom([], [], '1.3')))).toEqual([expect.objectContaining({ pointer: '/specVersion' })]);
  });
});
