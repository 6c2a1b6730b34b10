import { formatDate } from '../format.js';
import type { KevEntry } from '../types.js';

/** CISA's Known Exploited Vulnerabilities catalog entry, if there is one. */
export function KevPanel({ kev }: { kev: KevEntry | null }) {
  if (!kev) return <p className="muted">Not in the KEV catalog.</p>;
  const ransomware = kev.knownRansomwareCampaignUse.toLowerCase() === 'known';
  return (
    <div className="kev-panel">
      <p className="kev-flag">
        <span className="badge badge-kev">KEV</span> Known to be exploited in the wild
      </p>
      {kev.vulnerabilityName ? <p className="kev-name">{kev.vulnerabilityName}</p> : null}
      <dl className="facts">
        <dt>Date added</dt>
        <dd>{formatDate(kev.dateAdded)}</dd>
        <dt>Due date</dt>
        <dd>{formatDate(kev.dueDate)}</dd>
        <dt>Ransomware use</dt>
        <dd>{ransomware ? <strong className="text-danger">Known</strong> : kev.knownRansomwareCampaignUse || 'Unknown'}</dd>
        {kev.vendorProject || kev.product ? (
          <>
            <dt>Product</dt>
            <dd>{[kev.vendorProject, kev.product].filter(Boolean).join(' ')}</dd>
          </>
        ) : null}
      </dl>
      <p className="kev-action">
        <strong>Required action:</strong> {kev.requiredAction}
      </p>
      {kev.notes ? <p className="small muted">{kev.notes}</p> : null}
    </div>
  );
}
