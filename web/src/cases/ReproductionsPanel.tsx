import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import type { CaseDetail } from '../types.js';
import { useResource } from '../useResource.js';
import { casesApi } from './casesApi.js';
import { anyActive, pocsOf } from './caseModel.js';
import { ReproductionForm } from './ReproductionForm.js';
import { ReproductionRun } from './ReproductionRun.js';

/** How often the runs are read again while one is queued or running. */
const POLL_MS = 2000;

/** Runs of a finding's PoC in the sandbox against the affected (and fixed) target, and their verdicts. */
export function ReproductionsPanel({ detail, onFinished }: { detail: CaseDetail; onFinished: () => void }) {
  const runs = useResource((signal) => casesApi.listReproductions(detail.id, signal), [detail.id]);
  const [message, setMessage] = useState<string>();
  const active = anyActive(runs.data ?? []);
  const wasActive = useRef(false);
  const { reload } = runs;

  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setTimeout(reload, POLL_MS);
    return () => window.clearTimeout(timer);
    // runs.data changes on every poll, which schedules the next one
  }, [active, runs.data, reload]);

  useEffect(() => {
    // a run that ends moves the case's priority and credibility: read the case again
    if (wasActive.current && !active) onFinished();
    wasActive.current = active;
  }, [active, onFinished]);

  const withPoc = detail.findings.filter((f) => pocsOf(f).length > 0);

  return (
    <section className="card" aria-labelledby="repro-title" aria-busy={active}>
      <div className="card-head">
        <h2 id="repro-title">Reproductions</h2>
        {active ? <span className="chip chip-warn">running…</span> : null}
      </div>
      {message ? (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      {withPoc.length ? (
        <ReproductionForm
          caseId={detail.id}
          findings={withPoc}
          onRequested={(text) => {
            setMessage(text);
            reload();
          }}
        />
      ) : (
        <p className="muted small">No finding in this case attaches a proof of concept (an attachment of kind “poc”) to run.</p>
      )}
      <ErrorNotice error={runs.error} title="Could not load the reproductions" />
      {runs.data?.length ? (
        <ol className="repro-list" data-testid="reproductions">
          {runs.data.map((r) => (
            <ReproductionRun key={r.id} run={r} findings={detail.findings} />
          ))}
        </ol>
      ) : runs.data ? (
        <p className="muted small">No reproduction run yet.</p>
      ) : null}
    </section>
  );
}
