import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type CaseRow = Selectable<Database['cases']>;
export type TriageRow = Selectable<Database['case_triage']>;

/** Open for analysts: not yet decided, or answered by its reporter after a question. */
export const OPEN_STATUSES = ['new', 'needs-info'] as const;

/** A case summed up for the queue: its findings, reporters, worst severity, triage and last reproduction. */
export interface CaseSummaryRow {
  id: string;
  title: string;
  status: string;
  created_at: string;
  updated_at: string;
  findings: number;
  reporters: string[];
  first_seen: string;
  /** 0 none … 4 critical */
  severity: number;
  outcome: string | null;
  reproduction: string | null;
}

const SEVERITY_RANK = sql<number>`max(CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)`;

/**
 * Case summaries, filtered by status and/or to the cases holding a reporter's findings. One
 * grouped query: the queue is ranked in the application from these few numbers per case.
 */
export async function caseSummaries(db: Kysely<Database>, filter: { statuses?: readonly string[]; ids?: readonly string[]; reporterOrgId?: string }): Promise<CaseSummaryRow[]> {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('findings as f', 'f.case_id', 'c.id')
    .leftJoin('case_triage as t', 't.case_id', 'c.id')
    .select([
      'c.id', 'c.title', 'c.status', 'c.created_at', 'c.updated_at', 't.outcome',
      sql<number>`count(f.id)::int`.as('findings'),
      sql<string[]>`array_agg(DISTINCT f.org_id::text)`.as('reporters'),
      sql<string>`min(f.received_at)`.as('first_seen'),
      SEVERITY_RANK.as('severity'),
      sql<string | null>`(SELECT r.verdict FROM reproductions r WHERE r.case_id = c.id AND r.verdict IS NOT NULL ORDER BY r.finished_at DESC LIMIT 1)`.as('reproduction'),
    ])
    .groupBy(['c.id', 't.outcome']);
  if (filter.statuses) q = q.where('c.status', 'in', [...filter.statuses]);
  if (filter.ids) q = q.where('c.id', 'in', filter.ids.length ? [...filter.ids] : ['']);
  if (filter.reporterOrgId) {
    const org = filter.reporterOrgId;
    q = q.where((eb) => eb.exists(eb.selectFrom('findings as mine').select('mine.id').whereRef('mine.case_id', '=', 'c.id').where('mine.org_id', '=', org)));
  }
  const rows = await q.execute();
  // timestamps from an aggregate come back as text in the server's format on some drivers
  return rows.map((r) => ({ ...r, first_seen: new Date(r.first_seen).toISOString(), severity: Number(r.severity) }));
}

export function getCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The case's policy on TLP:AMBER pre-notices to subscribers (app/pre-notices.ts). */
export async function setPreNotify(tx: Kysely<Database>, id: string, allowed: boolean): Promise<void> {
  await tx.updateTable('cases').set({ pre_notify: allowed }).where('id', '=', id).execute();
}

/** Locks the case row for the rest of the transaction: verdicts, merges and splits on one case queue up. */
export function lockCase(db: Kysely<Database>, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function caseFindings(db: Kysely<Database>, caseId: string, orgId?: string) {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select(['f.id', 'f.seq', 'f.submission_id', 'f.org_id', 'o.slug as org_slug', 'o.name as org_name', 'f.external_id', 'f.dedup_reason', 'f.dedup_score', 'f.dedup_explanation', 'f.title', 'f.severity', 'f.record', 'f.received_at'])
    .where('f.case_id', '=', caseId)
    .orderBy('f.seq');
  if (orgId) q = q.where('f.org_id', '=', orgId);
  return q.execute();
}

export type CaseFindingRow = Awaited<ReturnType<typeof caseFindings>>[number];

export async function setVerdict(
  db: Kysely<Database>,
  id: string,
  v: { status: string; reason: string | null; by: string | null; duplicateOf: string | null },
): Promise<void> {
  await db
    .updateTable('cases')
    .set({ status: v.status, verdict_reason: v.reason, verdict_by: v.by, verdict_at: v.by ? new Date() : null, duplicate_of: v.duplicateOf, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function moveFindings(db: Kysely<Database>, from: string, to: string, findingIds?: readonly string[]): Promise<number> {
  let q = db.updateTable('findings').set({ case_id: to }).where('case_id', '=', from);
  if (findingIds) q = q.where('id', 'in', [...findingIds]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertCase(db: Kysely<Database>, id: string, title: string): Promise<void> {
  await db.insertInto('cases').values({ id, title }).execute();
}

export function getTriage(db: Kysely<Database>, caseId: string): Promise<TriageRow | undefined> {
  return db.selectFrom('case_triage').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function putTriage(db: Kysely<Database>, row: { case_id: string; table_id: string; inputs: Record<string, string>; indicators: unknown; outcome: string; decided_by: string }): Promise<void> {
  const values = { ...row, inputs: JSON.stringify(row.inputs), indicators: JSON.stringify(row.indicators) };
  await db
    .insertInto('case_triage')
    .values(values)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ ...values, decided_at: sql`now()` }))
    .execute();
}

/** Per reporter organization: the distinct cases it reported, by their status. */
export async function reporterRecords(db: Kysely<Database>, orgIds?: readonly string[]): Promise<{ org_id: string; slug: string; name: string; status: string; cases: number; findings: number }[]> {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select(['f.org_id', 'o.slug', 'o.name', 'c.status', sql<number>`count(DISTINCT c.id)::int`.as('cases'), sql<number>`count(f.id)::int`.as('findings')])
    .groupBy(['f.org_id', 'o.slug', 'o.name', 'c.status']);
  if (orgIds) q = q.where('f.org_id', 'in', orgIds.length ? [...orgIds] : ['00000000-0000-0000-0000-000000000000']);
  return q.execute();
}

export function submissionsOf(db: Kysely<Database>, orgId: string, limit: number) {
  return db
    .selectFrom('submissions as s')
    .select(['s.id', 's.client_key', 's.name', 's.format', 's.sha256', 's.findings', 's.received_at'])
    .where('s.org_id', '=', orgId)
    .orderBy('s.received_at', 'desc')
    .limit(limit)
    .execute();
}

export function findingCase(db: Kysely<Database>, findingId: string): Promise<{ case_id: string; org_id: string } | undefined> {
  return db.selectFrom('findings').select(['case_id', 'org_id']).where('id', '=', findingId).executeTakeFirst();
}

export function attachment(db: Kysely<Database>, findingId: string, name: string) {
  return db.selectFrom('finding_attachments').select(['name', 'media_type', 'sha256', 'content']).where('finding_id', '=', findingId).where('name', '=', name).executeTakeFirst();
}
