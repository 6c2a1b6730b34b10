import type { ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { basisLabel, type EmbargoAnswer } from './disclosureModel.js';
import { disclosureApi } from './disclosureApi.js';
import { ExtensionForm } from './ExtensionForm.js';
import { useAction } from './useAction.js';

/**
 * The embargo as the API states it (local time, UTC offset and zone, never converted here), the open
 * extension request with who still has to agree, and for analysts an early release.
 */
export function EmbargoCard({ caseId, answer, error, analyst, party, onChanged }: { caseId: string; answer: EmbargoAnswer | undefined; error: ApiError | undefined; analyst: boolean; party: string | null; onChanged: (message: string) => void }) {
  const action = useAction();
  const embargo = answer?.embargo ?? null;
  const extension = embargo?.extension ?? null;
  const open = extension?.status === 'open' || (extension !== null && extension.awaiting.length > 0);
  return (
    <section className="card" aria-labelledby="embargo-title">
      <h3 id="embargo-title">Embargo</h3>
      <ErrorNotice error={error} title="Could not load the embargo" />
      <ErrorNotice error={action.error} title="Could not change the embargo" />
      {!embargo ? (
        <p className="muted small">{answer ? `No embargo yet: it starts at the first release to a vendor (${String(answer.policy.days)} days, ${answer.policy.releaseTime} ${answer.policy.timeZone}).` : 'Loading…'}</p>
      ) : (
        <>
          <p>
            {embargo.lifted ? 'Lifted at ' : 'Public at '}
            <strong data-testid="embargo-public-at">{embargo.publicAt}</strong>
          </p>
          <p className="small muted">
            UTC {embargo.at} · offset {embargo.utcOffset} · {basisLabel(embargo.basis)}
            {embargo.reason ? ` — ${embargo.reason}` : ''}
            {embargo.exploited ? ' · exploited' : ''}
          </p>
          {extension && open ? (
            <div className="notice" data-testid="extension">
              <p className="small">
                Extension requested to <strong>{extension.until.local}</strong>: {extension.reason}. Agreed: {extension.agreed.join(', ') || 'nobody'}; awaiting: {extension.awaiting.join(', ')}.
              </p>
              {party && extension.awaiting.includes(party) ? (
                <button type="button" className="button button-small" disabled={action.pending} onClick={() => action.run(() => disclosureApi.agreeExtension(caseId, extension.id), () => onChanged('Agreed to the extension.'))}>
                  Agree to the extension
                </button>
              ) : null}
            </div>
          ) : null}
          {!embargo.lifted && !open && party ? <ExtensionForm caseId={caseId} onRequested={onChanged} /> : null}
          {analyst && !embargo.lifted ? (
            <p className="inline-form">
              <span className="small">Early release:</span>
              <button type="button" className="button button-small" disabled={action.pending} onClick={() => action.run(() => disclosureApi.earlyRelease(caseId, 'fixed'), () => onChanged('Embargo released early: fixed.'))}>
                Release now (fixed)
              </button>
              <button type="button" className="button button-small" disabled={action.pending} onClick={() => action.run(() => disclosureApi.earlyRelease(caseId, 'exploited'), () => onChanged('Embargo released early: exploited.'))}>
                Release now (exploited)
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
