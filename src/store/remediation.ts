import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** An exposure as remediation sees it: its asset's name, its status, and what it holds. */
export interface ExposureRow {
  id: number;
  org_id: string;
  org_slug: string;
  inventory_id: string;
  asset: string;
  asset_cpes: string[];
  vuln_id: string;
  status: string;
  status_at: string;
  remediated_at: string | null;
  resolved_at: string | null;
  due_date: string | null;
  components: unknown;
}

export interface ReportRow {
  id: number;
  exposure_id: number;
  status: string;
  justification: string | null;
  statement: string;
  source: string;
  reported_by: string;
  reported_at: string;
}

export type ReportFields = Omit<ReportRow, 'id' | 'reported_at'>;

/** Statuses that count as remediated: `remediated_at` is the first moment of a run of them. */
export const REMEDIATED = ['fixed', 'mitigated', 'not_affected'] as const;

const CHUNK = 1000;

function exposures(db: Kysely<Database>) {
  return db
    .selectFrom('exposures as e')
    .innerJoin('inventories as i', 'i.id', 'e.inventory_id')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .select([
      sql<number>`e.id`.as('id'), 'e.org_id', 'o.slug as org_slug', 'e.inventory_id', 'i.name as asset', 'i.cpes as asset_cpes', 'e.vuln_id',
      'e.status', 'e.status_at', 'e.remediated_at', 'e.resolved_at', 'e.due_date', 'e.components',
    ]);
}

/**
 * One organization's exposure by id; another organization's is not there. `lock` takes the row
 * for the caller's transaction, so that reports on one exposure follow each other.
 */
export async function findExposure(db: Kysely<Database>, orgId: string, id: number, lock = false): Promise<ExposureRow | undefined> {
  let q = exposures(db).where('e.id', '=', String(id)).where('e.org_id', '=', orgId);
  if (lock) q = q.forUpdate('e');
  return q.executeTakeFirst();
}

/** Several of the organization's exposures, locked in id order (one order for every writer: no deadlock). */
export async function lockExposures(tx: Kysely<Database>, orgId: string, ids: readonly number[]): Promise<Map<number, ExposureRow>> {
  const out = new Map<number, ExposureRow>();
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const rows = await exposures(tx).where('e.id', 'in', sorted.slice(i, i + CHUNK).map(String)).where('e.org_id', '=', orgId).orderBy('e.id').forUpdate('e').execute();
    for (const r of rows as ExposureRow[]) out.set(r.id, r);
  }
  return out;
}

/**
 * Sets the status; `remediated_at` starts when a remediated status follows another, stays while one
 * follows another, and is cleared by any other status.
 */
export async function setExposureStatus(tx: Kysely<Database>, id: number, status: string): Promise<{ status_at: string; remediated_at: string | null }> {
  const remediated = (REMEDIATED as readonly string[]).includes(status);
  return tx
    .updateTable('exposures')
    .set({
      status,
      status_at: sql<string>`now()`,
      remediated_at: remediated ? sql<string>`CASE WHEN status IN (${sql.join(REMEDIATED.map((s) => sql.lit(s)))}) THEN remediated_at ELSE now() END` : null,
    })
    .where('id', '=', String(id))
    .returning(['status_at', 'remediated_at'])
    .executeTakeFirstOrThrow();
}

export async function insertReport(tx: Kysely<Database>, fields: ReportFields): Promise<ReportRow> {
  const row = await tx
    .insertInto('remediation_reports')
    .values({ ...fields, exposure_id: String(fields.exposure_id) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return row as unknown as ReportRow;
}

/** Every report on an exposure, oldest first. */
export async function reportHistory(db: Kysely<Database>, exposureId: number): Promise<ReportRow[]> {
  const rows = await db.selectFrom('remediation_reports').selectAll().where('exposure_id', '=', String(exposureId)).orderBy('id').execute();
  return rows as unknown as ReportRow[];
}

/** The latest report on each of the exposures, to tell a repeated statement from a new one. */
export async function latestReports(db: Kysely<Database>, exposureIds: readonly number[]): Promise<Map<number, ReportRow>> {
  if (!exposureIds.length) return new Map();
  const rows = await db
    .selectFrom('remediation_reports')
    .selectAll()
    .distinctOn('exposure_id')
    .where('exposure_id', 'in', exposureIds.map(String))
    .orderBy('exposure_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map((rows as unknown as ReportRow[]).map((r) => [Number(r.exposure_id), r]));
}

export interface VexCandidateRow extends ExposureRow {
  /** the exposure's vulnerability id, the aliases of its record, and the records that list it as an alias */
  names: string[];
}


/**
 * The organization's exposures that still match (not resolved) to a vulnerability known by any of
 * `names` — directly, as an alias of the exposure's record, or as a record that lists the exposure's id
 * as an alias — with every name each exposure goes by, so the caller can pair statements and exposures.
 */
export async function exposuresNamed(db: Kysely<Database>, orgId: string, names: readonly string[]): Promise<VexCandidateRow[]> {
  const out = new Map<number, VexCandidateRow>();
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    const rows = await exposures(db)
      .select(sql<string[]>`ARRAY(SELECT e.vuln_id UNION SELECT alias FROM vuln_aliases WHERE vuln_id = e.vuln_id UNION SELECT vuln_id FROM vuln_aliases WHERE alias = e.vuln_id)`.as('names'))
      .where('e.org_id', '=', orgId)
      .where('e.resolved_at', 'is', null)
      .where(sql<boolean>`e.vuln_id IN (
        SELECT unnest(${chunk}::text[])
        UNION SELECT vuln_id FROM vuln_aliases WHERE alias = ANY(${chunk}::text[])
        UNION SELECT alias FROM vuln_aliases WHERE vuln_id = ANY(${chunk}::text[]))`)
      .orderBy('e.id')
      .execute();
    for (const r of rows as unknown as VexCandidateRow[]) out.set(Number(r.id), { ...r, id: Number(r.id) });
  }
  return [...out.values()].sort((a, b) => a.id - b.id);
}
