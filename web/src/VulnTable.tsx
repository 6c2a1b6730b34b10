import { EpssBadge, KevBadge, SeverityBadge, WithdrawnBadge } from './badges.js';
import { Breakable } from './Breakable.js';
import { formatDate } from './format.js';
import { Link } from './Link.js';
import { paths } from './routes.js';
import type { PackageRef, VulnSummary } from './types.js';

const SHOWN_PACKAGES = 3;
const SHOWN_ALIASES = 3;

/** The search results: one row per record, the id linking to its detail page. */
export function VulnTable({ items }: { items: VulnSummary[] }) {
  return (
    <div className="table-wrap">
      <table className="table vuln-table">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Summary</th>
            <th scope="col">Severity</th>
            <th scope="col">Exploitation</th>
            <th scope="col">Packages</th>
            <th scope="col">Modified</th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => (
            <tr key={v.id} data-vuln-id={v.id} className={v.withdrawn ? 'row-withdrawn' : undefined}>
              <td className="cell-id">
                <Link to={paths.vuln(v.id)} className="vuln-id">
                  {v.id}
                </Link>
                {v.aliases.length > 0 ? (
                  <span className="aliases-inline">
                    {v.aliases.slice(0, SHOWN_ALIASES).join(', ')}
                    {v.aliases.length > SHOWN_ALIASES ? ` +${String(v.aliases.length - SHOWN_ALIASES)}` : ''}
                  </span>
                ) : null}
              </td>
              <td className="cell-summary">
                {v.withdrawn ? <WithdrawnBadge /> : null} {v.summary || <span className="muted">No summary</span>}
              </td>
              <td className="cell-severity">
                <SeverityBadge severity={v.severity} score={v.maxScore} />
              </td>
              <td className="cell-exploit">
                <div className="badge-stack">
                  {v.kev ? <KevBadge /> : null}
                  {v.epss ? <EpssBadge score={v.epss.score} percentile={v.epss.percentile} /> : null}
                  {!v.kev && !v.epss ? <span className="muted">—</span> : null}
                </div>
              </td>
              <td className="cell-packages">
                <Packages packages={v.packages} />
              </td>
              <td className="cell-date">
                <time dateTime={v.modified}>{formatDate(v.modified)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Packages({ packages }: { packages: PackageRef[] }) {
  if (packages.length === 0) return <span className="muted">—</span>;
  const rest = packages.length - SHOWN_PACKAGES;
  return (
    <ul className="package-list">
      {packages.slice(0, SHOWN_PACKAGES).map((p) => (
        <li key={`${p.ecosystem}:${p.name}`} title={p.purl ?? undefined}>
          <span className="eco">{p.ecosystem}</span> <Breakable text={p.name} />
        </li>
      ))}
      {rest > 0 ? <li className="muted">+{rest} more</li> : null}
    </ul>
  );
}
