import { useRef, useState, type ReactNode } from 'react';

/** A secret shown once (a token, a webhook key): copy it now, it cannot be shown again. */
export function SecretOnce({ id, title, warning, label, secret, onDone }: { id: string; title: ReactNode; warning: ReactNode; label: string; secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      input.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="secret" role="region" aria-labelledby={`${id}-title`} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="secret-warning">{warning}</p>
      <label className="visually-hidden" htmlFor={`${id}-value`}>
        {label}
      </label>
      <input ref={input} id={`${id}-value`} className="secret-value" readOnly value={secret} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      <div className="secret-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            void copySecret();
          }}
        >
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          I have stored it safely
        </button>
      </div>
      <p className="secret-status small" aria-live="polite">
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'failed' ? `Could not use the clipboard: the ${label.toLowerCase()} is selected, press Ctrl+C.` : ''}
      </p>
    </div>
  );
}
