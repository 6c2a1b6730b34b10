import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { casesApi } from '../cases/casesApi.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { Receipt } from '../types.js';
import { FINDING_FORMATS, FORMAT_LABEL, findingsContentType, newSubmissionKey, receiptSummary, type FindingFormat } from './portalModel.js';
import { ReceiptTable } from './ReceiptTable.js';

/** Uploads a findings document (SARIF, OSV, AICC JSON) under an Idempotency-Key, and shows its receipt. */
export function UploadFindingsCard({ onSubmitted }: { onSubmitted: () => void }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FindingFormat>('auto');
  const [key, setKey] = useState(newSubmissionKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [receipt, setReceipt] = useState<Receipt>();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    setPending(true);
    setError(undefined);
    setReceipt(undefined);
    try {
      const text = await file.text();
      const got = await casesApi.submitFindings({ text, contentType: findingsContentType(format, file.name), format, name: file.name.slice(0, 200), key: key.trim() });
      setReceipt(got);
      // the next upload is a new submission; a retry of this one would reuse the key shown
      setKey(newSubmissionKey());
      onSubmitted();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Upload findings</h2>
      {receipt ? (
        <div className="notice notice-ok" role="status" data-testid="upload-receipt">
          <p className="notice-title">{receiptSummary(receipt)}</p>
          <ReceiptTable receipt={receipt} />
          <p className="small">
            <Link to={paths.receipt(receipt.submission.id)}>Open the receipt</Link>
          </p>
        </div>
      ) : null}
      <ErrorNotice error={error} title="Could not submit the findings" />
      <form
        className="form-stack"
        aria-label="Upload findings"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-file`}>
            Findings file
          </label>
          <input id={`${ids}-file`} type="file" required accept=".json,.sarif,application/json,application/sarif+json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-format`}>
            Format
          </label>
          <select id={`${ids}-format`} value={format} onChange={(e) => setFormat(FINDING_FORMATS.find((f) => f === e.target.value) ?? 'auto')}>
            {FINDING_FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABEL[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-key`}>
            Idempotency key
          </label>
          <input id={`${ids}-key`} required maxLength={200} value={key} onChange={(e) => setKey(e.target.value)} aria-describedby={`${ids}-key-hint`} />
          <span id={`${ids}-key-hint`} className="field-hint">
            Sending the same key again returns the first receipt instead of a second submission.
          </span>
        </div>
        <button type="submit" className="button button-primary" disabled={pending || !file}>
          {pending ? 'Submitting…' : 'Submit findings'}
        </button>
      </form>
    </section>
  );
}
