import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { disclosureApi } from './disclosureApi.js';
import { VENDOR_STATUSES, vendorStatusLabel, type Participant, type VendorStatus } from './disclosureModel.js';
import { useAction } from './useAction.js';

/** A vendor's own status on the case, with a statement (required for "not affected" by the server). */
export function VendorStatusForm({ caseId, current, onSaved }: { caseId: string; current: Participant['status']; onSaved: (message: string) => void }) {
  const ids = useId();
  const [status, setStatus] = useState<VendorStatus>(VENDOR_STATUSES.find((s) => s === current?.status) ?? 'under_investigation');
  const [statement, setStatement] = useState(current?.statement ?? '');
  const action = useAction();
  return (
    <form
      className="form-stack"
      aria-label="Vendor status"
      onSubmit={(event) => {
        event.preventDefault();
        const text = statement.trim();
        action.run(() => disclosureApi.setVendorStatus(caseId, { status, ...(text ? { statement: text } : {}) }), () => onSaved(`Status set: ${vendorStatusLabel(status)}.`));
      }}
    >
      <ErrorNotice error={action.error} title="Could not save the status" />
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-status`}>
          Status
        </label>
        <select id={`${ids}-status`} value={status} onChange={(e) => setStatus(e.target.value as VendorStatus)}>
          {VENDOR_STATUSES.map((s) => (
            <option key={s} value={s}>
              {vendorStatusLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-statement`}>
          Statement
        </label>
        <textarea id={`${ids}-statement`} rows={3} maxLength={20000} required={status === 'not_affected'} value={statement} onChange={(e) => setStatement(e.target.value)} />
      </div>
      <button type="submit" className="button button-small" disabled={action.pending}>
        Save status
      </button>
    </form>
  );
}
