import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { plural } from '../format.js';
import { contentTypeFor } from '../scan/scanModel.js';
import { subscriberApi } from './subscriberApi.js';
import type { AssetPut } from './subscriberModel.js';

/** A new SBOM for an asset: kept as its next version (the same document again changes nothing). */
export function SbomUploadCard({ name, org, onStored }: { name: string; org: string | undefined; onStored: () => void }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, run } = useAction();
  const [stored, setStored] = useState<AssetPut>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    setStored(undefined);
    run(async () => {
      const text = await file.text();
      setStored(await subscriberApi.putSbom(name, text, contentTypeFor(file.name, text), org));
    }, onStored);
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Upload a new SBOM</h2>
      {stored?.sbom ? (
        <p className="notice notice-ok" role="status" data-testid="sbom-stored">
          Stored: SBOM version {stored.sbom.version}, {plural(stored.sbom.components, 'component')}.
        </p>
      ) : null}
      <ErrorNotice error={error} title="The SBOM was not stored" />
      <form
        className="form-stack"
        aria-label="Upload a new SBOM"
        onSubmit={submit}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-file`}>
            New SBOM file
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            required
            accept=".json,.xml,.spdx,.txt,.cdx,application/json,application/xml,text/xml,text/plain"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-describedby={`${ids}-hint`}
          />
          <span id={`${ids}-hint`} className="field-hint">
            Each upload is kept as a version; the asset is matched again and new exposures are notified.
          </span>
        </div>
        <button type="submit" className="button button-primary" disabled={pending || !file}>
          {pending ? 'Uploading…' : 'Upload SBOM'}
        </button>
      </form>
    </section>
  );
}
