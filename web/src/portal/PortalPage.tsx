import { useEffect } from 'react';
import { CaseQueueTable } from '../cases/CaseQueueTable.js';
import { casesApi } from '../cases/casesApi.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import type { User } from '../types.js';
import { useResource } from '../useResource.js';
import { ClaimsCard } from './ClaimsCard.js';
import { isReporter } from './portalModel.js';
import { SubmissionsTable } from './SubmissionsTable.js';
import { UploadFindingsCard } from './UploadFindingsCard.js';

/** A reporter's own view: what it submitted, the receipts, where its cases stand, and what it is scanning. */
export function PortalPage() {
  const { user } = useSession();
  useEffect(() => {
    document.title = 'Reporter portal · AICC';
  }, []);

  if (!user || !isReporter(user)) {
    return (
      <section className="empty-state">
        <h1>Reporter portal</h1>
        {user ? (
          <p>The portal is for reporter organizations; {user.org.name} is not one.</p>
        ) : (
          <p>
            <Link to={paths.signIn(paths.portal())}>Sign in</Link> to submit findings and follow your cases.
          </p>
        )}
      </section>
    );
  }
  return <Portal user={user} />;
}

function Portal({ user }: { user: User }) {
  // Together: an upload adds a submission and moves cases, so both are read again.
  const mine = useResource(async (signal) => {
    const [submissions, cases] = await Promise.all([casesApi.listSubmissions(signal), casesApi.listCases('all', signal)]);
    return { submissions, cases };
  }, []);

  return (
    <section>
      <div className="page-head">
        <h1>Reporter portal</h1>
        <p className="muted">
          Findings {user.org.name} submitted, the receipt for each submission, and where every case stands. Duplicates of another reporter’s
          finding join its case; credit goes by first report.
        </p>
      </div>
      <ErrorNotice error={mine.error} title="Could not load your submissions and cases" />
      <div className="admin-grid">
        <div className="portal-main">
          <section className="card" aria-labelledby="submissions-title">
            <h2 id="submissions-title">My submissions</h2>
            {mine.data ? <SubmissionsTable submissions={mine.data.submissions} /> : mine.loading ? <p className="muted">Loading…</p> : null}
          </section>
          <section className="card" aria-labelledby="my-cases-title">
            <h2 id="my-cases-title">My cases</h2>
            {mine.data ? <CaseQueueTable cases={mine.data.cases.items} showPriority={false} /> : mine.loading ? <p className="muted">Loading…</p> : null}
          </section>
        </div>
        <div className="portal-side">
          <UploadFindingsCard onSubmitted={mine.reload} />
          <ClaimsCard user={user} />
        </div>
      </div>
    </section>
  );
}
