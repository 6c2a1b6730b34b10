import { Counter, Gauge, Registry } from 'prom-client';
import { hasRole, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import * as store from '../store/metrics.js';
import type { AppContext } from './context.js';

export const STAGES = [...store.CASE_STAGES, 'remediation'] as const;
export type Stage = (typeof STAGES)[number];

export interface IntervalStat {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export const FUNNEL_STAGES = ['findings', 'cases', 'confirmed', 'advisories', 'notifications', 'exposures', 'remediated'] as const;
export type Funnel = Record<(typeof FUNNEL_STAGES)[number], number>;

export interface ExposureFigures {
  total: number;
  open: number;
  overdue: number;
  remediated: number;
  /** exposures held to their due date: it is past, or they are remediated */
  dueTracked: number;
  remediatedWithinDue: number;
  /** remediatedWithinDue / dueTracked; null when nothing is tracked yet */
  shareWithinDue: number | null;
  openExposureDays: number;
  overdueExposureDays: number;
  daysPastDue: number;
  byStatus: Record<string, number>;
  byCisa: Record<string, number>;
  byBod: Record<string, number>;
}

export interface ScopeMetrics {
  scope: store.Scope;
  /** '' overall, the sector, or the subscriber organization's slug */
  key: string;
  intervals: Record<Stage, IntervalStat>;
  exposures: ExposureFigures;
  funnel: Funnel;
}

export interface DistributionHealth {
  notificationsByUrgency: Record<string, number>;
  channels: store.ChannelFigures[];
  deadLettersByStatus: Record<string, number>;
}

export interface MetricsReport {
  generatedAt: string;
  /** all: an operator's view; organization: one member organization's own figures */
  view: 'all' | 'organization';
  overall: ScopeMetrics | null;
  bySector: ScopeMetrics[];
  bySubscriber: ScopeMetrics[];
  funnel: Funnel;
  distribution: DistributionHealth;
}

const round = (v: number | null, places = 3): number | null => (v === null ? null : Math.round(v * 10 ** places) / 10 ** places);
const stat = (q: store.Quantiles | undefined): IntervalStat => ({ count: q?.n ?? 0, medianHours: round(q?.p50 ?? null), p90Hours: round(q?.p90 ?? null) });
const tally = <T>(rows: readonly T[], key: (r: T) => string, count: (r: T) => number): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [key(r), count(r)]));

function scopeMetrics(
  scope: store.Scope,
  key: string,
  label: string,
  life: store.LifecycleRow | undefined,
  exp: store.ExposureRow | undefined,
  breakdown: readonly store.BreakdownRow[],
): ScopeMetrics {
  const mine = breakdown.filter((b) => b.scope === scope && b.key === key);
  const dim = (d: store.BreakdownRow['dimension']) => tally(mine.filter((b) => b.dimension === d), (b) => b.value, (b) => b.count);
  const tracked = exp?.dueTracked ?? 0;
  const within = exp?.withinDue ?? 0;
  return {
    scope,
    key: label,
    intervals: {
      ...(Object.fromEntries(store.CASE_STAGES.map((s) => [s, stat(life?.stages[s])])) as Record<store.CaseStage, IntervalStat>),
      remediation: stat(exp?.remediation),
    },
    exposures: {
      total: exp?.total ?? 0, open: exp?.open ?? 0, overdue: exp?.overdue ?? 0, remediated: exp?.remediated ?? 0,
      dueTracked: tracked, remediatedWithinDue: within, shareWithinDue: tracked ? round(within / tracked, 4) : null,
      openExposureDays: round(exp?.openDays ?? 0) ?? 0, overdueExposureDays: round(exp?.overdueDays ?? 0) ?? 0, daysPastDue: exp?.daysPastDue ?? 0,
      byStatus: dim('status'), byCisa: dim('cisa'), byBod: dim('bod'),
    },
    funnel: {
      findings: life?.findings ?? 0, cases: life?.cases ?? 0, confirmed: life?.confirmed ?? 0, advisories: life?.advisories ?? 0,
      notifications: life?.notifications ?? 0, exposures: life?.exposures ?? 0, remediated: life?.remediated ?? 0,
    },
  };
}

