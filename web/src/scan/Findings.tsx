import { useMemo, useState } from 'react';
import { KevBadge, SeverityBadge } from '../badges.js';
import { formatPercent, plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { SEVERITY_LEVELS, type SeverityLevel } from '../types.js';
import { countVulnerabilities, filterResults, groupByFix, NO_FILTERS, type FixGroup, type ScanFilters, type ScanResult, type ScanVulnerability } from './scanModel.js';

type View = 'component' | 'fix';

/**
 * Affected components with their vulnerabilities: filters, by-component and by-fix views. Shared by a
 * one-off scan and a stored inventory, which answer the same ScanResult shape. Expects results to be
 * non-empty (callers say "nothing found" in their own words).
 */
export function Findings({ results }: { results: ScanResult[] }) {
  const [filters, setFilters] = useState<ScanFilters>(NO_FILTERS);
  const [view, setView] = useState<View>('component');
  const shown = useMemo(() => filterResults(results, filters), [results, filters]);
  const fixes = useMemo(() => groupByFix(shown), [shown]);
  const totalVulns = countVulnerabilities(results);
  const filtered = filters.minSeverity !== null || filters.kevOnly || filters.directOnly;
  const graphKnown = results.some((r) => r.component.direct !== null);
  const set = <K extends keyof ScanFilters>(key: K, value: ScanFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <>
      <div className="scan-toolbar">
        <fieldset className="filters scan-filters">
          <legend className="visually-hidden">Filter findings</legend>
          <label className="field field-inline">
            <span className="field-label">Severity at least</span>
            <select value={filters.minSeverity ?? ''} onChange={(e) => set('minSeverity', (e.target.value || null) as SeverityLevel | null)}>
              <option value="">Any (unscored too)</option>
              {SEVERITY_LEVELS.filter((s) => s !== 'none').map((s) => (
                <option key={s} value={s}>
                  {s[0]?.toUpperCase()}
                  {s.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={filters.kevOnly} onChange={(e) => set('kevOnly', e.target.checked)} />
            KEV only
          </label>
          <label className={`check${graphKnown ? '' : ' check-disabled'}`} title={graphKnown ? undefined : 'This SBOM has no dependency graph'}>
            <input type="checkbox" checked={filters.directOnly} disabled={!graphKnown} onChange={(e) => set('directOnly', e.target.checked)} />
            Direct dependencies only
          </label>
          {filtered ? (
            <button type="button" className="button button-link" onClick={() => setFilters(NO_FILTERS)}>
              Clear filters
            </button>
          ) : null}
        </fieldset>
        <div className="segmented" role="group" aria-label="Group findings">
          <button type="button" className="segmented-option" aria-pressed={view === 'component'} onClick={() => setView('component')}>
            By component
          </button>
          <button type="button" className="segmented-option" aria-pressed={view === 'fix'} onClick={() => setView('fix')}>
            By fix
          </button>
        </div>
      </div>

      <p className="results-count" aria-live="polite">
        {filtered
          ? `Showing ${plural(shown.length, 'affected component')} of ${String(results.length)}, ${plural(countVulnerabilities(shown), 'vulnerability', 'vulnerabilities')}.`
          : view === 'fix'
            ? `${plural(fixes.length, 'fix', 'fixes')} clear${fixes.length === 1 ? 's' : ''} ${plural(totalVulns, 'vulnerability', 'vulnerabilities')}, most severe first.`
            : `${plural(shown.length, 'affected component')}, most severe first.`}
      </p>

      {shown.length === 0 ? (
        <p className="empty-state">No findings match these filters.</p>
      ) : view === 'component' ? (
        <ol className="scan-list">
          {shown.map((result) => (
            <li key={`${result.component.purl}|${result.component.name}|${result.component.version}`}>
              <ComponentFindings result={result} />
            </li>
          ))}
        </ol>
      ) : (
        <ol className="scan-list">
          {fixes.map((group) => (
            <li key={group.key}>
              <FixFindings group={group} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function DirectChip({ direct }: { direct: boolean | null }) {
  if (direct === null) return null;
  return direct ? <span className="chip">direct</span> : <span className="chip chip-quiet">transitive</span>;
}

function UpgradeBadge({ upgrade }: { upgrade: string | null }) {
  return upgrade ? <span className="chip chip-ok scan-upgrade">upgrade to {upgrade}</span> : <span className="chip chip-warn">no fixed version</span>;
}

function ComponentFindings({ result }: { result: ScanResult }) {
  const { component } = result;
  return (
    <article className="card scan-component" data-purl={component.purl} aria-label={`${component.name}@${component.version}`}>
      <header className="scan-component-head">
        <h3 className="scan-component-name">
          {component.name}
          <span className="scan-version">@{component.version}</span>
        </h3>
        <div className="badge-row">
          <DirectChip direct={component.direct} />
          <UpgradeBadge upgrade={result.upgrade} />
        </div>
      </header>
      {component.purl ? <p className="purl scan-purl">{component.purl}</p> : null}
      <VulnFindings vulnerabilities={result.vulnerabilities} />
    </article>
  );
}

function VulnFindings({ vulnerabilities }: { vulnerabilities: ScanVulnerability[] }) {
  return (
    <div className="table-wrap scan-vulns">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Vulnerability</th>
            <th scope="col">Severity</th>
            <th scope="col">Exploitation</th>
            <th scope="col">Fixed in</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {vulnerabilities.map((v) => (
            <tr key={v.id} data-vuln-id={v.id}>
              <td className="cell-id">
                <Link to={paths.vuln(v.id)} className="vuln-id">
                  {v.id}
                </Link>
                {v.aliases.length > 0 ? <span className="aliases-inline">{v.aliases.slice(0, 3).join(', ')}</span> : null}
              </td>
              <td>
                <SeverityBadge severity={v.severity} score={v.cvss?.baseScore ?? null} />
              </td>
              <td>
                <div className="badge-row">
                  {v.kev ? <KevBadge /> : null}
                  {v.epss !== null ? (
                    <span className={`badge badge-epss${v.epss >= 0.1 ? ' badge-epss-hot' : ''}`} title={`EPSS: ${formatPercent(v.epss)} probability of exploitation activity in the next 30 days`}>
                      <span className="badge-epss-label">EPSS</span> {formatPercent(v.epss)}
                    </span>
                  ) : null}
                  {!v.kev && v.epss === null ? <span className="muted">—</span> : null}
                </div>
              </td>
              <td className="scan-fixed">
                {v.fixed.length > 0 ? (
                  <ul className="version-list">
                    {v.fixed.map((version) => (
                      <li key={version}>
                        <code>{version}</code>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td className="cell-summary">{v.summary || <span className="muted">No summary.</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FixFindings({ group }: { group: FixGroup }) {
  return (
    <article className="card scan-fix" aria-label={group.upgrade ? `Upgrade ${group.name} to ${group.upgrade}` : `${group.name}: no fixed version`}>
      <header className="scan-component-head">
        <h3 className="scan-component-name">
          {group.upgrade ? (
            <>
              Upgrade {group.name} to <span className="scan-version scan-target">{group.upgrade}</span>
            </>
          ) : (
            <>{group.name}: no fixed version</>
          )}
        </h3>
        <span className={`chip ${group.upgrade ? 'chip-ok' : 'chip-warn'}`}>
          {group.upgrade ? 'clears' : 'leaves'} {plural(group.vulnIds.length, 'vulnerability', 'vulnerabilities')}
        </span>
      </header>
      <ul className="scan-fix-components">
        {group.results.map((result) => (
          <li key={`${result.component.purl}|${result.component.version}`}>
            <div className="scan-fix-component">
              <span className="scan-fix-name">
                {result.component.name}
                <span className="scan-version">@{result.component.version}</span>
              </span>
              <DirectChip direct={result.component.direct} />
            </div>
            <ul className="inline-list scan-fix-vulns">
              {result.vulnerabilities.map((v) => (
                <li key={v.id}>
                  <Link to={paths.vuln(v.id)} className="vuln-id">
                    {v.id}
                  </Link>{' '}
                  <SeverityBadge severity={v.severity} score={v.cvss?.baseScore ?? null} />
                  {v.kev ? (
                    <>
                      {' '}
                      <KevBadge />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </article>
  );
}
