/** The console's pages and their paths. */

export const ADMIN_TABS = ['orgs', 'users', 'tokens'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export const SUBSCRIBER_TABS = ['exposures', 'assets', 'notifications'] as const;
export type SubscriberTab = (typeof SUBSCRIBER_TABS)[number];

export type Route =
  | { page: 'sign-in' }
  | { page: 'vulns' }
  | { page: 'vuln'; id: string }
  | { page: 'scan' }
  | { page: 'inventories' }
  | { page: 'inventory'; name: string }
  | { page: 'scanning' }
  | { page: 'cases' }
  | { page: 'case'; id: string }
  | { page: 'advisory'; id: string }
  | { page: 'portal' }
  | { page: 'receipt'; id: string }
  | { page: 'admin'; tab: AdminTab }
  | { page: 'subscriber'; tab: SubscriberTab }
  | { page: 'subscriber-asset'; name: string }
  | { page: 'distribution' }
  | { page: 'not-found' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/vulns') return { page: 'vulns' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/scan') return { page: 'scan' };
  if (path === '/inventories') return { page: 'inventories' };
  if (path === '/scanning') return { page: 'scanning' };
  if (path === '/cases') return { page: 'cases' };
  if (path === '/portal') return { page: 'portal' };
  if (path === '/distribution') return { page: 'distribution' };
  if (path === '/subscriber') return { page: 'subscriber', tab: 'exposures' };
  const subscriberAsset = /^\/subscriber\/assets\/(.+)$/.exec(path);
  if (subscriberAsset?.[1]) {
    // one segment, as for inventories: a '/' in a name travels as %2F
    const name = decode(subscriberAsset[1]);
    return name ? { page: 'subscriber-asset', name } : { page: 'not-found' };
  }
  const subscriberTab = /^\/subscriber\/([^/]+)$/.exec(path);
  if (subscriberTab) {
    const tab = SUBSCRIBER_TABS.find((t) => t === subscriberTab[1]);
    return tab ? { page: 'subscriber', tab } : { page: 'not-found' };
  }
  const caseId = /^\/cases\/([^/]+)$/.exec(path);
  if (caseId?.[1]) {
    const id = decode(caseId[1]);
    return id ? { page: 'case', id } : { page: 'not-found' };
  }
  const advisory = /^\/advisories\/([^/]+)$/.exec(path);
  if (advisory?.[1]) {
    const id = decode(advisory[1]);
    return id ? { page: 'advisory', id } : { page: 'not-found' };
  }
  const receipt = /^\/portal\/submissions\/([^/]+)$/.exec(path);
  if (receipt?.[1]) {
    const id = decode(receipt[1]);
    return id ? { page: 'receipt', id } : { page: 'not-found' };
  }
  const inventory = /^\/inventories\/(.+)$/.exec(path);
  if (inventory?.[1]) {
    // Names may hold '/', sent encoded (%2F): one segment, decoded here.
    const name = decode(inventory[1]);
    return name ? { page: 'inventory', name } : { page: 'not-found' };
  }
  if (path === '/admin') return { page: 'admin', tab: 'orgs' };
  const admin = /^\/admin\/([^/]+)$/.exec(path);
  if (admin) {
    const tab = ADMIN_TABS.find((t) => t === admin[1]);
    return tab ? { page: 'admin', tab } : { page: 'not-found' };
  }
  const vuln = /^\/vulns\/(.+)$/.exec(path);
  if (vuln?.[1]) {
    const id = decode(vuln[1]);
    if (id) return { page: 'vuln', id };
  }
  return { page: 'not-found' };
}

const withOrg = (path: string, org: string | undefined): string => (org ? `${path}?org=${encodeURIComponent(org)}` : path);

export const paths = {
  vulns: (search?: URLSearchParams): string => {
    const query = search?.toString();
    return query ? `/vulns?${query}` : '/vulns';
  },
  vuln: (id: string): string => `/vulns/${encodeURIComponent(id)}`,
  scan: (): string => '/scan',
  inventories: (): string => '/inventories',
  inventory: (name: string): string => `/inventories/${encodeURIComponent(name)}`,
  scanning: (): string => '/scanning',
  cases: (status?: string): string => (status && status !== 'open' ? `/cases?status=${encodeURIComponent(status)}` : '/cases'),
  case: (id: string): string => `/cases/${encodeURIComponent(id)}`,
  advisory: (id: string): string => `/advisories/${encodeURIComponent(id)}`,
  portal: (): string => '/portal',
  receipt: (submissionId: string): string => `/portal/submissions/${encodeURIComponent(submissionId)}`,
  admin: (tab: AdminTab = 'orgs'): string => `/admin/${tab}`,
  /** `org`: the subscriber an operator looks at (a subscriber's own pages carry none) */
  subscriber: (tab: SubscriberTab = 'exposures', org?: string): string => withOrg(tab === 'exposures' ? '/subscriber' : `/subscriber/${tab}`, org),
  subscriberAsset: (name: string, org?: string): string => withOrg(`/subscriber/assets/${encodeURIComponent(name)}`, org),
  distribution: (): string => '/distribution',
  signIn: (next?: string): string => (next && next !== '/' ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'),
};

/** Only same-site paths are followed after sign-in (no open redirect via `?next=`). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/vulns';
  if (next.startsWith('/sign-in')) return '/vulns';
  return next;
}
