import { sql, type Kysely } from 'kysely';
import type { KevEntry, Vulnerability } from '../domain/vulnerability.js';
import type { VulnRow } from './vulnerability-row.js';
import type { Database } from './schema.js';
import { readableBy } from './visibility.js';

export interface WriteCounts {
  imported: number;
  updated: number;
  unchanged: number;
}

/**
 * Knowledge-base writers take this lock for their transaction: knowing which rows exist stays
 * true until commit, so new rows go in with plain INSERTs (far cheaper than ON CONFLICT's
 * speculative insertion), and two importers never race on one id.
 */
export async function lockKnowledgeBase(tx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7274303)`.execute(tx);
}

/**
 * Writes a batch in the caller's transaction. A record replaces the stored one only when its
 * `modified` is newer, so re-importing the same data changes nothing. A replaced record keeps
 * the time it was first imported.
 */
export async function upsertVulnerabilities(tx: Kysely<Database>, vulns: ReadonlyArray<VulnRow>): Promise<WriteCounts & { changed: string[] }> {
  if (vulns.length === 0) return { imported: 0, updated: 0, unchanged: 0, changed: [] };
  await lockKnowledgeBase(tx);
  const stored = await tx.selectFrom('vulnerabilities').select(['id', 'modified', 'imported_at']).where('id', 'in', vulns.map((v) => v.id)).execute();
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const writes = vulns.filter((v) => {
    const prev = storedById.get(v.id);
    return prev === undefined || Date.parse(v.modified) > Date.parse(prev.modified);
  });
  const updatedIds = writes.filter((v) => storedById.has(v.id)).map((v) => v.id);
  const counts = { imported: writes.length - updatedIds.length, updated: updatedIds.length, unchanged: vulns.length - writes.length };
  if (writes.length === 0) return { ...counts, changed: [] };

  // Replaced records go and come back whole; their aliases and packages go with them (cascade).
  if (updatedIds.length) await tx.deleteFrom('vulnerabilities').where('id', 'in', updatedIds).execute();
  // One JSON document carries the batch: PostgreSQL parses it far faster than per-column arrays.
  const input = `[${writes.map((v) => `{"row":${v.json},"first":${JSON.stringify(storedById.get(v.id)?.imported_at ?? null)}}`).join(',')}]`;
  await sql`
    WITH input AS (
      SELECT row->'record' AS record, row->'card' AS card, (row->>'max_score')::real AS max_score, row->>'txt' AS txt, first
      FROM jsonb_to_recordset(${input}::jsonb) AS u(row jsonb, first timestamptz)
    ), vulns AS (
      INSERT INTO vulnerabilities (id, source, modified, published, withdrawn, summary, max_score, record, card, tlp, search, imported_at)
      SELECT record->>'id', record->>'source', (record->>'modified')::timestamptz, (record->>'published')::timestamptz,
             (record->>'withdrawn')::timestamptz, record->>'summary', max_score, record, card, record->>'tlp', to_tsvector('simple', txt),
             coalesce(first, now())
      FROM input
    ), aliases AS (
      INSERT INTO vuln_aliases (vuln_id, alias)
      SELECT record->>'id', alias FROM input
        CROSS JOIN LATERAL (SELECT record->>'id' UNION SELECT jsonb_array_elements_text(record->'aliases')) AS a(alias)
    )
    INSERT INTO vuln_packages (vuln_id, ecosystem, name, purl)
    SELECT DISTINCT record->>'id', a->>'ecosystem', a->>'name', a->>'purl'
    FROM input CROSS JOIN LATERAL jsonb_array_elements(record->'affected') AS a`.execute(tx);
  return { ...counts, changed: writes.map((v) => v.id) };
}

export interface VulnFilters {
  q?: string | undefined;
  id?: string | undefined;
  purl?: string | undefined;
  ecosystem?: string | undefined;
  kev?: boolean | undefined;
  epssMin?: number | undefined;
  minScore?: number | undefined;
  maxScoreBelow?: number | undefined;
  includeWithdrawn?: boolean | undefined;
  limit: number;
  after?: { modified: string; id: string } | undefined;
}

export interface ReadScope {
  authenticated: boolean;
  orgId: string | null;
}

/** Words to a prefix tsquery: "log4j core" → 'log4j':* & 'core':*. Quotes keep user input inert. */
function prefixQuery(q: string): string | null {
  const words = q.toLowerCase().split(/[^\p{L}\p{N}._-]+/u).filter(Boolean).slice(0, 16);
  if (!words.length) return null;
  return words.map((w) => `'${w.replace(/'/g, "''")}':*`).join(' & ');
}

/**
 * One page of cards, newest first, each with its KEV membership and best EPSS (through the
 * record's own aliases), in a single round trip.
 */
