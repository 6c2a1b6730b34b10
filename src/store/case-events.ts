import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type CaseEventRow = Selectable<Database['case_events']>;

export type CaseEventKind = 'verdict' | 'triage' | 'merge' | 'split' | 'reproduction' | 'reply' | 'release';

/** One entry on a case's timeline, in the caller's transaction. */
export async function addCaseEvent(
  db: Kysely<Database>,
  event: { caseId: string; actor: string; orgId: string | null; kind: CaseEventKind; details: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('case_events')
    .values({ case_id: event.caseId, actor: event.actor, org_id: event.orgId, kind: event.kind, details: JSON.stringify(event.details) })
    .execute();
  await db.updateTable('cases').set({ updated_at: new Date() }).where('id', '=', event.caseId).execute();
}

export function caseEvents(db: Kysely<Database>, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
