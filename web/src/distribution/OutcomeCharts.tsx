import { statusLabel } from '../subscriber/subscriberModel.js';
import { BarChart } from './BarChart.js';
import { BOD_ORDER, barsOf, CISA_ORDER, formatHours, formatShare, funnelSteps, intervalSeries, STATUS_ORDER, type ScopeMetrics } from './distributionModel.js';

const STATUS_TONE: Record<string, string> = { open: 'danger', in_progress: 'warn', fixed: 'ok', mitigated: 'ok', not_affected: 'ok' };
const CISA_TONE: Record<string, string> = { Act: 'danger', Attend: 'warn' };

/** The outcome figures of one scope (overall, a sector, a subscriber) as headline numbers and charts. */
export function OutcomeCharts({ metrics }: { metrics: ScopeMetrics }) {
  const e = metrics.exposures;
  const intervals = intervalSeries(metrics.intervals);
  const steps = funnelSteps(metrics.funnel);
  return (
    <>
      <dl className="scan-stats metrics-stats" data-testid="metrics-overall">
        <div>
          <dt>Exposures</dt>
          <dd data-testid="metric-total">{e.total}</dd>
        </div>
        <div className={e.open ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>Open</dt>
          <dd data-testid="metric-open">{e.open}</dd>
        </div>
        <div className={e.overdue ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>Overdue</dt>
          <dd data-testid="metric-overdue">{e.overdue}</dd>
        </div>
        <div className="scan-stat-ok">
          <dt>Remediated</dt>
          <dd data-testid="metric-remediated">{e.remediated}</dd>
        </div>
        <div>
          <dt>
            <abbr title="of the exposures whose due date has passed or that are remediated, the share remediated by the due date">Within due date</abbr>
          </dt>
          <dd data-testid="metric-within-due">{formatShare(e.shareWithinDue)}</dd>
        </div>
        <div>
          <dt>
            <abbr title="summed over open exposures: days since detection">Open exposure days</abbr>
          </dt>
          <dd>{Math.round(e.openExposureDays)}</dd>
        </div>
      </dl>

      <div className="chart-grid">
        <section className="card" aria-labelledby="chart-intervals">
          <h2 id="chart-intervals">Lifecycle intervals</h2>
          <p className="small muted">Median and 90th percentile, from the report (remediation: from detection on the asset).</p>
          <BarChart
            title="Lifecycle intervals, median and 90th percentile"
            series={['median', '90th percentile']}
            rows={intervals.map((s) => ({ key: s.stage, label: `${s.label} (${String(s.count)})`, values: [s.median, s.p90] }))}
            format={formatHours}
            empty="No case or exposure has reached a measured stage yet."
          />
        </section>
        <section className="card" aria-labelledby="chart-funnel">
          <h2 id="chart-funnel">From findings to remediated assets</h2>
          <p className="small muted">
            What came through the clearinghouse’s own cases, each step with its share of the one before. Exposures to vulnerabilities imported
            from feeds count in the figures above, not here.
          </p>
          <BarChart
            title="Funnel from findings to remediated assets"
            rows={steps.map((s) => ({ key: s.stage, label: s.ofPrevious === null ? s.label : `${s.label} (${formatShare(s.ofPrevious)})`, values: [s.count] }))}
            tone={(k) => (k === 'remediated' ? 'ok' : undefined)}
          />
        </section>
        <section className="card" aria-labelledby="chart-status">
          <h2 id="chart-status">Exposures by status</h2>
          <BarChart
            title="Exposures by status"
            rows={barsOf(e.byStatus, STATUS_ORDER, statusLabel).map((b) => ({ key: b.key, label: b.label, values: [b.value] }))}
            tone={(k) => STATUS_TONE[k]}
            empty="No exposures."
          />
          <h3 className="chart-subhead">Remediated within the due date</h3>
          <BarChart
            title="Exposures remediated within their due date"
            rows={[
              { key: 'within', label: `Within due date (of ${String(e.dueTracked)} held to one)`, values: [e.remediatedWithinDue] },
              { key: 'late', label: 'Late or still open past it', values: [Math.max(0, e.dueTracked - e.remediatedWithinDue)] },
            ]}
            tone={(k) => (k === 'within' ? 'ok' : 'danger')}
          />
        </section>
        <section className="card" aria-labelledby="chart-outcome">
          <h2 id="chart-outcome">Exposures by outcome</h2>
          <h3 className="chart-subhead">CISA SSVC coordinator</h3>
          <BarChart title="Exposures by CISA outcome" rows={barsOf(e.byCisa, CISA_ORDER).map((b) => ({ key: b.key, label: b.label, values: [b.value] }))} tone={(k) => CISA_TONE[k]} empty="No outcomes yet." />
          <h3 className="chart-subhead">BOD 26-04 timeline</h3>
          <BarChart title="Exposures by BOD 26-04 timeline" rows={barsOf(e.byBod, BOD_ORDER).map((b) => ({ key: b.key, label: b.label, values: [b.value] }))} tone={(k) => (k.startsWith('3 days') ? 'danger' : undefined)} empty="No timelines yet." />
        </section>
      </div>
    </>
  );
}
