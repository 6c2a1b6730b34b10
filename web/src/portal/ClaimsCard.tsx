import { api } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { Link } from '../Link.js';
import { paths } from '../routes.js';
import type { User } from '../types.js';
import { useResource } from '../useResource.js';
import { ownClaims } from './portalModel.js';

/** The organization's live scan claims (the Scanning page is where they are made, renewed and released). */
export function ClaimsCard({ user }: { user: User }) {
  const targets = useResource((signal) => api.listScanTargets(signal), []);
  const claims = targets.data ? ownClaims(targets.data, user) : undefined;
  return (
    <section className="card" aria-labelledby="claims-title">
      <h2 id="claims-title">My scan claims</h2>
      <ErrorNotice error={targets.error} title="Could not load the scan targets" />
      {claims ? (
        claims.length === 0 ? (
          <p className="muted small">
            No live claim. <Link to={paths.scanning()}>Claim a target</Link> so that others scan another.
          </p>
        ) : (
          <ul className="claim-list" data-testid="my-claims">
            {claims.map(({ target, claim }) => (
              <li key={claim.id}>
                <code className="purl">{target.display}</code> <span className={`chip ${claim.status === 'active' ? 'chip-ok' : 'chip-warn'}`}>{claim.status}</span>
                <div className="small muted">
                  {claim.method} · {claim.scope}
                  {claim.expiresAt ? ` · until ${formatDateTime(claim.expiresAt)}` : ''}
                </div>
              </li>
            ))}
          </ul>
        )
      ) : targets.loading ? (
        <p className="muted small">Loading…</p>
      ) : null}
    </section>
  );
}
