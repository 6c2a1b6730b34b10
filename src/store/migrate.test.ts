import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, testDatabase } from '../../test/db.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe.each(backends())('migrations on %s', (backend) => {
  it('are safe to re-run', async () => {
    const conn = await testDatabase(backend);
    try {
      const again = await migrate(conn);
      expect(again.applied).toEqual([]);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(conn.db);
      expect(rows[0]?.n).toBe(MIGRATIONS.length);
    } finally {
      await conn.close();
    }
  });

  it('refuse a database newer than the code', async () => {
    const conn = await testDatabase(backend);
    try {
      await conn.db.insertInto('schema_migrations').values({ version: 999, name: 'from the future' }).execute();
      await expect(migrate(conn)).rejects.toMatchObject({ code: 'DATABASE_TOO_NEW' });
    } finally {
      await conn.close();
    }
  });

  it('keep the audit log append-only', async () => {
    const conn = await testDatabase(backend);
    try {
      await sql`INSERT INTO audit_log VALUES (1, now(), 'a', 'b', 'c', '{}', '', 'h')`.execute(conn.db);
      await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(conn.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(conn.db)).rejects.toThrow(/append-only/);
    } finally {
      await conn.close();
    }
  });
});
