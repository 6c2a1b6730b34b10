import { SecretOnce } from '../SecretOnce.js';

/** A new webhook's signing secret, shown once: the receiver verifies AICC-Signature with it. */
export function ChannelSecret({ target, secret, onDone }: { target: string; secret: string; onDone: () => void }) {
  return (
    <SecretOnce
      id="channel-secret"
      title="Webhook signing secret"
      warning={
        <>
          <strong>Copy this secret now.</strong> It is shown only once. Your receiver at <code>{target}</code> checks each delivery’s <code>AICC-Signature</code>{' '}
          (HMAC-SHA256 over the timestamp and body) with it and drops repeats by <code>AICC-Delivery</code>.
        </>
      }
      label="Webhook secret"
      secret={secret}
      onDone={onDone}
    />
  );
}
