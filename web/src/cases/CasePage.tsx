import { useEffect, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import type { CaseDetail, User } from '../types.js';
import { useResource } from '../useResource.js';
import { CaseHeader } from './CaseHeader.js';
import { casesApi } from './casesApi.js';
import { CredibilityPanel } from './CredibilityPanel.js';
import { DisclosurePanel } from './DisclosurePanel.js';
import { FindingsPanel } from './FindingsPanel.js';
import { ReplyForm } from './ReplyForm.js';
import { ReporterCredits } from './ReporterCredits.js';
import { ReproductionsPanel } from './ReproductionsPanel.js';
import { Timeline } from './Timeline.js';
import { TriageForm } from './TriageForm.js';
import { VerdictForm } from './VerdictForm.js';

/** One case, as much of it as the caller may see (analyst, reporter or vendor), with the analyst's actions. */
export function CasePage({ id }: { id: string }) {
  const { user } = useSession();
  useEffect(() => {
    document.title = `${id} · Cases · AICC`;
  }, [id]);

  if (!user) {
    return (
      <section className="empty-state">
        <h1>Case {id}</h1>
        <p>
          <Link to={paths.signIn(paths.case(id))}>Sign in</Link> to see this case.
        </p>
      </section>
    );
  }
  return <Case id={id} user={user} />;
}

function Case({ id, user }: { id: string; user: User }) {
  const resource = useResource((signal) => casesApi.getCase(id, signal), [id]);
  const [message, setMessage] = useState<string>();
  const detail = resource.data;

  if (!detail) {
    return (
      <section aria-busy={resource.loading}>
        <p className="back">
          <Link to={paths.cases()}>← Cases</Link>
        </p>
        <ErrorNotice error={resource.error} title={`Could not load case ${id}`} />
        {resource.loading ? <p className="muted">Loading case {id}…</p> : null}
      </section>
    );
  }

  const done = (text: string) => {
    setMessage(text);
    resource.reload();
  };
  const analyst = detail.access === 'analyst';

  return (
    <section aria-busy={resource.loading}>
      <CaseHeader detail={detail} />
      {message ? (
        <p className="notice notice-ok" role="status" data-testid="case-message">
          {message}
        </p>
      ) : null}
      <ErrorNotice error={resource.error} title={`Could not reload case ${id}`} />
      <div className="detail-grid">
        <div className="detail-main">
          {detail.access === 'reporter' && detail.status === 'needs-info' ? <ReplyForm caseId={detail.id} onReplied={done} /> : null}
          <FindingsPanel detail={detail} onChanged={done} />
          {analyst ? <ReproductionsPanel detail={detail} onFinished={resource.reload} /> : null}
          {detail.status === 'confirmed' ? <DisclosurePanel detail={detail} user={user} onChanged={done} /> : null}
          <Timeline events={detail.events} />
        </div>
        <aside className="detail-side">
          <ReporterCredits detail={detail} />
          {analyst ? <AnalystSide detail={detail} onChanged={done} /> : null}
        </aside>
      </div>
    </section>
  );
}

function AnalystSide({ detail, onChanged }: { detail: CaseDetail; onChanged: (message: string) => void }) {
  return (
    <>
      {detail.credibility ? <CredibilityPanel credibility={detail.credibility} /> : null}
      <TriageForm detail={detail} onSaved={onChanged} />
      {detail.status === 'duplicate' ? null : <VerdictForm key={detail.status} detail={detail} onDecided={onChanged} />}
    </>
  );
}
