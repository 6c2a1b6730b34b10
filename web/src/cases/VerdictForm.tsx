import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { VERDICTS, type CaseDetail, type Verdict } from '../types.js';
import { casesApi } from './casesApi.js';
import { statusLabel } from './caseModel.js';

const HINT: Record<Verdict, string> = {
  confirmed: 'Releases the case to its vendors within their weekly capacity.',
  'not-a-vulnerability': 'Closes the case; counts against the reporters’ precision.',
  'needs-info': 'Asks the reporters; their reply puts the case back in the queue.',
  duplicate: 'Merges this case into the one it duplicates.',
};

/** The analyst's verdict, always with a reason (the reporters see it). */
export function VerdictForm({ detail, onDecided }: { detail: CaseDetail; onDecided: (message: string) => void }) {
  const ids = useId();
  const [verdict, setVerdict] = useState<Verdict>(VERDICTS.find((v) => v === detail.status) ?? 'confirmed');
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const other = duplicateOf.trim();
      await casesApi.setVerdict(detail.id, { verdict, reason: reason.trim(), ...(verdict === 'duplicate' ? { duplicateOf: other } : {}) });
      onDecided(verdict === 'duplicate' ? `Merged ${detail.id} into ${other} as its duplicate.` : `Verdict recorded: ${statusLabel(verdict)}.`);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Verdict</h2>
      <ErrorNotice error={error} title="Could not record the verdict" />
      <form
        className="form-stack"
        aria-label="Verdict"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-verdict`}>
            Verdict
          </label>
          <select id={`${ids}-verdict`} value={verdict} onChange={(e) => setVerdict(VERDICTS.find((v) => v === e.target.value) ?? 'confirmed')} aria-describedby={`${ids}-verdict-hint`}>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {statusLabel(v)}
              </option>
            ))}
          </select>
          <span id={`${ids}-verdict-hint`} className="field-hint">
            {HINT[verdict]}
          </span>
        </div>
        {verdict === 'duplicate' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-dup`}>
              Duplicate of
            </label>
            <input id={`${ids}-dup`} required maxLength={64} pattern="[A-Za-z0-9_.:\-]+" placeholder="case id" value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} />
          </div>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-reason`}>
            Reason
          </label>
          <textarea id={`${ids}-reason`} required maxLength={4000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : 'Record verdict'}
        </button>
      </form>
    </section>
  );
}
