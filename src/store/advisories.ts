import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type AdvisoryRow = Selectable<Database['advisories']>;
export type AdvisoryStatus = AdvisoryRow['status'];

export async function insertAdvisory(
  db: Kysely<Database>,
  row: { id: string; caseId: string; tlp: string; document: unknown; publishAt: Date | null; by: string; status?: 'draft' | 'ready' },
): Promise<AdvisoryRow> {
  return db
    .insertInto('advisories')
    // updated_at at millisecond precision, as timestamps are read back (the edit guard compares it)
    .values({ id: row.id, case_id: row.caseId, status: row.status ?? 'draft', tlp: row.tlp, document: JSON.stringify(row.document), publish_at: row.publishAt, created_by: row.by, updated_by: row.by, updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getAdvisory(db: Kysely<Database>, id: string): Promise<AdvisoryRow | undefined> {
  return db.selectFrom('advisories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function advisoryOfCase(db: Kysely<Database>, caseId: string): Promise<AdvisoryRow | undefined> {
  return db.selectFrom('advisories').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export function listAdvisories(db: Kysely<Database>, filter: { status?: AdvisoryStatus } = {}): Promise<AdvisoryRow[]> {
  let q = db.selectFrom('advisories').selectAll().orderBy('id');
  if (filter.status) q = q.where('status', '=', filter.status);
  return q.execute();
}

/**
 * Optimistic concurrency: the change lands only when the row is still at `expectedUpdatedAt`
 * (the value the editor read); undefined means someone else saved in between. Timestamps are
 * read back at millisecond precision, so updated_at is kept at milliseconds and every save moves
 * it at least one millisecond on: two saves in one clock tick still differ.
 */
export async function updateAdvisory(
  db: Kysely<Database>,
  id: string,
  expectedUpdatedAt: string,
  change: { document?: unknown; tlp?: string; publishAt?: Date | null; status?: AdvisoryStatus; by: string },
): Promise<AdvisoryRow | undefined> {
  const expected = new Date(expectedUpdatedAt);
  if (Number.isNaN(expected.getTime())) return undefined;
  return db
    .updateTable('advisories')
    .set((eb) => ({
      ...(change.document === undefined ? {} : { document: JSON.stringify(change.document) }),
      ...(change.tlp === undefined ? {} : { tlp: change.tlp }),
      ...(change.publishAt === undefined ? {} : { publish_at: change.publishAt }),
      ...(change.status === undefined ? {} : { status: change.status }),
      updated_by: change.by,
      updated_at: sql<Date>`greatest(date_trunc('milliseconds', clock_timestamp()), ${eb.ref('updated_at')} + interval '1 millisecond')`,
    }))
    .where('id', '=', id)
    .where('updated_at', '=', expected.toISOString())
    .returningAll()
    .executeTakeFirst();
}

/**
 * The advisory kinds on the case's timeline (case_events). store/disclosure.ts's event helper has a
 * closed list of disclosure kinds; these belong to the advisory.
 */
