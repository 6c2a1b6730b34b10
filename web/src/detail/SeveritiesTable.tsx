import { SeverityBadge, severityOf } from '../badges.js';
import { formatScore } from '../format.js';
import type { SeverityScore } from '../types.js';

/** CVSS vectors with the base score AICC computed from each one. */
export function SeveritiesTable({ severities }: { severities: SeverityScore[] }) {
  if (severities.length === 0) return <p className="muted">No CVSS vector given.</p>;
  return (
    <div className="table-wrap">
      <table className="table severities-table">
        <thead>
          <tr>
            <th scope="col">CVSS</th>
            <th scope="col">Base score</th>
            <th scope="col">Vector</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {severities.map((s, i) => (
            <tr key={`${s.vector}-${String(i)}`}>
              <td>{s.version}</td>
              <td className="cell-score">
                <span className="score" data-testid="base-score">
                  {formatScore(s.baseScore)}
                </span>{' '}
                <SeverityBadge severity={severityOf(s.baseScore)} />
              </td>
              <td>
                <code className="vector">{s.vector}</code>
              </td>
              <td>{s.source || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
