import type { AffectedProduct, ProductVersion } from '../types.js';

/** Vendor/product entries from CVE records, with their version statements. */
export function AffectedProducts({ products }: { products: AffectedProduct[] }) {
  return (
    <div className="affected-list">
      {products.map((p, i) => (
        <div className="affected" key={`${p.vendor}:${p.product}:${String(i)}`}>
          <h3 className="affected-name">
            <span className="eco">{p.vendor}</span> {p.product}
          </h3>
          {p.defaultStatus ? <p className="small muted">Versions not listed: {p.defaultStatus}</p> : null}
          {p.versions.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Versions</th>
                    <th scope="col">Scheme</th>
                  </tr>
                </thead>
                <tbody>
                  {p.versions.map((v, j) => (
                    <tr key={j}>
                      <td>
                        <span className={`chip chip-${v.status === 'affected' ? 'danger' : v.status === 'unaffected' ? 'ok' : 'plain'}`}>{v.status}</span>
                      </td>
                      <td>
                        <code>{describe(v)}</code>
                      </td>
                      <td>{v.versionType ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {p.cpes && p.cpes.length > 0 ? (
            <p className="small">
              CPE:{' '}
              {p.cpes.map((cpe) => (
                <code key={cpe} className="cpe">
                  {cpe}
                </code>
              ))}
            </p>
          ) : null}
          {p.purl ? <code className="purl">{p.purl}</code> : null}
        </div>
      ))}
    </div>
  );
}

function describe(v: ProductVersion): string {
  if (v.lessThan) return `${v.version} ≤ v < ${v.lessThan}`;
  if (v.lessThanOrEqual) return `${v.version} ≤ v ≤ ${v.lessThanOrEqual}`;
  return v.version;
}
