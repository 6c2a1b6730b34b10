import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { useResource } from '../useResource.js';
import { isOperator, portalOrg } from './subscriberModel.js';

export interface Portal {
  /** the subscriber organization shown */
  slug: string;
  /** what the API calls carry as `?org=`: undefined for a subscriber's own organization */
  org: string | undefined;
  /** the signed-in user is an operator looking at a subscriber */
  operator: boolean;
}

/**
 * Lets subscribers into their own portal and operators into any subscriber's (`?org=`); everyone
 * else gets a sign-in link or the reason, never a page of 401/403s.
 */
export function SubscriberGate({ title, next, requested, children }: { title: string; next: string; requested: string | null; children: (portal: Portal) => ReactNode }) {
  const { user } = useSession();
  if (!user) {
    return (
      <section className="empty-state">
        <h1>{title}</h1>
        <p>
          <Link to={paths.signIn(next)}>Sign in</Link> to see what affects your organization’s assets.
        </p>
      </section>
    );
  }
  const target = portalOrg(user, requested);
  if (!target) {
    if (isOperator(user)) {
      return (
        <section>
          <div className="page-head">
            <h1>{title}</h1>
            <p className="muted">Operators see a subscriber’s portal as it does: choose the organization.</p>
          </div>
          <OrgPicker current="" />
        </section>
      );
    }
    return (
      <section className="empty-state" role="alert">
        <h1>{title}</h1>
        <p>The subscriber portal is for subscriber organizations; {user.org.name} is not one.</p>
      </section>
    );
  }
  return <>{children({ slug: target.slug, org: target.query, operator: isOperator(user) && target.query !== undefined })}</>;
}

/** An operator's choice of subscriber: the subscriber organizations an admin may list, or any slug typed. */
export function OrgPicker({ current }: { current: string }) {
  const { user } = useSession();
  const [value, setValue] = useState(current);
  // Only an operator admin lists every organization; anyone else types the slug.
  const orgs = useResource((signal) => (user?.isAdmin ? api.listOrgs(signal) : Promise.resolve([])), [user?.isAdmin]);
  const subscribers = (orgs.data ?? []).filter((o) => o.roles.includes('subscriber'));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const slug = value.trim();
    if (!slug) return;
    const url = new URL(window.location.href);
    url.searchParams.set('org', slug);
    navigate(`${url.pathname}${url.search}`);
  };
  return (
    <form className="org-picker" aria-label="Subscriber organization" onSubmit={submit}>
      <label className="field field-inline">
        <span className="field-label">Subscriber</span>
        <input list="subscriber-orgs" value={value} onChange={(e) => setValue(e.target.value)} placeholder="organization slug" required />
      </label>
      <datalist id="subscriber-orgs">
        {subscribers.map((o) => (
          <option key={o.id} value={o.slug}>
            {o.name}
          </option>
        ))}
      </datalist>
      <button type="submit" className="button button-small">
        Show
      </button>
    </form>
  );
}
