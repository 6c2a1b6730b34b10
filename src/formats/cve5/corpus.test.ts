import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../../../test/db.js';
import type { Vulnerability } from '../../domain/vulnerability.js';
import type { Parsed } from '../result.js';
import { parseCve5Text } from './parse.js';

const DIR = join(CORPUS, 'cve5');

/**
 * Records of the corpus that are truly invalid (per the official schema or the CVSS
 * specification), by path under cve5/, with the reason. None today: every record validates
 * against the schema and every vector passes strict validation.
 */
const knownGaps: Record<string, string> = {};

corpusSkipNote('CVE JSON 5 corpus (src/formats/cve5/corpus.test.ts)');

function recordFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return recordFiles(path);
    return e.name.endsWith('.json') ? [path] : [];
  });
}

let cache: Map<string, Parsed<Vulnerability>> | undefined;
function corpus(): Map<string, Parsed<Vulnerability>> {
  cache ??= new Map(recordFiles(DIR).sort().map((path) => {
    const name = relative(DIR, path);
    return [name, parseCve5Text(readFileSync(path, 'utf8'), name)];
  }));
  return cache;
}

function records(): Vulnerability[] {
  return [...corpus().values()].flatMap((r) => (r.ok ? [r.value] : []));
}

function record(name: string): Vulnerability {
  const r = corpus().get(name);
  if (!r?.ok) throw new Error(`${name} did not parse: ${JSON.stringify(r)}`);
  return r.value;
}

describe('the CISA vulnrichment corpus of CVE JSON 5 records', () => {
  it.skipIf(!hasCorpus)('holds 1,791 records in year folders', () => {
    expect(corpus().size).toBe(1791);
  });

  it.skipIf(!hasCorpus)('parses every record without a problem, apart from the known gaps', () => {
    const failures = [...corpus()].filter(([name, r]) => !r.ok && !(name in knownGaps)).map(([name, r]) => ({ name, problems: r.ok ? [] : r.problems }));
    expect(failures).toEqual([]);
  });

  it.skipIf(!hasCorpus)('still fails on every known gap, so a fixed gap is noticed and removed', () => {
    const healed = Object.keys(knownGaps).filter((name) => corpus().get(name)?.ok !== false);
    expect(healed).toEqual([]);
  });

  it.skipIf(!hasCorpus)('finds the enrichment CISA added', () => {
    const all = records();
    const withVersion = (v: string) => all.filter((r) => r.severities.some((s) => s.version === v)).length;
    expect({
      ssvc: all.filter((r) => r.ssvc).length,
      kevHint: all.filter((r) => r.kevHint).length,
      cvss31: withVersion('3.1'),
      cvss40: withVersion('4.0'),
      cvss30: withVersion('3.0'),
      cvss20: withVersion('2.0'),
      scoredByCisa: all.filter((r) => r.severities.some((s) => s.source === 'CISA-ADP')).length,
      withdrawn: all.filter((r) => r.withdrawn).length,
    }).toEqual({ ssvc: 1788, kevHint: 6, cvss31: 1490, cvss40: 19, cvss30: 360, cvss20: 213, scoredByCisa: 112, withdrawn: 3 });
  });

  it.skipIf(!hasCorpus)('keeps every summary within 200 characters and every date in UTC', () => {
    for (const r of records()) {
      expect(r.summary.length).toBeLessThanOrEqual(200);
      expect(r.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it.skipIf(!hasCorpus)('normalizes a VulDB record with CNA scores in three CVSS versions and CISA SSVC', () => {
    const v = record('2023/4xxx/CVE-2023-4844.json');
    expect(v).toMatchObject({
      summary: 'SourceCodester Simple Membership System club_edit_query.php sql injection',
      published: '2023-09-08T21:31:04.739Z',
      cwes: ['CWE-89'],
      credits: ['Peanu11 (VulDB User)'],
      ssvc: { exploitation: 'none', automatable: 'no', technicalImpact: 'partial', timestamp: '2024-09-26T14:50:13.947Z' },
      kevHint: false,
    });
    expect(v.severities.map((s) => [s.version, s.baseScore, s.source])).toEqual([['3.1', 6.3, 'VulDB'], ['3.0', 6.3, 'VulDB'], ['2.0', 6.5, 'VulDB']]);
  });

  it.skipIf(!hasCorpus)('reads zone-less MITRE-era dates as UTC and takes the KEV hint and CISA score', () => {
    const v = record('2021/44xxx/CVE-2021-44529.json');
    expect(v).toMatchObject({ published: '2021-12-08T00:00:00.000Z', kevHint: true, ssvc: { exploitation: 'active', automatable: 'yes', technicalImpact: 'total' } });
    expect(v.severities).toEqual([{ type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, source: 'CISA-ADP' }]);
  });

  it.skipIf(!hasCorpus)('scores CVSS 4.0 and keeps inclusive version ranges', () => {
    const v = record('2023/4xxx/CVE-2023-4976.json');
    expect(v.severities).toEqual([{ type: 'CVSS_V4', version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', baseScore: 9.3, source: 'PureStorage' }]);
    expect(v.products[0]?.versions[0]).toEqual({ version: '3.3.5', status: 'affected', lessThanOrEqual: '3.3.10', versionType: 'custom' });
  });

  it.skipIf(!hasCorpus)('withdraws a rejected record at its rejection date', () => {
    expect(record('2024/1xxx/CVE-2024-1599.json')).toMatchObject({
      withdrawn: '2024-06-07T10:53:17.327Z',
      summary: 'This CVE ID has been rejected or withdrawn by its CVE Numbering Authority.',
      products: [],
    });
  });
});
