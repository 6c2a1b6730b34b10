import { formatDate, formatPercent, formatPercentile } from '../format.js';

/** FIRST's Exploit Prediction Scoring System: probability of exploitation activity in the next 30 days. */
export function EpssPanel({ epss }: { epss: { score: number; percentile: number; date: string | null } | null }) {
  if (!epss) return <p className="muted">No EPSS score (EPSS covers published CVEs).</p>;
  return (
    <div>
      {/* An SVG bar: no inline style, so it holds under the server's strict CSP. */}
      <svg className="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
        <rect className="meter-track" x="0" y="0" width="100" height="8" />
        <rect className="meter-fill" x="0" y="0" width={Math.min(100, Math.max(0.5, epss.score * 100))} height="8" />
      </svg>
      <dl className="facts">
        <dt>Score</dt>
        <dd>
          <strong>{formatPercent(epss.score)}</strong> <span className="muted small">({epss.score.toFixed(5)})</span>
        </dd>
        <dt>Percentile</dt>
        <dd>{formatPercentile(epss.percentile)}</dd>
        <dt>Scored on</dt>
        <dd>{epss.date ? formatDate(epss.date) : <span className="muted">not given</span>}</dd>
      </dl>
    </div>
  );
}
