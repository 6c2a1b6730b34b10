import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { useResource } from '../useResource.js';
import { disclosureApi } from './disclosureApi.js';
import { useAction } from './useAction.js';

/** The case's clearinghouse id and CVE; analysts allocate the one and record the other. */
export function IdentifiersCard({ caseId, analyst }: { caseId: string; analyst: boolean }) {
  const ids = useId();
  const current = useResource((signal) => disclosureApi.identifiers(caseId, signal), [caseId]);
  const [cve, setCve] = useState('');
  const action = useAction();
  const data = current.data;
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Identifiers</h3>
      <ErrorNotice error={current.error ?? action.error} title="Identifiers" />
      <dl className="facts small">
        <dt>Id</dt>
        <dd data-testid="case-public-id">{data?.id ?? '—'}</dd>
        <dt>CVE</dt>
        <dd data-testid="case-cve">{data?.cve ?? '—'}</dd>
      </dl>
      {analyst && data && !data.id ? (
        <button type="button" className="button button-small" disabled={action.pending} onClick={() => action.run(() => disclosureApi.allocateId(caseId), current.reload)}>
          Allocate id
        </button>
      ) : null}
      {analyst ? (
        <form
          className="inline-form"
          aria-label="CVE"
          onSubmit={(event) => {
            event.preventDefault();
            action.run(() => disclosureApi.setCve(caseId, cve.trim()), () => {
              setCve('');
              current.reload();
            });
          }}
        >
          <label className="field-label" htmlFor={`${ids}-cve`}>
            CVE
          </label>
          <input id={`${ids}-cve`} required pattern="CVE-\d{4}-\d{4,}" placeholder="CVE-2027-12345" value={cve} onChange={(e) => setCve(e.target.value)} />
          <button type="submit" className="button button-small" disabled={action.pending}>
            Set CVE
          </button>
        </form>
      ) : null}
    </section>
  );
}
