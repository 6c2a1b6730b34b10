import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import type { Advisory } from '../../domain/advisory.js';
import type { Parsed } from '../result.js';
import { toCsaf } from './export.js';
import { fromCsaf, fromCsafAll } from './import.js';
import { csafSchemaProblems } from './schema.js';
import type { CsafDocument } from './types.js';
import { validateCsaf } from './validate.js';

const DIR = join(CORPUS, 'csaf', 'csaf_2.0', 'examples', 'csaf');

/**
 * OASIS examples fromCsafAll cannot read, by path under examples/csaf, with the reason. None: a
 * document with several vulnerabilities is one advisory each, one without any is one advisory.
 */
const knownGaps: Record<string, string> = {};

corpusSkipNote('OASIS CSAF 2.0 examples (src/formats/csaf/corpus.test.ts)');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(path);
    return e.name.endsWith('.json') ? [path] : [];
  });
}

interface Example { doc: CsafDocument; read: Parsed<Advisory[]> }

let cache: Map<string, Example> | undefined;
function corpus(): Map<string, Example> {
  cache ??= new Map(jsonFiles(DIR).sort().map((path) => {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as CsafDocument;
    return [relative(DIR, path), { doc, read: fromCsafAll(doc) }];
  }));
  return cache;
}

/** Every advisory the examples yield, named `<example> <advisory id>`. */
function imported(): Array<[string, Advisory]> {
  return [...corpus()].flatMap(([name, { read }]) => (read.ok ? read.value.map((a) => [`${name} ${a.id}`, a] as [string, Advisory]) : []));
}

function advisoriesOf(name: string): Advisory[] {
  const r = corpus().get(name)?.read;
  if (!r?.ok) throw new Error(`${name} did not import: ${JSON.stringify(r)}`);
  return r.value;
}

describe('the OASIS CSAF 2.0 examples', () => {
  it.skipIf(!hasCorpus)('are 19 documents: 6 advisories and 13 VEX documents', () => {
    expect([...corpus().keys()].filter((n) => n.startsWith('csaf_vex/'))).toHaveLength(13);
    expect(corpus().size).toBe(19);
  });

  it.skipIf(!hasCorpus)('import with fromCsafAll, apart from the known gaps', () => {
    const failures = [...corpus()].filter(([name, { read }]) => !read.ok && !(name in knownGaps)).map(([name, { read }]) => ({ name, problems: read.ok ? [] : read.problems }));
    expect(failures).toEqual([]);
  });

  it.skipIf(!hasCorpus)('still refuse every known gap, so a gap that closes is noticed', () => {
    expect(Object.keys(knownGaps).filter((name) => corpus().get(name)?.read.ok !== false)).toEqual([]);
  });

  it.skipIf(!hasCorpus)('yield one advisory per vulnerability, and one for a document without any', () => {
    const counts = [...corpus()].map(([name, { read }]) => [name, read.ok ? read.value.length : 'refused']);
    expect(counts).toEqual([...corpus()].map(([name, { doc }]) => [name, Math.max(1, doc.vulnerabilities?.length ?? 0)]));
    expect(counts.filter(([, n]) => typeof n === 'number' && n > 1).length).toBe(6);
  });

  it.skipIf(!hasCorpus)('give a split document\'s advisories distinct ids, `<tracking id>/<CVE>`, each with its own CVE', () => {
    for (const [name, { doc }] of corpus()) {
      const vulns = doc.vulnerabilities ?? [];
      if (vulns.length < 2) continue;
      expect(advisoriesOf(name).map((a) => [a.id, a.cve])).toEqual(vulns.map((v) => [`${doc.document.tracking.id}/${v.cve}`, v.cve]));
    }
  });

  it.skipIf(!hasCorpus)('give each advisory only products its own vulnerability gives a status', () => {
    for (const [name, { doc }] of corpus()) {
      advisoriesOf(name).forEach((a, i) => {
        const named = new Set(Object.values(doc.vulnerabilities?.[i]?.product_status ?? {}).flat());
        expect({ name, id: a.id, leaked: a.products.map((p) => p.id).filter((id) => !named.has(id)) }).toEqual({ name, id: a.id, leaked: [] });
      });
    }
  });

  it.skipIf(!hasCorpus)('re-export to documents the CSAF 2.0 schema accepts', () => {
    expect(imported().length).toBeGreaterThan(corpus().size);
    expect(imported().map(([name, a]) => [name, csafSchemaProblems(toCsaf(a))])).toEqual(imported().map(([name]) => [name, []]));
  });

  it.skipIf(!hasCorpus)('re-export to documents that pass every mandatory test too', async () => {
    const results = await Promise.all(imported().map(async ([name, a]) => [name, (await validateCsaf(toCsaf(a))).errors]));
    expect(results).toEqual(imported().map(([name]) => [name, []]));
  }, 60_000);

  it.skipIf(!hasCorpus)('re-import equal to the first import: what is read survives our export', () => {
    for (const [name, a] of imported()) expect({ name, back: fromCsafAll(toCsaf(a)) }).toEqual({ name, back: { ok: true, value: [a] } });
  });

  it.skipIf(!hasCorpus)('read alike with fromCsaf where there is one vulnerability, which refuses the others', () => {
    for (const [name, { doc, read }] of corpus()) {
      const one = fromCsaf(doc);
      if (doc.vulnerabilities?.length === 1) expect({ name, one }).toEqual({ name, one: read.ok ? { ok: true, value: read.value[0] } : read });
      else expect({ name, ok: one.ok }).toEqual({ name, ok: false });
    }
  });

  it.skipIf(!hasCorpus)('read the Red Hat informational advisory as one advisory without a vulnerability, and write it back as one', () => {
    const [a, ...more] = advisoriesOf('rhsa-2019_1862.json');
    expect(more).toEqual([]);
    expect(a).toMatchObject({ id: 'RHSA-2019:1862', cve: null, products: [], scores: [], cwes: [], remediations: [], aliases: [] });
    expect(a?.summary).toMatch(/^This is the one-month notification/);
    expect(a?.references.length).toBeGreaterThan(0);
    const back = toCsaf(a!);
    expect(back.document.category).toBe('csaf_informational_advisory');
    expect(back).not.toHaveProperty('vulnerabilities');
  });

  it.skipIf(!hasCorpus)('read a vers-less version range (`<=1.14.0`) as a generic vers range', () => {
    expect(advisoriesOf('csaf_vex/sec-vex-2022-0001.json').map((a) => a.products.map((p) => p.versions))).toEqual([['vers:generic/<=1.14.0'], ['vers:generic/<=1.14.0'], ['vers:generic/<=1.14.0']]);
  });

  it.skipIf(!hasCorpus)('read the BSI example: products with CPEs, first_fixed as fixed, a recomputed score, credits', () => {
    const [a] = advisoriesOf('bsi-2022-0001.json');
    if (!a) throw new Error('bsi-2022-0001.json yielded no advisory');
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
    const [rh] = advisoriesOf('rhsa-2022_0011.json');
    expect(rh?.products).toHaveLength(15);
    expect(rh?.products.every((p) => p.vendor === 'Red Hat' && p.status === 'fixed')).toBe(true);
    const [na] = advisoriesOf('csaf_vex/2022-evd-uc-01-na-001.json');
    expect(na?.products.map((p) => p.status)).toEqual(['known_not_affected']);
  });
});
