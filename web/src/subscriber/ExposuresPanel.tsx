import { useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { useResource } from '../useResource.js';
import { ExposuresTable } from './ExposuresTable.js';
import { subscriberApi } from './subscriberApi.js';
import { dueState, isOpen, statusLabel, today as todayOf, type Exposure } from './subscriberModel.js';
import { VexUploadCard } from './VexUploadCard.js';

/** "My exposures": what affects the organization's assets, most urgent first, with remediation per exposure and VEX upload. */
export function ExposuresPanel({ org }: { org: string | undefined }) {
  const [all, setAll] = useState(false);
  const exposures = useResource((signal) => subscriberApi.listExposures({ all }, org, signal), [all, org]);
  const [reported, setReported] = useState<string>();
  const today = todayOf();
  const items = exposures.data ?? [];
  const open = items.filter((e) => isOpen(e.status));
  const overdue = open.filter((e) => dueState(e, today) === 'overdue');
  const act = open.filter((e) => e.cisa?.toLowerCase() === 'act');

  const onReported = (e: Exposure, status: string) => {
    setReported(`${e.vulnId} on ${e.asset}: reported ${statusLabel(status).toLowerCase()}.`);
    exposures.reload();
  };

  return (
    <div className="subscriber-stack">
      <section className="card" aria-labelledby="exposures-title" aria-busy={exposures.loading}>
        <div className="card-head">
          <h2 id="exposures-title">My exposures</h2>
          <div className="segmented" role="group" aria-label="Which exposures">
            <button type="button" className="segmented-option" aria-pressed={!all} onClick={() => setAll(false)}>
              Open
            </button>
            <button type="button" className="segmented-option" aria-pressed={all} onClick={() => setAll(true)}>
              All, with resolved
            </button>
          </div>
        </div>
        <p className="muted small">
          Each vulnerability on each asset, by due date, then CISA outcome. Dates follow the BOD 26-04 timelines: the clock starts at the earlier
          of the KEV listing and detection on the asset; they bind federal civilian agencies and are guidance for everyone else.
        </p>
        {exposures.data ? (
          <dl className="scan-stats exposure-stats" data-testid="exposure-stats">
            <div className={open.length ? 'scan-stat-bad' : 'scan-stat-ok'}>
              <dt>Open</dt>
              <dd>{open.length}</dd>
            </div>
            <div className={overdue.length ? 'scan-stat-bad' : 'scan-stat-ok'}>
              <dt>Overdue</dt>
              <dd>{overdue.length}</dd>
            </div>
            <div className={act.length ? 'scan-stat-bad' : 'scan-stat-ok'}>
              <dt>CISA Act</dt>
              <dd>{act.length}</dd>
            </div>
          </dl>
        ) : null}
        {reported ? (
          <p className="notice notice-ok" role="status" data-testid="remediation-status">
            {reported}
          </p>
        ) : null}
        <ErrorNotice error={exposures.error} title="Could not load the exposures" />
        {exposures.data ? (
          items.length === 0 ? (
            <p className="muted" data-testid="no-exposures">
              {all ? 'No vulnerability affects your assets.' : 'No open exposures: nothing known affects your assets, or everything is remediated.'}
            </p>
          ) : (
            <ExposuresTable key={all ? 'all' : 'open'} exposures={items} org={org} today={today} onReported={onReported} />
          )
        ) : exposures.loading ? (
          <p className="muted">Loading…</p>
        ) : null}
      </section>
      <VexUploadCard org={org} onApplied={exposures.reload} />
    </div>
  );
}
