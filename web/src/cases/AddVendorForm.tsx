import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { disclosureApi } from './disclosureApi.js';
import { useAction } from './useAction.js';

/** An analyst brings a vendor in by hand: it is released the case at once, whatever its weekly capacity. */
export function AddVendorForm({ caseId, onAdded }: { caseId: string; onAdded: (message: string) => void }) {
  const ids = useId();
  const [org, setOrg] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  return (
    <form
      className="form-stack"
      aria-label="Add a vendor"
      onSubmit={(event) => {
        event.preventDefault();
        const slug = org.trim();
        action.run(
          () => disclosureApi.addParticipant(caseId, { org: slug, role: 'vendor', reason: reason.trim() }),
          () => {
            setOrg('');
            setReason('');
            onAdded(`Added ${slug} and released the case to it.`);
          },
        );
      }}
    >
      <ErrorNotice error={action.error} title="Could not add the vendor" />
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-org`}>
          Vendor organization
        </label>
        <input id={`${ids}-org`} required pattern="[a-z0-9][a-z0-9\-]*" placeholder="slug, e.g. acme-software" value={org} onChange={(e) => setOrg(e.target.value)} />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-reason`}>
          Reason
        </label>
        <input id={`${ids}-reason`} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="button button-small" disabled={action.pending}>
        {action.pending ? 'Adding…' : 'Add vendor'}
      </button>
    </form>
  );
}
