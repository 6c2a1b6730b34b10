import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { contextFor, type AppContext } from '../src/app/context.js';
import { DetailCache } from '../src/app/detail-cache.js';
import { seedDemo } from '../src/app/demo.js';
import { SYSTEM } from '../src/app/identity.js';
import { importPaths } from '../src/app/knowledge.js';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/http/server.js';
import { CORPUS, testDatabase, type Backend } from '../test/db.js';

const run = promisify(execFile);

export interface LoadRow {
  backend: Backend;
  what: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

// The bench runs compiled (npm run bench); run from source, the client needs tsx too.
const fromSource = import.meta.url.endsWith('.ts');
const CLIENT = join(import.meta.dirname, `load-client.${fromSource ? 'ts' : 'js'}`);

async function cannon(url: string, paths: string[], seconds: number, connections: number, rate?: number) {
  const args = [url, JSON.stringify(paths), String(seconds), String(connections), ...(rate ? [String(rate)] : [])];
  const { stdout } = await run(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), CLIENT, ...args], {
    maxBuffer: 1 << 20,
    timeout: (Math.max(seconds, 60) + 30) * 1000,
  });
  return JSON.parse(stdout) as { requests: number; rps: number; p50: number; p99: number; non2xx: number; errors: number; timeouts: number };
}

/** The knowledge base under load on loopback: detail (cached and not) and search. Bounded in time. */
export async function benchLoad(backend: Backend, seconds: number): Promise<LoadRow[]> {
  const conn = await testDatabase(backend);
  const config = loadConfig({ AICC_LOG_LEVEL: 'silent' });
  let ctx: AppContext = contextFor(conn, config, pino({ level: 'silent' }));
  await seedDemo(ctx);
  await importPaths(ctx, SYSTEM, ['osv/go', 'osv/crates.io', 'osv/pypi', 'kev/known_exploited_vulnerabilities.json', 'epss/EPSS_CVE_data', 'cve5'].map((p) => join(CORPUS, p)));
  const ids = (await conn.db.selectFrom('vulnerabilities').select('id').orderBy('id').execute()).map((r) => r.id);
  const detailPaths = ids.filter((_, i) => i % 7 === 0).map((id) => `/api/v1/vulnerabilities/${encodeURIComponent(id)}`);
  const searchPaths = ['log4j', 'django', 'tokio', 'http2', 'openssl', 'yaml', 'crypto', 'overflow'].flatMap((q) => [
    `/api/v1/vulnerabilities?q=${q}&limit=20`,
    `/api/v1/vulnerabilities?q=${q}&kev=true&limit=20`,
  ]);
  const rows: LoadRow[] = [];
  const variants: Array<[string, string[], DetailCache, number | undefined]> = [
    ['detail, max rate', detailPaths, new DetailCache(), undefined],
    ['detail at 5,000 req/s', detailPaths, new DetailCache(), 5000],
    ['detail, no cache, max rate', detailPaths, new DetailCache(0), undefined],
    ['search, max rate', searchPaths, new DetailCache(), undefined],
  ];
  try {
    for (const [what, paths, cache, rate] of variants) {
      ctx = { ...ctx, details: cache };
      const app = await buildServer(ctx, { logger: false });
      const url = await app.listen({ port: 0, host: '127.0.0.1' });
      try {
        await cannon(url, paths, 0, 10); // warm-up: every path once
        const r = await cannon(url, paths, seconds, 50, rate);
        rows.push({ backend, what, requests: r.requests, rps: r.rps, p50: r.p50, p99: r.p99, failures: r.non2xx + r.errors + r.timeouts });
        process.stderr.write(`  ${backend} ${what}: ${Math.round(r.rps)} req/s, p99 ${r.p99} ms\n`);
      } finally {
        await app.close();
      }
    }
  } finally {
    await conn.close();
  }
  return rows;
}
