import { useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { AssetContextFields } from './AssetContextFields.js';
import { subscriberApi } from './subscriberApi.js';
import { assetForm, assetInput, type AssetDetail } from './subscriberModel.js';

/** The asset's context as stored, and its edit: a change re-prioritizes its exposures. */
export function AssetContextCard({ asset, org, onSaved }: { asset: AssetDetail; org: string | undefined; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState(() => assetForm(asset));
  const action = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    action.run(
      () => subscriberApi.putAsset(asset.name, assetInput(form, asset), org),
      () => {
        setEditing(false);
        onSaved();
      },
    );
  };

  return (
    <section className="card" aria-labelledby="asset-context">
      <div className="card-head">
        <h2 id="asset-context">Context</h2>
        {!editing ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setForm(assetForm(asset));
              setEditing(true);
            }}
          >
            Edit context
          </button>
        ) : null}
      </div>
      {editing ? (
        <form className="form-stack" aria-label="Asset context" onSubmit={submit}>
          <ErrorNotice error={action.error} title="The context was not saved" />
          <AssetContextFields value={form} onChange={setForm} />
          <div className="secret-row">
            <button type="submit" className="button button-primary" disabled={action.pending}>
              {action.pending ? 'Saving…' : 'Save context'}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <dl className="facts" data-testid="asset-context">
          <div className="facts-row">
            <dt>Type</dt>
            <dd>{asset.type}</dd>
          </div>
          <div className="facts-row">
            <dt>Publicly exposed</dt>
            <dd data-exposed={String(asset.exposed)}>{asset.exposed ? 'yes' : 'no'}</dd>
          </div>
          <div className="facts-row">
            <dt>Mission prevalence</dt>
            <dd>{asset.missionPrevalence}</dd>
          </div>
          <div className="facts-row">
            <dt>Public well-being impact</dt>
            <dd>{asset.wellBeing}</dd>
          </div>
          <div className="facts-row">
            <dt>Sector</dt>
            <dd>{asset.sector ?? <span className="muted">the organization’s</span>}</dd>
          </div>
          <div className="facts-row">
            <dt>Federal civilian agency</dt>
            <dd>{asset.federal === null ? <span className="muted">as the organization</span> : asset.federal ? 'yes' : 'no'}</dd>
          </div>
          <div className="facts-row">
            <dt>Owners</dt>
            <dd>{asset.owners.length ? asset.owners.join(', ') : <span className="muted">none named</span>}</dd>
          </div>
          {asset.vendor || asset.product || asset.version ? (
            <div className="facts-row">
              <dt>Product</dt>
              <dd>{[asset.vendor, asset.product, asset.version].filter(Boolean).join(' ')}</dd>
            </div>
          ) : null}
          {asset.cpes.length ? (
            <div className="facts-row">
              <dt>CPEs</dt>
              <dd>
                {asset.cpes.map((c) => (
                  <code key={c} className="cpe">
                    {c}
                  </code>
                ))}
              </dd>
            </div>
          ) : null}
        </dl>
      )}
    </section>
  );
}
