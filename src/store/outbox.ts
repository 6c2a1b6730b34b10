/**
 * The outbox: facts written in the transaction that makes them true (an advisory published, a KEV
 * addition, an EPSS rise, an asset's SBOM or context changed), read in id order by consumers that
 * each keep a cursor. A consumer advances its cursor in the transaction that acts on the fact, so
 * each fact takes effect once even if the process dies between two.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface OutboxRow {
  id: string;
  kind: string;
  subject: string;
  payload: unknown;
  created_at: string;
}

export async function addOutbox(tx: Kysely<Database>, row: { kind: string; subject: string; payload: unknown }): Promise<void> {
  await tx.insertInto('outbox').values({ kind: row.kind, subject: row.subject, payload: JSON.stringify(row.payload) }).execute();
}

export async function addOutboxMany(tx: Kysely<Database>, rows: ReadonlyArray<{ kind: string; subject: string; payload: unknown }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insertInto('outbox').values(rows.slice(i, i + 1000).map((r) => ({ kind: r.kind, subject: r.subject, payload: JSON.stringify(r.payload) }))).execute();
  }
}

/** The consumer's position; its row is created at 0 on first use. */
export async function outboxCursor(db: Kysely<Database>, consumer: string): Promise<string> {
  await db.insertInto('outbox_cursors').values({ consumer, last_id: '0' }).onConflict((oc) => oc.column('consumer').doNothing()).execute();
  const row = await db.selectFrom('outbox_cursors').select('last_id').where('consumer', '=', consumer).executeTakeFirstOrThrow();
  return row.last_id;
}

/** Whether a fact of these kinds waits past the consumer's cursor (a cheap look before a run sets up). */
export async function factsWaiting(db: Kysely<Database>, consumer: string, kinds: readonly string[]): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('id', '>', (eb) => eb.selectFrom('outbox_cursors').select('last_id').where('consumer', '=', consumer))
    .where('kind', 'in', [...kinds])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locks the consumer's cursor row for the caller's transaction and returns the next fact after it,
 * or null. A second process reading the same consumer waits here, then sees the advanced cursor.
 */
export async function nextOutbox(tx: Kysely<Database>, consumer: string, kinds: readonly string[]): Promise<OutboxRow | null> {
  const cursor = await tx.selectFrom('outbox_cursors').select('last_id').where('consumer', '=', consumer).forUpdate().executeTakeFirst();
  if (!cursor) return null;
  const row = await tx
    .selectFrom('outbox')
    .select(['id', 'kind', 'subject', 'payload', 'created_at'])
    .where('id', '>', cursor.last_id)
    .where('kind', 'in', [...kinds])
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function advanceOutbox(tx: Kysely<Database>, consumer: string, id: string): Promise<void> {
  await tx.updateTable('outbox_cursors').set({ last_id: sql`greatest(last_id, ${id}::bigint)` }).where('consumer', '=', consumer).execute();
}
