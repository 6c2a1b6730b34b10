import type { ReactNode } from 'react';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import { useSession } from '../session.js';
import { canKeepInventories } from './inventoryModel.js';

/**
 * Shows the inventory pages only to those who may keep inventories: others get a sign-in link or the
 * reason, instead of a page of 401/403 errors (a deep link still reaches here without the header link).
 */
export function InventoryGate({ title, next, children }: { title: string; next: string; children: ReactNode }) {
  const { user } = useSession();
  if (!user) {
    return (
      <section className="empty-state">
        <h1>{title}</h1>
        <p>
          <Link to={paths.signIn(next)}>Sign in</Link> to keep your SBOMs as inventories.
        </p>
      </section>
    );
  }
  if (!canKeepInventories(user)) {
    return (
      <section className="empty-state" role="alert">
        <h1>{title}</h1>
        <p>Inventories are kept by subscriber and operator organizations; {user.org.name} is neither.</p>
      </section>
    );
  }
  return <>{children}</>;
}
