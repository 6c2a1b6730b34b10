import { useCallback, useState } from 'react';
import { asApiError, type ApiError } from '../api.js';

export interface Action {
  pending: boolean;
  error: ApiError | undefined;
  /** runs the call; on success hands its message on, on failure keeps the error for an ErrorNotice */
  run: (call: () => Promise<unknown>, onDone?: () => void) => void;
}

/** One button's or form's request: pending while it runs, its error kept until the next try. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback((call: () => Promise<unknown>, onDone?: () => void) => {
    setPending(true);
    setError(undefined);
    call().then(
      () => {
        setPending(false);
        onDone?.();
      },
      (caught: unknown) => {
        setPending(false);
        setError(asApiError(caught));
      },
    );
  }, []);
  return { pending, error, run };
}
