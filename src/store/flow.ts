import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type LimitsRow = Selectable<Database['org_limits']>;

export function getLimits(db: Kysely<Database>, orgId: string): Promise<LimitsRow | undefined> {
  return db.selectFrom('org_limits').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function putLimits(
  db: Kysely<Database>,
  row: { org_id: string; submissions_per_hour: number | null; findings_per_day: number | null; cases_per_week: number | null; updated_by: string },
): Promise<LimitsRow> {
  return db
    .insertInto('org_limits')
    .values(row)
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...row, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An organization's submissions and findings since a moment, with the oldest submission in the window. */
export async function intakeSince(db: Kysely<Database>, orgId: string, since: Date): Promise<{ submissions: number; findings: number; oldest: string | null }> {
  const row = await db
    .selectFrom('submissions')
    .select((eb) => [eb.fn.countAll<number>().as('submissions'), eb.fn.coalesce(eb.fn.sum<number>('findings'), sql<number>`0`).as('findings'), eb.fn.min('received_at').as('oldest')])
    .where('org_id', '=', orgId)
    .where('received_at', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return { submissions: Number(row.submissions), findings: Number(row.findings), oldest: row.oldest };
}
