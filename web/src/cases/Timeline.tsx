import { formatDateTime } from '../format.js';
import type { CaseEvent } from '../types.js';
import { eventText } from './caseModel.js';

/** What happened to the case, oldest first. */
export function Timeline({ events }: { events: CaseEvent[] }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {events.length === 0 ? (
        <p className="muted small">Nothing yet: the case was opened by its first finding.</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {events.map((e, index) => (
            <li key={index} data-kind={e.kind}>
              <span className="timeline-at small muted">{formatDateTime(e.at)}</span>
              <span className="timeline-text">{eventText(e)}</span>
              <span className="small muted"> — {e.actor}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
