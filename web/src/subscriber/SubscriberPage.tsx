import { useEffect } from 'react';
import { Link } from '../Link.js';
import { paths, type SubscriberTab } from '../routes.js';
import { useSession } from '../session.js';
import { AssetsPanel } from './AssetsPanel.js';
import { ExposuresPanel } from './ExposuresPanel.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import { OrgPicker, SubscriberGate, type Portal } from './SubscriberGate.js';

const TABS: Array<{ tab: SubscriberTab; label: string }> = [
  { tab: 'exposures', label: 'My exposures' },
  { tab: 'assets', label: 'Assets' },
  { tab: 'notifications', label: 'Notifications' },
];

/** The subscriber portal: what affects the organization's assets and by when, its assets, and how it is told. */
export function SubscriberPage({ tab, requested }: { tab: SubscriberTab; requested: string | null }) {
  useEffect(() => {
    document.title = 'Subscriber portal · AICC';
  }, []);
  return (
    <SubscriberGate title="Subscriber portal" next={paths.subscriber(tab, requested ?? undefined)} requested={requested}>
      {(portal) => <PortalView tab={tab} portal={portal} />}
    </SubscriberGate>
  );
}

function PortalView({ tab, portal }: { tab: SubscriberTab; portal: Portal }) {
  const { user } = useSession();
  const { org } = portal;
  return (
    <section>
      <div className="page-head subscriber-head">
        <div>
          <h1>Subscriber portal</h1>
          <p className="muted">
            {portal.operator ? (
              <>
                Operator view of <strong data-testid="portal-org">{portal.slug}</strong>.
              </>
            ) : (
              <>
                <span data-testid="portal-org">{user?.org.name ?? portal.slug}</span>: exactly what affects your assets, what to do and by when.
              </>
            )}
          </p>
        </div>
        {portal.operator ? <OrgPicker key={portal.slug} current={portal.slug} /> : null}
      </div>
      <nav className="tabs" aria-label="Subscriber portal">
        {TABS.map((t) => (
          <Link key={t.tab} to={paths.subscriber(t.tab, org)} className="tab" aria-current={t.tab === tab ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'exposures' ? (
        <ExposuresPanel key={portal.slug} org={org} />
      ) : tab === 'assets' ? (
        <AssetsPanel key={portal.slug} org={org} />
      ) : (
        <NotificationsPanel key={portal.slug} org={org} operator={portal.operator} />
      )}
    </section>
  );
}