/**
 * The outcome metrics from the store as of `now`. Operators see everything: overall, per sector,
 * per subscriber, all channels. Any other member sees its own organization's figures only — its
 * row per subscriber, its funnel, its channels — and no overall or sector aggregates: those sum
 * over other organizations, and a small sector would give a neighbour's figures away.
 */
export async function metricsReport(ctx: AppContext, actor: Actor, now = new Date()): Promise<MetricsReport> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const operator = hasRole(actor, 'operator');
  const query: store.MetricsQuery = { now, zone: ctx.config.disclosure.embargo.timeZone, orgId: operator ? undefined : actor.orgId };
  const db = ctx.conn.db;
  const [life, exposures, breakdown, distribution, orgs] = await Promise.all([
    store.lifecycleRows(db, query), store.exposureRows(db, query), store.exposureBreakdown(db, query),
    store.distributionFacts(db, query), store.subscriberOrgs(db, query),
  ]);
  const find = <T extends { scope: store.Scope; key: string }>(rows: readonly T[], scope: store.Scope, key: string) => rows.find((r) => r.scope === scope && r.key === key);
  const build = (scope: store.Scope, key: string, label = key) => scopeMetrics(scope, key, label, find(life, scope, key), find(exposures, scope, key), breakdown);

  const sectors = [...new Set([...life, ...exposures].filter((r) => r.scope === 'sector').map((r) => r.key))].sort();
  const bySubscriber = orgs.map((o) => build('subscriber', o.id, o.slug));
  const overall = operator ? build('overall', '') : null;
  return {
    generatedAt: now.toISOString(),
    view: operator ? 'all' : 'organization',
    overall,
    bySector: operator ? sectors.map((s) => build('sector', s)) : [],
    bySubscriber,
    funnel: (overall ?? bySubscriber[0] ?? build('subscriber', '')).funnel,
    distribution: {
      notificationsByUrgency: tally(distribution.notifications, (r) => r.urgency, (r) => r.count),
      channels: distribution.channels,
      deadLettersByStatus: tally(distribution.deadLetters, (r) => r.status, (r) => r.count),
    },
  };
}

