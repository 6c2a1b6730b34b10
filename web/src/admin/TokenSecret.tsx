import { useRef, useState } from 'react';
import type { CreatedToken } from '../types.js';

/** A new token's secret, shown once: copy it now, it cannot be shown again. */
export function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy('copied');
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      input.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="secret" role="region" aria-labelledby="secret-title" data-testid="token-secret">
      <h3 id="secret-title">Token “{token.name}” created</h3>
      <p className="secret-warning">
        <strong>Copy this token now.</strong> It is shown only once: AICC stores only a hash of it. If you lose it, revoke it and create
        another.
      </p>
      <label className="visually-hidden" htmlFor="token-secret-value">
        Token secret
      </label>
      <input
        ref={input}
        id="token-secret-value"
        className="secret-value"
        readOnly
        value={token.token}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
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
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'failed' ? 'Could not use the clipboard: the token is selected, press Ctrl+C.' : ''}
      </p>
    </div>
  );
}
