/**
 * Distribution's SQL: the signals prioritization reads, exposures (asset × vulnerability) and the
 * notifications made from them. Rows go in chunks as one JSON parameter each (json_to_recordset),
 * so 100,000 subscribers are a few dozen statements, not 200,000.
 */
import { sql, type Kysely } from 'kysely';
import type { Vulnerability } from '../domain/vulnerability.js';
import type { Database } from './schema.js';

const CHUNK = 5000;

export interface SignalRow {
  kevAdded: string | null;
  epss: number | null;
  exploited: boolean;
}

/** KEV date, best EPSS and the case's exploitation flag over a record's id and aliases. */
export async function signalsOf(db: Kysely<Database>, ids: readonly string[]): Promise<SignalRow> {
  const { rows } = await sql<{ kev: string | null; epss: number | null; exploited: boolean }>`
    SELECT (SELECT min(date_added)::text FROM kev WHERE cve_id = ANY(${ids}::text[])) AS kev,
           (SELECT max(epss) FROM epss WHERE cve_id = ANY(${ids}::text[])) AS epss,
           EXISTS (SELECT 1 FROM cases WHERE exploited AND (vuln_id = ANY(${ids}::text[]) OR cve_id = ANY(${ids}::text[]))) AS exploited`.execute(db);
  const r = rows[0]!;
  return { kevAdded: r.kev, epss: r.epss, exploited: r.exploited };
}

/** Knowledge-base records known by an id (a CVE named by KEV or EPSS), readable by every member (CLEAR, GREEN). */
export async function recordsKnownAs(db: Kysely<Database>, alias: string): Promise<Vulnerability[]> {
  const rows = await db
    .selectFrom('vuln_aliases as a')
    .innerJoin('vulnerabilities as v', 'v.id', 'a.vuln_id')
    .select('v.record')
    .where('a.alias', '=', alias)
    .where('v.tlp', 'in', ['CLEAR', 'GREEN'])
    .where('v.withdrawn', 'is', null)
    .execute();
  return rows.map((r) => r.record as Vulnerability);
}

export async function recordById(db: Kysely<Database>, id: string): Promise<Vulnerability | null> {
  const row = await db.selectFrom('vulnerabilities').select('record').where('id', '=', id).executeTakeFirst();
  return row ? (row.record as Vulnerability) : null;
}

export interface KnownExposure {
  id: string;
  inventoryId: string;
  detectedAt: string;
}

export async function exposuresOf(db: Kysely<Database>, vulnId: string): Promise<Map<string, KnownExposure>> {
  const rows = await db.selectFrom('exposures').select(['id', 'inventory_id', 'detected_at']).where('vuln_id', '=', vulnId).execute();
  return new Map(rows.map((r) => [r.inventory_id, { id: String(r.id), inventoryId: r.inventory_id, detectedAt: r.detected_at }]));
}

export interface ExposureWrite {
  org_id: string;
  inventory_id: string;
  detected_at: string;
  kev_added: string | null;
  clock_start: string;
  due_date: string | null;
  binding: boolean;
  cisa: string | null;
  deployer: string | null;
  bod: string | null;
  priority: unknown;
  explanation_id: string;
  components: unknown;
}

