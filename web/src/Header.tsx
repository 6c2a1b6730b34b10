import { useState } from 'react';
import { isAnalyst, seesCases } from './cases/caseModel.js';
import { canKeepInventories } from './inventories/inventoryModel.js';
import { Link } from './Link.js';
import { paths, type Route } from './routes.js';
import { useLocation } from './router.js';
import { canAdminister, useSession } from './session.js';
import { isReporter } from './portal/portalModel.js';
import { seesDistribution } from './distribution/distributionModel.js';
import { isSubscriber } from './subscriber/subscriberModel.js';

/** Brand, primary navigation, and who is signed in (with sign out). */
export function Header({ route }: { route: Route }) {
  const { user, signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const location = useLocation();
  const current = (page: Route['page']) =>
    route.page === page ||
    (page === 'vulns' && route.page === 'vuln') ||
    (page === 'inventories' && route.page === 'inventory') ||
    (page === 'cases' && route.page === 'case') ||
    (page === 'portal' && route.page === 'receipt') ||
    (page === 'subscriber' && route.page === 'subscriber-asset')
      ? 'page'
      : undefined;

  const onSignOut = () => {
    setSigningOut(true);
    void signOut().finally(() => setSigningOut(false));
  };

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to={paths.vulns()} className="brand" aria-label="AICC console home">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <path d="M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7z" />
            <path d="m10.5 16 4 4 7-8" className="brand-check" />
          </svg>
          <span className="brand-name">AICC</span>
          <span className="brand-sub">Cybersecurity Clearinghouse</span>
        </Link>
        <nav className="main-nav" aria-label="Main">
          <Link to={paths.vulns()} aria-current={current('vulns')}>
            Vulnerabilities
          </Link>
          {user ? (
            <Link to={paths.scan()} aria-current={current('scan')}>
              Scan an SBOM
            </Link>
          ) : null}
          {canKeepInventories(user) ? (
            <Link to={paths.inventories()} aria-current={current('inventories')}>
              Inventories
            </Link>
          ) : null}
          {user ? (
            <Link to={paths.scanning()} aria-current={current('scanning')}>
              Scanning
            </Link>
          ) : null}
          {seesCases(user) ? (
            <Link to={paths.cases()} aria-current={current('cases')}>
              {isAnalyst(user) ? 'Triage' : 'Cases'}
            </Link>
          ) : null}
          {isReporter(user) ? (
            <Link to={paths.portal()} aria-current={current('portal')}>
              Reporter portal
            </Link>
          ) : null}
          {isSubscriber(user) ? (
            <Link to={paths.subscriber()} aria-current={current('subscriber')}>
              Subscriber portal
            </Link>
          ) : null}
          {seesDistribution(user) ? (
            <Link to={paths.distribution()} aria-current={current('distribution')}>
              Distribution
            </Link>
          ) : null}
          {canAdminister(user) ? (
            <Link to={paths.admin()} aria-current={current('admin')}>
              Admin
            </Link>
          ) : null}
        </nav>
        <div className="account">
          {user ? (
            <>
              <div className="account-who" data-testid="current-user">
                <span className="account-name">{user.name || user.email}</span>
                <span className="account-meta">
                  {user.email} · {user.org.name}
                </span>
              </div>
              <button type="button" className="button button-quiet" onClick={onSignOut} disabled={signingOut}>
                Sign out
              </button>
            </>
          ) : route.page !== 'sign-in' ? (
            <Link to={paths.signIn(location.href)} className="button button-quiet">
              Sign in
            </Link>
          ) : null}
        </div>
      </div>
    </header>
  );
}
