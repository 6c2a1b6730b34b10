import { ErrorNotice } from '../ErrorNotice.js';
import { formatDate } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useResource } from '../useResource.js';
import { casesApi } from './casesApi.js';

/** Vendors' weekly capacity: what was released to each last week, and what waits for a free slot. */
export function VendorsCard() {
  const vendors = useResource((signal) => casesApi.listVendors(signal), []);
  return (
    <section className="card" aria-labelledby="vendors-title">
      <h2 id="vendors-title">Vendors</h2>
      <ErrorNotice error={vendors.error} title="Could not load the vendors" />
      {vendors.data ? (
        vendors.data.length === 0 ? (
          <p className="muted">No vendor schedule set (PUT /api/v1/vendors/&#123;slug&#125;).</p>
        ) : (
          <ul className="vendor-list">
            {vendors.data.map((v) => (
              <li key={v.orgId} data-vendor={v.slug}>
                <div className="vendor-head">
                  <strong>{v.name}</strong>
                  <span className="small muted">
                    {v.releasedLastWeek} of {v.casesPerWeek} released in the last week
                  </span>
                </div>
                {v.queued.length ? (
                  <ul className="plain-list small">
                    {v.queued.map((q) => (
                      <li key={q.caseId}>
                        <Link to={paths.case(q.caseId)}>{q.caseId}</Link> {q.title} — releasable {formatDate(q.releasableAt)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="small muted">Nothing queued.</p>
                )}
              </li>
            ))}
          </ul>
        )
      ) : vendors.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
