import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, corpusSkipNote, hasCorpus } from '../db.js';
import { aicc, aiccServe, closedPort, seedDataDir, show, summaryTable, tempDir, zipArchive, type Serving } from './helpers.js';

corpusSkipNote('aicc serve / aicc import --server CLI tests');

const go = (id: string) => join(CORPUS, 'osv', 'go', `${id}.json`);

describe.skipIf(!hasCorpus)('while aicc serve holds the data directory', () => {
  const tmp = tempDir('server');
  const data = join(tmp.dir, 'db');
  let server: Serving | undefined;
  let token = '';

  // While the server runs, the cases below are independent of one another and run side by side.
  beforeAll(async () => {
    await seedDataDir(data);
    const org = await aicc(['org', 'create', '--data', data, '--slug', 'clearinghouse', '--name', 'Clearinghouse', '--roles', 'operator']);
    expect(org.code, show(org)).toBe(0);
    const created = await aicc(['token', 'create', '--data', data, '--org', 'clearinghouse', '--name', 'importer', '--scopes', 'import,vulns:read']);
    expect(created.code, show(created)).toBe(0);
    token = (JSON.parse(created.stdout) as { token: string }).token;
    server = await aiccServe(['--data', data, '--port', '0']);
  });
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });

  it.concurrent('a local import refuses the directory, naming the holder and suggesting --server', async ({ expect }) => {
    const r = await aicc(['import', '--data', data, go('GO-2020-0008')]);
    expect(r.code, show(r)).not.toBe(0);
    expect(r.stderr).toContain(`in use by process ${server!.pid} (aicc serve)`);
    expect(r.stderr).toContain('--server');
    expect(r.stdout).toBe('');
  });

  it.concurrent('import --server sends files, YAML, CSV, a zip and a directory to the server and sums the answers', async ({ expect }) => {
    const zip = join(tmp.dir, 'export.zip');
    writeFileSync(zip, zipArchive([{ name: 'GO-2020-0009.json', data: readFileSync(go('GO-2020-0009')) }]));
    const dir = join(tmp.dir, 'dir');
    mkdirSync(dir);
    writeFileSync(join(dir, 'GO-2020-0010.json'), readFileSync(go('GO-2020-0010')));
    writeFileSync(join(dir, 'README.md'), 'not data');
    const epss = join(CORPUS, 'epss', 'EPSS_CVE_data', 'CVE_1999_EPSS.csv');
    const epssRows = readFileSync(epss, 'utf8').split('\n').filter((l) => l.startsWith('CVE-')).length;

    const r = await aicc([
      'import', '--server', server!.url, '--token', token,
      go('GO-2020-0008'), join(CORPUS, 'osv', 'pypi', 'werkzeug', 'PYSEC-2023-221.yaml'), epss, zip, dir,
    ]);
    expect(r.code, show(r)).toBe(0);
    const t = summaryTable(r.stdout);
    expect(t.osv).toEqual({ imported: 4, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.epss).toEqual({ imported: epssRows, updated: 0, unchanged: 0, rejected: 0 });
    expect(t.total).toEqual({ imported: 4 + epssRows, updated: 0, unchanged: 0, rejected: 0 });
  });

  it.concurrent('import --server reports a document the server rejects, with its file and location, and exits 1', async ({ expect }) => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{\n  "id": "GO-2099-0002",\n  "modified": ,\n}');
    const r = await aicc(['import', '--server', server!.url, '--token', token, bad]);
    expect(r.code, show(r)).toBe(1);
    expect(summaryTable(r.stdout).total).toEqual({ imported: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(r.stderr).toMatch(new RegExp(`${bad}:line 3: invalid JSON`));
  });

  it.concurrent('import --server with a bad token stops with the server\'s refusal', async ({ expect }) => {
    const r = await aicc(['import', '--server', server!.url, '--token', 'aicc_not-a-real-token', go('GO-2020-0012'), go('GO-2020-0013')]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toMatch(/refused the import: invalid, expired or revoked API token/);
    expect(r.stdout).toBe('');
  });

  it.concurrent('import --server to a port where nothing listens says it cannot reach the server', async ({ expect }) => {
    const port = await closedPort();
    const r = await aicc(['import', '--server', `http://127.0.0.1:${port}`, '--token', token, go('GO-2020-0012')]);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain(`cannot reach the AICC server at http://127.0.0.1:${port}: connect ECONNREFUSED`);
  });

  it('the stopped server releases the directory, which holds what was imported over HTTP', async () => {
    expect(await server!.stop()).toBe(0);
    expect(existsSync(join(data, 'aicc.lock'))).toBe(false);
    const r = await aicc(['vuln', 'show', '--data', data, '--json', 'GO-2020-0008', 'GO-2020-0009', 'GO-2020-0010', 'PYSEC-2023-221', 'GO-2020-0012']);
    expect(r.code, show(r)).toBe(1);
    expect((JSON.parse(r.stdout) as Array<{ id: string }>).map((v) => v.id)).toEqual(['GO-2020-0008', 'GO-2020-0009', 'GO-2020-0010', 'PYSEC-2023-221']);
    expect(r.stderr).toContain("no vulnerability 'GO-2020-0012'");
  });
});
