import { formatDateTime } from '../format.js';
import type { Claim } from './scanningModel.js';

/** Who holds a target now and until when, and who queues behind; the user's own organization is marked. */
export function ClaimList({ claims, ownOrg }: { claims: Claim[]; ownOrg: string }) {
  if (claims.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="claim-list">
      {claims.map((claim) => (
        <li key={claim.id} data-claim-org={claim.org} data-claim-status={claim.status}>
          <strong>{claim.org}</strong>
          {claim.org === ownOrg ? <span className="muted"> (yours)</span> : null}{' '}
          <span className={`chip ${claim.status === 'active' ? 'chip-ok' : 'chip-quiet'}`}>{claim.status}</span>
          <div className="small muted">
            {/* A queued claim has no times yet: its lease starts when the one before it ends. */}
            {claim.status === 'active' && claim.expiresAt ? `until ${formatDateTime(claim.expiresAt)}` : `after the current lease, for ${String(claim.leaseHours)} h`}
            {' · '}
            {claim.method}
          </div>
        </li>
      ))}
    </ul>
  );
}
