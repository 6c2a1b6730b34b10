import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { aicc, show, summaryTable, tempDir, zipArchive } from './helpers.js';

corpusSkipNote('aicc import / aicc vuln show CLI tests');

const go = (id: string) => join(CORPUS, 'osv', 'go', `${id}.json`);
const SUBSET = [
  go('GO-2020-0001'), // aliases CVE-2020-36567, GHSA-6vm3-jj99-7229
  go('GO-2020-0003'),
  go('GO-2022-0535'), // aliases CVE-2020-0601, which is in the KEV catalog
  join(CORPUS, 'osv', 'pypi', 'apache-skywalking', 'PYSEC-2020-342.yaml'), // CVSS:3.1 …/C:H/I:H/A:H → 9.8
  join(CORPUS, 'osv', 'pypi', 'werkzeug', 'PYSEC-2023-221.yaml'),
  join(CORPUS, 'cve5', '2023', '4xxx', 'CVE-2023-4762.json'), // in KEV, CISA-ADP CVSS 3.1 → 8.8
  join(CORPUS, 'kev', 'known_exploited_vulnerabilities.json'),
  join(CORPUS, 'epss', 'EPSS_CVE_data', 'CVE_2023_EPSS.csv'),
];

interface Detail {
  id: string;
  aliases: string[];
  summary: string;
  affected: Array<{ ecosystem: string; name: string; purl: string | null }>;
  severities: Array<{ vector: string; baseScore: number; version: string }>;
  kev: { cveId: string; dateAdded: string } | null;
  epss: { score: number; percentile: number } | null;
}

const parseDetails = (stdout: string) => JSON.parse(stdout) as Detail[];

