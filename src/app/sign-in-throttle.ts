import { AppError } from '../domain/errors.js';

/**
 * Slows password guessing: after `limit` failures for one email from one address within the
 * window, further attempts are refused until the window passes. In memory, per process: enough
 * to make online guessing impractical without a store round trip on every attempt.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  check(address: string, email: string, now = Date.now()): void {
    const times = this.recent(`${address}\0${email.toLowerCase()}`, now);
    if (times.length >= this.limit) {
      const retry = Math.ceil((times[0]! + this.windowMs - now) / 1000);
      throw new AppError('RATE_LIMITED', `too many failed sign-ins for this account from this address; try again in ${retry} s`);
    }
  }

  fail(address: string, email: string, now = Date.now()): void {
    const key = `${address}\0${email.toLowerCase()}`;
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  succeed(address: string, email: string): void {
    this.failures.delete(`${address}\0${email.toLowerCase()}`);
  }
}