export async function searchVulnerabilities(db: Kysely<Database>, scope: ReadScope, f: VulnFilters) {
  let q = db.selectFrom('vulnerabilities as v').select(['v.id', 'v.modified', 'v.card']).where(readableBy('v', scope));
  if (!f.includeWithdrawn) q = q.where('v.withdrawn', 'is', null);
  if (f.id) q = q.where('v.id', 'in', (eb) => eb.selectFrom('vuln_aliases').select('vuln_id').where('alias', '=', f.id!));
  if (f.purl) {
    q = q.where('v.id', 'in', (eb) => eb.selectFrom('vuln_packages').select('vuln_id').where('purl', '=', f.purl!));
  }
  if (f.ecosystem) {
    const eco = f.ecosystem;
    q = q.where('v.id', 'in', (eb) =>
      eb.selectFrom('vuln_packages').select('vuln_id').where((w) => w.or([w('ecosystem', '=', eco), w('ecosystem', 'like', `${eco}:%`)])),
    );
  }
  if (f.kev) {
    q = q.where('v.id', 'in', (eb) =>
      eb.selectFrom('vuln_aliases as a').innerJoin('kev as k', 'k.cve_id', 'a.alias').select('a.vuln_id'),
    );
  }
  if (f.epssMin !== undefined) {
    const min = f.epssMin;
    q = q.where('v.id', 'in', (eb) =>
      eb.selectFrom('vuln_aliases as a').innerJoin('epss as e', 'e.cve_id', 'a.alias').select('a.vuln_id').where('e.epss', '>=', min),
    );
  }
  if (f.minScore !== undefined) q = q.where('v.max_score', '>=', f.minScore);
  if (f.maxScoreBelow !== undefined) q = q.where('v.max_score', '<', f.maxScoreBelow);
  const tsq = f.q ? prefixQuery(f.q) : null;
  if (f.q && !tsq) return [];
  // OFFSET 0 keeps the text match a separate step answered by the GIN index: otherwise the planner
  // may walk the modified index and test every row, which is slow when the words are rare.
  if (tsq) q = q.where('v.id', 'in', sql<string>`(SELECT id FROM vulnerabilities WHERE search @@ to_tsquery('simple', ${tsq}) OFFSET 0)`);
  if (f.after) {
    const { modified, id } = f.after;
    q = q.where(sql<boolean>`(v.modified, v.id) < (${modified}::timestamptz, ${id})`);
  }
  const page = q.orderBy('v.modified', 'desc').orderBy('v.id', 'desc').limit(f.limit);
  // Signals are looked up for the page only, after the limit.
  return db
    .selectFrom(page.as('p'))
    .select([
      'p.id',
      'p.modified',
      'p.card',
      sql<boolean>`EXISTS (SELECT 1 FROM vuln_aliases a JOIN kev k ON k.cve_id = a.alias WHERE a.vuln_id = p.id)`.as('kev'),
      sql<{ score: number; percentile: number } | null>`(SELECT json_build_object('score', e.epss, 'percentile', e.percentile)
        FROM vuln_aliases a JOIN epss e ON e.cve_id = a.alias WHERE a.vuln_id = p.id ORDER BY e.epss DESC LIMIT 1)`.as('epss'),
    ])
    .orderBy('p.modified', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export function getVulnerabilityRow(db: Kysely<Database>, scope: ReadScope, id: string) {
  return db
    .selectFrom('vulnerabilities as v')
    .select(['v.id', 'v.record', 'v.modified'])
    .where('v.id', '=', id)
    .where(readableBy('v', scope))
    .executeTakeFirst();
}

/**
 * Every id linked to `id` through its aliases: the records that carry `id` or any of its aliases,
 * and all their ids (GHSA ↔ CVE ↔ PYSEC …), itself included, with the
 * KEV entry and the best EPSS score of the CVEs among them, in one round trip. Only records the
 * caller may read contribute links, so a link never reveals a restricted record.
 */
export async function linkedSignals(db: Kysely<Database>, scope: ReadScope, id: string) {
  const { rows } = await sql<{ linked: string[] | null; kev: KevEntry | null; epss: { score: number; percentile: number; date: string | null } | null }>`
    WITH seed AS (
      SELECT alias FROM vuln_aliases WHERE vuln_id = ${id} UNION SELECT ${id}::text
    ), records AS (
      SELECT DISTINCT a.vuln_id FROM vuln_aliases a JOIN vulnerabilities v ON v.id = a.vuln_id
      WHERE a.alias IN (SELECT alias FROM seed) AND ${readableBy('v', scope)}
    ), linked AS (
      SELECT DISTINCT alias FROM vuln_aliases WHERE vuln_id IN (SELECT vuln_id FROM records)
    )
    SELECT (SELECT array_agg(alias ORDER BY alias) FROM linked) AS linked,
      (SELECT record FROM kev WHERE cve_id IN (SELECT alias FROM linked) ORDER BY date_added LIMIT 1) AS kev,
      (SELECT json_build_object('score', epss, 'percentile', percentile, 'date', score_date) FROM epss
        WHERE cve_id IN (SELECT alias FROM linked) ORDER BY epss DESC LIMIT 1) AS epss`.execute(db);
  const r = rows[0];
  return { linked: r?.linked ?? [id], kev: r?.kev ?? null, epss: r?.epss ?? null };
}

/** Records (visible to the caller) that carry `alias` without being it. */
export async function recordsAliasing(db: Kysely<Database>, scope: ReadScope, alias: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vuln_aliases as a')
    .innerJoin('vulnerabilities as v', 'v.id', 'a.vuln_id')
    .select('v.id')
    .where('a.alias', '=', alias)
    .where('v.id', '!=', alias)
    .where(readableBy('v', scope))
    .orderBy('v.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * After a bulk write: move the text index's pending entries into the index proper and refresh
 * planner statistics. Until then the planner rightly avoids the index and scans every row
 * (PGlite runs no autovacuum to do this later). Score tables are read by key only.
 */
export async function tidyAfterBulkWrite(db: Kysely<Database>): Promise<void> {
  await sql`SELECT gin_clean_pending_list('vulnerabilities_search'::regclass)`.execute(db);
  await sql`ANALYZE vulnerabilities, vuln_aliases, vuln_packages`.execute(db);
}

/** Public, unwithdrawn records in pages by id: what the matching index is built from. */
export async function* indexableRecords(db: Kysely<Database>, pageSize = 2000): AsyncGenerator<Vulnerability[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('vulnerabilities')
      .select(['id', 'record'])
      .where('withdrawn', 'is', null)
      .where('tlp', '=', 'CLEAR')
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (!rows.length) return;
    yield rows.map((r) => r.record as Vulnerability);
    after = rows.at(-1)!.id;
  }
}
