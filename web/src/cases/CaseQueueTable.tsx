import { formatDate } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { CaseSummary } from '../types.js';
import { CaseSeverity, ReproBadge, StatusChip } from './CaseBadges.js';
import { formatPrecision, outcomeLabel, priorityTitle } from './caseModel.js';

/** Cases in the server's order (priority, then the best reporter's precision); analysts see why. */
export function CaseQueueTable({ cases, showPriority }: { cases: CaseSummary[]; showPriority: boolean }) {
  if (cases.length === 0) return <p className="muted">No cases with this status.</p>;
  return (
    <div className="table-wrap">
      <table className="table cases-table">
        <thead>
          <tr>
            {showPriority ? <th scope="col">Priority</th> : null}
            <th scope="col">Case</th>
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">
              <abbr title="independent reporter organizations">Rep.</abbr>
            </th>
            <th scope="col">Findings</th>
            {showPriority ? <th scope="col">Triage</th> : null}
            <th scope="col">Reproduction</th>
            {showPriority ? (
              <th scope="col">
                <abbr title="the best reporter precision in the case, smoothed: (confirmed + 1) / (decided + 2)">Precision</abbr>
              </th>
            ) : null}
            <th scope="col">First seen</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.id} data-case={c.id}>
              {showPriority ? (
                <td className="cell-priority">
                  <abbr className="priority-score" title={priorityTitle(c.priority)} data-testid="priority">
                    {c.priority.score}
                  </abbr>
                  <div className="small muted priority-parts">{c.priority.parts.join(' · ')}</div>
                </td>
              ) : null}
              <td className="cell-case">
                <Link to={paths.case(c.id)} className="case-link">
                  <code>{c.id}</code>
                  <span className="case-title">{c.title}</span>
                </Link>
              </td>
              <td>
                <CaseSeverity severity={c.severity} />
              </td>
              <td>
                <StatusChip status={c.status} />
              </td>
              <td data-testid="reporters">{c.reporters}</td>
              <td>{c.findings}</td>
              {showPriority ? <td data-testid="triage-outcome">{outcomeLabel(c.triageOutcome)}</td> : null}
              <td>
                <ReproBadge verdict={c.reproduction} />
              </td>
              {showPriority ? <td>{formatPrecision(c.reporterPrecision)}</td> : null}
              <td className="cell-date">{formatDate(c.firstSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
