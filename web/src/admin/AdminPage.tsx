import { useEffect } from 'react';
import { Link } from '../Link.js';
import { paths, type AdminTab } from '../routes.js';
import { canAdminister, useSession } from '../session.js';
import { OrgsPanel } from './OrgsPanel.js';
import { TokensPanel } from './TokensPanel.js';
import { UsersPanel } from './UsersPanel.js';

const TABS: Array<{ tab: AdminTab; label: string }> = [
  { tab: 'orgs', label: 'Organizations' },
  { tab: 'users', label: 'Users' },
  { tab: 'tokens', label: 'API tokens' },
];

/** Administration for operator organizations' admins: organizations, users and API tokens. */
export function AdminPage({ tab }: { tab: AdminTab }) {
  const { user } = useSession();

  useEffect(() => {
    document.title = `Admin · AICC`;
  }, []);

  if (!user) {
    return (
      <section className="empty-state">
        <h1>Administration</h1>
        <p>
          <Link to={paths.signIn(paths.admin(tab))}>Sign in</Link> to administer AICC.
        </p>
      </section>
    );
  }
  if (!canAdminister(user)) {
    return (
      <section className="empty-state" role="alert">
        <h1>Administration</h1>
        <p>Only administrators of an operator organization can open this page.</p>
      </section>
    );
  }

  return (
    <section>
      <div className="page-head">
        <h1>Administration</h1>
      </div>
      <nav className="tabs" aria-label="Administration">
        {TABS.map((t) => (
          <Link key={t.tab} to={paths.admin(t.tab)} className="tab" aria-current={t.tab === tab ? 'page' : undefined}>
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'orgs' ? <OrgsPanel /> : tab === 'users' ? <UsersPanel ownOrgId={user.org.id} ownUserId={user.id} /> : <TokensPanel ownOrgId={user.org.id} />}
    </section>
  );
}