export const CSV_TABLES = ['intervals', 'exposures', 'breakdown', 'funnel'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number | null;

/**
 * One RFC 4180 field. Text a spreadsheet would read as a formula (= + - @, or a leading tab or CR)
 * gets a leading apostrophe: sector names and slugs come from users. Numbers are data, never prefixed.
 */
export function csvCell(v: Cell): string {
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  if (typeof v === 'number') return String(v);
  const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLines = (rows: readonly Cell[][]): string => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/**
 * The report as a CSV table in long form, one row per scope (and stage or category), so a
 * spreadsheet's pivot table or filter takes it as it is: `scope` is overall, sector or subscriber;
 * `key` the sector or the organization's slug.
 */
export function metricsCsv(report: MetricsReport, table: CsvTable): string {
  const scopes = [...(report.overall ? [report.overall] : []), ...report.bySector, ...report.bySubscriber];
  switch (table) {
    case 'intervals':
      return csvLines([
        ['scope', 'key', 'stage', 'count', 'median_hours', 'p90_hours'],
        ...scopes.flatMap((s) => STAGES.map((st) => [s.scope, s.key, st, s.intervals[st].count, s.intervals[st].medianHours, s.intervals[st].p90Hours])),
      ]);
    case 'exposures':
      return csvLines([
        ['scope', 'key', 'total', 'open', 'overdue', 'remediated', 'due_tracked', 'remediated_within_due', 'share_within_due', 'open_exposure_days', 'overdue_exposure_days', 'days_past_due'],
        ...scopes.map((s) => {
          const e = s.exposures;
          return [s.scope, s.key, e.total, e.open, e.overdue, e.remediated, e.dueTracked, e.remediatedWithinDue, e.shareWithinDue, e.openExposureDays, e.overdueExposureDays, e.daysPastDue];
        }),
      ]);
    case 'breakdown':
      return csvLines([
        ['scope', 'key', 'dimension', 'value', 'count'],
        ...scopes.flatMap((s) =>
          (['status', 'cisa', 'bod'] as const).flatMap((d) => {
            const counts = d === 'status' ? s.exposures.byStatus : d === 'cisa' ? s.exposures.byCisa : s.exposures.byBod;
            return Object.entries(counts).map(([value, count]) => [s.scope, s.key, d, value, count]);
          }),
        ),
      ]);
    case 'funnel':
      return csvLines([
        ['scope', 'key', 'step', 'stage', 'count'],
        ...scopes.flatMap((s) => FUNNEL_STAGES.map((st, i) => [s.scope, s.key, i + 1, st, s.funnel[st]])),
      ]);
  }
}

// Prometheus: one registry of our own (never the global one), so tests and embedders see only these series.
const registry = new Registry();

/**
 * Counters the dispatcher increments as it works (process-local, since the last start):
 * deliveries by channel kind and outcome (delivered, failed, dead), notifications created by urgency.
 */
export const deliveryCounters = {
  deliveries: new Counter({ name: 'aicc_deliveries_total', help: 'Notification deliveries attempted by this process, by channel kind and outcome', labelNames: ['channel', 'outcome'] as const, registers: [registry] }),
  notifications: new Counter({ name: 'aicc_notifications_total', help: 'Notifications created by this process, by urgency', labelNames: ['urgency'] as const, registers: [registry] }),
};

// The report of the scrape in progress: every gauge's collect() awaits the same one computation.
let current: Promise<MetricsReport> | null = null;
let scrapes: Promise<unknown> = Promise.resolve();

type Labels<T extends string> = Partial<Record<T, string>>;

/**
 * A gauge filled from the report on each scrape, at sector level only (no organization names or ids
 * at the root endpoint): a series without a `sector` label is the overall figure.
 */
function gauge<T extends string>(name: string, help: string, labelNames: readonly T[], fill: (set: (labels: Labels<T>, value: number) => void, scope: ScopeMetrics, r: MetricsReport) => void): void {
  new Gauge<T>({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      if (!current) return;
      const r = await current;
      for (const scope of [...(r.overall ? [r.overall] : []), ...r.bySector]) {
        const sector = scope.scope === 'sector' ? { sector: scope.key } : {};
        fill((labels, value) => this.set({ ...labels, ...sector } as Labels<T>, value), scope, r);
      }
    },
  });
}

gauge('aicc_lifecycle_hours', 'Hours from report to each lifecycle stage (remediation: from detection on the asset), by quantile', ['stage', 'quantile', 'sector'], (set, s) => {
  for (const stage of STAGES) {
    const i = s.intervals[stage];
    if (i.medianHours !== null) set({ stage, quantile: '0.5' }, i.medianHours);
    if (i.p90Hours !== null) set({ stage, quantile: '0.9' }, i.p90Hours);
  }
});
gauge('aicc_lifecycle_measured', 'Cases (remediation: exposures) that reached each lifecycle stage', ['stage', 'sector'], (set, s) => {
  for (const stage of STAGES) set({ stage }, s.intervals[stage].count);
});
gauge('aicc_exposures', 'Exposures (asset × vulnerability) by status', ['status', 'sector'], (set, s) => {
  for (const [status, n] of Object.entries(s.exposures.byStatus)) set({ status }, n);
});
gauge('aicc_exposures_by_outcome', 'Exposures by CISA SSVC coordinator outcome', ['outcome', 'sector'], (set, s) => {
  for (const [outcome, n] of Object.entries(s.exposures.byCisa)) set({ outcome }, n);
});
gauge('aicc_exposures_by_timeline', 'Exposures by BOD 26-04 remediation timeline', ['timeline', 'sector'], (set, s) => {
  for (const [timeline, n] of Object.entries(s.exposures.byBod)) set({ timeline }, n);
});
gauge('aicc_exposures_open', 'Open exposures (open or in progress)', ['sector'], (set, s) => set({}, s.exposures.open));
gauge('aicc_exposures_overdue', 'Open exposures past their due date', ['sector'], (set, s) => set({}, s.exposures.overdue));
gauge('aicc_exposures_due_tracked', 'Exposures whose due date is past or that are remediated', ['sector'], (set, s) => set({}, s.exposures.dueTracked));
gauge('aicc_exposures_remediated_within_due', 'Exposures remediated on or before their due date', ['sector'], (set, s) => set({}, s.exposures.remediatedWithinDue));
gauge('aicc_exposure_open_days', 'Sum over open exposures of days since detection', ['sector'], (set, s) => set({}, s.exposures.openExposureDays));
gauge('aicc_exposure_overdue_days', 'Sum over overdue open exposures of days since detection', ['sector'], (set, s) => set({}, s.exposures.overdueExposureDays));
gauge('aicc_funnel', 'From findings to remediated exposures, by stage', ['stage', 'sector'], (set, s) => {
  for (const stage of FUNNEL_STAGES) set({ stage }, s.funnel[stage]);
});

/** Distribution health is not per sector: filled once, from the report itself. */
function healthGauge<T extends string>(name: string, help: string, labelNames: readonly T[], fill: (set: (labels: Labels<T>, value: number) => void, d: DistributionHealth) => void): void {
  new Gauge<T>({
    name, help, labelNames, registers: [registry],
    async collect() {
      this.reset();
      if (!current) return;
      const d = (await current).distribution;
      fill((labels, value) => this.set(labels, value), d);
    },
  });
}

healthGauge('aicc_notifications_stored', 'Notifications stored, by urgency', ['urgency'], (set, d) => {
  for (const [urgency, n] of Object.entries(d.notificationsByUrgency)) set({ urgency }, n);
});
healthGauge('aicc_channels', 'Delivery channels by kind and state (active; failing: active and retrying)', ['channel', 'state'], (set, d) => {
  for (const c of d.channels) {
    set({ channel: c.kind, state: 'active' }, c.active);
    set({ channel: c.kind, state: 'failing' }, c.failing);
  }
});
healthGauge('aicc_channel_lag_max', 'Largest number of notifications an active channel is behind', ['channel'], (set, d) => {
  for (const c of d.channels) set({ channel: c.kind }, c.lagMax);
});
healthGauge('aicc_channel_lag', 'Notifications active channels are behind, summed', ['channel'], (set, d) => {
  for (const c of d.channels) set({ channel: c.kind }, c.lagTotal);
});
healthGauge('aicc_dead_letters', 'Dead letters by status', ['status'], (set, d) => {
  for (const [status, n] of Object.entries(d.deadLettersByStatus)) set({ status }, n);
});

/**
 * The Prometheus text exposition, for operators only (Prometheus sends `authorization: Bearer`).
 * Scrapes run one at a time: the gauges read the scrape's one report while they collect.
 */
export function prometheusMetrics(ctx: AppContext, actor: Actor, now?: Date): Promise<{ contentType: string; text: string }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'metrics need an operator bearer token');
  if (!hasRole(actor, 'operator')) throw new AppError('FORBIDDEN', 'metrics are for operators');
  const run = scrapes.then(async () => {
    current = metricsReport(ctx, actor, now);
    try {
      await current;
      return { contentType: registry.contentType, text: await registry.metrics() };
    } finally {
      current = null;
    }
  });
  scrapes = run.catch(() => undefined);
  return run;
}
