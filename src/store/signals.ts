import { sql, type Kysely } from 'kysely';
import type { EpssScore, KevEntry } from '../domain/vulnerability.js';
import type { Database } from './schema.js';
import type { WriteCounts } from './vulnerabilities.js';

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
 * so re-importing the same catalog reports everything unchanged.
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
        RETURNING (xmax = 0) AS inserted)
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`,
    tx,
  );
  return { imported: m.inserted, updated: m.updated, unchanged: entries.length - m.inserted - m.updated };
}

/** EPSS rows as JSON texts of `[cve, epss, percentile]` triples, at most `EPSS_CHUNK` to a text. */
export interface EpssChunks {
  rows: number;
  chunks: string[];
}

export const EPSS_CHUNK = 50_000;

/** Builds the chunks where the rows were parsed (a worker thread, for file imports). */
export function epssChunks(rows: readonly EpssScore[]): EpssChunks {
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += EPSS_CHUNK) {
    chunks.push(JSON.stringify(rows.slice(i, i + EPSS_CHUNK).map((r) => [r.cve, r.epss, r.percentile])));
  }
  return { rows: rows.length, chunks };
}

/** Upserts EPSS scores; an unchanged score is not rewritten, so a re-import reports it unchanged. */
export async function upsertEpss(tx: Kysely<Database>, data: EpssChunks, scoreDate: string | null): Promise<WriteCounts> {
  let imported = 0;
  let updated = 0;
  for (const chunk of data.chunks) {
    const m = await mergeCounts(
      sql<Merge>`
        WITH w AS (
          INSERT INTO epss (cve_id, epss, percentile, score_date)
          SELECT x->>0, (x->>1)::real, (x->>2)::real, ${scoreDate}::date FROM jsonb_array_elements(${chunk}::jsonb) AS x
          ON CONFLICT (cve_id) DO UPDATE SET epss = excluded.epss, percentile = excluded.percentile, score_date = excluded.score_date
          WHERE (epss.epss, epss.percentile, epss.score_date) IS DISTINCT FROM (excluded.epss, excluded.percentile, excluded.score_date)
          RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`,
      tx,
    );
    imported += m.inserted;
    updated += m.updated;
  }
  return { imported, updated, unchanged: data.rows - imported - updated };
}
