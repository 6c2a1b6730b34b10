import { useCallback, useEffect, useMemo, useState } from 'react';
import { AdminPage } from './admin/AdminPage.js';
import { AdvisoryPage } from './advisories/AdvisoryPage.js';
import { api, isAbort } from './api.js';
import { CasePage } from './cases/CasePage.js';
import { CasesPage } from './cases/CasesPage.js';
import { Header } from './Header.js';
import { InventoriesPage } from './inventories/InventoriesPage.js';
import { InventoryPage } from './inventories/InventoryPage.js';
import { Link } from './Link.js';
import { PortalPage } from './portal/PortalPage.js';
import { ReceiptPage } from './portal/ReceiptPage.js';
import { matchRoute, paths } from './routes.js';
import { navigate, useLocation } from './router.js';
import { ScanPage } from './scan/ScanPage.js';
import { ScanningPage } from './scanning/ScanningPage.js';
import { SessionContext, type Session } from './session.js';
import { SignInPage } from './SignInPage.js';
import type { User } from './types.js';
import { VulnBrowserPage } from './VulnBrowserPage.js';
import { VulnDetailPage } from './detail/VulnDetailPage.js';
import { DistributionPage } from './distribution/DistributionPage.js';
import { AssetPage } from './subscriber/AssetPage.js';
import { SubscriberPage } from './subscriber/SubscriberPage.js';

/** Loads the session once, then renders the page the URL names. */
export function App() {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const location = useLocation();
  const route = matchRoute(location.pathname);

  useEffect(() => {
    const controller = new AbortController();
    api.getSession(controller.signal).then(
      ({ user: current }) => {
        setUser(current);
        setChecked(true);
      },
      (error: unknown) => {
        if (isAbort(error)) return;
        // 401 (or a server that cannot be reached) means: browse anonymously, sign in to do more.
        setUser(null);
        setChecked(true);
      },
    );
    return () => controller.abort();
  }, []);

  const signOut = useCallback(async () => {
    // Signed out locally even if the server's session is already gone.
    await api.signOut().catch(() => undefined);
    setUser(null);
    navigate(paths.signIn(), { replace: true });
  }, []);

  const session = useMemo<Session>(() => ({ user, signedIn: setUser, signOut }), [user, signOut]);

  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header route={route} />
      <main id="main" className="page" tabIndex={-1}>
        {!checked ? (
          <p className="muted" aria-live="polite">
            Loading…
          </p>
        ) : route.page === 'sign-in' ? (
          <SignInPage next={location.search.get('next')} />
        ) : route.page === 'vulns' ? (
          <VulnBrowserPage params={location.search} />
        ) : route.page === 'vuln' ? (
          <VulnDetailPage key={route.id} id={route.id} />
        ) : route.page === 'scan' ? (
          <ScanPage />
        ) : route.page === 'inventories' ? (
          <InventoriesPage />
        ) : route.page === 'inventory' ? (
          <InventoryPage key={route.name} name={route.name} />
        ) : route.page === 'scanning' ? (
          <ScanningPage />
        ) : route.page === 'cases' ? (
          <CasesPage params={location.search} />
        ) : route.page === 'case' ? (
          <CasePage key={route.id} id={route.id} />
        ) : route.page === 'advisory' ? (
          <AdvisoryPage key={route.id} id={route.id} />
        ) : route.page === 'portal' ? (
          <PortalPage />
        ) : route.page === 'receipt' ? (
          <ReceiptPage key={route.id} id={route.id} />
        ) : route.page === 'subscriber' ? (
          <SubscriberPage tab={route.tab} requested={location.search.get('org')} />
        ) : route.page === 'subscriber-asset' ? (
          <AssetPage key={route.name} name={route.name} requested={location.search.get('org')} />
        ) : route.page === 'distribution' ? (
          <DistributionPage />
        ) : route.page === 'admin' ? (
          <AdminPage tab={route.tab} />
        ) : (
          <section className="empty-state">
            <h1>Page not found</h1>
            <p>
              There is no page at <code>{location.pathname}</code>. <Link to={paths.vulns()}>Browse vulnerabilities</Link>.
            </p>
          </section>
        )}
      </main>
    </SessionContext.Provider>
  );
}
