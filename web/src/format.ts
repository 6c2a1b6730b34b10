/** Display helpers: dates, scores and percentages, safe outbound links. */

/** ISO timestamp → `2021-12-10` (UTC); anything unparsable is shown as given. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toISOString().slice(0, 10);
}

/** ISO timestamp → `2021-12-10 14:05 UTC`. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(1) : '—';
}

/** A probability 0..1 as a percentage with sensible precision: 0.94358 → "94.36%", 0.00043 → "0.043%". */
export function formatPercent(probability: number): string {
  const pct = probability * 100;
  if (pct === 0) return '0%';
  if (pct >= 10) return `${pct.toFixed(1)}%`;
  if (pct >= 1) return `${pct.toFixed(2)}%`;
  return `${pct.toPrecision(2)}%`;
}

function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

/** A percentile 0..1 → "99.9th percentile"-style rank, e.g. 0.99953 → "99.95th", 0.42 → "42nd". */
export function formatPercentile(percentile: number): string {
  const pct = percentile * 100;
  const whole = Math.floor(pct);
  if (pct >= 99 && pct < 100) {
    const precise = Math.min(Math.round(pct * 100) / 100, 99.99);
    return `${String(precise)}th`;
  }
  return `${String(whole)}${ordinalSuffix(whole)}`;
}

/** Only http(s) URLs from advisory data become links; anything else (javascript:, data:) stays text. */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}