/** Explanations by id (a hash of their lines), each stored once. */
export async function putExplanations(tx: Kysely<Database>, explanations: ReadonlyMap<string, unknown>): Promise<void> {
  if (!explanations.size) return;
  await tx
    .insertInto('priority_explanations')
    .values([...explanations].map(([id, explanation]) => ({ id, explanation: JSON.stringify(explanation) })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Creates or refreshes the exposures of one vulnerability; returns the ids of those written, by
 * inventory. A refresh keeps the first detection and the remediation status, and reopens nothing a
 * subscriber closed: only the priority, due date and components follow the new facts, and a row
 * they leave as it was is not rewritten. A new exposure is notified now (the notification is made
 * in the same transaction, or was made before for the same fact).
 */
export async function upsertExposures(tx: Kysely<Database>, vulnId: string, rows: readonly ExposureWrite[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    const { rows: out } = await sql<{ id: string; inventory_id: string }>`
      INSERT INTO exposures (org_id, inventory_id, vuln_id, detected_at, kev_added, clock_start, due_date, binding, cisa, deployer, bod, priority, explanation_id, components, notified_at)
      SELECT org_id, inventory_id, ${vulnId}, detected_at, kev_added, clock_start, due_date, binding, cisa, deployer, bod, priority, explanation_id, components, now()
      FROM json_to_recordset(${json}::json) AS x(org_id uuid, inventory_id uuid, detected_at timestamptz, kev_added date, clock_start date,
        due_date date, binding boolean, cisa text, deployer text, bod text, priority jsonb, explanation_id text, components jsonb)
      ON CONFLICT (inventory_id, vuln_id) DO UPDATE SET kev_added = excluded.kev_added, clock_start = excluded.clock_start,
        due_date = excluded.due_date, binding = excluded.binding, cisa = excluded.cisa, deployer = excluded.deployer, bod = excluded.bod,
        priority = excluded.priority, explanation_id = excluded.explanation_id, components = excluded.components, resolved_at = NULL,
        notified_at = coalesce(exposures.notified_at, now())
      WHERE (exposures.kev_added, exposures.clock_start, exposures.due_date, exposures.binding, exposures.cisa, exposures.deployer, exposures.bod,
             exposures.explanation_id, exposures.priority, exposures.components, exposures.resolved_at)
        IS DISTINCT FROM (excluded.kev_added, excluded.clock_start, excluded.due_date, excluded.binding, excluded.cisa, excluded.deployer, excluded.bod,
             excluded.explanation_id, excluded.priority, excluded.components, NULL)
      RETURNING id, inventory_id`.execute(tx);
    for (const r of out) ids.set(r.inventory_id, String(r.id));
  }
  return ids;
}

/** The asset no longer holds an affected version of these vulnerabilities (a new SBOM): the exposures are resolved. */
export async function resolveExposures(tx: Kysely<Database>, inventoryId: string, keepVulnIds: readonly string[]): Promise<number> {
  const r = await tx
    .updateTable('exposures')
    .set({ resolved_at: sql`now()` })
    .where('inventory_id', '=', inventoryId)
    .where('resolved_at', 'is', null)
    .$if(keepVulnIds.length > 0, (q) => q.where('vuln_id', 'not in', [...keepVulnIds]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export interface NotificationWrite {
  org_id: string;
  fact: string;
  kind: string;
  vuln_id: string | null;
  tlp: string;
  urgency: string;
  title: string;
  body: unknown;
}

/** Subscriber settings that shape notifications (defaults for organizations that set none). */
export async function deliverySettings(db: Kysely<Database>, orgIds: readonly string[]): Promise<Map<string, { cap: number; immediateToday: number; preNotify: boolean }>> {
  const { rows } = await sql<{ org_id: string; cap: number; today: number; pre_notify: boolean }>`
    WITH recent AS (
      SELECT org_id, count(*)::int AS today FROM notifications WHERE urgency = 'immediate' AND created_at > now() - interval '24 hours' GROUP BY org_id)
    SELECT o.id AS org_id, coalesce(s.immediate_cap, 20) AS cap, coalesce(s.pre_notify, false) AS pre_notify, coalesce(r.today, 0) AS today
    FROM unnest(${orgIds}::uuid[]) AS o(id) LEFT JOIN subscriber_settings s ON s.org_id = o.id LEFT JOIN recent r ON r.org_id = o.id`.execute(db);
  return new Map(rows.map((r) => [r.org_id, { cap: r.cap, immediateToday: r.today, preNotify: r.pre_notify }]));
}

/** The facts already told about a vulnerability, as `org|fact`: a re-run skips them before writing anything. */
export async function toldFacts(db: Kysely<Database>, vulnId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('notifications').select(['org_id', 'fact']).where('vuln_id', '=', vulnId).execute();
  return new Set(rows.map((r) => `${r.org_id}|${r.fact}`));
}

/** Inserts notifications; a fact an organization was already told is skipped. Returns the new ones' org ids. */
export async function insertNotifications(tx: Kysely<Database>, rows: readonly NotificationWrite[]): Promise<Array<{ id: string; org_id: string }>> {
  const made: Array<{ id: string; org_id: string }> = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    const { rows: out } = await sql<{ id: string; org_id: string }>`
      INSERT INTO notifications (org_id, fact, kind, vuln_id, tlp, urgency, title, body)
      SELECT org_id, fact, kind, vuln_id, tlp, urgency, title, body
      FROM json_to_recordset(${json}::json) AS x(org_id uuid, fact text, kind text, vuln_id text, tlp text, urgency text, title text, body jsonb)
      ON CONFLICT (org_id, fact) DO NOTHING
      RETURNING id, org_id`.execute(tx);
    made.push(...out);
  }
  return made;
}

