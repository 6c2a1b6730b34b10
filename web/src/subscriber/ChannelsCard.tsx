import { useId, useState, type FormEvent } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import type { Resource } from '../useResource.js';
import { ChannelSecret } from './ChannelSecret.js';
import { subscriberApi } from './subscriberApi.js';
import { channelHealth, type Channel, type CreatedChannel } from './subscriberModel.js';

const HEALTH: Record<ReturnType<typeof channelHealth>, { label: string; chip: string }> = {
  ok: { label: 'delivering', chip: 'chip-ok' },
  new: { label: 'waiting for the first notice', chip: '' },
  failing: { label: 'retrying', chip: 'chip-danger' },
  paused: { label: 'paused', chip: 'chip-quiet' },
};

/**
 * Where notifications go: signed webhooks and e-mail. A new channel hears what comes after it; a
 * webhook's secret is shown once. Each shows how it fares: delivered count, retries, the last error.
 */
export function ChannelsCard({ org, channels }: { org: string | undefined; channels: Resource<Channel[]> }) {
  const ids = useId();
  const [kind, setKind] = useState<'webhook' | 'email'>('webhook');
  const [target, setTarget] = useState('');
  const [created, setCreated] = useState<CreatedChannel>();
  const [confirming, setConfirming] = useState<string>();
  const add = useAction();
  const change = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = target.trim();
    add.run(async () => {
      const c = await subscriberApi.createChannel({ kind, target: value }, org);
      setCreated(c);
      setTarget('');
      channels.reload();
    });
  };

  const act = (call: () => Promise<unknown>) => change.run(call, channels.reload);

  return (
    <section className="card" aria-labelledby={`${ids}-title`} aria-busy={channels.loading}>
      <h2 id={`${ids}-title`}>Channels</h2>
      {created?.secret ? <ChannelSecret target={created.target} secret={created.secret} onDone={() => setCreated(undefined)} /> : null}
      {created && !created.secret ? (
        <p className="notice notice-ok" role="status" data-testid="channel-added">
          Added {created.kind} channel {created.target}.
        </p>
      ) : null}
      <ErrorNotice error={channels.error} title="Could not load the channels" />
      <ErrorNotice error={change.error} title="The channel was not changed" />
      {channels.data && channels.data.length > 0 ? (
        <ul className="plain-list channel-list">
          {channels.data.map((c) => {
            const health = HEALTH[channelHealth(c)];
            return (
              <li key={c.id} className="channel" data-channel={c.target} data-kind={c.kind} data-health={channelHealth(c)}>
                <div className="channel-head">
                  <span className="chip">{c.kind === 'email' ? 'e-mail' : 'webhook'}</span>
                  <code className="channel-target">{c.target}</code>
                  <span className={`chip ${health.chip}`}>{health.label}</span>
                </div>
                <p className="small muted channel-facts">
                  <span data-testid="channel-delivered">{c.delivered}</span> delivered · last success {formatDateTime(c.lastSuccessAt)}
                  {c.attempts > 0 ? ` · ${String(c.attempts)} failed attempts, next at ${formatDateTime(c.nextAttemptAt)}` : ''}
                </p>
                {c.lastError ? (
                  <p className="small text-danger channel-error">
                    Last error: <span data-testid="channel-error">{c.lastError}</span>
                  </p>
                ) : null}
                <div className="channel-actions">
                  <button type="button" className="button button-small" disabled={change.pending} onClick={() => act(() => subscriberApi.setChannelActive(c.id, !c.active, org))}>
                    {c.active ? 'Pause' : 'Resume'}
                    <span className="visually-hidden"> {c.target}</span>
                  </button>
                  {confirming === c.id ? (
                    <span className="confirm">
                      <button
                        type="button"
                        className="button button-small button-danger"
                        disabled={change.pending}
                        onClick={() => act(() => subscriberApi.deleteChannel(c.id, org))}
                      >
                        Confirm delete<span className="visually-hidden"> {c.target}</span>
                      </button>
                      <button type="button" className="button button-small" onClick={() => setConfirming(undefined)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" className="button button-small button-danger-quiet" onClick={() => setConfirming(c.id)}>
                      Delete<span className="visually-hidden"> {c.target}</span>
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      ) : channels.data ? (
        <p className="muted">No channels: notifications wait in the feed below until you add one.</p>
      ) : null}

      <form className="form-stack channel-form" aria-label="Add a channel" onSubmit={submit}>
        <h3>Add a channel</h3>
        <ErrorNotice error={add.error} title="The channel was not added" />
        <div className="segmented" role="group" aria-label="Channel kind">
          <button type="button" className="segmented-option" aria-pressed={kind === 'webhook'} onClick={() => setKind('webhook')}>
            Webhook
          </button>
          <button type="button" className="segmented-option" aria-pressed={kind === 'email'} onClick={() => setKind('email')}>
            E-mail
          </button>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-target`}>
            {kind === 'webhook' ? 'Webhook URL' : 'E-mail address'}
          </label>
          <input
            id={`${ids}-target`}
            type={kind === 'webhook' ? 'url' : 'email'}
            required
            maxLength={2048}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            placeholder={kind === 'webhook' ? 'https://soc.example.org/aicc' : 'soc@example.org'}
            aria-describedby={`${ids}-target-hint`}
          />
          <span id={`${ids}-target-hint`} className="field-hint">
            {kind === 'webhook' ? 'HTTPS. Each delivery is signed; retried with backoff until it is accepted.' : 'Notifications arrive as plain text and HTML mail.'}
          </span>
        </div>
        <button type="submit" className="button button-primary" disabled={add.pending || !target.trim()}>
          {add.pending ? 'Adding…' : 'Add channel'}
        </button>
      </form>
    </section>
  );
}
