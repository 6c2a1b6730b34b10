import { StatusChip } from '../cases/CaseBadges.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { Receipt } from '../types.js';

/** Each finding of a submission: the case it went to, why (new case or duplicate, and of what), and the case's status now. */
export function ReceiptTable({ receipt, statuses }: { receipt: Receipt; statuses?: Map<string, string> | undefined }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="receipt">
        <thead>
          <tr>
            <th scope="col">Finding</th>
            <th scope="col">Case</th>
            <th scope="col">Deduplication</th>
            {statuses ? <th scope="col">Case status</th> : null}
          </tr>
        </thead>
        <tbody>
          {receipt.findings.map((f) => {
            const status = statuses?.get(f.caseId);
            return (
              <tr key={f.findingId} data-finding={f.externalId} data-case={f.caseId}>
                <td>
                  <code>{f.externalId}</code>
                </td>
                <td>
                  <Link to={paths.case(f.caseId)}>{f.caseId}</Link>
                </td>
                <td>
                  <span className={`chip ${f.status === 'duplicate' ? 'chip-warn' : 'chip-ok'}`}>{f.status === 'duplicate' ? 'duplicate' : 'new case'}</span>{' '}
                  <span className="small muted">
                    {f.reason}
                    {f.status === 'duplicate' ? ` (${f.score.toFixed(2)})` : ''}
                  </span>
                  {f.explanation ? <div className="small">{f.explanation}</div> : null}
                </td>
                {statuses ? <td data-testid="case-status">{status ? <StatusChip status={status} /> : <span className="muted">—</span>}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
