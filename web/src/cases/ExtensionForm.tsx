import { useId, useState } from 'react';
import { ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { disclosureApi } from './disclosureApi.js';
import { extensionBody } from './disclosureModel.js';
import { useAction } from './useAction.js';

/** Asks for a later embargo (the asker agrees by asking); it applies once every party has agreed. */
export function ExtensionForm({ caseId, onRequested }: { caseId: string; onRequested: (message: string) => void }) {
  const ids = useId();
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiError>();
  const action = useAction();
  return (
    <form
      className="form-stack"
      aria-label="Request an extension"
      onSubmit={(event) => {
        event.preventDefault();
        const body = extensionBody(value, reason);
        if ('problem' in body) {
          setProblem(new ApiError(0, 'CLIENT', body.problem));
          return;
        }
        setProblem(undefined);
        action.run(() => disclosureApi.requestExtension(caseId, body), () => onRequested('Extension requested.'));
      }}
    >
      <ErrorNotice error={problem ?? action.error} title="Could not request the extension" />
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-value`}>
          Extend by days, or until
        </label>
        <input id={`${ids}-value`} required placeholder="14 or 2027-04-01 15:00" value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-reason`}>
          Why
        </label>
        <input id={`${ids}-reason`} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button button-small" disabled={action.pending}>
        Request extension
      </button>
    </form>
  );
}
