import { ErrorNotice } from '../ErrorNotice.js';
import { useResource } from '../useResource.js';
import { casesApi } from './casesApi.js';
import { formatPrecision } from './caseModel.js';

/** Each reporter's record over distinct decided cases, best first (the server's order). */
export function ReportersCard() {
  const reporters = useResource((signal) => casesApi.listReporters(signal), []);
  return (
    <section className="card" aria-labelledby="reporters-title">
      <h2 id="reporters-title">Reporters</h2>
      <ErrorNotice error={reporters.error} title="Could not load the reporters" />
      {reporters.data ? (
        reporters.data.length === 0 ? (
          <p className="muted">No reporter has submitted findings yet.</p>
        ) : (
          <table className="table table-compact" data-testid="reporters-table">
            <thead>
              <tr>
                <th scope="col">Reporter</th>
                <th scope="col">
                  <abbr title="confirmed / not a vulnerability / pending cases">C / NV / P</abbr>
                </th>
                <th scope="col">
                  <abbr title="confirmed ÷ decided cases; smoothed in brackets">Precision</abbr>
                </th>
              </tr>
            </thead>
            <tbody>
              {reporters.data.map((r) => (
                <tr key={r.orgId} data-reporter={r.slug}>
                  <td>{r.name}</td>
                  <td className="nowrap">
                    {r.confirmed} / {r.notVulnerability} / {r.pending}
                  </td>
                  <td className="nowrap">
                    {formatPrecision(r.precision)} <span className="muted small">({formatPrecision(r.smoothed)})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : reporters.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
