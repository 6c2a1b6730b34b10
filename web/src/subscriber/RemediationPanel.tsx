import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { useResource } from '../useResource.js';
import { subscriberApi } from './subscriberApi.js';
import {
  explanationOf,
  justificationLabel,
  missingTablesOf,
  remediationProblems,
  REMEDIATION_STATUSES,
  statusLabel,
  VEX_JUSTIFICATIONS,
  type Exposure,
} from './subscriberModel.js';

/** One exposure's remediation: report where it stands (a VEX justification for not affected), its history, and why it has its priority. */
export function RemediationPanel({ exposure, org, onReported }: { exposure: Exposure; org: string | undefined; onReported: (status: string) => void }) {
  const ids = useId();
  const history = useResource((signal) => subscriberApi.remediationHistory(exposure.id, org, signal), [exposure.id, org]);
  const [status, setStatus] = useState(exposure.status === 'open' ? 'in_progress' : exposure.status);
  const [justification, setJustification] = useState('');
  const [statement, setStatement] = useState('');
  const [shown, setShown] = useState(false);
  const action = useAction();
  const draft = { status, justification, statement };
  const problems = remediationProblems(draft);
  const explanation = explanationOf(exposure.priority);
  const missing = missingTablesOf(exposure.priority);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(true);
    if (problems.length) return;
    action.run(
      () => subscriberApi.reportRemediation(exposure.id, draft, org),
      () => {
        setStatement('');
        history.reload();
        onReported(status);
      },
    );
  };

  return (
    <div className="remediation">
      <form className="remediation-form" aria-label={`Remediation of ${exposure.vulnId} on ${exposure.asset}`} onSubmit={submit} noValidate>
        <h3>Report remediation</h3>
        <ErrorNotice error={action.error} title="Could not report" />
        <div className="remediation-fields">
          <label className="field">
            <span className="field-label">Status</span>
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              {REMEDIATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </label>
          {status === 'not_affected' ? (
            <label className="field">
              <span className="field-label">VEX justification</span>
              <select value={justification} onChange={(e) => setJustification(e.target.value)} aria-invalid={shown && !justification}>
                <option value="">Choose…</option>
                {VEX_JUSTIFICATIONS.map((j) => (
                  <option key={j} value={j}>
                    {justificationLabel(j)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-statement`}>
            Statement
          </label>
          <textarea
            id={`${ids}-statement`}
            value={statement}
            maxLength={10_000}
            rows={2}
            onChange={(e) => setStatement(e.target.value)}
            aria-describedby={`${ids}-statement-hint`}
          />
          <span id={`${ids}-statement-hint`} className="field-hint">
            What was done, or why the risk is accepted, by whom and until when.
          </span>
        </div>
        {shown && problems.length ? (
          <ul className="form-problems" role="alert">
            {problems.map((p) => (
              <li key={p.field}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        <button type="submit" className="button button-primary" disabled={action.pending}>
          {action.pending ? 'Reporting…' : 'Report'}
        </button>
      </form>

      <div className="remediation-side">
        <h3>History</h3>
        <ErrorNotice error={history.error} title="Could not load the history" />
        {history.data ? (
          history.data.items.length === 0 ? (
            <p className="muted small">Nothing reported yet.</p>
          ) : (
            <ol className="plain-list remediation-history" data-testid="remediation-history">
              {history.data.items.map((r) => (
                <li key={r.id} data-status={r.status}>
                  <strong>{statusLabel(r.status)}</strong>
                  {r.justification ? <span className="muted"> · {justificationLabel(r.justification)}</span> : null}
                  <span className="small muted">
                    {' '}
                    · {formatDateTime(r.reportedAt)} by {r.reportedBy} ({r.source})
                  </span>
                  {r.statement ? <p className="remediation-statement">{r.statement}</p> : null}
                </li>
              ))}
            </ol>
          )
        ) : history.loading ? (
          <p className="muted small">Loading…</p>
        ) : null}
        {explanation.length ? (
          <details className="priority-why">
            <summary>Why this priority</summary>
            <dl className="facts">
              {explanation.map((l, i) => (
                <div className="facts-row" key={i}>
                  <dt>{l.point}</dt>
                  <dd>
                    <strong>{l.value}</strong> <span className="small muted">{l.source}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {missing.length ? <p className="small muted">Not used: {missing.join('; ')}.</p> : null}
          </details>
        ) : null}
      </div>
    </div>
  );
}
