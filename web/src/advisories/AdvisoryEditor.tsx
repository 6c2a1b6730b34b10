import { useId, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { advisoryApi } from './advisoryApi.js';
import { AdvisoryFields } from './AdvisoryFields.js';
import { canMarkReady, type Advisory, type AdvisoryView } from './advisoryModel.js';
import { ExportLinks } from './ExportLinks.js';
import { ListsEditor } from './ListsEditor.js';
import { ProblemsList } from './ProblemsList.js';
import { ProductsEditor } from './ProductsEditor.js';
import { ScoresEditor } from './ScoresEditor.js';

interface Props {
  view: AdvisoryView;
  editable: boolean;
  analyst: boolean;
  onSaved: (view: AdvisoryView) => void;
  onReload: () => void;
}

/** The draft's fields, Save (with the updatedAt it read), the server's problems, Mark ready and Reopen. */
export function AdvisoryEditor({ view, editable, analyst, onSaved, onReload }: Props) {
  const ids = useId();
  const [draft, setDraft] = useState<Advisory>(view.advisory);
  const [publishAt, setPublishAt] = useState(view.publishAt ?? '');
  const [dirty, setDirty] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState(false);

  const change = (next: Advisory) => {
    setDraft(next);
    setDirty(true);
  };
  const act = async (call: () => Promise<AdvisoryView>) => {
    setPending(true);
    setError(undefined);
    try {
      onSaved(await call());
    } catch (caught) {
      const e = asApiError(caught);
      // a 409 on save: the stored advisory is newer than what this page read
      if (e.status === 409 && e.message.includes('changed since')) setStale(true);
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const at = publishAt.trim();
    void act(() => advisoryApi.save(view.advisory.id, { advisory: draft, updatedAt: view.updatedAt, ...(at && at !== view.publishAt ? { publishAt: at } : {}) }));
  };

  return (
    <form className="advisory-editor" aria-label="Advisory" onSubmit={save}>
      {stale ? (
        <div className="notice notice-error" role="alert" data-testid="advisory-stale">
          <p>This advisory was changed by someone else — reload to see their version (your edits here are lost).</p>
          <button type="button" className="button button-small" onClick={onReload}>
            Reload
          </button>
        </div>
      ) : (
        <ErrorNotice error={error} title="Could not save" />
      )}
      <ProblemsList problems={view.problems} />
      <fieldset disabled={!editable} className="advisory-fields">
        <AdvisoryFields advisory={draft} onChange={change} />
        <ScoresEditor scores={draft.scores} onChange={(scores) => change({ ...draft, scores })} />
        <ProductsEditor products={draft.products} onChange={(products) => change({ ...draft, products })} />
        <ListsEditor advisory={draft} onChange={change} />
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-publish`}>
            Publish at
          </label>
          <input id={`${ids}-publish`} placeholder="YYYY-MM-DD HH:MM (embargo zone) or ISO 8601; empty: the embargo end" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} />
          <span className="field-hint">{view.publishAt ? `Now: ${formatDateTime(view.publishAt)} (${view.publishAt})` : 'Now: at the case’s embargo end.'}</span>
        </div>
      </fieldset>
      {analyst ? (
        <div className="inline-form advisory-actions">
          {view.status === 'draft' ? (
            <>
              <button type="submit" className="button button-primary" disabled={pending || !dirty}>
                Save
              </button>
              <button
                type="button"
                className="button"
                disabled={pending || !canMarkReady(view, dirty)}
                title={dirty ? 'Save first' : view.problems.length ? 'Fix the problems first' : undefined}
                onClick={() => void act(() => advisoryApi.ready(view.advisory.id, publishAt.trim() || null))}
              >
                Mark ready
              </button>
            </>
          ) : null}
          {view.status === 'ready' ? (
            <button type="button" className="button" disabled={pending} onClick={() => void act(() => advisoryApi.reopen(view.advisory.id))}>
              Reopen
            </button>
          ) : null}
        </div>
      ) : null}
      <ExportLinks advisory={draft} />
    </form>
  );
}
