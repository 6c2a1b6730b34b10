import { TlpBadge } from '../badges.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useResource } from '../useResource.js';
import { subscriberApi } from './subscriberApi.js';
import { dueBasis, newestFirst, notificationPriority, urgencyLabel } from './subscriberModel.js';

const SHOWN = 100;

/** The notification feed, newest first: what every channel sends, also readable here (and by API, with a cursor). */
export function FeedCard({ org }: { org: string | undefined }) {
  const feed = useResource((signal) => subscriberApi.feed(org, signal), [org]);
  const items = feed.data ? newestFirst(feed.data.items).slice(0, SHOWN) : [];
  return (
    <section className="card" aria-labelledby="feed-title" aria-busy={feed.loading}>
      <div className="card-head">
        <h2 id="feed-title">Notifications</h2>
        <button type="button" className="button button-small" onClick={feed.reload} disabled={feed.loading}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={feed.error} title="Could not load the notifications" />
      {feed.data ? (
        items.length === 0 ? (
          <p className="muted">Nothing yet: notifications appear when something affects one of your assets.</p>
        ) : (
          <>
            <ol className="plain-list feed" data-testid="feed">
              {items.map((n) => {
                const p = notificationPriority(n.body);
                return (
                  <li key={n.id} className="feed-item" data-notification={n.id} data-urgency={n.urgency} data-vuln={n.vulnId ?? ''}>
                    <div className="feed-head">
                      <TlpBadge tlp={n.tlp} />
                      <span className={`chip ${n.urgency === 'immediate' ? 'chip-danger' : ''}`}>{urgencyLabel(n.urgency)}</span>
                      <strong className="feed-title">{n.title}</strong>
                    </div>
                    <p className="small muted feed-meta">
                      {formatDateTime(n.createdAt)}
                      {n.vulnId ? (
                        <>
                          {' · '}
                          <Link to={paths.vuln(n.vulnId)}>{n.vulnId}</Link>
                        </>
                      ) : null}
                      {p.cisa ? ` · CISA ${p.cisa}` : ''}
                      {p.due ? (
                        <>
                          {' · due '}
                          <strong data-testid="feed-due">{p.due}</strong> ({dueBasis(p.binding)})
                        </>
                      ) : null}
                    </p>
                  </li>
                );
              })}
            </ol>
            {feed.data.items.length > SHOWN || feed.data.truncated ? (
              <p className="small muted">
                The newest {SHOWN} are shown. The API’s feed (<code>GET /api/v1/notifications?after=…</code>) has them all.
              </p>
            ) : null}
          </>
        )
      ) : feed.loading ? (
        <p className="muted">Loading…</p>
      ) : null}
    </section>
  );
}
