import { useEffect } from 'react';
import { api } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { useResource } from '../useResource.js';
import { NotFound } from './NotFound.js';
import { BackToList, VulnDetailView } from './VulnDetailView.js';

/** Loads one knowledge-base record by id and shows it (or why it cannot be shown). */
export function VulnDetailPage({ id }: { id: string }) {
  const { data: vuln, error, loading } = useResource((signal) => api.getVuln(id, signal), [id]);

  useEffect(() => {
    document.title = `${id} · AICC`;
  }, [id]);

  if (error?.code === 'NOT_FOUND') return <NotFound id={id} error={error} />;
  if (error) {
    return (
      <section>
        <BackToList />
        <ErrorNotice error={error} title={`Could not load ${id}`} />
      </section>
    );
  }
  if (loading || !vuln) {
    return (
      <section aria-busy="true">
        <BackToList />
        <p className="muted">Loading {id}…</p>
      </section>
    );
  }

  return <VulnDetailView vuln={vuln} />;
}
