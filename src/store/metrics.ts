import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Outcome metrics as a few aggregate queries over stored facts. Every figure is computed here in
 * SQL (percentile_cont runs on PGlite and PostgreSQL alike); the use case only arranges the rows.
 *
 * Scopes: 'overall', 'sector' (key: the sector) and 'subscriber' (key: the organization's id). With
 * `orgId` set only that organization's 'subscriber' rows are computed: nothing of another
 * organization is read into the result.
 */
export interface MetricsQuery {
  /** the instant open exposures are aged to */
  now: Date;
  /** IANA zone of calendar dates (due dates are dates in it) */
  zone: string;
  orgId?: string | undefined;
}

export type Scope = 'overall' | 'sector' | 'subscriber';

/** Hours from report to each lifecycle step, as counts and quantiles (null without any measurement). */
export const CASE_STAGES = ['validation', 'acknowledgement', 'fix', 'advisory', 'notification'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export interface Quantiles {
  n: number;
  p50: number | null;
  p90: number | null;
}

export interface LifecycleRow {
  scope: Scope;
  key: string;
  stages: Record<CaseStage, Quantiles>;
  findings: number;
  cases: number;
  confirmed: number;
  advisories: number;
  notifications: number;
  exposures: number;
  remediated: number;
}

export interface ExposureRow {
  scope: Scope;
  key: string;
  total: number;
  open: number;
  overdue: number;
  remediated: number;
  dueTracked: number;
  withinDue: number;
  openDays: number;
  overdueDays: number;
  daysPastDue: number;
  remediation: Quantiles;
}

export interface BreakdownRow {
  scope: Scope;
  key: string;
  dimension: 'status' | 'cisa' | 'bod';
  value: string;
  count: number;
}

export interface ChannelFigures {
  kind: string;
  total: number;
  active: number;
  failing: number;
  lagMax: number;
  lagTotal: number;
}

export interface DistributionFacts {
  notifications: Array<{ urgency: string; count: number }>;
  channels: ChannelFigures[];
  deadLetters: Array<{ status: string; count: number }>;
}

export interface SubscriberOrg {
  id: string;
  slug: string;
  sector: string;
}

const none = sql``;
// Only constant SQL is spliced in raw here: column expressions written in this file.
const sinceReport = (at: string) => `(extract(epoch FROM (${at} - f.reported_at)) / 3600)::float8`;
const quantiles = (name: string, expr: string) =>
  sql.raw(`count(${expr}) AS ${name}_n, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr}) AS ${name}_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${expr}) AS ${name}_p90`);

/** Overall, per sector and per subscriber in one pass (GROUPING SETS); only per subscriber when one organization is asked for. */
function scopes(org: string | undefined, dims: string) {
  if (org) return { scope: sql`'subscriber'`, key: sql`org_id::text`, groupBy: sql.raw(`GROUP BY ${dims ? `${dims}, ` : ''}org_id`) };
  const sets = dims ? `(${dims}), (${dims}, sector), (${dims}, org_id)` : '(), (sector), (org_id)';
  return {
    scope: sql`CASE WHEN grouping(sector) = 0 THEN 'sector' WHEN grouping(org_id) = 0 THEN 'subscriber' ELSE 'overall' END`,
    key: sql`coalesce(sector, org_id::text, '')`,
    groupBy: sql.raw(`GROUP BY GROUPING SETS (${sets})`),
  };
}

const STAGE_AT: Record<CaseStage, string> = {
  validation: 'f.validated_at',
  acknowledgement: 'f.acknowledged_at',
  fix: 'f.fixed_at',
  advisory: 'f.advised_at',
  notification: 'r.notified_at',
};

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const q = (row: Record<string, unknown>, name: string): Quantiles => ({ n: num(row[`${name}_n`]), p50: numOrNull(row[`${name}_p50`]), p90: numOrNull(row[`${name}_p90`]) });

/**
 * The ids a case's vulnerability is known by — its clearinghouse id (cases.vuln_id = advisories.id),
 * its CVE (cases.cve_id), and knowledge-base records that list either as an alias (vuln_aliases) —
 * and an exposure's sector: the asset's (inventories.sector), else its organization's
 * (subscriber_settings.sector), else 'unspecified'.
 */
const common = (org: string | undefined) => sql`
  case_ids AS (
    SELECT c.id AS case_id, v.vid FROM cases c CROSS JOIN LATERAL (VALUES (c.vuln_id), (c.cve_id)) AS v(vid) WHERE v.vid IS NOT NULL
    UNION SELECT a.case_id, a.id FROM advisories a
  ),
  case_vulns AS (
    SELECT case_id, vid FROM case_ids
    UNION SELECT ci.case_id, va.vuln_id FROM case_ids ci JOIN vuln_aliases va ON va.alias = ci.vid
  ),
  exp AS (
    SELECT x.id, x.org_id, x.vuln_id, x.status, x.detected_at, x.due_date, x.remediated_at, x.resolved_at, x.cisa, x.bod,
      coalesce(i.sector, s.sector, 'unspecified') AS sector
    FROM exposures x JOIN inventories i ON i.id = x.inventory_id LEFT JOIN subscriber_settings s ON s.org_id = x.org_id
    ${org ? sql`WHERE x.org_id = ${org}` : none}
  )`;

/**
 * Per scope: lifecycle intervals of cases and the funnel. A case counts overall when it is not a
 * duplicate merged into another; it counts for a subscriber (and the sector of the asset) when the
 * subscriber holds an exposure to its vulnerability that it may know of — the advisory is published
 * or the subscriber was notified — so embargoed cases never show in a subscriber's figures.
 *
 * Sources: reported = min(findings.received_at); validated = the first case_events 'verdict' with
 * verdict 'confirmed' (else cases.verdict_at), for cases whose status is 'confirmed' now;
 * acknowledged = min(case_participants.acknowledged_at) of vendors; fixed = min(case_vendor_status.set_at)
 * with status 'fixed'; advised = advisory_publications.published_at of version 1; notified = the
 * first notifications.created_at about the case's ids (to anyone overall; to the scope's
 * subscribers otherwise). Funnel notifications leave out digests (envelopes of items counted already).
 */
export async function lifecycleRows(db: Kysely<Database>, query: MetricsQuery): Promise<LifecycleRow[]> {
  const org = query.orgId;
  const everyone = !org;
  const stages = CASE_STAGES.map((s) => quantiles(s, sinceReport(STAGE_AT[s])));
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${common(org)},
    facts AS (
      SELECT c.id, c.status, coalesce(fc.findings, 0) AS findings, fc.reported_at,
        CASE WHEN c.status = 'confirmed' THEN coalesce(
          (SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'verdict' AND e.details->>'verdict' = 'confirmed'),
          c.verdict_at) END AS validated_at,
        (SELECT min(p.acknowledged_at) FROM case_participants p WHERE p.case_id = c.id AND p.role = 'vendor') AS acknowledged_at,
        (SELECT min(vs.set_at) FROM case_vendor_status vs WHERE vs.case_id = c.id AND vs.status = 'fixed') AS fixed_at,
        (SELECT ap.published_at FROM advisories a JOIN advisory_publications ap ON ap.advisory_id = a.id AND ap.version = 1 WHERE a.case_id = c.id) AS advised_at
      FROM cases c
      LEFT JOIN (SELECT case_id, count(*) AS findings, min(received_at) AS reported_at FROM findings GROUP BY case_id) fc ON fc.case_id = c.id
      WHERE c.status <> 'duplicate'
    ),
    told AS (
      SELECT cv.case_id, n.org_id, min(n.created_at) AS first_at, count(DISTINCT n.id) AS n
      FROM case_vulns cv JOIN notifications n ON n.vuln_id = cv.vid
      WHERE n.urgency <> 'digest' ${org ? sql`AND n.org_id = ${org}` : none}
      GROUP BY cv.case_id, n.org_id
    ),
    affected AS (
      SELECT cv.case_id, e.org_id, e.sector, count(*) AS exposures, count(e.remediated_at) AS remediated
      FROM case_vulns cv JOIN exp e ON e.vuln_id = cv.vid
      GROUP BY cv.case_id, e.org_id, e.sector
    ),
    visible AS (
      SELECT a.* FROM affected a JOIN facts f ON f.id = a.case_id
      WHERE f.advised_at IS NOT NULL OR EXISTS (SELECT 1 FROM told t WHERE t.case_id = a.case_id AND t.org_id = a.org_id)
    ),
    per_org AS (
      SELECT case_id, org_id, sum(exposures) AS exposures, sum(remediated) AS remediated FROM visible GROUP BY case_id, org_id
    ),
    scoped AS (
      ${everyone ? sql`
      SELECT 'overall' AS scope, '' AS key, f.id AS case_id,
        (SELECT min(t.first_at) FROM told t WHERE t.case_id = f.id) AS notified_at,
        (SELECT sum(t.n) FROM told t WHERE t.case_id = f.id) AS notifications,
        (SELECT sum(a.exposures) FROM affected a WHERE a.case_id = f.id) AS exposures,
        (SELECT sum(a.remediated) FROM affected a WHERE a.case_id = f.id) AS remediated
      FROM facts f
      UNION ALL
      SELECT 'sector', v.sector, v.case_id, min(t.first_at), sum(t.n), sum(v.exposures), sum(v.remediated)
      FROM visible v LEFT JOIN told t ON t.case_id = v.case_id AND t.org_id = v.org_id
      GROUP BY v.sector, v.case_id
      UNION ALL` : none}
      SELECT 'subscriber' AS scope, p.org_id::text AS key, p.case_id, t.first_at AS notified_at, t.n AS notifications, p.exposures, p.remediated
      FROM per_org p LEFT JOIN told t ON t.case_id = p.case_id AND t.org_id = p.org_id
    )
    SELECT r.scope, r.key,
      coalesce(sum(f.findings), 0) AS findings, count(*) AS cases, count(*) FILTER (WHERE f.status = 'confirmed') AS confirmed,
      count(f.advised_at) AS advisories, coalesce(sum(r.notifications), 0) AS notifications,
      coalesce(sum(r.exposures), 0) AS exposures, coalesce(sum(r.remediated), 0) AS remediated,
      ${sql.join(stages)}
    FROM scoped r JOIN facts f ON f.id = r.case_id
    GROUP BY r.scope, r.key
  `.execute(db);
  return rows.map((r) => ({
    scope: r.scope as Scope,
    key: String(r.key),
    stages: Object.fromEntries(CASE_STAGES.map((s) => [s, q(r, s)])) as Record<CaseStage, Quantiles>,
    findings: num(r.findings), cases: num(r.cases), confirmed: num(r.confirmed), advisories: num(r.advisories),
    notifications: num(r.notifications), exposures: num(r.exposures), remediated: num(r.remediated),
  }));
}

/**
 * Per scope, from exposures: open ones (status open or in_progress, neither remediated nor resolved)
 * and their days since detection (overdue ones: past their due date, also as days past due);
 * remediation hours (remediated_at − detected_at); and the share remediated within the due date,
 * the remediation's calendar date in the zone ≤ due_date, over exposures with a due date that is
 * past or remediated (not_affected ones, and ones resolved without remediation, are not held to it).
 */
export async function exposureRows(db: Kysely<Database>, query: MetricsQuery): Promise<ExposureRow[]> {
  const org = query.orgId;
  const by = scopes(org, '');
  const today = sql`(${query.now.toISOString()}::timestamptz AT TIME ZONE ${query.zone})::date`;
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${common(org)},
    e AS (
      SELECT exp.*,
        (remediated_at IS NULL AND resolved_at IS NULL AND status IN ('open', 'in_progress')) AS open,
        (due_date IS NOT NULL AND due_date < ${today}) AS past_due,
        (extract(epoch FROM (${query.now.toISOString()}::timestamptz - detected_at)) / 86400)::float8 AS age_days,
        (extract(epoch FROM (remediated_at - detected_at)) / 3600)::float8 AS remediation_hours
      FROM exp
    )
    SELECT ${by.scope} AS scope, ${by.key} AS key,
      count(*) AS total,
      count(*) FILTER (WHERE open) AS open,
      count(*) FILTER (WHERE open AND past_due) AS overdue,
      count(remediated_at) AS remediated,
      count(*) FILTER (WHERE due_date IS NOT NULL AND status <> 'not_affected' AND (remediated_at IS NOT NULL OR (resolved_at IS NULL AND past_due))) AS due_tracked,
      count(*) FILTER (WHERE due_date IS NOT NULL AND status <> 'not_affected' AND (remediated_at AT TIME ZONE ${query.zone})::date <= due_date) AS within_due,
      coalesce(sum(age_days) FILTER (WHERE open), 0) AS open_days,
      coalesce(sum(age_days) FILTER (WHERE open AND past_due), 0) AS overdue_days,
      coalesce(sum(${today} - due_date) FILTER (WHERE open AND past_due), 0) AS days_past_due,
      ${quantiles('remediation', 'remediation_hours')}
    FROM e
    ${by.groupBy}
  `.execute(db);
  return rows.map((r) => ({
    scope: r.scope as Scope, key: String(r.key),
    total: num(r.total), open: num(r.open), overdue: num(r.overdue), remediated: num(r.remediated),
    dueTracked: num(r.due_tracked), withinDue: num(r.within_due),
    openDays: num(r.open_days), overdueDays: num(r.overdue_days), daysPastDue: num(r.days_past_due),
    remediation: q(r, 'remediation'),
  }));
}

/** Exposures counted by status, CISA coordinator outcome (exposures.cisa) and BOD 26-04 timeline (exposures.bod); 'none' where unset. */
export async function exposureBreakdown(db: Kysely<Database>, query: MetricsQuery): Promise<BreakdownRow[]> {
  const org = query.orgId;
  const by = scopes(org, 'dimension, value');
  const { rows } = await sql<{ scope: Scope; key: string; dimension: BreakdownRow['dimension']; value: string; count: number }>`
    WITH ${common(org)},
    d AS (
      SELECT e.org_id, e.sector, v.dimension, v.value
      FROM exp e CROSS JOIN LATERAL (VALUES ('status', e.status), ('cisa', coalesce(e.cisa, 'none')), ('bod', coalesce(e.bod, 'none'))) AS v(dimension, value)
    )
    SELECT ${by.scope} AS scope, ${by.key} AS key, dimension, value, count(*) AS count
    FROM d
    ${by.groupBy}
    ORDER BY dimension, value
  `.execute(db);
  return rows.map((r) => ({ ...r, key: String(r.key), count: num(r.count) }));
}

/**
 * Distribution health: notifications by urgency; channels by kind — active, failing (active with
 * attempts > 0 on the notification at its cursor), lag (the organization's newest notification id −
 * the channel's cursor, over active channels); dead letters by status.
 */
export async function distributionFacts(db: Kysely<Database>, query: MetricsQuery): Promise<DistributionFacts> {
  const org = query.orgId;
  const [notifications, channels, deadLetters] = await Promise.all([
    sql<{ urgency: string; count: number }>`
      SELECT urgency, count(*) AS count FROM notifications ${org ? sql`WHERE org_id = ${org}` : none} GROUP BY urgency ORDER BY urgency
    `.execute(db),
    sql<{ kind: string; total: number; active: number; failing: number; lag_max: number; lag_total: number }>`
      WITH ch AS (
        SELECT c.kind, c.active, c.attempts,
          greatest(coalesce((SELECT max(n.id) FROM notifications n WHERE n.org_id = c.org_id), 0) - c.cursor, 0) AS lag
        FROM channels c ${org ? sql`WHERE c.org_id = ${org}` : none}
      )
      SELECT kind, count(*) AS total, count(*) FILTER (WHERE active) AS active, count(*) FILTER (WHERE active AND attempts > 0) AS failing,
        coalesce(max(lag) FILTER (WHERE active), 0) AS lag_max, coalesce(sum(lag) FILTER (WHERE active), 0) AS lag_total
      FROM ch GROUP BY kind ORDER BY kind
    `.execute(db),
    sql<{ status: string; count: number }>`
      SELECT d.status, count(*) AS count FROM dead_letters d JOIN channels c ON c.id = d.channel_id
      ${org ? sql`WHERE c.org_id = ${org}` : none} GROUP BY d.status ORDER BY d.status
    `.execute(db),
  ]);
  return {
    notifications: notifications.rows.map((r) => ({ urgency: r.urgency, count: num(r.count) })),
    channels: channels.rows.map((r) => ({ kind: r.kind, total: num(r.total), active: num(r.active), failing: num(r.failing), lagMax: num(r.lag_max), lagTotal: num(r.lag_total) })),
    deadLetters: deadLetters.rows.map((r) => ({ status: r.status, count: num(r.count) })),
  };
}

/** Organizations reported per subscriber: subscribers, and any organization holding exposures or subscriber settings. */
export async function subscriberOrgs(db: Kysely<Database>, query: MetricsQuery): Promise<SubscriberOrg[]> {
  const org = query.orgId;
  const { rows } = await sql<SubscriberOrg>`
    SELECT o.id::text AS id, o.slug, coalesce(s.sector, 'unspecified') AS sector
    FROM orgs o LEFT JOIN subscriber_settings s ON s.org_id = o.id
    WHERE ${org ? sql`o.id = ${org}` : sql`('subscriber' = ANY (o.roles) OR s.org_id IS NOT NULL OR EXISTS (SELECT 1 FROM exposures x WHERE x.org_id = o.id))`}
    ORDER BY o.slug
  `.execute(db);
  return rows;
}
