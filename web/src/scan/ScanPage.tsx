import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { Findings } from './Findings.js';
import { contentTypeFor, countVulnerabilities, formatLabel, type ScanOutput } from './scanModel.js';

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
  const ids = useId();
  const totalVulns = countVulnerabilities(output.results);
  const sbomLabel = formatLabel(output.sbom.format, output.sbom.specVersion);

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
        <Findings results={output.results} />
      )}
    </section>
  );
}
