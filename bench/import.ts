import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { contextFor } from '../src/app/context.js';
import { SYSTEM } from '../src/app/identity.js';
import { importPaths, type ImportSummary } from '../src/app/knowledge.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/store/connection.js';
import { migrate } from '../src/store/migrate.js';
import { CORPUS, testDatabase, type Backend } from '../test/db.js';
import { rate, timed } from './machine.js';

export interface ImportRow {
  backend: Backend;
  what: string;
  records: number;
  rejected: number;
  ms: number;
}

const OSV_ALL = ['osv/go', 'osv/crates.io', 'osv/pypi'];

const SETS: Array<[string, string[]]> = [
  ['OSV Go + crates.io + PyPI', OSV_ALL],
  ['KEV catalog', ['kev/known_exploited_vulnerabilities.json']],
  ['EPSS scores', ['epss/EPSS_CVE_data']],
  ['CVE 5 (CISA ADP)', ['cve5']],
  ['OSV re-import (unchanged)', OSV_ALL],
];

const written = (s: ImportSummary) => s.imported + s.updated + s.unchanged;

/**
 * Imports the whole corpus into a fresh database of each backend, timing each set as one
 * `aicc import` would run: PGlite in a file-backed data directory, as `aicc` uses it.
 */
export async function benchImport(backend: Backend): Promise<ImportRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aicc-bench-'));
  const conn = backend === 'pglite' ? await connect({ dataDir: dir }) : await testDatabase(backend);
  await migrate(conn);
  const ctx = contextFor(conn, loadConfig({ AICC_LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
  const rows: ImportRow[] = [];
  try {
    for (const [what, rel] of SETS) {
      const { value, ms } = await timed(() => importPaths(ctx, SYSTEM, rel.map((r) => join(CORPUS, r))));
      rows.push({ backend, what, records: written(value), rejected: value.rejected, ms });
      process.stderr.write(`  ${backend} ${what}: ${written(value)} in ${(ms / 1000).toFixed(2)} s (${rate(written(value), ms)}), rejected ${value.rejected}\n`);
    }
  } finally {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
