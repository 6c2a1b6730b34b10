import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { formatDateTime } from '../format.js';
import { useResource } from '../useResource.js';
import { disclosureApi } from './disclosureApi.js';
import { threadLabel, threadsFor, type Participant } from './disclosureModel.js';
import { MessageForm } from './MessageForm.js';

/** The case's messages by thread: the whole case's, or a vendor's private one (coordinators see every vendor's). */
export function MessagesCard({ caseId, participants, ownVendor, analyst }: { caseId: string; participants: Participant[]; ownVendor: string | null; analyst: boolean }) {
  const ids = useId();
  const threads = threadsFor(participants, ownVendor, analyst);
  const [picked, setThread] = useState('all');
  const thread = threads.includes(picked) ? picked : 'all';
  const messages = useResource((signal) => disclosureApi.messages(caseId, thread, signal), [caseId, thread]);
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Messages</h3>
      <div className="field field-inline">
        <label className="field-label" htmlFor={`${ids}-thread`}>
          Thread
        </label>
        <select id={`${ids}-thread`} value={thread} onChange={(e) => setThread(e.target.value)}>
          {threads.map((t) => (
            <option key={t} value={t}>
              {threadLabel(t, participants)}
            </option>
          ))}
        </select>
      </div>
      <ErrorNotice error={messages.error} title="Could not load the messages" />
      {messages.data?.length ? (
        <ol className="plain-list message-list" data-testid="messages">
          {messages.data.map((m) => (
            <li key={String(m.id)} data-tlp={m.tlp}>
              <div className="small muted">
                <span className={`chip tlp tlp-${m.tlp.toLowerCase().replace('+', '-')}`}>TLP:{m.tlp}</span> {m.author.org ?? m.author.role}
                {m.author.actor ? ` (${m.author.actor})` : ''} · {formatDateTime(m.createdAt)}
              </div>
              <p className="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted small">{messages.loading ? 'Loading…' : 'No message in this thread.'}</p>
      )}
      <MessageForm caseId={caseId} thread={thread} onPosted={messages.reload} />
    </section>
  );
}
