import { useEffect } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { DeadLettersCard } from '../subscriber/DeadLettersCard.js';
import { useResource } from '../useResource.js';
import { distributionApi } from './distributionApi.js';
import { CSV_TABLES, csvHref, seesDistribution, type MetricsReport } from './distributionModel.js';
import { HealthCard } from './HealthCard.js';
import { OutcomeCharts } from './OutcomeCharts.js';
import { ScopeTable } from './ScopeTable.js';

/** The operator's view: whether distribution works, and what it achieves (intervals, due dates met, the funnel). */
export function DistributionPage() {
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Distribution · AICC';
  }, []);
  if (!user || !seesDistribution(user)) {
    return (
      <section className="empty-state" role={user ? 'alert' : undefined}>
        <h1>Distribution and metrics</h1>
        {user ? (
          <p>
            This view is for the clearinghouse’s operators. Your organization’s own exposures are in the{' '}
            <Link to={paths.subscriber()}>subscriber portal</Link>.
          </p>
        ) : (
          <p>
            <Link to={paths.signIn(paths.distribution())}>Sign in</Link> as an operator to see distribution health and metrics.
          </p>
        )}
      </section>
    );
  }
  return <Distribution />;
}

function Distribution() {
  const report = useResource((signal) => distributionApi.metrics(signal), []);
  return (
    <section>
      <div className="page-head subscriber-head">
        <div>
          <h1>Distribution and metrics</h1>
          <p className="muted">
            Notifications to subscribers, whether they arrive, and what subscribers do with them.
            {report.data ? ` As of ${formatDateTime(report.data.generatedAt)}.` : ''}
          </p>
        </div>
        <button type="button" className="button button-small" onClick={report.reload} disabled={report.loading}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={report.error} title="Could not load the metrics" />
      {report.data ? <Report report={report.data} reload={report.reload} /> : report.loading ? <p className="muted">Loading…</p> : null}
    </section>
  );
}

function Report({ report, reload }: { report: MetricsReport; reload: () => void }) {
  return (
    <div className="subscriber-stack">
      {report.overall ? <OutcomeCharts metrics={report.overall} /> : null}
      <HealthCard report={report} />
      <div className="admin-grid distribution-grid">
        <DeadLettersCard org={undefined} onReplayed={reload} />
        <section className="card" aria-labelledby="csv-title">
          <h2 id="csv-title">CSV export</h2>
          <p className="small muted">Long-form tables (overall, per sector, per subscriber) for a spreadsheet’s pivot table.</p>
          <ul className="plain-list csv-links">
            {CSV_TABLES.map((t) => (
              <li key={t.table}>
                <a href={csvHref(t.table)} download data-csv={t.table}>
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
          <p className="small muted csv-note">
            Prometheus scrapes <code>/metrics</code> with an operator token.
          </p>
        </section>
      </div>
      <ScopeTable title="By sector" rows={report.bySector} />
      <ScopeTable title="By subscriber" rows={report.bySubscriber} subscriber />
    </div>
  );
}
