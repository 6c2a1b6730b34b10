import { useRef, useState } from 'react';

/** A new webhook's signing secret, shown once: the receiver verifies AICC-Signature with it. */
export function ChannelSecret({ target, secret, onDone }: { target: string; secret: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // no clipboard permission: the text is selected for Ctrl+C
      input.current?.select();
      setCopy('failed');
    }
  };

  return (
    <div className="secret" role="region" aria-labelledby="channel-secret-title" data-testid="channel-secret">
      <h3 id="channel-secret-title">Webhook signing secret</h3>
      <p className="secret-warning">
        <strong>Copy this secret now.</strong> It is shown only once. Your receiver at <code>{target}</code> checks each delivery’s{' '}
        <code>AICC-Signature</code> (HMAC-SHA256 over the timestamp and body) with it and drops repeats by <code>AICC-Delivery</code>.
      </p>
      <label className="visually-hidden" htmlFor="channel-secret-value">
        Webhook secret
      </label>
      <input
        ref={input}
        id="channel-secret-value"
        className="secret-value"
        readOnly
        value={secret}
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
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'failed' ? 'Could not use the clipboard: the secret is selected, press Ctrl+C.' : ''}
      </p>
    </div>
  );
}
