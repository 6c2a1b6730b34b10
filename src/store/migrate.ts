import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Connection } from './connection.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export interface MigrationReport {
  applied: number[];
  current: number;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so two
 * processes starting together on one PostgreSQL do not race. Refuses a database whose
 * schema is newer than this code.
 */
export async function migrate(conn: Connection, migrations: readonly Migration[] = MIGRATIONS): Promise<MigrationReport> {
  const { db } = conn;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const applied: number[] = [];
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(7274301)`.execute(tx);
    const rows = await tx.selectFrom('schema_migrations').select('version').execute();
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > latest) {
      throw new AppError(
        'DATABASE_TOO_NEW',
        `the database schema is at version ${newest} but this aicc knows only up to ${latest}; upgrade aicc before using this database`,
      );
    }
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      await sql.raw(m.sql).execute(tx);
      await tx.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute();
      applied.push(m.version);
    }
  });
  return { applied, current: latest };
}
