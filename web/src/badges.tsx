import { formatPercent, formatPercentile, formatScore } from './format.js';
import type { SeverityLevel } from './types.js';

const SEVERITY_LABEL: Record<SeverityLevel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
};

/** Qualitative severity from a CVSS base score (FIRST's bands). */
export function severityOf(score: number): SeverityLevel {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

export function SeverityBadge({ severity, score }: { severity: SeverityLevel | null; score?: number | null }) {
  if (!severity) return <span className="badge badge-unscored">Unscored</span>;
  return (
    <span className={`badge badge-sev badge-sev-${severity}`}>
      {SEVERITY_LABEL[severity]}
      {typeof score === 'number' ? <span className="badge-score">{formatScore(score)}</span> : null}
    </span>
  );
}

export function KevBadge() {
  return (
    <abbr className="badge badge-kev" title="In CISA's Known Exploited Vulnerabilities catalog">
      KEV
    </abbr>
  );
}

export function EpssBadge({ score, percentile }: { score: number; percentile: number }) {
  const pct = formatPercent(score);
  const rank = formatPercentile(percentile);
  const hot = score >= 0.1;
  return (
    <span
      className={`badge badge-epss${hot ? ' badge-epss-hot' : ''}`}
      title={`EPSS: ${pct} probability of exploitation activity in the next 30 days; ${rank} percentile`}
    >
      <span className="badge-epss-label">EPSS</span> {pct} <span className="badge-epss-pct">· {rank} pct</span>
    </span>
  );
}

const TLP_CLASS: Record<string, string> = {
  CLEAR: 'clear',
  GREEN: 'green',
  AMBER: 'amber',
  'AMBER+STRICT': 'amber',
  RED: 'red',
};

export function TlpBadge({ tlp }: { tlp: string }) {
  const label = tlp.replace(/^TLP:/i, '').toUpperCase();
  return <span className={`badge badge-tlp badge-tlp-${TLP_CLASS[label] ?? 'clear'}`}>TLP:{label}</span>;
}

export function WithdrawnBadge() {
  return <span className="badge badge-withdrawn">Withdrawn</span>;
}
