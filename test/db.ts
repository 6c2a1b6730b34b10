import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { packageRoot } from '../src/config.js';
import { connect, type Connection } from '../src/store/connection.js';
import { migrate } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';

const CACHE = join(packageRoot(), '.test-cache');
// Keyed by the migrations' text, so a new or edited migration rebuilds it.
const migrationsKey = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 16);
const TEMPLATE = join(CACHE, `pglite-template-${migrationsKey}.tar.gz`);

/** Creating a PGlite database takes seconds; loading a migrated dump takes a fraction of one. */
export async function prepareTemplate(): Promise<void> {
  if (existsSync(TEMPLATE)) return;
  mkdirSync(CACHE, { recursive: true });
  const conn = await connect({ dataDir: 'memory://' });
  await migrate(conn);
  const dump = await conn.pglite!.dumpDataDir('gzip');
  await conn.close();
  const tmp = `${TEMPLATE}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, TEMPLATE);
}

/** The migrated template as a PGlite data-dir dump (`loadDataDir`). */
export async function templateDump() {
  await prepareTemplate();
  return readFileSync(TEMPLATE);
}

export type Backend = 'pglite' | 'postgres';

/** The backends a contract suite runs against: PGlite always, PostgreSQL when configured. */
export function backends(): Backend[] {
  return process.env.AICC_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated database. On PostgreSQL each test database is its own schema,
 * dropped on close, so suites can run side by side on one server.
 */
export async function testDatabase(backend: Backend = 'pglite'): Promise<Connection> {
  if (backend === 'pglite') {
    const conn = await connect({ dataDir: 'memory://', loadDataDir: new Blob([await templateDump()]) });
    await migrate(conn);
    return conn;
  }
  const url = process.env.AICC_TEST_DATABASE_URL;
  if (!url) throw new Error('AICC_TEST_DATABASE_URL is not set');
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const withPath = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const conn = await connect({ databaseUrl: withPath, poolSize: 4 });
  await migrate(conn);
  return {
    ...conn,
    close: async () => {
      await conn.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export const CORPUS = join(packageRoot(), '..', 'shared', 'corpus');
export const hasCorpus = existsSync(CORPUS);

/** Writes a note once per process when corpus-backed tests are skipped, so the skip is never silent. */
export function corpusSkipNote(what: string): void {
  if (!hasCorpus) process.stderr.write(`SKIPPED ${what}: ../shared/corpus is not present\n`);
}
