import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import type { Participant } from './disclosureModel.js';
import { disclosureApi } from './disclosureApi.js';
import { useAction } from './useAction.js';
import { VendorStatusForm } from './VendorStatusForm.js';

/** What the vendor does on its case: acknowledge the report, then say whether it is affected. */
export function VendorActions({ caseId, vendor, onChanged }: { caseId: string; vendor: Participant; onChanged: (message: string) => void }) {
  const ack = useAction();
  const acknowledged = Boolean(vendor.ack?.acknowledgedAt);
  return (
    <section className="card card-attention" aria-labelledby="vendor-actions-title">
      <h3 id="vendor-actions-title">Your response</h3>
      <ErrorNotice error={ack.error} title="Could not acknowledge" />
      {acknowledged ? (
        <p className="small" data-testid="acknowledged">
          Acknowledged {formatDateTime(vendor.ack?.acknowledgedAt ?? null)}.
        </p>
      ) : (
        <p className="inline-form">
          <span className="small">{vendor.ack ? `Please acknowledge by ${vendor.ack.dueAt.local}.` : 'Please acknowledge the report.'}</span>
          <button type="button" className="button button-small button-primary" disabled={ack.pending} onClick={() => ack.run(() => disclosureApi.acknowledge(caseId), () => onChanged('Acknowledged the report.'))}>
            Acknowledge
          </button>
        </p>
      )}
      <VendorStatusForm caseId={caseId} current={vendor.status} onSaved={onChanged} />
    </section>
  );
}
