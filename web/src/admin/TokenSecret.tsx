import { SecretOnce } from '../SecretOnce.js';
import type { CreatedToken } from '../types.js';

/** A new token's secret, shown once: copy it now, it cannot be shown again. */
export function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <SecretOnce
      id="token-secret"
      title={<>Token “{token.name}” created</>}
      warning={<><strong>Copy this token now.</strong> It is shown only once: AICC stores only a hash of it. If you lose it, revoke it and create another.</>}
      label="Token secret"
      secret={token.token}
      onDone={onDone}
    />
  );
}
