import { BarChart } from './BarChart.js';
import { barsOf, healthSummary, LETTER_ORDER, URGENCY_ORDER, type MetricsReport } from './distributionModel.js';

const URGENCY_LABEL: Record<string, string> = { immediate: 'Immediate', digest: 'Digests', 'digest-item': 'Held for a digest' };

/** Whether notifications reach subscribers: what was made, by urgency; channels active, failing and behind; dead letters. */
export function HealthCard({ report }: { report: MetricsReport }) {
  const d = report.distribution;
  const h = healthSummary(d);
  return (
    <section className="card" aria-labelledby="health-title" data-testid="distribution-health">
      <h2 id="health-title">Distribution health</h2>
      <dl className="scan-stats">
        <div className={h.failing ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>Channels active</dt>
          <dd>
            {h.active}
            <span className="stat-of"> / {h.channels}</span>
          </dd>
        </div>
        <div className={h.failing ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>Failing</dt>
          <dd data-testid="channels-failing">{h.failing}</dd>
        </div>
        <div className={h.lagMax > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>
            <abbr title="notifications the furthest-behind active channel has yet to send">Worst lag</abbr>
          </dt>
          <dd>{h.lagMax}</dd>
        </div>
        <div className={h.dead ? 'scan-stat-bad' : 'scan-stat-ok'}>
          <dt>Dead letters</dt>
          <dd data-testid="dead-letters-waiting">{h.dead}</dd>
        </div>
      </dl>
      <div className="chart-grid chart-grid-tight">
        <div>
          <h3>Notifications by urgency</h3>
          <BarChart title="Notifications by urgency" rows={barsOf(d.notificationsByUrgency, URGENCY_ORDER, (k) => URGENCY_LABEL[k] ?? k).map((b) => ({ key: b.key, label: b.label, values: [b.value] }))} empty="No notifications yet." />
        </div>
        <div>
          <h3>Dead letters by status</h3>
          <BarChart
            title="Dead letters by status"
            rows={barsOf(d.deadLettersByStatus, LETTER_ORDER).map((b) => ({ key: b.key, label: b.label, values: [b.value] }))}
            tone={(k) => (k === 'dead' ? 'danger' : k === 'delivered' ? 'ok' : 'warn')}
            empty="No dead letters."
          />
        </div>
      </div>
      {d.channels.length ? (
        <div className="table-wrap">
          <table className="table channels-health-table">
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Total</th>
                <th scope="col">Active</th>
                <th scope="col">Failing</th>
                <th scope="col">Lag (max)</th>
                <th scope="col">Lag (sum)</th>
              </tr>
            </thead>
            <tbody>
              {d.channels.map((c) => (
                <tr key={c.kind} data-kind={c.kind}>
                  <td>{c.kind === 'email' ? 'E-mail' : c.kind === 'webhook' ? 'Webhook' : c.kind}</td>
                  <td>{c.total}</td>
                  <td>{c.active}</td>
                  <td className={c.failing ? 'text-danger' : undefined}>{c.failing}</td>
                  <td>{c.lagMax}</td>
                  <td>{c.lagTotal}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No subscriber has a channel yet.</p>
      )}
    </section>
  );
}
