import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { casesApi } from './casesApi.js';

/** Moves every finding of another case into this one; the other is closed as its duplicate. */
export function MergeForm({ caseId, onMerged }: { caseId: string; onMerged: (message: string) => void }) {
  const ids = useId();
  const [from, setFrom] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const other = from.trim();
    setPending(true);
    setError(undefined);
    try {
      await casesApi.merge(caseId, other);
      setFrom('');
      onMerged(`Merged ${other} into ${caseId}.`);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="merge-form"
      aria-label="Merge another case into this one"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <ErrorNotice error={error} title="Could not merge" />
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-from`}>
          Merge another case into this one
        </label>
        <div className="inline-form">
          <input id={`${ids}-from`} required maxLength={64} pattern="[A-Za-z0-9_.:\-]+" placeholder="case id" value={from} onChange={(e) => setFrom(e.target.value)} />
          <button type="submit" className="button button-small" disabled={pending}>
            {pending ? 'Merging…' : 'Merge'}
          </button>
        </div>
      </div>
    </form>
  );
}
