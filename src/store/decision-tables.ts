import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type DecisionTableRow = Selectable<Database['decision_tables']>;

export async function putDecisionTable(db: Kysely<Database>, row: { id: string; name: string; document: string; loaded_by: string }): Promise<void> {
  await db
    .insertInto('decision_tables')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, document: row.document, loaded_by: row.loaded_by, loaded_at: new Date() }))
    .execute();
}

export function getDecisionTable(db: Kysely<Database>, id: string): Promise<DecisionTableRow | undefined> {
  return db.selectFrom('decision_tables').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDecisionTables(db: Kysely<Database>): Promise<Pick<DecisionTableRow, 'id' | 'name' | 'loaded_by' | 'loaded_at'>[]> {
  return db.selectFrom('decision_tables').select(['id', 'name', 'loaded_by', 'loaded_at']).orderBy('id').execute();
}
