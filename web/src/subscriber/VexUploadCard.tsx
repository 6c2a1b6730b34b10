import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { plural } from '../format.js';
import { subscriberApi } from './subscriberApi.js';
import { statusLabel, type VexImport } from './subscriberModel.js';

/** A whole VEX document (CycloneDX, OpenVEX or CSAF) applied to the organization's exposures at once. */
export function VexUploadCard({ org, onApplied }: { org: string | undefined; onApplied: () => void }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, run } = useAction();
  const [result, setResult] = useState<VexImport>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    setResult(undefined);
    run(async () => setResult(await subscriberApi.uploadVex(await file.text(), file.name, org)), onApplied);
  };

  const changed = result?.applied.filter((a) => a.changed) ?? [];
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Report by VEX document</h2>
      <p className="muted small">
        Upload a CycloneDX, OpenVEX or CSAF VEX document: each statement about one of your assets’ vulnerabilities is recorded as its
        remediation (fixed, not affected with its justification, affected as in progress).
      </p>
      <ErrorNotice error={error} title="The VEX document was not applied" />
      {result ? (
        <div className="notice notice-ok" role="status" data-testid="vex-result">
          <p className="notice-title">
            {result.format}: {plural(result.statements, 'statement')}, {plural(changed.length, 'exposure')} changed
            {result.unmatched.length ? `, ${plural(result.unmatched.length, 'statement')} matched nothing` : ''}.
          </p>
          {changed.length || result.unmatched.length ? (
            <ul className="notice-details">
              {changed.map((a) => (
                <li key={a.exposureId}>
                  {a.vulnId} on {a.asset}: {statusLabel(a.status)}
                </li>
              ))}
              {result.unmatched.map((u, i) => (
                <li key={`u${String(i)}`}>
                  {u.vulnerability}
                  {u.product ? ` (${u.product})` : ''}: {u.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form
        className="inline-upload"
        onSubmit={submit}
      >
        <label className="field">
          <span className="field-label">VEX file</span>
          <input type="file" accept=".json,application/json" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" className="button" disabled={pending || !file}>
          {pending ? 'Applying…' : 'Apply VEX'}
        </button>
      </form>
    </section>
  );
}
