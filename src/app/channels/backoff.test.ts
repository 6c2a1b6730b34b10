import { describe, expect, it } from 'vitest';
import { nextDelayMs, retryDelayMs, type DeliveryResult } from './backoff.js';

const policy = { backoffMs: 1000, backoffMaxMs: 60_000 };
const low = () => 0;
const high = () => 0.999999999;

describe('nextDelayMs', () => {
  it('doubles the ceiling with every failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((a) => nextDelayMs(a, policy, high))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect([1, 2, 3, 4, 5].map((a) => nextDelayMs(a, policy, low))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never waits longer than the cap, even after very many attempts', () => {
    for (const attempt of [7, 10, 50, 1100, Number.MAX_SAFE_INTEGER]) {
      expect(nextDelayMs(attempt, policy, high)).toBe(60_000);
      expect(nextDelayMs(attempt, policy, low)).toBe(30_000);
    }
  });

  it('stays within [delay/2, delay] for any random draw', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
      for (let i = 0; i < 200; i++) {
        const d = nextDelayMs(attempt, policy, lcg);
        expect(Number.isInteger(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('spreads retries across the window rather than all at one instant', () => {
    const draws = new Set([0, 0.25, 0.5, 0.75].map((r) => nextDelayMs(3, policy, () => r)));
    expect(draws.size).toBe(4);
  });

  it('treats attempt 0 or garbage as the first attempt and survives a broken random source', () => {
    expect(nextDelayMs(0, policy, high)).toBe(1000);
    expect(nextDelayMs(Number.NaN, policy, high)).toBe(1000);
    expect(nextDelayMs(2, policy, () => Number.NaN)).toBe(1000);
    expect(nextDelayMs(2, policy, () => 5)).toBe(2000);
  });
});

describe('retryDelayMs', () => {
  const retryable = (retryAfterMs: number | null): DeliveryResult => ({ ok: false, status: 503, error: 'HTTP 503', retryAfterMs, permanent: false });

  it('waits for the receiver when its Retry-After is longer than the backoff', () => {
    expect(retryDelayMs(retryable(120_000), 1, policy, high)).toBe(120_000);
    expect(retryDelayMs(retryable(10), 3, policy, high)).toBe(4000);
    expect(retryDelayMs(retryable(null), 2, policy, high)).toBe(2000);
  });

  it('does not retry a permanent failure or a success', () => {
    expect(retryDelayMs({ ok: false, status: 410, error: 'gone', retryAfterMs: null, permanent: true }, 1, policy)).toBeNull();
    expect(retryDelayMs({ ok: true, status: 200, ms: 3 }, 1, policy)).toBeNull();
  });
});
