import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { formatHours, formatShare, type ScopeMetrics } from './distributionModel.js';

/** Per-sector or per-subscriber figures side by side; a subscriber links to its portal as the operator sees it. */
export function ScopeTable({ title, rows, subscriber = false }: { title: string; rows: ScopeMetrics[]; subscriber?: boolean }) {
  const id = subscriber ? 'by-subscriber' : 'by-sector';
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <div className="table-wrap">
          <table className={`table scope-table ${id}`}>
            <thead>
              <tr>
                <th scope="col">{subscriber ? 'Subscriber' : 'Sector'}</th>
                <th scope="col">Exposures</th>
                <th scope="col">Open</th>
                <th scope="col">Overdue</th>
                <th scope="col">Remediated</th>
                <th scope="col">Within due</th>
                <th scope="col">Open days</th>
                <th scope="col">Remediation (median)</th>
                <th scope="col">
                  <abbr title="notifications about vulnerabilities that came through the clearinghouse’s cases">Case notifications</abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-scope-key={r.key}>
                  <th scope="row">{subscriber ? <Link to={paths.subscriber('exposures', r.key)}>{r.key}</Link> : r.key}</th>
                  <td>{r.exposures.total}</td>
                  <td>{r.exposures.open}</td>
                  <td className={r.exposures.overdue ? 'text-danger' : undefined}>{r.exposures.overdue}</td>
                  <td data-testid="scope-remediated">{r.exposures.remediated}</td>
                  <td>{formatShare(r.exposures.shareWithinDue)}</td>
                  <td>{Math.round(r.exposures.openExposureDays)}</td>
                  <td>{formatHours(r.intervals.remediation.medianHours)}</td>
                  <td>{r.funnel.notifications}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
