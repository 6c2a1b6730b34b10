import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import type { CaseDetail, DecisionTableInfo } from '../types.js';
import { useResource } from '../useResource.js';
import { casesApi } from './casesApi.js';
import { initialTriageInputs, missingInputs, outcomeLabel } from './caseModel.js';

/** SSVC coordinator triage: one value per decision point of the loaded table; the table gives Decline, Track or Coordinate. */
export function TriageForm({ detail, onSaved }: { detail: CaseDetail; onSaved: (message: string) => void }) {
  const table = useResource((signal) => casesApi.coordinatorTriage(signal), []);
  return (
    <section className="card" aria-labelledby="triage-title">
      <div className="card-head">
        <h2 id="triage-title">SSVC coordinator triage</h2>
        {detail.triage ? (
          <span className={`chip chip-outcome-${detail.triage.outcome}`} data-testid="triage-outcome" data-outcome={detail.triage.outcome}>
            {outcomeLabel(detail.triage.outcome, table.data)}
          </span>
        ) : null}
      </div>
      {detail.triage ? (
        <p className="small muted">
          Recorded by {detail.triage.decidedBy}, {formatDateTime(detail.triage.decidedAt)}.
        </p>
      ) : null}
      {table.error?.code === 'NOT_FOUND' ? (
        <div className="notice" role="note" data-testid="no-triage-table">
          <p className="notice-title">No coordinator triage table loaded.</p>
          <p className="small">
            An operator loads SSVC’s <code>coordinator_triage_1_0_0.json</code>: <code>aicc ssvc load FILE</code>, or <code>PUT /api/v1/decision-tables</code>{' '}
            with the file as the body.
          </p>
        </div>
      ) : (
        <ErrorNotice error={table.error} title="Could not load the coordinator triage table" />
      )}
      {table.data ? (
        // Keyed by what was recorded, so the selects show the stored values after every save.
        <TriageFields key={JSON.stringify(detail.triage?.inputs ?? {})} table={table.data} detail={detail} onSaved={onSaved} />
      ) : table.loading ? (
        <p className="muted small">Loading the decision table…</p>
      ) : null}
    </section>
  );
}

function TriageFields({ table, detail, onSaved }: { table: DecisionTableInfo; detail: CaseDetail; onSaved: (message: string) => void }) {
  const ids = useId();
  const indicators = detail.credibility?.indicators ?? [];
  const [inputs, setInputs] = useState(() => initialTriageInputs(table, detail.triage, detail.credibility?.suggested ?? null));
  const [weighed, setWeighed] = useState<ReadonlySet<string>>(() => new Set(detail.triage?.indicators ?? indicators.map((i) => i.key)));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const missing = missingInputs(table, inputs);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const saved = await casesApi.recordTriage(detail.id, { inputs, indicators: indicators.filter((i) => weighed.has(i.key)).map((i) => i.key) });
      onSaved(`Recorded SSVC triage: ${outcomeLabel(saved.triage?.outcome ?? null, table)}.`);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="form-stack triage-form"
      aria-label="SSVC coordinator triage"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <ErrorNotice error={error} title="Could not record the triage" />
      {table.inputs.map((point) => (
        <div className="field" key={point.id}>
          <label className="field-label" htmlFor={`${ids}-${point.key}`} title={point.definition}>
            {point.name}
          </label>
          <select id={`${ids}-${point.key}`} data-point={point.key} value={inputs[point.id] ?? ''} onChange={(e) => setInputs((current) => ({ ...current, [point.id]: e.target.value }))}>
            <option value="" disabled>
              Choose…
            </option>
            {point.values.map((v) => (
              <option key={v.key} value={v.key} title={v.definition}>
                {v.name} ({v.key})
              </option>
            ))}
          </select>
        </div>
      ))}
      {indicators.length ? (
        <fieldset>
          <legend className="field-label">Credibility indicators weighed</legend>
          {indicators.map((i) => (
            <label key={i.key} className="check">
              <input
                type="checkbox"
                checked={weighed.has(i.key)}
                onChange={(e) => setWeighed((current) => (e.target.checked ? new Set([...current, i.key]) : new Set([...current].filter((k) => k !== i.key))))}
              />
              {i.label}
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending || missing.length > 0} title={missing.length ? `Still to choose: ${missing.join(', ')}` : undefined}>
        {pending ? 'Saving…' : 'Save triage'}
      </button>
    </form>
  );
}
