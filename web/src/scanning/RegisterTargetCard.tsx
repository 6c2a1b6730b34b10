import { useId, useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { TARGET_KINDS, type ScanTarget, type TargetInput, type TargetKind } from './scanningModel.js';

const KIND_OPTION: Record<TargetKind, string> = {
  package: 'Package (package URL)',
  repository: 'Repository (URL)',
  product: 'Product (vendor and product)',
};

/** Registers a target for reporters and operators; registering one that exists finds it instead of adding another. */
export function RegisterTargetCard({ known, onRegistered }: { known: ScanTarget[]; onRegistered: () => void }) {
  const ids = useId();
  const [kind, setKind] = useState<TargetKind>('package');
  const [purl, setPurl] = useState('');
  const [url, setUrl] = useState('');
  const [vendor, setVendor] = useState('');
  const [product, setProduct] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [message, setMessage] = useState<string>();

  const input = (): TargetInput =>
    kind === 'package' ? { kind, purl: purl.trim() } : kind === 'repository' ? { kind, url: url.trim() } : { kind, vendor: vendor.trim(), product: product.trim() };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setMessage(undefined);
    try {
      const target = await api.registerScanTarget(input());
      // The API answers 200 rather than 201 for a known identity; the fetch wrapper keeps only bodies, so ask the list.
      const existed = known.some((t) => t.id === target.id);
      setMessage(existed ? `${target.display} is already registered.` : `Registered ${target.display}.`);
      onRegistered();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Register target</h2>
      {message ? (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      <ErrorNotice error={error} title="Could not register the target" />
      <form
        className="form-stack"
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-kind`}>
            Kind
          </label>
          <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(TARGET_KINDS.find((k) => k === e.target.value) ?? 'package')}>
            {TARGET_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_OPTION[k]}
              </option>
            ))}
          </select>
        </div>
        {kind === 'package' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-purl`}>
              Package URL
            </label>
            <input
              id={`${ids}-purl`}
              required
              maxLength={1000}
              placeholder="pkg:npm/lodash"
              value={purl}
              onChange={(e) => setPurl(e.target.value)}
              aria-describedby={`${ids}-purl-hint`}
            />
            <span id={`${ids}-purl-hint`} className="field-hint">
              A version is dropped: a target is the package, scanned at whatever revision.
            </span>
          </div>
        ) : kind === 'repository' ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-url`}>
              Repository URL
            </label>
            <input
              id={`${ids}-url`}
              required
              maxLength={1000}
              placeholder="https://github.com/org/repo"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              aria-describedby={`${ids}-url-hint`}
            />
            <span id={`${ids}-url-hint`} className="field-hint">
              https or <code>git@host:org/repo.git</code>; both name the same repository.
            </span>
          </div>
        ) : (
          <>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-vendor`}>
                Vendor
              </label>
              <input id={`${ids}-vendor`} required maxLength={200} value={vendor} onChange={(e) => setVendor(e.target.value)} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-product`}>
                Product
              </label>
              <input id={`${ids}-product`} required maxLength={200} value={product} onChange={(e) => setProduct(e.target.value)} />
            </div>
          </>
        )}
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Registering…' : 'Register target'}
        </button>
      </form>
    </section>
  );
}
