import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { CaseDetail } from '../types.js';
import { StatusChip } from './CaseBadges.js';
import { priorityTitle, statusLabel } from './caseModel.js';

/** The case's id, title, status and the verdict with its reason. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { verdict } = detail;
  return (
    <div className="detail-head case-head">
      <p className="back">
        <Link to={paths.cases()}>← Cases</Link>
      </p>
      <div className="detail-title">
        <h1>{detail.id}</h1>
        <StatusChip status={detail.status} />
        {detail.priority ? (
          <abbr className="chip chip-quiet" title={priorityTitle(detail.priority)} data-testid="case-priority">
            priority {detail.priority.score}
          </abbr>
        ) : null}
      </div>
      <p className="detail-summary">{detail.title}</p>
      {verdict && (verdict.reason || verdict.duplicateOf) ? (
        <div className={`verdict verdict-${detail.status}`} data-testid="case-verdict">
          <strong>{statusLabel(detail.status)}</strong>
          {verdict.duplicateOf ? (
            <>
              {' '}
              of <Link to={paths.case(verdict.duplicateOf)}>{verdict.duplicateOf}</Link>
            </>
          ) : null}
          {verdict.reason ? <span className="verdict-reason">: {verdict.reason}</span> : null}
          <div className="small muted">
            {verdict.by ? `${verdict.by} · ` : ''}
            {formatDateTime(verdict.at)}
          </div>
        </div>
      ) : null}
      <dl className="meta">
        <div>
          <dt>Opened</dt>
          <dd>{formatDateTime(detail.createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatDateTime(detail.updatedAt)}</dd>
        </div>
        <div>
          <dt>Findings</dt>
          <dd>{detail.findings.length}</dd>
        </div>
        {detail.releases.length ? (
          <div>
            <dt>Released to vendors</dt>
            <dd>{detail.releases.map((r) => formatDateTime(r.releasedAt)).join(', ')}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}
