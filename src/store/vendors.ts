import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type ReleaseRow = Selectable<Database['case_releases']>;

export function releasesOf(db: Kysely<Database>, vendorOrgId?: string, caseId?: string): Promise<ReleaseRow[]> {
  let q = db.selectFrom('case_releases').selectAll().orderBy('released_at');
  if (vendorOrgId) q = q.where('vendor_org_id', '=', vendorOrgId);
  if (caseId) q = q.where('case_id', '=', caseId);
  return q.execute();
}

export async function setPackages(db: Kysely<Database>, orgId: string, prefixes: readonly string[]): Promise<void> {
  await db.deleteFrom('vendor_packages').where('org_id', '=', orgId).execute();
  if (prefixes.length) await db.insertInto('vendor_packages').values(prefixes.map((prefix) => ({ org_id: orgId, prefix }))).execute();
}

/** Vendors with what they maintain, and their capacity where an operator set one. */
export function vendorsWithPackages(db: Kysely<Database>) {
  return db
    .selectFrom('vendor_packages as p')
    .innerJoin('orgs as o', 'o.id', 'p.org_id')
    .leftJoin('org_limits as l', 'l.org_id', 'p.org_id')
    .select(['o.id', 'o.slug', 'o.name', 'l.cases_per_week', sql<string[]>`array_agg(p.prefix ORDER BY p.prefix)`.as('prefixes')])
    .groupBy(['o.id', 'o.slug', 'o.name', 'l.cases_per_week'])
    .orderBy('o.slug')
    .execute();
}

/** Confirmed cases with a finding on something the vendor maintains, not yet released to it. */
export async function unreleasedFor(db: Kysely<Database>, vendorOrgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases as c')
    .select('c.id')
    .where('c.status', '=', 'confirmed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom(['findings as f', 'vendor_packages as p'])
          .select('f.id')
          .whereRef('f.case_id', '=', 'c.id')
          .where('p.org_id', '=', vendorOrgId)
          // starts_with, not LIKE: a prefix may hold % or _
          .where(sql<boolean>`starts_with(coalesce(f.record->>'purl', ''), p.prefix) OR starts_with(coalesce(f.record->>'repository', ''), p.prefix)`),
      ),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_releases as r').select('r.case_id').whereRef('r.case_id', '=', 'c.id').where('r.vendor_org_id', '=', vendorOrgId))))
    .execute();
  return rows.map((r) => r.id);
}

export async function insertRelease(db: Kysely<Database>, caseId: string, vendorOrgId: string): Promise<boolean> {
  const r = await db.insertInto('case_releases').values({ case_id: caseId, vendor_org_id: vendorOrgId }).onConflict((oc) => oc.doNothing()).returning('case_id').executeTakeFirst();
  return r !== undefined;
}

/** Serializes releases across processes for the rest of the transaction. */
export async function lockReleases(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7274310)`.execute(db);
}

export async function releasedSince(db: Kysely<Database>, vendorOrgId: string, since: Date): Promise<number> {
  const row = await db.selectFrom('case_releases').select((eb) => eb.fn.countAll<number>().as('n')).where('vendor_org_id', '=', vendorOrgId).where('released_at', '>', since.toISOString()).executeTakeFirstOrThrow();
  return Number(row.n);
}
