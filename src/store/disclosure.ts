import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type ParticipantRow = Selectable<Database['case_participants']>;
export type MessageRow = Selectable<Database['case_messages']>;
export type EmbargoRow = Selectable<Database['case_embargoes']>;
export type ExtensionRow = Selectable<Database['embargo_extensions']>;

/** Adds a vendor or coordinator; false when it already takes part in that role. */
export async function addParticipant(
  db: Kysely<Database>,
  p: { caseId: string; orgId: string; role: 'vendor' | 'coordinator'; source: 'auto' | 'manual'; addedBy: string; reason?: string | null },
): Promise<boolean> {
  const r = await db
    .insertInto('case_participants')
    .values({ case_id: p.caseId, org_id: p.orgId, role: p.role, source: p.source, added_by: p.addedBy, reason: p.reason ?? null })
    .onConflict((oc) => oc.doNothing())
    .returning('case_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Stored participants (vendors with their release time, coordinators) with their organization. */
export function participants(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('case_participants as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin('case_releases as r', (j) => j.onRef('r.case_id', '=', 'p.case_id').onRef('r.vendor_org_id', '=', 'p.org_id'))
    .select(['p.org_id', 'o.slug', 'o.name', 'p.role', 'p.source', 'p.reason', 'p.added_by', 'p.added_at', 'p.acknowledged_at', 'p.acknowledged_by', 'r.released_at'])
    .where('p.case_id', '=', caseId)
    .orderBy('p.added_at')
    .orderBy('o.slug')
    .execute();
}

export type ParticipantView = Awaited<ReturnType<typeof participants>>[number];

/** The organizations of the case's findings: its reporters, first finding first. */
export function reporters(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('findings as f')
    .innerJoin('orgs as o', 'o.id', 'f.org_id')
    .select(['f.org_id', 'o.slug', 'o.name', sql<string>`min(f.received_at)`.as('first_seen')])
    .where('f.case_id', '=', caseId)
    .groupBy(['f.org_id', 'o.slug', 'o.name'])
    .orderBy(sql`min(f.received_at)`)
    .execute();
}

/** The roles one organization holds on a case: stored ones, and reporter when it has a finding there. */
export async function rolesOf(db: Kysely<Database>, caseId: string, orgId: string): Promise<{ vendor: boolean; coordinator: boolean; reporter: boolean }> {
  const stored = await db.selectFrom('case_participants').select('role').where('case_id', '=', caseId).where('org_id', '=', orgId).execute();
  const finding = await db.selectFrom('findings').select('id').where('case_id', '=', caseId).where('org_id', '=', orgId).limit(1).executeTakeFirst();
  return { vendor: stored.some((r) => r.role === 'vendor'), coordinator: stored.some((r) => r.role === 'coordinator'), reporter: finding !== undefined };
}

export function vendorIds(db: Kysely<Database>, caseId: string): Promise<{ org_id: string; slug: string }[]> {
  return db.selectFrom('case_participants as p').innerJoin('orgs as o', 'o.id', 'p.org_id').select(['p.org_id', 'o.slug']).where('p.case_id', '=', caseId).where('p.role', '=', 'vendor').orderBy('o.slug').execute();
}

export async function insertMessage(
  db: Kysely<Database>,
  m: { caseId: string; threadVendorId: string | null; tlp: string; body: string; author: string; authorOrgId: string | null; authorRole: 'reporter' | 'vendor' | 'coordinator' },
): Promise<MessageRow> {
  return db
    .insertInto('case_messages')
    .values({ case_id: m.caseId, thread_vendor_id: m.threadVendorId, tlp: m.tlp, body: m.body, author: m.author, author_org_id: m.authorOrgId, author_role: m.authorRole })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function messages(db: Kysely<Database>, caseId: string, ids?: readonly number[]): Promise<MessageRow[]> {
  let q = db.selectFrom('case_messages').selectAll().where('case_id', '=', caseId).orderBy('id');
  if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
  return q.execute();
}

export function vendorStatuses(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('case_vendor_status').selectAll().where('case_id', '=', caseId).execute();
}

/** Sets a vendor's status; returns the one it replaces (locked, so two changes queue up). */
export async function putVendorStatus(db: Kysely<Database>, row: { case_id: string; vendor_org_id: string; status: string; statement: string | null; set_by: string }): Promise<string | null> {
  const prior = await db.selectFrom('case_vendor_status').select('status').where('case_id', '=', row.case_id).where('vendor_org_id', '=', row.vendor_org_id).forUpdate().executeTakeFirst();
  await db
    .insertInto('case_vendor_status')
    .values(row)
    .onConflict((oc) => oc.columns(['case_id', 'vendor_org_id']).doUpdateSet({ status: row.status, statement: row.statement, set_by: row.set_by, set_at: sql`now()` }))
    .execute();
  return prior?.status ?? null;
}

/** Records the first acknowledgement only; false when the vendor had already acknowledged. */
export async function acknowledge(db: Kysely<Database>, caseId: string, vendorOrgId: string, by: string): Promise<boolean> {
  const r = await db
    .updateTable('case_participants')
    .set({ acknowledged_at: sql`now()`, acknowledged_by: by })
    .where('case_id', '=', caseId)
    .where('org_id', '=', vendorOrgId)
    .where('role', '=', 'vendor')
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Released vendors that have not acknowledged, with the notices already recorded. */
export function unacknowledged(db: Kysely<Database>) {
  return db
    .selectFrom('case_participants as p')
    .innerJoin('case_releases as r', (j) => j.onRef('r.case_id', '=', 'p.case_id').onRef('r.vendor_org_id', '=', 'p.org_id'))
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.case_id', 'p.org_id', 'o.slug', 'r.released_at', 'p.reminded_on', 'p.escalated_at'])
    .where('p.role', '=', 'vendor')
    .where('p.acknowledged_at', 'is', null)
    .orderBy('p.case_id')
    .orderBy('o.slug')
    .execute();
}

/** Claims the day's reminder for one vendor: true once per day, whoever runs it (the row update is the lock). */
export async function markReminded(db: Kysely<Database>, caseId: string, vendorOrgId: string, day: string): Promise<boolean> {
  const r = await db
    .updateTable('case_participants')
    .set({ reminded_on: day })
    .where('case_id', '=', caseId)
    .where('org_id', '=', vendorOrgId)
    .where('role', '=', 'vendor')
    .where('acknowledged_at', 'is', null)
    .where((eb) => eb.or([eb('reminded_on', 'is', null), eb('reminded_on', '<', day)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Claims the one escalation of a vendor's acknowledgement. */
export async function markEscalated(db: Kysely<Database>, caseId: string, vendorOrgId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_participants')
    .set({ escalated_at: at })
    .where('case_id', '=', caseId)
    .where('org_id', '=', vendorOrgId)
    .where('role', '=', 'vendor')
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export function releaseTime(db: Kysely<Database>, caseId: string, vendorOrgId: string): Promise<{ released_at: string } | undefined> {
  return db.selectFrom('case_releases').select('released_at').where('case_id', '=', caseId).where('vendor_org_id', '=', vendorOrgId).executeTakeFirst();
}

export function getEmbargo(db: Kysely<Database>, caseId: string, forUpdate = false): Promise<EmbargoRow | undefined> {
  const q = db.selectFrom('case_embargoes').selectAll().where('case_id', '=', caseId);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * The embargo the policy gives at the first vendor notification. An embargo an analyst set before
 * any release stays; it only learns when the first vendor was notified.
 */
export async function embargoAtNotification(db: Kysely<Database>, row: { case_id: string; ends_at: Date; zone: string; basis: string; reason: string; notified_at: Date; set_by: string }): Promise<boolean> {
  const r = await db
    .insertInto('case_embargoes')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ notified_at: sql`coalesce(case_embargoes.notified_at, excluded.notified_at)` }))
    .returning(sql<boolean>`xmax = 0`.as('inserted'))
    .executeTakeFirst();
  return r?.inserted === true;
}

export async function putEmbargo(db: Kysely<Database>, row: { case_id: string; ends_at: Date; zone: string; basis: string; reason: string; agreed_by: string[]; set_by: string }): Promise<void> {
  await db
    .insertInto('case_embargoes')
    .values({ ...row, notified_at: null })
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ ends_at: row.ends_at, zone: row.zone, basis: row.basis, reason: row.reason, agreed_by: row.agreed_by, set_by: row.set_by, set_at: sql`now()` }))
    .execute();
}

export function pendingExtension(db: Kysely<Database>, caseId: string): Promise<ExtensionRow | undefined> {
  return db.selectFrom('embargo_extensions').selectAll().where('case_id', '=', caseId).where('status', '=', 'pending').executeTakeFirst();
}

export function extension(db: Kysely<Database>, caseId: string, id: string): Promise<ExtensionRow | undefined> {
  return db.selectFrom('embargo_extensions').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export function insertExtension(db: Kysely<Database>, row: { case_id: string; from_at: Date; until_at: Date; reason: string; requested_by: string }): Promise<ExtensionRow> {
  return db.insertInto('embargo_extensions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function closeExtension(db: Kysely<Database>, id: string, status: 'applied' | 'superseded'): Promise<void> {
  await db.updateTable('embargo_extensions').set({ status, decided_at: sql`now()` }).where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function supersedePending(db: Kysely<Database>, caseId: string): Promise<number> {
  const r = await db.updateTable('embargo_extensions').set({ status: 'superseded', decided_at: sql`now()` }).where('case_id', '=', caseId).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function addAgreement(db: Kysely<Database>, extensionId: string, party: string, by: string): Promise<void> {
  await db.insertInto('embargo_agreements').values({ extension_id: extensionId, party, agreed_by: by }).onConflict((oc) => oc.doNothing()).execute();
}

export async function agreements(db: Kysely<Database>, extensionId: string): Promise<string[]> {
  const rows = await db.selectFrom('embargo_agreements').select('party').where('extension_id', '=', extensionId).orderBy('agreed_at').execute();
  return rows.map((r) => r.party);
}

export async function setExploited(db: Kysely<Database>, caseId: string, exploited: boolean): Promise<void> {
  await db.updateTable('cases').set({ exploited, updated_at: new Date() }).where('id', '=', caseId).execute();
}

/** The next number of the year's sequence: the row lock makes concurrent allocations wait their turn. */
export async function nextSequence(db: Kysely<Database>, year: number): Promise<number> {
  const r = await db
    .insertInto('vuln_id_sequences')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`vuln_id_sequences.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function setVulnId(db: Kysely<Database>, caseId: string, id: string): Promise<void> {
  await db.updateTable('cases').set({ vuln_id: id }).where('id', '=', caseId).execute();
}

export async function setCve(db: Kysely<Database>, caseId: string, cve: string): Promise<void> {
  await db.updateTable('cases').set({ cve_id: cve }).where('id', '=', caseId).execute();
}

export function caseWithCve(db: Kysely<Database>, cve: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('cases').select('id').where('cve_id', '=', cve).executeTakeFirst();
}

export function orgsByIds(db: Kysely<Database>, ids: readonly string[]) {
  return db.selectFrom('orgs').select(['id', 'slug', 'name', 'roles']).where('id', 'in', ids.length ? [...ids] : ['00000000-0000-0000-0000-000000000000']).execute();
}
