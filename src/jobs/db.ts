import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import type { Database } from '../store/schema.js';

type Rows = { rows: unknown[] };

/** An error the server answered with (SQLSTATE and severity): the connection itself is fine. */
function answeredByServer(err: unknown): boolean {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && 'severity' in err;
}

/**
 * pg-boss's SQL on our pool, for both backends. Not `pool.query`: on an SQL error pg.Pool destroys
 * the client, and on PGlite every client wraps the one shared connection, so the next client finds it
 * ended ("Connection terminated unexpectedly") and later queries get each other's answers (db.test.ts
 * shows both). Here a client is checked out; after an SQL error whatever transaction pg-boss's
 * multi-statement plans (BEGIN; …; COMMIT) left open is rolled back and the client goes back whole.
 * Only a broken connection is released as broken.
 */
export function poolDb(pool: pg.Pool): PgBoss.Db & { idle(): Promise<void> } {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const run = async (text: string, values?: unknown[]): Promise<Rows> => {
    const client = await pool.connect();
    let result: Rows;
    try {
      result = await client.query(text, values);
    } catch (err) {
      if (!answeredByServer(err)) {
        client.release(err instanceof Error ? err : new Error(String(err)));
        throw err;
      }
      await client.query('ROLLBACK').then(
        () => client.release(),
        (rollback: unknown) => client.release(rollback instanceof Error ? rollback : new Error(String(rollback))),
      );
      throw err;
    }
    client.release();
    return result;
  };
  return {
    async executeSql(text: string, values?: unknown[]): Promise<Rows> {
      inFlight += 1;
      try {
        return await run(text, values);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) waiting.splice(0).forEach((resolve) => resolve());
      }
    },
    /**
     * Resolves when no query is running: a stopped worker's last poll may still be, and the pool must outlive it.
     * What a finished query's caller sends next in the same turn (a poll that returned a job, then the job's
     * `fail`) counts too: idle waits a macrotask after the last query before it answers.
     */
    async idle(): Promise<void> {
      for (;;) {
        if (inFlight > 0) await new Promise<void>((resolve) => waiting.push(resolve));
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (inFlight === 0) return;
      }
    },
  };
}

/**
 * pg-boss's SQL inside one of our Kysely transactions (its `db` option), so a job is committed with the
 * row it is about. On PGlite it is also the only way: the transaction holds the one connection.
 */
export function transactionDb(tx: Kysely<Database>): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<Rows> {
      const result = await tx.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}
