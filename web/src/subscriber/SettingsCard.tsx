import { useEffect, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { useResource } from '../useResource.js';
import { subscriberApi } from './subscriberApi.js';
import { DIGEST_PERIODS, digestLabel, type Settings } from './subscriberModel.js';

/**
 * How the organization is told: its sector, the digest period for everything below Act, the cap on
 * immediate notices, embargoed pre-notices. Whether it is a federal civilian agency (BOD 26-04 dates
 * then bind) is an operator's decision: shown to the subscriber, editable by operators only.
 */
export function SettingsCard({ org, operator }: { org: string | undefined; operator: boolean }) {
  const settings = useResource((signal) => subscriberApi.getSettings(org, signal), [org]);
  const [form, setForm] = useState<Settings>();
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form) return;
    setSaved(false);
    const body = { sector: form.sector, digestHours: form.digestHours, immediateCap: form.immediateCap, preNotify: form.preNotify, ...(operator ? { federal: form.federal } : {}) };
    action.run(
      () => subscriberApi.putSettings(body, org),
      () => {
        setSaved(true);
        settings.reload();
      },
    );
  };

  const periods = form && !DIGEST_PERIODS.some((p) => p.hours === form.digestHours) ? [...DIGEST_PERIODS, { hours: form.digestHours, label: digestLabel(form.digestHours) }] : DIGEST_PERIODS;
  return (
    <section className="card" aria-labelledby="settings-title" aria-busy={settings.loading}>
      <h2 id="settings-title">Notification settings</h2>
      <ErrorNotice error={settings.error} title="Could not load the settings" />
      <ErrorNotice error={action.error} title="The settings were not saved" />
      {saved ? (
        <p className="notice notice-ok" role="status">
          Settings saved.
        </p>
      ) : null}
      {form ? (
        <form className="form-stack" aria-label="Notification settings" onSubmit={submit}>
          <label className="field">
            <span className="field-label">Sector</span>
            <input value={form.sector} maxLength={63} pattern="[a-z0-9][a-z0-9 \-]*" onChange={(e) => setForm({ ...form, sector: e.target.value.toLowerCase() })} />
          </label>
          <label className="field">
            <span className="field-label">Digest period</span>
            <select value={form.digestHours} onChange={(e) => setForm({ ...form, digestHours: Number(e.target.value) })}>
              {periods.map((p) => (
                <option key={p.hours} value={p.hours}>
                  {p.label}
                </option>
              ))}
            </select>
            <span className="field-hint">Everything below Act and the 3-day timelines waits for one digest per period.</span>
          </label>
          <label className="field">
            <span className="field-label">Immediate notices per 24 hours, at most</span>
            <input
              type="number"
              className="input-narrow"
              min={0}
              max={10_000}
              value={form.immediateCap}
              onChange={(e) => setForm({ ...form, immediateCap: Math.max(0, Math.trunc(Number(e.target.value) || 0)) })}
            />
            <span className="field-hint">Past the cap, urgent notices go into the next digest, marked as capped.</span>
          </label>
          <label className="check">
            <input type="checkbox" checked={form.preNotify} onChange={(e) => setForm({ ...form, preNotify: e.target.checked })} />
            Receive embargoed pre-notices (TLP:AMBER) where a case allows them
          </label>
          <label className={operator ? 'check' : 'check check-disabled'}>
            <input type="checkbox" checked={form.federal} disabled={!operator} onChange={(e) => setForm({ ...form, federal: e.target.checked })} />
            Federal civilian agency: BOD 26-04 due dates bind
          </label>
          {!operator ? <p className="field-hint">Set by the clearinghouse’s operators.</p> : null}
          <p className="small muted">Last digest: {formatDateTime(form.lastDigestAt)}</p>
          <button type="submit" className="button button-primary" disabled={action.pending}>
            {action.pending ? 'Saving…' : 'Save settings'}
          </button>
        </form>
      ) : null}
    </section>
  );
}
