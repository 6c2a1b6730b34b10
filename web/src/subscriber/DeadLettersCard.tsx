import { useState } from 'react';
import { useAction } from '../cases/useAction.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime, plural } from '../format.js';
import { useResource } from '../useResource.js';
import { subscriberApi } from './subscriberApi.js';

/**
 * Notifications a channel gave up on (past the attempt limit, or refused for good), and their replay:
 * one, or all that are dead. Operators without `org` see and replay every organization's.
 */
export function DeadLettersCard({ org, onReplayed }: { org: string | undefined; onReplayed?: () => void }) {
  const letters = useResource((signal) => subscriberApi.listDeadLetters(org, signal), [org]);
  const [message, setMessage] = useState<string>();
  const action = useAction();
  const dead = (letters.data ?? []).filter((l) => l.status === 'dead');

  const replay = (body: { ids?: string[] }) => {
    setMessage(undefined);
    action.run(async () => {
      const r = await subscriberApi.replayDeadLetters(body, org);
      setMessage(`${plural(r.replaying, 'notification')} will be sent again before the channel’s next one.`);
      letters.reload();
      onReplayed?.();
    });
  };

  return (
    <section className="card" aria-labelledby="dead-letters-title" aria-busy={letters.loading}>
      <div className="card-head">
        <h2 id="dead-letters-title">Dead letters</h2>
        {dead.length > 0 ? (
          <button type="button" className="button button-small" disabled={action.pending} onClick={() => replay({ ids: dead.map((l) => l.id) })}>
            Replay all {dead.length}
          </button>
        ) : null}
      </div>
      <ErrorNotice error={letters.error} title="Could not load the dead letters" />
      <ErrorNotice error={action.error} title="The replay was refused" />
      {message ? (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      ) : null}
      {letters.data ? (
        letters.data.length === 0 ? (
          <p className="muted">None: every notification reached its channels.</p>
        ) : (
          <div className="table-wrap">
            <table className="table dead-letters-table">
              <thead>
                <tr>
                  <th scope="col">Notification</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Replay</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {letters.data.map((l) => (
                  <tr key={l.id} data-dead-letter={l.id} data-status={l.status}>
                    <td>
                      {l.title}
                      <div className="small muted">{formatDateTime(l.created_at)}</div>
                    </td>
                    <td>
                      <span className="small">{l.kind}</span> <code className="channel-target">{l.target}</code>
                    </td>
                    <td className="small">
                      {l.last_error}
                      <div className="muted">{plural(l.attempts, 'attempt')}</div>
                    </td>
                    <td>
                      <span className={`chip ${l.status === 'dead' ? 'chip-danger' : l.status === 'delivered' ? 'chip-ok' : 'chip-warn'}`}>{l.status}</span>
                      {l.replayed_at ? <div className="small muted">replayed {formatDateTime(l.replayed_at)}</div> : null}
                    </td>
                    <td className="cell-actions">
                      {l.status === 'dead' ? (
                        <button type="button" className="button button-small" disabled={action.pending} onClick={() => replay({ ids: [l.id] })}>
                          Replay<span className="visually-hidden"> {l.title}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : letters.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
