import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { plural } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { AssetContextFields } from './AssetContextFields.js';
import { subscriberApi } from './subscriberApi.js';
import { ASSET_NAME_PATTERN, assetInput, assetNameFromFile, EMPTY_ASSET_FORM, type AssetPut } from './subscriberModel.js';

/** Registers an asset with its context and, usually, its SBOM (an existing name is updated: a new SBOM becomes its next version). */
export function RegisterAssetCard({ org, onStored }: { org: string | undefined; onStored: () => void }) {
  const ids = useId();
  const [name, setName] = useState('');
  const [form, setForm] = useState(EMPTY_ASSET_FORM);
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, run } = useAction();
  const [stored, setStored] = useState<AssetPut>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // React clears currentTarget once the handler returns: keep the form for the reset after the call
    const formElement = event.currentTarget;
    const target = name.trim();
    setStored(undefined);
    run(async () => {
      const sbom = file ? await file.text() : undefined;
      setStored(await subscriberApi.putAsset(target, { ...assetInput(form), ...(sbom !== undefined ? { sbom } : {}) }, org));
      setName('');
      setFile(null);
      setForm(EMPTY_ASSET_FORM);
      formElement.reset();
    }, onStored);
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Register an asset</h2>
      {stored ? (
        <p className="notice notice-ok" role="status" data-testid="asset-stored">
          {stored.status === 'created' ? 'Registered' : 'Updated'} {stored.name}
          {stored.sbom ? ` with ${plural(stored.sbom.components, 'component')} (SBOM version ${String(stored.sbom.version)})` : ''}.{' '}
          <Link to={paths.subscriberAsset(stored.name, org)}>Open it</Link>
        </p>
      ) : null}
      <ErrorNotice error={error} title="The asset was not stored" />
      <form
        className="form-stack"
        aria-label="Register an asset"
        onSubmit={submit}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-file`}>
            SBOM file
          </label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".json,.xml,.spdx,.txt,.cdx,application/json,application/xml,text/xml,text/plain"
            onChange={(e) => {
              const picked = e.target.files?.[0] ?? null;
              setFile(picked);
              if (picked && !name) setName(assetNameFromFile(picked.name));
            }}
            aria-describedby={`${ids}-file-hint`}
          />
          <span id={`${ids}-file-hint`} className="field-hint">
            CycloneDX or SPDX. Optional for firmware and appliances named by vendor, product and version or CPE.
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-name`}>
            Asset name
          </label>
          <input id={`${ids}-name`} required maxLength={200} pattern={ASSET_NAME_PATTERN} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <AssetContextFields value={form} onChange={setForm} />
        <button type="submit" className="button button-primary" disabled={pending || !name.trim()}>
          {pending ? 'Registering…' : 'Register asset'}
        </button>
      </form>
    </section>
  );
}