describe.skipIf(!hasCorpus)('aicc import and aicc vuln show on a new data directory', () => {
  const tmp = tempDir('import');
  const data = join(tmp.dir, 'db');
  const kevCount = hasCorpus ? (JSON.parse(readFileSync(SUBSET[6]!, 'utf8')) as { vulnerabilities: unknown[] }).vulnerabilities.length : 0;
  const epssCount = hasCorpus ? readFileSync(SUBSET[7]!, 'utf8').split('\n').filter((l) => /^CVE-/.test(l)).length : 0;
  let first: Awaited<ReturnType<typeof aicc>>;

  beforeAll(async () => {
    // The CLI creates the database itself on first use: the one slow start in this suite.
    first = await aicc(['import', '--data', data, ...SUBSET]);
  });
  afterAll(() => tmp.remove());

  it('imports OSV JSON and YAML, CVE 5, KEV and EPSS and prints counts per format', () => {
    expect(first.code, show(first)).toBe(0);
    const t = summaryTable(first.stdout);
    expect(t.osv).toEqual({ imported: 5, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.cve5).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.kev).toEqual({ imported: kevCount, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.epss).toEqual({ imported: epssCount, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.total).toEqual({ imported: 6 + kevCount + epssCount, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.stdout).toMatch(new RegExp(`^${6 + kevCount + epssCount} records in \\d+\\.\\d s`, 'm'));
    expect(first.stderr).not.toMatch(/rejected documents/);
    expect(existsSync(join(data, 'aicc.lock')), 'the lock is released on exit').toBe(false);
  });

  it('reports everything unchanged when the same files are imported again', async () => {
    const again = await aicc(['import', '--data', data, ...SUBSET]);
    expect(again.code, show(again)).toBe(0);
    const t = summaryTable(again.stdout);
    expect(t.osv).toEqual({ imported: 0, updated: 0, unchanged: 5, rejected: 0 });
    expect(t.cve5).toEqual({ imported: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect(t.kev).toEqual({ imported: 0, updated: 0, unchanged: kevCount, rejected: 0 });
    expect(t.epss).toEqual({ imported: 0, updated: 0, unchanged: epssCount, rejected: 0 });
  });

  it('rejects a malformed and a schema-invalid file by name and location, imports the rest, exits 1', async () => {
    const dir = join(tmp.dir, 'mixed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'GO-2020-0004.json'), readFileSync(go('GO-2020-0004')));
    writeFileSync(join(dir, 'broken.json'), '{\n  "id": "GO-2099-0001",\n  "modified": \n}\n');
    // A real record with its range type removed: OSV's schema requires it.
    const invalid = JSON.parse(readFileSync(go('GO-2020-0005'), 'utf8')) as { affected: Array<{ ranges: Array<Record<string, unknown>> }> };
    delete invalid.affected[0]!.ranges[0]!.type;
    writeFileSync(join(dir, 'invalid.json'), JSON.stringify(invalid, null, 2));

    const r = await aicc(['import', '--data', data, dir]);
    expect(r.code, show(r)).toBe(1);
    expect(summaryTable(r.stdout).osv).toEqual({ imported: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(r.stderr).toMatch(/rejected documents \(2\)/);
    expect(r.stderr).toContain(`${join(dir, 'broken.json')}:line 4: invalid JSON`);
    expect(r.stderr).toContain(`${join(dir, 'invalid.json')}#/affected/0/ranges/0: must have required property 'type'`);

    const shown = await aicc(['vuln', 'show', '--data', data, '--json', 'GO-2020-0004', 'GO-2020-0005']);
    expect(shown.code, 'GO-2020-0005 was rejected whole').toBe(1);
    expect(parseDetails(shown.stdout).map((d) => d.id)).toEqual(['GO-2020-0004']);
    expect(shown.stderr).toContain("no vulnerability 'GO-2020-0005'");
  });

  it('imports the .json entries of an OSV zip export', async () => {
    const file = join(tmp.dir, 'Go-all.zip');
    writeFileSync(
      file,
      zipArchive([
        { name: 'GO-2020-0006.json', data: readFileSync(go('GO-2020-0006')) },
        { name: 'GO-2020-0007.json', data: readFileSync(go('GO-2020-0007')) },
        { name: 'README.txt', data: 'not data' },
      ]),
    );
    const r = await aicc(['import', '--data', data, file]);
    expect(r.code, show(r)).toBe(0);
    expect(summaryTable(r.stdout).osv).toEqual({ imported: 2, updated: 0, unchanged: 0, rejected: 0 });
  });

  // One process answers several ids: each CLI start costs seconds.
  let shown: Promise<Awaited<ReturnType<typeof aicc>>> | undefined;
  const showJson = () => (shown ??= aicc(['vuln', 'show', '--data', data, '--json', 'CVE-2023-4762', 'PYSEC-2020-342', 'GHSA-6vm3-jj99-7229', 'CVE-2020-0601']));

  it('vuln show --json gives the detail with computed CVSS scores, the KEV entry and EPSS', async () => {
    const r = await showJson();
    expect(r.code, show(r)).toBe(0);
    const [cve, pysec] = parseDetails(r.stdout);
    expect(cve).toMatchObject({ id: 'CVE-2023-4762', aliases: [], affected: [] });
    expect(cve!.summary).toMatch(/Type Confusion in V8/);
    expect(cve!.severities).toEqual([expect.objectContaining({ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', baseScore: 8.8 })]);
    expect(cve!.kev).toMatchObject({ cveId: 'CVE-2023-4762', dateAdded: '2024-02-06' });
    expect(cve!.epss).toMatchObject({ score: 0.37987, percentile: 0.98424 });

    expect(pysec).toMatchObject({ id: 'PYSEC-2020-342', aliases: ['CVE-2020-13921'], kev: null, epss: null });
    expect(pysec!.affected).toEqual([expect.objectContaining({ ecosystem: 'PyPI', name: 'apache-skywalking', purl: 'pkg:pypi/apache-skywalking' })]);
    expect(pysec!.severities).toEqual([expect.objectContaining({ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8 })]);
  });

  it('vuln show finds the records that carry an alias (GHSA, CVE) and links KEV through it', async () => {
    const r = await showJson();
    expect(r.code, show(r)).toBe(0);
    const [, , gin, x509] = parseDetails(r.stdout);
    expect(gin).toMatchObject({ id: 'GO-2020-0001' });
    expect(gin!.aliases).toEqual(expect.arrayContaining(['CVE-2020-36567', 'GHSA-6vm3-jj99-7229']));
    expect(gin!.affected).toEqual([expect.objectContaining({ ecosystem: 'Go', name: 'github.com/gin-gonic/gin' })]);
    expect(x509).toMatchObject({ id: 'GO-2022-0535', aliases: ['CVE-2020-0601'], kev: { cveId: 'CVE-2020-0601' } });
  });

  it('vuln show prints a readable text form; an unknown id exits 1 with a message on stderr', async () => {
    const r = await aicc(['vuln', 'show', '--data', data, 'PYSEC-2020-342', 'GO-1999-0000']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/^PYSEC-2020-342 {2}/);
    expect(r.stdout).toContain('CVSS 3.1 9.8 CRITICAL  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(r.stdout).toContain('affected: PyPI apache-skywalking (pkg:pypi/apache-skywalking)');
    expect(r.stderr).toContain("no vulnerability 'GO-1999-0000'");
  });
});
