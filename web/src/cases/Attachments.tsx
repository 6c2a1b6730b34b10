import { useState } from 'react';
import { asApiError, type ApiError } from '../api.js';
import { ErrorNotice } from '../ErrorNotice.js';
import type { CaseFinding } from '../types.js';
import { casesApi } from './casesApi.js';
import { formatBytes } from './caseModel.js';

/** Text shown at most: a PoC longer than this is cut in the viewer (the API serves all of it). */
const SHOWN = 200_000;

/** A finding's attachments; each opens as text in a <pre>, fetched (never navigated to: they are reporters' bytes). */
export function Attachments({ finding }: { finding: CaseFinding }) {
  return (
    <ul className="attachment-list">
      {finding.attachments.map((a) => (
        <AttachmentItem key={a.name} findingId={finding.id} name={a.name} kind={a.kind} detail={`${a.mediaType} · ${formatBytes(a.size)} · sha256 ${a.sha256.slice(0, 12)}…`} />
      ))}
    </ul>
  );
}

function AttachmentItem({ findingId, name, kind, detail }: { findingId: string; name: string; kind: string; detail: string }) {
  const [text, setText] = useState<string>();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  const toggle = async () => {
    if (open) {
      setOpen(false);
      return;
    }
    setOpen(true);
    if (text !== undefined) return;
    setPending(true);
    setError(undefined);
    try {
      setText(await casesApi.attachmentText(findingId, name));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <li data-attachment={name}>
      <button
        type="button"
        className="button button-small button-link"
        aria-expanded={open}
        onClick={() => {
          void toggle();
        }}
      >
        {open ? 'Hide' : 'Show'} {name}
      </button>{' '}
      <span className="chip chip-quiet">{kind}</span> <span className="small muted">{detail}</span>
      {open ? (
        <>
          <ErrorNotice error={error} title={`Could not load ${name}`} />
          {pending ? <p className="muted small">Loading…</p> : null}
          {text !== undefined ? (
            <pre className="poc-text" data-testid="poc-text">
              {text.length > SHOWN ? `${text.slice(0, SHOWN)}\n… (${String(text.length - SHOWN)} more characters)` : text}
            </pre>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
