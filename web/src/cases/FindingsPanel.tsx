import { useState } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { plural } from '../format.js';
import type { CaseDetail } from '../types.js';
import { casesApi } from './casesApi.js';
import { canSplit } from './caseModel.js';
import { FindingCard } from './FindingCard.js';
import { MergeForm } from './MergeForm.js';

/** The case's findings, merged by root cause; analysts split some off or merge another case in. */
export function FindingsPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: (message: string) => void }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const analyst = detail.access === 'analyst' && detail.status !== 'duplicate';

  const toggle = (findingId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(findingId);
      else next.delete(findingId);
      return next;
    });

  const split = async () => {
    setPending(true);
    setError(undefined);
    try {
      const { to } = await casesApi.split(detail.id, [...selected]);
      setSelected(new Set());
      onChanged(`Split ${plural(to.findings.length, 'finding')} into the new case ${to.id}.`);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="findings-title">
      <div className="card-head">
        <h2 id="findings-title">Findings ({detail.findings.length})</h2>
        {analyst ? (
          <button
            type="button"
            className="button button-small"
            disabled={pending || !canSplit(selected.size, detail.findings.length)}
            title="Takes the checked findings (some, not all) into a case of their own"
            onClick={() => {
              void split();
            }}
          >
            Split into a new case{selected.size ? ` (${String(selected.size)})` : ''}
          </button>
        ) : null}
      </div>
      <ErrorNotice error={error} title="Could not split the case" />
      <ol className="finding-list">
        {detail.findings.map((f) => (
          <FindingCard key={f.id} finding={f} {...(analyst ? { selected: selected.has(f.id), onSelect: (on: boolean) => toggle(f.id, on) } : {})} />
        ))}
      </ol>
      {analyst ? <MergeForm caseId={detail.id} onMerged={onChanged} /> : null}
    </section>
  );
}
