import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export interface StoreOptions {
  /** postgres://… — when set, a PostgreSQL server; otherwise embedded PGlite */
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for a throwaway database */
  dataDir?: string | undefined;
  /** a PGlite data-dir dump (from dumpDataDir) to start from, for fast test databases */
  loadDataDir?: Blob | undefined;
  poolSize?: number | undefined;
}

export interface Connection {
  db: Kysely<Database>;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** the embedded instance, for dumps; absent on PostgreSQL */
  pglite?: PGlite;
  /** bulk rows by COPY on PGlite's one session, inside whatever transaction is open there */
  copyIn?: CopyIn;
  close(): Promise<void>;
}

/** `text` is COPY's text format: a line per row, tab-separated fields (each through copyField), `\N` for null. */
export type CopyIn = (table: string, columns: readonly string[], text: string) => Promise<void>;

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** A field in COPY's text format: backslash escapes for the separators and the backslash itself. */
export const copyField = (v: string): string => (COPY_SPECIAL.test(v) ? v.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : v);

// Both backends: bigint counts come back as numbers, timestamps as ISO text (no Date churn).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, isoTimestamp);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

/** "2024-01-15 00:00:00+00" → "2024-01-15T00:00:00.000Z"; anything unparseable (infinity) as given. */
function isoTimestamp(text: string): string {
  const d = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
}

/** One code path for embedded and server PostgreSQL: pg.Pool + Kysely over either. */
export async function connect(options: StoreOptions): Promise<Connection> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined); // idle client errors surface on the next query instead
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir ?? 'memory://',
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  // PGlite is a single connection; the adapter serializes on it, so a pool of one.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    pglite,
    copyIn: async (table, columns, text) => {
      await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
