import { formatDateTime, plural } from '../format.js';
import type { CaseDetail } from '../types.js';
import { formatPrecision } from './caseModel.js';

/** Who reported the root cause, in order of first report (the credit order); analysts see each one's precision. */
export function ReporterCredits({ detail }: { detail: CaseDetail }) {
  const analyst = detail.access === 'analyst';
  const reporters = [...detail.reporters].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
  return (
    <section className="card" aria-labelledby="credits-title">
      <h2 id="credits-title">Reporters</h2>
      <ol className="credit-list" data-testid="case-reporters">
        {reporters.map((r) => (
          <li key={r.orgId} data-reporter={r.slug}>
            <strong>{r.name}</strong> <span className="muted small">({plural(r.findings, 'finding')})</span>
            <div className="small muted">first seen {formatDateTime(r.firstSeen)}</div>
            {analyst ? (
              <div className="small">
                {r.decided ? (
                  <>
                    precision {formatPrecision(r.precision)} <span className="muted">over {plural(r.decided, 'decided case')}</span>
                  </>
                ) : (
                  <span className="muted">no decided case yet</span>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {detail.otherReporters > 0 ? (
        <p className="small muted" data-testid="other-reporters">
          and {plural(detail.otherReporters, 'other reporter')} of the same root cause.
        </p>
      ) : null}
    </section>
  );
}
