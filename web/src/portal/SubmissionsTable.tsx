import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { SubmissionSummary } from '../types.js';

/** The organization's submissions, newest first (the server's order), each linking to its receipt. */
export function SubmissionsTable({ submissions }: { submissions: SubmissionSummary[] }) {
  if (submissions.length === 0) return <p className="muted">Nothing submitted yet: upload a SARIF log, OSV records or AICC findings JSON.</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="submissions">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Format</th>
            <th scope="col">Findings</th>
            <th scope="col">Received</th>
            <th scope="col">
              <span className="visually-hidden">Receipt</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {submissions.map((s) => (
            <tr key={s.id} data-submission={s.name}>
              <td>
                {s.name}
                <div className="small muted" title="Idempotency-Key">
                  key <code>{s.clientKey}</code>
                </div>
              </td>
              <td>{s.format}</td>
              <td>{s.findings}</td>
              <td className="cell-date">{formatDateTime(s.receivedAt)}</td>
              <td className="cell-actions">
                <Link to={paths.receipt(s.id)}>
                  Receipt<span className="visually-hidden"> for {s.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
