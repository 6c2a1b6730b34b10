import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type TargetRow = Selectable<Database['scan_targets']>;
export type ClaimRow = Selectable<Database['scan_claims']> & { org_slug: string };
export type ReportRow = Selectable<Database['scan_reports']>;

/** A target with what its criticality and coverage are computed from. */
export interface TargetStatsRow extends TargetRow {
  subscribers: number;
  kev: number;
  reports: number;
  methods: number;
  last_scanned: string | null;
}

/** Inserts the target unless one with the same key exists; returns the stored one either way. */
export async function putTarget(tx: Kysely<Database>, row: { kind: string; key: string; display: string; weight: number; created_by_org: string | null }): Promise<{ target: TargetRow; created: boolean }> {
  const inserted = await tx.insertInto('scan_targets').values(row).onConflict((oc) => oc.column('key').doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { target: inserted, created: true };
  return { target: await tx.selectFrom('scan_targets').selectAll().where('key', '=', row.key).executeTakeFirstOrThrow(), created: false };
}

export function setTargetWeight(tx: Kysely<Database>, id: string, weight: number): Promise<TargetRow | undefined> {
  return tx.updateTable('scan_targets').set({ weight }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Locks the target row for the transaction: claims on one target are decided one at a time. */
export function lockTarget(tx: Kysely<Database>, id: string): Promise<TargetRow | undefined> {
  return tx.selectFrom('scan_targets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function getTarget(db: Kysely<Database>, id: string): Promise<TargetRow | undefined> {
  return db.selectFrom('scan_targets').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Every target (or the one `id` names) with its criticality inputs (organizations holding the package in an inventory,
 * KEV entries among its vulnerabilities) and its coverage (reports, distinct methods, last scan).
 */
export async function targetsWithStats(db: Kysely<Database>, id?: string): Promise<TargetStatsRow[]> {
  const { rows } = await sql<TargetStatsRow>`
    SELECT t.*,
      (SELECT count(DISTINCT i.org_id)::int FROM inventory_components c JOIN inventories i ON i.id = c.inventory_id WHERE c.match_key = t.key) AS subscribers,
      (SELECT count(DISTINCT k.cve_id)::int FROM vuln_packages p JOIN kev k
        ON k.cve_id = p.vuln_id OR k.cve_id IN (SELECT alias FROM vuln_aliases WHERE vuln_id = p.vuln_id) WHERE p.purl = t.key) AS kev,
      (SELECT count(*)::int FROM scan_reports r WHERE r.target_id = t.id) AS reports,
      (SELECT count(DISTINCT r.tool)::int FROM scan_reports r WHERE r.target_id = t.id) AS methods,
      (SELECT max(r.created_at) FROM scan_reports r WHERE r.target_id = t.id) AS last_scanned
    FROM scan_targets t ${id === undefined ? sql`` : sql`WHERE t.id = ${id}`}`.execute(db);
  return rows.map((r) => ({ ...r, last_scanned: r.last_scanned ? new Date(r.last_scanned).toISOString() : null }));
}

/** Claims not yet ended (active, queued, or active past its lease until settled), oldest first. */
export function openClaims(db: Kysely<Database>, targetIds?: readonly string[]): Promise<ClaimRow[]> {
  let q = db
    .selectFrom('scan_claims as c')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .selectAll('c')
    .select('o.slug as org_slug')
    .where('c.status', 'in', ['active', 'queued']);
  if (targetIds) {
    if (!targetIds.length) return Promise.resolve([]);
    q = q.where('c.target_id', 'in', targetIds);
  }
  return q.orderBy('c.created_at').orderBy('c.id').execute();
}

export function getClaim(db: Kysely<Database>, id: string): Promise<ClaimRow | undefined> {
  return db.selectFrom('scan_claims as c').innerJoin('orgs as o', 'o.id', 'c.org_id').selectAll('c').select('o.slug as org_slug').where('c.id', '=', id).executeTakeFirst();
}

/**
 * Leases end on their own: an active claim past its expiry is closed, and the oldest queued claim
 * then starts its lease. Run inside the transaction that holds the target's lock.
 */
export async function settleClaims(tx: Kysely<Database>, targetId: string, now: Date): Promise<void> {
  await tx
    .updateTable('scan_claims')
    .set({ status: 'closed', ended_at: sql`expires_at` })
    .where('target_id', '=', targetId)
    .where('status', '=', 'active')
    .where('expires_at', '<=', now.toISOString())
    .execute();
  const active = await tx.selectFrom('scan_claims').select('id').where('target_id', '=', targetId).where('status', '=', 'active').executeTakeFirst();
  if (active) return;
  const next = await tx.selectFrom('scan_claims').select(['id', 'lease_hours']).where('target_id', '=', targetId).where('status', '=', 'queued').orderBy('created_at').orderBy('id').executeTakeFirst();
  if (!next) return;
  await tx
    .updateTable('scan_claims')
    .set({ status: 'active', starts_at: now, expires_at: new Date(now.getTime() + next.lease_hours * 3_600_000) })
    .where('id', '=', next.id)
    .execute();
}

export function insertClaim(
  tx: Kysely<Database>,
  row: { target_id: string; org_id: string; scope: string; method: string; status: 'active' | 'queued'; lease_hours: number; starts_at: Date | null; expires_at: Date | null },
): Promise<{ id: string }> {
  return tx.insertInto('scan_claims').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function renewClaim(tx: Kysely<Database>, id: string, fields: { scope: string; method: string; lease_hours: number; expires_at: Date | null }): Promise<void> {
  await tx.updateTable('scan_claims').set(fields).where('id', '=', id).execute();
}

export async function endClaim(tx: Kysely<Database>, id: string, status: 'closed' | 'released', now: Date): Promise<void> {
  await tx.updateTable('scan_claims').set({ status, ended_at: now }).where('id', '=', id).execute();
}

/** Stores a report once per (organization, run id); a retry gets the stored one back. */
export async function putReport(tx: Kysely<Database>, row: Omit<ReportRow, 'id' | 'created_at'>): Promise<{ report: ReportRow; created: boolean }> {
  const inserted = await tx.insertInto('scan_reports').values(row).onConflict((oc) => oc.columns(['org_id', 'run_id']).doNothing()).returningAll().executeTakeFirst();
  if (inserted) return { report: inserted, created: true };
  const stored = await tx.selectFrom('scan_reports').selectAll().where('org_id', '=', row.org_id).where('run_id', '=', row.run_id).executeTakeFirstOrThrow();
  return { report: stored, created: false };
}
