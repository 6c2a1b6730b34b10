import { formatDateTime } from '../format.js';
import { AddVendorForm } from './AddVendorForm.js';
import { ackTone, vendorStatusLabel, type Participant } from './disclosureModel.js';

/** The case's participants: vendors with their release, acknowledgement and status; an analyst adds a vendor. */
export function ParticipantsCard({ caseId, participants, analyst, loading, onChanged }: { caseId: string; participants: Participant[]; analyst: boolean; loading: boolean; onChanged: (message: string) => void }) {
  return (
    <section className="card" aria-labelledby="participants-title">
      <h3 id="participants-title">Participants</h3>
      {loading && participants.length === 0 ? <p className="muted small">Loading…</p> : null}
      {!loading && !participants.some((p) => p.role === 'vendor') ? <p className="muted small">No vendor takes part yet.</p> : null}
      {participants.length === 0 ? null : (
        <ul className="plain-list participant-list" data-testid="participants">
          {participants.map((p) => (
            <li key={`${p.role}:${p.org.slug}`} data-participant={p.org.slug} data-role={p.role}>
              <div>
                <strong>{p.org.name}</strong> <span className="small muted">{p.role}</span>
                {p.source === 'manual' && p.reason ? <span className="small muted"> — added: {p.reason}</span> : null}
              </div>
              {p.role === 'vendor' ? (
                <div className="small">
                  {p.releasedAt ? `released ${formatDateTime(p.releasedAt)}` : 'not released yet'}
                  {p.ack ? (
                    <>
                      {' · '}
                      <span className={`chip chip-${ackTone(p.ack.status)}`} data-ack={p.ack.status}>
                        {p.ack.status}
                      </span>{' '}
                      {p.ack.acknowledgedAt ? `acknowledged ${formatDateTime(p.ack.acknowledgedAt)}` : `due ${p.ack.dueAt.local}`}
                    </>
                  ) : null}
                  {' · '}
                  <span data-vendor-status={p.status?.status ?? 'none'}>{vendorStatusLabel(p.status?.status)}</span>
                  {p.status?.statement ? <span className="muted"> — {p.status.statement}</span> : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {analyst ? <AddVendorForm caseId={caseId} onAdded={onChanged} /> : null}
    </section>
  );
}
