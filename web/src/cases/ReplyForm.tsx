import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { casesApi } from './casesApi.js';

/** A reporter answers the analyst's question; the case goes back to the queue. */
export function ReplyForm({ caseId, onReplied }: { caseId: string; onReplied: (message: string) => void }) {
  const ids = useId();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await casesApi.reply(caseId, text.trim());
      setText('');
      onReplied('Reply sent: the case is back in the analysts’ queue.');
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card card-attention" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>The analysts need more information</h2>
      <ErrorNotice error={error} title="Could not send the reply" />
      <form
        className="form-stack"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-text`}>
            Your reply
          </label>
          <textarea id={`${ids}-text`} required maxLength={20000} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Sending…' : 'Send reply'}
        </button>
      </form>
    </section>
  );
}
