/** The operator's distribution health and outcome metrics (`GET /api/v1/metrics`), and how the page draws them. */

export interface IntervalStat {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export const STAGES = ['validation', 'acknowledgement', 'fix', 'advisory', 'notification', 'remediation'] as const;
export type Stage = (typeof STAGES)[number];

export const FUNNEL_STAGES = ['findings', 'cases', 'confirmed', 'advisories', 'notifications', 'exposures', 'remediated'] as const;
export type Funnel = Record<(typeof FUNNEL_STAGES)[number], number>;

export interface ExposureFigures {
  total: number;
  open: number;
  overdue: number;
  remediated: number;
  dueTracked: number;
  remediatedWithinDue: number;
  shareWithinDue: number | null;
  openExposureDays: number;
  overdueExposureDays: number;
  daysPastDue: number;
  byStatus: Record<string, number>;
  byCisa: Record<string, number>;
  byBod: Record<string, number>;
}

export interface ScopeMetrics {
  scope: 'overall' | 'sector' | 'subscriber';
  key: string;
  intervals: Record<Stage, IntervalStat>;
  exposures: ExposureFigures;
  funnel: Funnel;
}

export interface ChannelFigures {
  kind: string;
  total: number;
  active: number;
  failing: number;
  lagMax: number;
  lagTotal: number;
}

export interface MetricsReport {
  generatedAt: string;
  view: 'all' | 'organization';
  overall: ScopeMetrics | null;
  bySector: ScopeMetrics[];
  bySubscriber: ScopeMetrics[];
  funnel: Funnel;
  distribution: {
    notificationsByUrgency: Record<string, number>;
    channels: ChannelFigures[];
    deadLettersByStatus: Record<string, number>;
  };
}

export const STAGE_LABEL: Record<Stage, string> = {
  validation: 'Report → validation',
  acknowledgement: 'Report → vendor acknowledgement',
  fix: 'Report → fix',
  advisory: 'Report → advisory',
  notification: 'Report → notification',
  remediation: 'Detection → remediation',
};

export const FUNNEL_LABEL: Record<(typeof FUNNEL_STAGES)[number], string> = {
  findings: 'Findings',
  cases: 'Cases',
  confirmed: 'Confirmed',
  advisories: 'Advisories',
  notifications: 'Notifications',
  exposures: 'Exposed assets',
  remediated: 'Remediated',
};

/** Categories in their meaningful order (most urgent first); anything else follows, largest first. */
export const CISA_ORDER = ['Act', 'Attend', 'Track*', 'Track'];
export const BOD_ORDER = ['3 days & forensic investigation', '3 days', '14 days', '60 days', 'Fix on system upgrade'];
export const STATUS_ORDER = ['open', 'in_progress', 'fixed', 'mitigated', 'not_affected', 'accepted_risk'];
export const URGENCY_ORDER = ['immediate', 'digest', 'digest-item'];
export const LETTER_ORDER = ['dead', 'replaying', 'delivered'];

export interface Bar {
  key: string;
  label: string;
  value: number;
}

/** A count map as bars: known keys first in `order` (those present), the rest by count then name. */
export function barsOf(counts: Record<string, number>, order: readonly string[] = [], label: (key: string) => string = (k) => k): Bar[] {
  const known = order.filter((k) => k in counts);
  const rest = Object.keys(counts)
    .filter((k) => !order.includes(k))
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0) || a.localeCompare(b));
  return [...known, ...rest].map((key) => ({ key, label: label(key), value: counts[key] ?? 0 }));
}

/** An axis maximum that reads well: 1, 2 or 5 times a power of ten at or above the largest value. */
export function niceMax(values: readonly number[]): number {
  const max = Math.max(0, ...values.filter((v) => Number.isFinite(v)));
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max) ?? 10;
  return step * power;
}

/** A bar's length in the chart's units; 0 stays 0, anything above 0 shows at least a sliver. */
export function barLength(value: number, max: number, width: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(2, Math.min(width, (value / max) * width));
}

/** Hours as people read them: minutes under an hour, hours under two days, days after. */
export function formatHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return '—';
  if (hours < 1 / 60) return hours > 0 ? '< 1 min' : '0 min';
  if (hours < 1) return `${String(Math.round(hours * 60))} min`;
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : String(Math.round(hours))} h`;
  const days = hours / 24;
  return `${days < 10 ? days.toFixed(1) : String(Math.round(days))} d`;
}

export function formatShare(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${String(Math.round(share * 1000) / 10)}%`;
}

export interface FunnelStep {
  stage: (typeof FUNNEL_STAGES)[number];
  label: string;
  count: number;
  /** share of the step before (null for the first, or after an empty one) */
  ofPrevious: number | null;
}

export function funnelSteps(f: Funnel): FunnelStep[] {
  return FUNNEL_STAGES.map((stage, i) => {
    const previous = i > 0 ? f[FUNNEL_STAGES[i - 1]!] : 0;
    return { stage, label: FUNNEL_LABEL[stage], count: f[stage], ofPrevious: i > 0 && previous > 0 ? f[stage] / previous : null };
  });
}

/** Lifecycle intervals as two series (median and p90) per stage, measured stages only. */
export function intervalSeries(intervals: Record<Stage, IntervalStat>): Array<{ stage: Stage; label: string; count: number; median: number; p90: number }> {
  return STAGES.filter((s) => intervals[s].count > 0).map((s) => ({
    stage: s,
    label: STAGE_LABEL[s],
    count: intervals[s].count,
    median: intervals[s].medianHours ?? 0,
    p90: intervals[s].p90Hours ?? 0,
  }));
}

export interface HealthSummary {
  channels: number;
  active: number;
  failing: number;
  lagMax: number;
  lagTotal: number;
  dead: number;
}

/** Distribution at a glance: channels active and failing, the worst lag, dead letters waiting. */
export function healthSummary(d: MetricsReport['distribution']): HealthSummary {
  const sum = (pick: (c: ChannelFigures) => number) => d.channels.reduce((n, c) => n + pick(c), 0);
  return {
    channels: sum((c) => c.total),
    active: sum((c) => c.active),
    failing: sum((c) => c.failing),
    lagMax: Math.max(0, ...d.channels.map((c) => c.lagMax)),
    lagTotal: sum((c) => c.lagTotal),
    dead: d.deadLettersByStatus.dead ?? 0,
  };
}

export const CSV_TABLES = [
  { table: 'intervals', label: 'Lifecycle intervals' },
  { table: 'exposures', label: 'Exposures and due dates' },
  { table: 'breakdown', label: 'By status, CISA outcome and BOD timeline' },
  { table: 'funnel', label: 'Funnel' },
] as const;

export function csvHref(table: (typeof CSV_TABLES)[number]['table']): string {
  return `/api/v1/metrics.csv?table=${table}`;
}

/** Who sees the operator view: operator organizations (others get only their own figures from the API). */
export function seesDistribution(user: { org: { roles: readonly string[] } } | null): boolean {
  return Boolean(user?.org.roles.includes('operator'));
}
