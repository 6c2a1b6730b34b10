import { useEffect } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { CASE_FILTERS, type User } from '../types.js';
import { useResource } from '../useResource.js';
import { CaseQueueTable } from './CaseQueueTable.js';
import { casesApi } from './casesApi.js';
import { FILTER_LABEL, isAnalyst, parseFilter, seesCases } from './caseModel.js';
import { ReportersCard } from './ReportersCard.js';
import { VendorsCard } from './VendorsCard.js';

/** The triage queue for analysts; the same list, without priorities, of a reporter's or a vendor's own cases. */
export function CasesPage({ params }: { params: URLSearchParams }) {
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Cases · AICC';
  }, []);

  if (!user || !seesCases(user)) {
    return (
      <section className="empty-state">
        <h1>Cases</h1>
        {user ? (
          <p>Cases are for analysts, the reporters whose findings they hold, and the vendors they are released to.</p>
        ) : (
          <p>
            <Link to={paths.signIn(paths.cases())}>Sign in</Link> to see the cases.
          </p>
        )}
      </section>
    );
  }
  return <Cases user={user} filter={parseFilter(params.get('status'))} />;
}

function Cases({ user, filter }: { user: User; filter: ReturnType<typeof parseFilter> }) {
  const analyst = isAnalyst(user);
  const cases = useResource((signal) => casesApi.listCases(filter, signal), [filter]);

  return (
    <section>
      <div className="page-head">
        <h1>{analyst ? 'Triage queue' : 'Cases'}</h1>
        <p className="muted">
          {analyst
            ? 'Findings merged into cases by root cause, most urgent first: claimed severity, independent reporters, SSVC triage, reproduction and the reporters’ precision.'
            : user.org.roles.includes('vendor')
              ? `Cases released to ${user.org.name}.`
              : `Cases holding findings ${user.org.name} submitted, and where each stands.`}
        </p>
      </div>
      <div className={analyst ? 'cases-layout' : undefined}>
        <div className="cases-main">
          <div className="cases-toolbar">
            <label className="field-inline">
              <span className="field-label">Status</span>
              <select value={filter} onChange={(e) => navigate(paths.cases(parseFilter(e.target.value)))}>
                {CASE_FILTERS.map((f) => (
                  <option key={f} value={f}>
                    {FILTER_LABEL[f]}
                  </option>
                ))}
              </select>
            </label>
            {cases.data ? (
              <span className="muted small" data-testid="cases-count">
                {cases.data.items.length === cases.data.total ? `${String(cases.data.total)} cases` : `${String(cases.data.items.length)} of ${String(cases.data.total)} cases`}
              </span>
            ) : null}
          </div>
          <ErrorNotice error={cases.error} title="Could not load the cases" />
          {cases.data ? (
            <CaseQueueTable cases={cases.data.items} showPriority={analyst} />
          ) : cases.loading ? (
            <p className="muted">Loading…</p>
          ) : null}
        </div>
        {analyst ? (
          <aside className="cases-side">
            <ReportersCard />
            <VendorsCard />
          </aside>
        ) : null}
      </div>
    </section>
  );
}
