/**
 * A delivery's outcome and when to try again. Shared by every channel so the dispatcher treats a
 * webhook and an e-mail alike: ok, retry later (after the receiver's Retry-After if it gave one,
 * else exponential backoff), or give up now (permanent: straight to the dead letters).
 */

export type DeliveryResult =
  | { ok: true; status: number; ms: number }
  | { ok: false; status: number | null; error: string; retryAfterMs: number | null; permanent: boolean };

export interface BackoffPolicy {
  backoffMs: number;
  backoffMaxMs: number;
}

/**
 * The wait before attempt `attempt + 1`, after `attempt` failures (1-based): base·2^(attempt-1),
 * capped, then drawn uniformly from [delay/2, delay]. Jitter spreads the retries of many channels
 * that failed together (a receiver that went down) so they do not return as one burst; keeping
 * the lower half out guarantees the wait still grows.
 */
export function nextDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const base = Math.max(0, policy.backoffMs);
  const cap = Math.max(0, policy.backoffMaxMs);
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt) - 1) : 0;
  // 2 ** 1100 is Infinity and Math.min takes the cap: no overflow to guard
  const delay = Math.floor(Math.min(cap, base * 2 ** exponent));
  const low = Math.ceil(delay / 2);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1 - Number.EPSILON) : 0;
  return low + Math.floor(unit * (delay - low + 1));
}

/**
 * When a failed delivery may be tried again: the receiver's Retry-After when it asked for a longer
 * wait than our backoff, else the backoff. Null for a permanent failure (no retry).
 */
export function retryDelayMs(result: DeliveryResult, attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number | null {
  if (result.ok || result.permanent) return null;
  return Math.max(result.retryAfterMs ?? 0, nextDelayMs(attempt, policy, random));
}
