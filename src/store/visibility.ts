import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * The TLP rule of domain/access.ts `canRead`, as SQL over a table aliased `alias` with columns
 * tlp, owner_org_id and shared_org_ids. A contract test checks the two agree label by label.
 */
export function readableBy(alias: string, scope: { authenticated: boolean; orgId: string | null }): Expression<SqlBool> {
  const t = sql.table(alias);
  if (!scope.authenticated) return sql<SqlBool>`${t}.tlp = 'CLEAR'`;
  const org = scope.orgId;
  return sql<SqlBool>`(${t}.tlp IN ('CLEAR', 'GREEN')
    OR ${t}.owner_org_id = ${org}::uuid
    OR (${t}.tlp = 'AMBER' AND ${org}::uuid = ANY(${t}.shared_org_ids)))`;
}
