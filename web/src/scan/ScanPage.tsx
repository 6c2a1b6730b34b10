import { useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../api.js';
import { KevBadge, SeverityBadge } from '../badges.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatPercent, plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { SEVERITY_LEVELS, type SeverityLevel } from '../types.js';
import { contentTypeFor, countVulnerabilities, filterResults, groupByFix, NO_FILTERS, type FixGroup, type ScanFilters, type ScanOutput, type ScanResult, type ScanVulnerability } from './scanModel.js';

type View = 'component' | 'fix';

interface Scanned {
  fileName: string;
  output: ScanOutput;
}

/** Upload an SBOM (CycloneDX or SPDX), see which of its components carry known vulnerabilities and what fixes them. */
export function ScanPage() {
  const { user } = useSession();
  const [status, setStatus] = useState<'idle' | 'scanning'>('idle');
  const [pendingName, setPendingName] = useState<string | null>(null);
  const [error, setError] = useState<{ fileName: string; error: ApiError }>();
  const [scanned, setScanned] = useState<Scanned | null>(null);
  const [dragging, setDragging] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const ids = useId();

  useEffect(() => {
    document.title = 'Scan an SBOM · AICC';
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  if (!user) {
    return (
      <section className="empty-state">
        <h1>Scan an SBOM</h1>
        <p>
          <Link to={paths.signIn(paths.scan())}>Sign in</Link> to scan a software bill of materials.
        </p>
      </section>
    );
  }

  const scan = async (file: File) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setStatus('scanning');
    setPendingName(file.name);
    setError(undefined);
    try {
      const text = await file.text();
      const output = await api.scanSbom(text, contentTypeFor(file.name, text), current.signal);
      if (current.signal.aborted) return;
      setScanned({ fileName: file.name, output });
    } catch (caught) {
      if (isAbort(caught) || current.signal.aborted) return;
      setScanned(null);
      setError({ fileName: file.name, error: asApiError(caught) });
    }
    setStatus('idle');
    setPendingName(null);
  };

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared so that picking the same file again (after editing it) scans again.
    event.target.value = '';
    if (file) void scan(file);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setDragging(false);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void scan(file);
  };

  return (
    <section className="scan-page">
      <div className="page-head">
        <h1>Scan an SBOM</h1>
        <p className="muted">
          Match a software bill of materials (CycloneDX JSON or XML, SPDX JSON or tag-value) against the knowledge base. The file is read in your
          browser and sent to AICC for matching only; it is not stored.
        </p>
      </div>

      <div
        className={`dropzone card${dragging ? ' dropzone-active' : ''}`}
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        aria-busy={status === 'scanning'}
      >
        <svg className="dropzone-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
          <path d="M14 3v5h5M12 18v-6M9 15l3-3 3 3" />
        </svg>
        <div className="dropzone-text">
          <input
            id={`${ids}-file`}
            className="visually-hidden dropzone-input"
            type="file"
            accept=".json,.xml,.spdx,.txt,.cdx,application/json,application/xml,text/xml,text/plain"
            onChange={onPick}
            aria-describedby={`${ids}-hint`}
          />
          <label htmlFor={`${ids}-file`} className="button button-primary">
            Choose an SBOM file…
          </label>
          <span id={`${ids}-hint`} className="dropzone-hint">
            or drop it here. CycloneDX (.json, .xml) or SPDX (.spdx.json, .spdx).
          </span>
        </div>
      </div>

      <p className="scan-status" role="status" aria-live="polite">
        {status === 'scanning' && pendingName ? (
          <>
            Scanning <strong>{pendingName}</strong>…
          </>
        ) : null}
      </p>

      <ErrorNotice error={error?.error} {...(error ? { title: `Could not scan ${error.fileName}` } : {})} />

      {scanned ? <ScanResults key={`${scanned.fileName}:${String(scanned.output.sbom.components)}`} scanned={scanned} busy={status === 'scanning'} /> : null}
    </section>
  );
}

function ScanResults({ scanned, busy }: { scanned: Scanned; busy: boolean }) {
  const { output, fileName } = scanned;
  const [filters, setFilters] = useState<ScanFilters>(NO_FILTERS);
  const [view, setView] = useState<View>('component');
  const ids = useId();
  const shown = useMemo(() => filterResults(output.results, filters), [output, filters]);
  const fixes = useMemo(() => groupByFix(shown), [shown]);
  const totalVulns = countVulnerabilities(output.results);
  const filtered = filters.minSeverity !== null || filters.kevOnly || filters.directOnly;
  const graphKnown = output.results.some((r) => r.component.direct !== null);
  const set = <K extends keyof ScanFilters>(key: K, value: ScanFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const sbomLabel = `${output.sbom.format === 'spdx' ? 'SPDX' : output.sbom.format === 'cyclonedx' ? 'CycloneDX' : output.sbom.format} ${output.sbom.specVersion}`;

  return (
    <section className="scan-results" aria-labelledby={`${ids}-title`} aria-busy={busy}>
      <div className="scan-summary card">
        <h2 id={`${ids}-title`}>
          Findings for <span className="scan-file">{output.sbom.name ?? fileName}</span>
        </h2>
        <p className="muted small">
          {fileName} · {sbomLabel}
        </p>
        <dl className="scan-stats" data-testid="scan-summary">
          <div>
            <dt>Components</dt>
            <dd>{output.sbom.components}</dd>
          </div>
          <div className={output.results.length > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
            <dt>Affected components</dt>
            <dd>{output.results.length}</dd>
          </div>
          <div className={totalVulns > 0 ? 'scan-stat-bad' : 'scan-stat-ok'}>
            <dt>Vulnerabilities</dt>
            <dd>{totalVulns}</dd>
          </div>
          <div>
            <dt>
              <abbr title="Components without a package URL or version that AICC can match">Unmatchable</abbr>
            </dt>
            <dd>{output.sbom.unmatchable}</dd>
          </div>
        </dl>
      </div>

      {output.unevaluated.length > 0 && (
        <div className="notice" role="note" data-testid="scan-unevaluated">
          <p className="notice-title">Not evaluated: advisories that name affected commits only (GIT ranges), not versions</p>
          <ul>
            {output.unevaluated.map((u) => (
              <li key={`${u.component.purl}|${u.component.version}`}>
                {u.component.name}@{u.component.version}: {u.ids.join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}

      {output.results.length === 0 ? (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">No known vulnerabilities in the {plural(output.sbom.components, 'component')} of this SBOM.</p>
        </div>
      ) : (
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
              ? `Showing ${plural(shown.length, 'affected component')} of ${String(output.results.length)}, ${plural(countVulnerabilities(shown), 'vulnerability', 'vulnerabilities')}.`
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
      )}
    </section>
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
