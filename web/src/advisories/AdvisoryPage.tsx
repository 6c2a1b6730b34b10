import { useEffect, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { useResource } from '../useResource.js';
import { advisoryApi } from './advisoryApi.js';
import { AdvisoryEditor } from './AdvisoryEditor.js';
import type { AdvisoryView } from './advisoryModel.js';

/** One advisory: analysts edit the draft, mark it ready or reopen it; participants read it and its exports. */
export function AdvisoryPage({ id }: { id: string }) {
  const { user } = useSession();
  useEffect(() => {
    document.title = `${id} · Advisory · AICC`;
  }, [id]);
  if (!user) {
    return (
      <section className="empty-state">
        <h1>Advisory {id}</h1>
        <p>
          <Link to={paths.signIn(paths.advisory(id))}>Sign in</Link> to see this advisory.
        </p>
      </section>
    );
  }
  return <Loaded id={id} analyst={user.org.roles.includes('operator')} />;
}

function Loaded({ id, analyst }: { id: string; analyst: boolean }) {
  const resource = useResource((signal) => advisoryApi.get(id, signal), [id]);
  // what the last save, ready or reopen answered: newer than the load
  const [latest, setLatest] = useState<AdvisoryView>();
  const view = latest && latest.advisory.id === id ? latest : resource.data;
  if (!view) {
    return (
      <section aria-busy={resource.loading}>
        <ErrorNotice error={resource.error} title={`Could not load advisory ${id}`} />
        {resource.loading ? <p className="muted">Loading advisory {id}…</p> : null}
      </section>
    );
  }
  return (
    <section className="advisory-page">
      <p className="back">
        <Link to={paths.case(view.caseId)}>← Case {view.caseId}</Link>
      </p>
      <div className="detail-title">
        <h1>Advisory {view.advisory.id}</h1>
        <span className={`chip chip-${view.status === 'draft' ? 'warn' : 'ok'}`} data-testid="advisory-status" data-status={view.status}>
          {view.status}
        </span>
      </div>
      <AdvisoryEditor
        key={`${view.updatedAt}:${view.status}`}
        view={view}
        editable={analyst && view.status === 'draft'}
        analyst={analyst}
        onSaved={setLatest}
        onReload={() => {
          setLatest(undefined);
          resource.reload();
        }}
      />
    </section>
  );
}
