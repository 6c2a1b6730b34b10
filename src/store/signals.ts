import { sql, type Kysely } from 'kysely';
import type { EpssScore, KevEntry } from '../domain/vulnerability.js';
import type { Database } from './schema.js';
import { lockKnowledgeBase, type WriteCounts } from './vulnerabilities.js';

interface Merge {
  inserted: number;
  updated: number;
}

async function mergeCounts(query: ReturnType<typeof sql<Merge>>, tx: Kysely<Database>): Promise<Merge> {
  const { rows } = await query.execute(tx);
  return rows[0] ?? { inserted: 0, updated: 0 };
}

/**
 * Upserts the KEV catalog. An entry counts as updated only when something in it changed,
 * so re-importing the same catalog reports everything unchanged. Each entry new to the catalog
 * leaves a `kev.added` fact in the outbox in the same statement (distribution re-prioritizes).
 */
export async function upsertKev(tx: Kysely<Database>, catalogVersion: string, entries: KevEntry[]): Promise<WriteCounts> {
  const m = await mergeCounts(
    sql<Merge>`
      WITH w AS (
        INSERT INTO kev (cve_id, date_added, due_date, ransomware, record, catalog_version)
        SELECT * FROM unnest(${entries.map((e) => e.cveId)}::text[], ${entries.map((e) => e.dateAdded)}::date[],
                             ${entries.map((e) => e.dueDate || null)}::date[], ${entries.map((e) => e.knownRansomwareCampaignUse)}::text[],
                             ${entries.map((e) => JSON.stringify(e))}::jsonb[], ${entries.map(() => catalogVersion)}::text[])
        ON CONFLICT (cve_id) DO UPDATE SET date_added = excluded.date_added, due_date = excluded.due_date,
          ransomware = excluded.ransomware, record = excluded.record, catalog_version = excluded.catalog_version
        WHERE kev.record IS DISTINCT FROM excluded.record
        RETURNING cve_id, date_added, (xmax = 0) AS inserted),
      facts AS (
        INSERT INTO outbox (kind, subject, payload)
        SELECT 'kev.added', cve_id, jsonb_build_object('cveId', cve_id, 'dateAdded', date_added) FROM w WHERE inserted ORDER BY cve_id
        RETURNING 1)
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`,
    tx,
  );
  return { imported: m.inserted, updated: m.updated, unchanged: entries.length - m.inserted - m.updated };
}

/**
 * EPSS rows as JSON texts of `[cve, epss, percentile]` triples, at most `EPSS_CHUNK` to a text,
 * each with the least and greatest CVE id it holds.
 */
export interface EpssChunks {
  rows: number;
  chunks: Array<{ json: string; rows: number; first: string; last: string }>;
}

export const EPSS_CHUNK = 50_000;

/** Builds the chunks where the rows were parsed (a worker thread, for file imports). */
export function epssChunks(rows: readonly EpssScore[]): EpssChunks {
  const chunks: EpssChunks['chunks'] = [];
  for (let i = 0; i < rows.length; i += EPSS_CHUNK) {
    const part = rows.slice(i, i + EPSS_CHUNK);
    let first = part[0]!.cve;
    let last = first;
    for (const r of part) {
      if (r.cve < first) first = r.cve;
      if (r.cve > last) last = r.cve;
    }
    chunks.push({ json: JSON.stringify(part.map((r) => [r.cve, r.epss, r.percentile])), rows: part.length, first, last });
  }
  return { rows: rows.length, chunks };
}

/**
 * Upserts EPSS scores; an unchanged score is not rewritten, so a re-import reports it unchanged.
 * A chunk whose id range holds no stored score yet (a first load, a new year's file) is inserted
 * plainly; the knowledge-base lock keeps that true until commit. A score that rose by `jump` or
 * more leaves an `epss.jump` fact in the outbox (the CTE `old` reads the scores as they were
 * before the statement: every part of one statement sees the same snapshot).
 */
export async function upsertEpss(tx: Kysely<Database>, data: EpssChunks, scoreDate: string | null, jump = 1): Promise<WriteCounts> {
  await lockKnowledgeBase(tx);
  let imported = 0;
  let updated = 0;
  for (const chunk of data.chunks) {
    const { rows } = await sql<{ taken: boolean }>`SELECT EXISTS (SELECT 1 FROM epss WHERE cve_id BETWEEN ${chunk.first} AND ${chunk.last}) AS taken`.execute(tx);
    if (!rows[0]?.taken) {
      await sql`INSERT INTO epss (cve_id, epss, percentile, score_date)
        SELECT x->>0, (x->>1)::real, (x->>2)::real, ${scoreDate}::date FROM jsonb_array_elements(${chunk.json}::jsonb) AS x`.execute(tx);
      imported += chunk.rows;
      continue;
    }
    const m = await mergeCounts(
      sql<Merge>`
        WITH x AS (SELECT x->>0 AS cve_id, (x->>1)::real AS epss, (x->>2)::real AS percentile FROM jsonb_array_elements(${chunk.json}::jsonb) AS x),
        old AS (SELECT e.cve_id, e.epss FROM epss e JOIN x USING (cve_id)),
        w AS (
          INSERT INTO epss (cve_id, epss, percentile, score_date)
          SELECT cve_id, epss, percentile, ${scoreDate}::date FROM x
          ON CONFLICT (cve_id) DO UPDATE SET epss = excluded.epss, percentile = excluded.percentile, score_date = excluded.score_date
          WHERE (epss.epss, epss.percentile, epss.score_date) IS DISTINCT FROM (excluded.epss, excluded.percentile, excluded.score_date)
          RETURNING cve_id, epss, (xmax = 0) AS inserted),
        facts AS (
          INSERT INTO outbox (kind, subject, payload)
          SELECT 'epss.jump', w.cve_id, jsonb_build_object('cveId', w.cve_id, 'from', old.epss, 'to', w.epss)
          FROM w JOIN old USING (cve_id) WHERE w.epss - old.epss >= ${jump}::real ORDER BY w.cve_id
          RETURNING 1)
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`,
      tx,
    );
    imported += m.inserted;
    updated += m.updated;
  }
  return { imported, updated, unchanged: data.rows - imported - updated };
}

/** KEV membership and the best EPSS score of each record, through its own aliases. */
export async function signalsFor(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, { kev: boolean; epss: number | null }>> {
  if (!ids.length) return new Map();
  const { rows } = await sql<{ id: string; kev: boolean; epss: number | null }>`
    SELECT a.vuln_id AS id, bool_or(k.cve_id IS NOT NULL) AS kev, max(e.epss) AS epss
    FROM vuln_aliases a LEFT JOIN kev k ON k.cve_id = a.alias LEFT JOIN epss e ON e.cve_id = a.alias
    WHERE a.vuln_id = ANY(${[...ids]}::text[])
    GROUP BY a.vuln_id`.execute(db);
  return new Map(rows.map((r) => [r.id, { kev: r.kev, epss: r.epss }]));
}
