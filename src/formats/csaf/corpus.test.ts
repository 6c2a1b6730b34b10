import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import type { Advisory } from '../../domain/advisory.js';
import type { Parsed } from '../result.js';
import { toCsaf } from './export.js';
import { fromCsaf } from './import.js';
import { csafSchemaProblems } from './schema.js';
import { validateCsaf } from './validate.js';

const DIR = join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'csaf');

/**
 * OASIS examples an Advisory cannot hold, by path under examples/csaf, with the reason. An
 * advisory is one vulnerability; fromCsaf refuses the others rather than drop vulnerabilities.
 */
const knownGaps: Record<string, string> = {
  'rhsa-2019_1862.json': 'csaf_informational_advisory: no vulnerability at all',
  'rhsa-2021_5186.json': '2 vulnerabilities',
  'csaf_vex/2022-evd-uc-02-na-001.json': '19 vulnerabilities',
  'csaf_vex/2022-evd-uc-03-ms-001.json': '19 vulnerabilities',
  'csaf_vex/2022-evd-uc-08-001.json': '2 vulnerabilities',
  'csaf_vex/2022-evd-uc-09-001.json': '2 vulnerabilities',
  'csaf_vex/sec-vex-2022-0001.json': '3 vulnerabilities',
};

corpusSkipNote('OASIS CSAF 2.0 examples (src/formats/csaf/corpus.test.ts)');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(path);
    return e.name.endsWith('.json') ? [path] : [];
  });
}

let cache: Map<string, Parsed<Advisory>> | undefined;
function corpus(): Map<string, Parsed<Advisory>> {
  cache ??= new Map(jsonFiles(DIR).sort().map((path) => [relative(DIR, path), fromCsaf(JSON.parse(readFileSync(path, 'utf8')))]));
  return cache;
}

function imported(): Array<[string, Advisory]> {
  return [...corpus()].flatMap(([name, r]) => (r.ok ? [[name, r.value] as [string, Advisory]] : []));
}

describe('the OASIS CSAF 2.0 examples', () => {
  it.skipIf(!hasCorpus)('are 19 documents: 6 advisories and 13 VEX documents', () => {
    expect([...corpus().keys()].filter((n) => n.startsWith('csaf_vex/'))).toHaveLength(13);
    expect(corpus().size).toBe(19);
  });

  it.skipIf(!hasCorpus)('import, apart from the known gaps', () => {
    const failures = [...corpus()].filter(([name, r]) => !r.ok && !(name in knownGaps)).map(([name, r]) => ({ name, problems: r.ok ? [] : r.problems }));
    expect(failures).toEqual([]);
    expect(imported()).toHaveLength(corpus().size - Object.keys(knownGaps).length);
  });

  it.skipIf(!hasCorpus)('still refuse every known gap, at /vulnerabilities, so a change is noticed', () => {
    const stillRefused = Object.keys(knownGaps).map((name) => {
      const r = corpus().get(name);
      return r && !r.ok ? r.problems.map((p) => p.pointer) : 'imported';
    });
    expect(stillRefused).toEqual(Object.keys(knownGaps).map((name) => [knownGaps[name]!.includes('no vulnerability') ? '/vulnerabilities' : '/vulnerabilities/1']));
  });

  it.skipIf(!hasCorpus)('re-export to documents the CSAF 2.0 schema accepts', () => {
    expect(imported().map(([name, a]) => [name, csafSchemaProblems(toCsaf(a))])).toEqual(imported().map(([name]) => [name, []]));
  });

  it.skipIf(!hasCorpus)('re-export to documents that pass every mandatory test too', async () => {
    const results = await Promise.all(imported().map(async ([name, a]) => [name, (await validateCsaf(toCsaf(a))).errors]));
    expect(results).toEqual(imported().map(([name]) => [name, []]));
  }, 60_000);

  it.skipIf(!hasCorpus)('re-import equal to the first import: what is read survives our export', () => {
    for (const [name, a] of imported()) expect({ name, back: fromCsaf(toCsaf(a)) }).toEqual({ name, back: { ok: true, value: a } });
  });

  it.skipIf(!hasCorpus)('read the BSI example: products with CPEs, first_fixed as fixed, a recomputed score, credits', () => {
    const r = corpus().get('bsi-2022-0001.json');
    if (!r?.ok) throw new Error('bsi-2022-0001.json did not import');
    const a = r.value;
    expect(a).toMatchObject({ id: 'BSI-2022-0001', tlp: 'CLEAR', status: 'final', cwes: [{ id: 'CWE-611' }], aliases: ['csaf-tools/CVRF-CSAF-Converter#78'] });
    expect(a.products.map((p) => [p.vendor, p.name, p.versions, p.status])).toEqual([
      ...['1.0.0-alpha', '1.0.0-dev1', '1.0.0-dev2', '1.0.0-dev3', '1.0.0-rc1'].map((v) => ['CSAF Tools', 'CVRF-CSAF-Converter', v, 'known_affected']),
      ['CSAF Tools', 'CVRF-CSAF-Converter', '1.0.0-rc2', 'fixed'],
    ]);
    expect(a.products[0]?.cpe).toBe('cpe:/a:csaf-tools:cvrf-csaf-converter:1.0.0-alpha');
    expect(a.scores).toEqual([{ version: '3.1', vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:L/E:F/RL:O/RC:C', baseScore: 6.1, severity: 'MEDIUM' }]);
    expect(a.acknowledgments).toEqual([{ name: 'Damian Pfammatter', organization: 'Cyber-Defense Campus', summary: 'Finding and reporting the vulnerability' }]);
  });

  it.skipIf(!hasCorpus)('read a VEX not-affected status, and Red Hat relationships as products of the referenced vendor', () => {
    const rh = corpus().get('rhsa-2022_0011.json');
    if (!rh?.ok) throw new Error('rhsa-2022_0011.json did not import');
    expect(rh.value.products).toHaveLength(15);
    expect(rh.value.products.every((p) => p.vendor === 'Red Hat' && p.status === 'fixed')).toBe(true);
    const na = corpus().get('csaf_vex/2022-evd-uc-01-na-001.json');
    if (!na?.ok) throw new Error('2022-evd-uc-01-na-001.json did not import');
    expect(na.value.products.map((p) => p.status)).toEqual(['known_not_affected']);
  });
});
