import { isAbort } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { navigate } from '../router.js';
import { paths } from '../routes.js';
import { useResource } from '../useResource.js';
import { advisoryApi } from '../advisories/advisoryApi.js';
import { useAction } from './useAction.js';

/** "Open advisory" when the case has one; else, for analysts, "Draft advisory" (the server drafts it from the case). */
export function AdvisoryLink({ caseId, analyst }: { caseId: string; analyst: boolean }) {
  const existing = useResource(async (signal) => {
    try {
      return await advisoryApi.ofCase(caseId, signal);
    } catch (error) {
      // 404: no advisory yet, which is an answer here, not an error
      if (!isAbort(error) && error instanceof Error && 'status' in error && error.status === 404) return null;
      throw error;
    }
  }, [caseId]);
  const draft = useAction();
  if (existing.data === undefined) return <ErrorNotice error={existing.error} title="Could not look for the advisory" />;
  const view = existing.data;
  return (
    <div className="inline-form" data-testid="advisory-link">
      <ErrorNotice error={draft.error} title="Could not draft the advisory" />
      {view ? (
        <Link className="button button-small" to={paths.advisory(view.advisory.id)}>
          Open advisory {view.advisory.id} ({view.status})
        </Link>
      ) : analyst ? (
        <button
          type="button"
          className="button button-small button-primary"
          disabled={draft.pending}
          onClick={() =>
            draft.run(async () => {
              const made = await advisoryApi.draft(caseId);
              navigate(paths.advisory(made.advisory.id));
            })
          }
        >
          Draft advisory
        </button>
      ) : (
        <span className="small muted">No advisory drafted yet.</span>
      )}
    </div>
  );
}
