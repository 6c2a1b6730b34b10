import type { AffectedPackage, AffectedRange } from '../types.js';
import { Breakable } from '../Breakable.js';
import { intervals } from './intervals.js';

const SHOWN_VERSIONS = 24;

/** Each affected package: its ranges as introduced → fixed / last affected, and its explicit versions. */
export function AffectedPackages({ affected }: { affected: AffectedPackage[] }) {
  if (affected.length === 0) return <p className="muted">No package-level data (see affected products, if any).</p>;
  return (
    <div className="affected-list">
      {affected.map((pkg, i) => (
        <div className="affected" key={`${pkg.ecosystem}:${pkg.name}:${String(i)}`} data-package={pkg.name}>
          <h3 className="affected-name">
            <span className="eco">{pkg.ecosystem}</span> <Breakable text={pkg.name} />
          </h3>
          {pkg.purl ? (
            <code className="purl">
              <Breakable text={pkg.purl} />
            </code>
          ) : null}
          {pkg.ranges.length > 0 ? <RangesTable ranges={pkg.ranges} /> : null}
          {pkg.versions.length > 0 ? <Versions versions={pkg.versions} /> : null}
          {pkg.ranges.length === 0 && pkg.versions.length === 0 ? <p className="muted">All versions (no range given).</p> : null}
        </div>
      ))}
    </div>
  );
}

function RangesTable({ ranges }: { ranges: AffectedRange[] }) {
  return (
    <div className="table-wrap">
      <table className="table ranges-table">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Introduced</th>
            <th scope="col">Fixed</th>
            <th scope="col">Last affected</th>
          </tr>
        </thead>
        <tbody>
          {ranges.flatMap((range, r) =>
            intervals(range.events).map((iv, i) => (
              <tr key={`${String(r)}-${String(i)}`}>
                <td>
                  {range.type}
                  {range.repo ? <div className="small muted repo">{range.repo}</div> : null}
                </td>
                <td>
                  <code>{iv.introduced === '0' ? '0 (all earlier)' : iv.introduced}</code>
                </td>
                <td>{iv.fixed ? <code className="fixed">{iv.fixed}</code> : <span className="muted">{iv.lastAffected || iv.limit ? '—' : 'not fixed'}</span>}</td>
                <td>
                  {iv.lastAffected ? <code>{iv.lastAffected}</code> : null}
                  {iv.limit ? <span className="small muted">limit {iv.limit}</span> : null}
                  {!iv.lastAffected && !iv.limit ? <span className="muted">—</span> : null}
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}

function Versions({ versions }: { versions: string[] }) {
  const list = (items: string[]) => (
    <ul className="version-list">
      {items.map((v) => (
        <li key={v}>
          <code>{v}</code>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="versions">
      <h4>Affected versions ({versions.length})</h4>
      {versions.length <= SHOWN_VERSIONS ? (
        list(versions)
      ) : (
        <details>
          <summary>
            {versions.slice(0, 3).join(', ')} … {versions.at(-1)} — show all {versions.length}
          </summary>
          {list(versions)}
        </details>
      )}
    </div>
  );
}
