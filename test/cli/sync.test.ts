import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { aicc, closedPort, seedDataDir, show, storeCounts, summaryTable, tempDir, zipArchive } from './helpers.js';

corpusSkipNote('aicc sync CLI tests');

const GO_IDS = ['GO-2020-0001', 'GO-2020-0003', 'GO-2022-0535'];

/** The three feeds as their publishers serve them, from real data, on a loopback port. */
function feeds(): { osvZip: Buffer; kev: Buffer; kevCount: number; epssGz: Buffer; epssCount: number } {
  const osvZip = zipArchive(GO_IDS.map((id) => ({ name: `${id}.json`, data: readFileSync(join(CORPUS, 'osv', 'go', `${id}.json`)) })));
  const kev = readFileSync(join(CORPUS, 'kev', 'known_exploited_vulnerabilities.json'));
  const kevCount = (JSON.parse(kev.toString('utf8')) as { vulnerabilities: unknown[] }).vulnerabilities.length;
  // FIRST's daily file: a comment line, a header, then `cve,epss,percentile` rows.
  const rows = readFileSync(join(CORPUS, 'epss', 'EPSS_CVE_data', 'CVE_2020_EPSS.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('CVE-'))
    .filter((l, i) => i < 300 || l.startsWith('CVE-2020-0601;'))
    .map((l) => l.replaceAll(';', ','));
  const csv = ['#model_version:v2025.03.14,score_date:2025-08-25T00:00:00+0000', 'cve,epss,percentile', ...rows, ''].join('\n');
  return { osvZip, kev, kevCount, epssGz: gzipSync(csv), epssCount: rows.length };
}

describe.skipIf(!hasCorpus)('aicc sync against feeds on a loopback server', () => {
  const tmp = tempDir('sync');
  const data = join(tmp.dir, 'db');
  const requests: string[] = [];
  const feed = hasCorpus ? feeds() : null;
  let server: Server;
  let base = '';
  let env: Record<string, string> = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/broken/kev.json') {
        // Promises the whole catalog, sends a little, then drops the connection.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': feed!.kev.length });
        res.write(feed!.kev.subarray(0, 4096), () => res.destroy());
        return;
      }
      const body = path === '/osv/Go/all.zip' ? feed!.osvZip
        : path === '/kev.json' ? feed!.kev
        : path.endsWith('/epss_scores-current.csv.gz') ? feed!.epssGz
        : null;
      if (!body) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = path.endsWith('.zip') ? 'application/zip' : path.endsWith('.gz') ? 'application/gzip' : 'application/json';
      // Some storage services serve a .gz object with Content-Encoding: gzip, which fetch inflates on the way.
      const encoding: Record<string, string> = path.startsWith('/transcoded/') ? { 'content-encoding': 'gzip' } : {};
      res.writeHead(200, { 'content-type': type, 'content-length': body.length, ...encoding }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = {
      AICC_OSV_URL: `${base}/osv/{ecosystem}/all.zip`,
      AICC_KEV_URL: `${base}/kev.json`,
      AICC_EPSS_URL: `${base}/epss_scores-current.csv.gz`,
    };
    await seedDataDir(data);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    tmp.remove();
  });

  it('sync osv --ecosystem Go downloads that ecosystem\'s zip export and imports its records', async () => {
    const r = await aicc(['sync', 'osv', '--ecosystem', 'Go', '--data', data], { env });
    expect(r.code, show(r)).toBe(0);
    expect(requests).toEqual(['/osv/Go/all.zip']);
    expect(summaryTable(r.stdout).osv).toEqual({ imported: 3, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('sync kev imports the catalog', async () => {
    const r = await aicc(['sync', 'kev', '--data', data], { env });
    expect(r.code, show(r)).toBe(0);
    expect(summaryTable(r.stdout).kev).toEqual({ imported: feed!.kevCount, updated: 0, unchanged: 0, rejected: 0 });
  });

  it('sync epss inflates FIRST\'s gzipped CSV and imports the scores with their date', async () => {
    const r = await aicc(['sync', 'epss', '--data', data], { env });
    expect(r.code, show(r)).toBe(0);
    expect(summaryTable(r.stdout).epss).toEqual({ imported: feed!.epssCount, updated: 0, unchanged: 0, rejected: 0 });

    const shown = await aicc(['vuln', 'show', '--data', data, '--json', 'CVE-2020-0601']);
    expect(shown.code, show(shown)).toBe(0);
    const [v] = JSON.parse(shown.stdout) as Array<{ id: string; kev: { cveId: string } | null; epss: { score: number; percentile: number; date: string | null } | null }>;
    expect(v).toMatchObject({ id: 'GO-2022-0535', kev: { cveId: 'CVE-2020-0601' } });
    const row = readFileSync(join(CORPUS, 'epss', 'EPSS_CVE_data', 'CVE_2020_EPSS.csv'), 'utf8').split('\n').find((l) => l.startsWith('CVE-2020-0601;'))!.split(';');
    expect(v!.epss).toMatchObject({ score: Number(row[1]), percentile: Number(row[2]) });
    expect(v!.epss!.date).toMatch(/^2025-08-25/);
  });

  it('sync epss recognizes gzip by content: behind a query string, or already inflated by Content-Encoding', async () => {
    for (const url of [`${base}/signed/epss_scores-current.csv.gz?X-Signature=abc`, `${base}/transcoded/epss_scores-current.csv.gz`]) {
      const r = await aicc(['sync', 'epss', '--data', data], { env: { ...env, AICC_EPSS_URL: url } });
      expect(r.code, `${url}\n${show(r)}`).toBe(0);
      expect(summaryTable(r.stdout).epss).toEqual({ imported: 0, updated: 0, unchanged: feed!.epssCount, rejected: 0 });
    }
  });

  // The failures below must leave the store as the successful syncs left it.
  let before: Promise<Record<string, number>> | undefined;
  const stored = () => (before ??= storeCounts(data));

  it('a feed that answers 404 fails with a clear message, exit 1, and stores nothing', async () => {
    const expected = await stored();
    const r = await aicc(['sync', 'osv', '--ecosystem', 'PyPI', '--data', data], { env: { ...env, AICC_OSV_URL: `${base}/missing/{ecosystem}/all.zip` } });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`${base}/missing/PyPI/all.zip answered 404`);
    expect(r.stdout).toBe('');
    expect(await storeCounts(data)).toEqual(expected);
  });

  it('a feed on a closed port fails as unreachable, exit 1, and stores nothing', async () => {
    const expected = await stored();
    const port = await closedPort();
    const r = await aicc(['sync', 'kev', '--data', data], { env: { ...env, AICC_KEV_URL: `http://127.0.0.1:${port}/kev.json` }, timeoutMs: 30_000 });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`cannot reach http://127.0.0.1:${port}/kev.json: connect ECONNREFUSED`);
    expect(r.stderr).toContain('AICC_KEV_URL');
    expect(r.stdout).toBe('');
    expect(await storeCounts(data)).toEqual(expected);
  });

  it('a download that breaks off fails as a network error, exit 1, and stores nothing', async () => {
    const expected = await stored();
    const r = await aicc(['sync', 'kev', '--data', data], { env: { ...env, AICC_KEV_URL: `${base}/broken/kev.json` }, timeoutMs: 30_000 });
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`the download of ${base}/broken/kev.json broke off`);
    expect(r.stdout).toBe('');
    expect(await storeCounts(data)).toEqual(expected);
  });
});
