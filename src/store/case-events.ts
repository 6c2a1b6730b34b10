import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type CaseEventRow = Selectable<Database['case_events']>;

export type CaseEventKind =
  | 'verdict' | 'triage' | 'merge' | 'split' | 'reproduction' | 'reply' | 'release'
  | 'participant' | 'message' | 'vendor-status' | 'acknowledge' | 'reminder' | 'escalation' | 'embargo' | 'exploited' | 'identifier' | 'cve'
  | 'advisory-draft' | 'advisory-edit' | 'advisory-ready' | 'advisory-reopen' | 'advisory-published' | 'advisory-publish-failed';

/** One entry on a case's timeline, in the caller's transaction; `at` for entries dated by an injected clock. */
export async function addCaseEvent(
  db: Kysely<Database>,
  event: { caseId: string; actor: string; orgId: string | null; kind: CaseEventKind; details: Record<string, unknown>; at?: Date },
): Promise<void> {
  await db
    .insertInto('case_events')
    .values({ case_id: event.caseId, actor: event.actor, org_id: event.orgId, kind: event.kind, details: JSON.stringify(event.details), ...(event.at ? { at: event.at } : {}) })
    .execute();
  await db.updateTable('cases').set({ updated_at: event.at ?? new Date() }).where('id', '=', event.caseId).execute();
}

export function caseEvents(db: Kysely<Database>, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}
