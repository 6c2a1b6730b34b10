import { useId, useState } from 'react';
import { ErrorNotice } from '../ErrorNotice.js';
import { disclosureApi } from './disclosureApi.js';
import { TLP_LABELS, type Tlp } from './disclosureModel.js';
import { useAction } from './useAction.js';

/** Posts to the picked thread with a TLP label, which decides who reads it. */
export function MessageForm({ caseId, thread, onPosted }: { caseId: string; thread: string; onPosted: () => void }) {
  const ids = useId();
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [body, setBody] = useState('');
  const action = useAction();
  return (
    <form
      className="form-stack"
      aria-label="Post a message"
      onSubmit={(event) => {
        event.preventDefault();
        action.run(() => disclosureApi.postMessage(caseId, { thread, tlp, body: body.trim() }), () => {
          setBody('');
          onPosted();
        });
      }}
    >
      <ErrorNotice error={action.error} title="Could not post the message" />
      <div className="field">
        <label className="field-label" htmlFor={`${ids}-body`}>
          Message
        </label>
        <textarea id={`${ids}-body`} required rows={3} maxLength={20000} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="inline-form">
        <label className="field-label" htmlFor={`${ids}-tlp`}>
          TLP
        </label>
        <select id={`${ids}-tlp`} value={tlp} onChange={(e) => setTlp(e.target.value as Tlp)}>
          {TLP_LABELS.map((l) => (
            <option key={l} value={l}>
              TLP:{l}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-small" disabled={action.pending}>
          Post
        </button>
      </div>
    </form>
  );
}
