import { useId, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { formatDateTime } from '../format.js';
import { wholeNumber, type ScanTarget } from './scanningModel.js';

interface Props {
  target: ScanTarget;
  onClaimed: (message: string) => void;
  /** errors show above the form, in the row's ErrorNotice (a 409 names the organization holding the target) */
  onError: (error: ApiError) => void;
  onCancel: () => void;
}

/** Claims a target for a while, so that other scanners pick another one. */
export function ClaimForm({ target, onClaimed, onError, onCancel }: Props) {
  const ids = useId();
  const [scope, setScope] = useState('');
  const [method, setMethod] = useState('');
  const [hours, setHours] = useState('72');
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    try {
      const lease = wholeNumber(hours);
      const claim = await api.claimScanTarget(target.id, { scope: scope.trim(), method: method.trim(), ...(lease === undefined ? {} : { hours: lease }) });
      onClaimed(
        claim.status === 'active'
          ? `Claimed ${target.display} until ${formatDateTime(claim.expiresAt)}.`
          : `Queued a claim on ${target.display}: it starts when the current lease ends.`,
      );
    } catch (caught) {
      onError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="scanning-form"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h3 id={`${ids}-title`}>Claim {target.display}</h3>
      <div className="scanning-fields">
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-scope`}>
            Scope
          </label>
          <input id={`${ids}-scope`} required maxLength={500} value={scope} onChange={(e) => setScope(e.target.value)} aria-describedby={`${ids}-scope-hint`} />
          <span id={`${ids}-scope-hint`} className="field-hint">
            What you will scan, e.g. the whole repository or one module.
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-method`}>
            Method
          </label>
          <input id={`${ids}-method`} required maxLength={200} value={method} onChange={(e) => setMethod(e.target.value)} aria-describedby={`${ids}-method-hint`} />
          <span id={`${ids}-method-hint`} className="field-hint">
            e.g. fuzzing, static analysis, LLM-assisted review.
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-hours`}>
            Hours
          </label>
          <input
            id={`${ids}-hours`}
            className="input-narrow"
            type="number"
            min={1}
            step={1}
            required
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            aria-describedby={`${ids}-hours-hint`}
          />
          {/* The cap is the server's configuration (AICC_CLAIM_MAX_HOURS): it answers with the limit when exceeded. */}
          <span id={`${ids}-hours-hint`} className="field-hint">
            The lease; it ends on its own. Claiming again renews it.
          </span>
        </div>
      </div>
      <div className="confirm">
        <button type="submit" className="button button-primary button-small" disabled={pending}>
          {pending ? 'Claiming…' : 'Claim'}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
