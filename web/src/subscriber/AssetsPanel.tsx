import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime, plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { formatLabel } from '../scan/scanModel.js';
import { useResource } from '../useResource.js';
import { RegisterAssetCard } from './RegisterAssetCard.js';
import { subscriberApi } from './subscriberApi.js';

/** The organization's assets, each with its context and SBOM, and the form that registers one. */
export function AssetsPanel({ org }: { org: string | undefined }) {
  const assets = useResource((signal) => subscriberApi.listAssets(org, signal), [org]);
  return (
    <div className="admin-grid">
      <section className="card" aria-labelledby="assets-title" aria-busy={assets.loading}>
        <h2 id="assets-title">Assets</h2>
        <ErrorNotice error={assets.error} title="Could not load the assets" />
        {assets.data ? (
          assets.data.length === 0 ? (
            <p className="muted">No assets yet. Register one with its SBOM to hear about what affects it.</p>
          ) : (
            <div className="table-wrap">
              <table className="table assets-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Exposure</th>
                    <th scope="col">
                      <abbr title="SSVC mission prevalence / public well-being impact">Mission / well-being</abbr>
                    </th>
                    <th scope="col">SBOM</th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {assets.data.map((a) => (
                    <tr key={a.id} data-asset={a.name}>
                      <td>
                        <Link to={paths.subscriberAsset(a.name, org)}>{a.name}</Link>
                        {a.owners.length ? <div className="small muted">{a.owners.join(', ')}</div> : null}
                      </td>
                      <td>{a.type}</td>
                      <td>{a.exposed ? <span className="chip chip-warn">public</span> : <span className="chip chip-quiet">internal</span>}</td>
                      <td>
                        {a.missionPrevalence} / {a.wellBeing}
                      </td>
                      <td>
                        {a.sbom ? (
                          <>
                            <span className="nowrap">{formatLabel(a.sbom.format, a.sbom.specVersion)}</span>
                            <div className="small muted nowrap">
                              {plural(a.sbom.components, 'component')} · v{a.sbom.version}
                            </div>
                          </>
                        ) : a.vendor || a.product || a.cpes.length ? (
                          <span className="small">{a.cpes[0] ?? [a.vendor, a.product, a.version].filter(Boolean).join(' ')}</span>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                      <td className="cell-date">{formatDateTime(a.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        ) : assets.loading ? (
          <p className="muted">Loading…</p>
        ) : null}
      </section>
      <RegisterAssetCard org={org} onStored={assets.reload} />
    </div>
  );
}
