import { useState } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import type { User } from '../types.js';
import { ClaimForm } from './ClaimForm.js';
import { ClaimList } from './ClaimList.js';
import { ReportForm } from './ReportForm.js';
import { CRITICALITY_FORMULA, kindLabel, ownClaim, type ScanTarget } from './scanningModel.js';
import { WeightForm } from './WeightForm.js';

type Panel = 'claim' | 'report';

interface Props {
  target: ScanTarget;
  user: User;
  scanner: boolean;
  weigher: boolean;
  columns: number;
  onChanged: (message: string) => void;
}

/** One target; its claim and report forms open in a row of their own beneath it, where there is room for them. */
export function TargetRow({ target, user, scanner, weigher, columns, onChanged }: Props) {
  const [panel, setPanel] = useState<Panel>();
  const [releasing, setReleasing] = useState(false);
  const [error, setError] = useState<{ title: string; error: ApiError }>();
  const own = ownClaim(target, user);
  const { inputs, coverage } = target;

  const toggle = (next: Panel) => {
    setError(undefined);
    setPanel((current) => (current === next ? undefined : next));
  };

  const done = (message: string) => {
    setPanel(undefined);
    setError(undefined);
    onChanged(message);
  };

  const release = async (claimId: string) => {
    setReleasing(true);
    setError(undefined);
    try {
      await api.releaseClaim(claimId);
      done(`Released your claim on ${target.display}.`);
    } catch (caught) {
      setError({ title: `Could not release ${target.display}`, error: asApiError(caught) });
    } finally {
      setReleasing(false);
    }
  };

  return (
    <>
      <tr data-target={target.display} data-target-id={target.id}>
        <td className="cell-criticality">
          <abbr className="criticality" title={`${target.criticality.toFixed(1)} = ${CRITICALITY_FORMULA}`}>
            {Math.round(target.criticality)}
          </abbr>
          <div className="small muted" data-testid="criticality-inputs">
            subscribers {inputs.subscribers} · KEV {inputs.kev} · weight {inputs.weight}
          </div>
          {weigher ? (
            // Keyed by the stored weight so the field shows the server's value after every reload.
            <WeightForm
              key={inputs.weight}
              target={target}
              onWeighed={(weight) => done(`Set the weight of ${target.display} to ${String(weight)}.`)}
              onError={(caught) => setError({ title: `Could not set the weight of ${target.display}`, error: caught })}
            />
          ) : null}
        </td>
        <td>{kindLabel(target.kind)}</td>
        <td className="cell-target">
          <code className="purl">{target.display}</code>
        </td>
        <td data-testid="reports">{coverage.reports}</td>
        <td data-testid="methods">{coverage.methods}</td>
        <td className="cell-date" data-testid="last-scanned">
          {coverage.lastScanned ? formatDateTime(coverage.lastScanned) : <span className="chip chip-warn">never</span>}
        </td>
        <td>
          <ClaimList claims={target.claims} ownOrg={user.org.slug} />
        </td>
        {scanner ? (
          <td className="cell-actions">
            {own ? (
              <span className="confirm">
                <button type="button" className="button button-small button-primary" aria-expanded={panel === 'report'} onClick={() => toggle('report')}>
                  Report scan<span className="visually-hidden"> of {target.display}</span>
                </button>
                <button
                  type="button"
                  className="button button-small"
                  disabled={releasing}
                  onClick={() => {
                    void release(own.id);
                  }}
                >
                  Release<span className="visually-hidden"> {target.display}</span>
                </button>
              </span>
            ) : (
              <button type="button" className="button button-small" aria-expanded={panel === 'claim'} onClick={() => toggle('claim')}>
                Claim<span className="visually-hidden"> {target.display}</span>
              </button>
            )}
          </td>
        ) : null}
      </tr>
      {panel || error ? (
        <tr className="scanning-panel">
          <td colSpan={columns}>
            <ErrorNotice error={error?.error} {...(error ? { title: error.title } : {})} />
            {panel === 'claim' ? (
              <ClaimForm target={target} onClaimed={done} onError={(caught) => setError({ title: `Could not claim ${target.display}`, error: caught })} onCancel={() => toggle('claim')} />
            ) : panel === 'report' && own ? (
              <ReportForm
                target={target}
                claim={own}
                onReported={done}
                onError={(caught) => setError({ title: `Could not report the scan of ${target.display}`, error: caught })}
                onCancel={() => toggle('report')}
              />
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
