import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { contentTypeFor } from '../scan/scanModel.js';
import { nameFromFile, putMessage, type InventoryPut } from './inventoryModel.js';

/** Uploads an SBOM as an inventory: a new name creates one, an existing name replaces it. */
export function UploadCard({ onStored }: { onStored: () => void }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  // The name follows the chosen file until the user types one of their own.
  const [nameEdited, setNameEdited] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ name: string; error: ApiError }>();
  const [stored, setStored] = useState<InventoryPut>();

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0] ?? null;
    setFile(picked);
    if (picked && (!nameEdited || !name)) {
      setName(nameFromFile(picked.name));
      setNameEdited(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const target = name.trim();
    setPending(true);
    setError(undefined);
    setStored(undefined);
    try {
      const text = await file.text();
      setStored(await api.putInventory(target, text, contentTypeFor(file.name, text)));
      onStored();
    } catch (caught) {
      setError({ name: target, error: asApiError(caught) });
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Upload an SBOM</h2>
      {stored ? (
        <p className="notice notice-ok" role="status" data-status={stored.status}>
          {putMessage(stored.status, stored.name)} <Link to={paths.inventory(stored.name)}>See what affects it</Link>
        </p>
      ) : null}
      <ErrorNotice error={error?.error} {...(error ? { title: `Could not store ${error.name}` } : {})} />
      <form
        className="form-stack"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        {/* Hints sit outside the labels (described-by, not part of the fields' names). */}
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-file`}>
            SBOM file
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            name="sbom"
            required
            accept=".json,.xml,.spdx,.txt,.cdx,application/json,application/xml,text/xml,text/plain"
            onChange={onPick}
            aria-describedby={`${ids}-file-hint`}
          />
          <span id={`${ids}-file-hint`} className="field-hint">
            CycloneDX (JSON, XML) or SPDX (JSON, tag-value).
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-name`}>
            Name
          </label>
          <input
            id={`${ids}-name`}
            name="inventoryName"
            required
            maxLength={200}
            pattern="[A-Za-z0-9_][A-Za-z0-9_ .:\/@+\-]*"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameEdited(true);
            }}
            aria-describedby={`${ids}-name-hint`}
          />
          <span id={`${ids}-name-hint`} className="field-hint">
            Letters, digits, spaces and <code>. : / @ + - _</code>. An existing name is replaced by the new SBOM.
          </span>
        </div>
        <button type="submit" className="button button-primary" disabled={pending || !file}>
          {pending ? 'Uploading…' : 'Upload'}
        </button>
      </form>
    </section>
  );
}
