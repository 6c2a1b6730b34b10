import { AppError } from '../domain/errors.js';
import * as store from '../store/flow.js';
import type { AppContext } from './context.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface Limits {
  submissionsPerHour: number;
  findingsPerDay: number;
  casesPerWeek: number;
}

/** An organization's limits: its own where an operator set them, the configured defaults otherwise. */
export async function limitsOf(ctx: AppContext, orgId: string): Promise<Limits> {
  const row = await store.getLimits(ctx.conn.db, orgId);
  const d = ctx.config.intake;
  return {
    submissionsPerHour: row?.submissions_per_hour ?? d.submissionsPerHour,
    findingsPerDay: row?.findings_per_day ?? d.findingsPerDay,
    casesPerWeek: row?.cases_per_week ?? d.vendorCasesPerWeek,
  };
}

/**
 * Refuses a submission over the reporter's rate (submissions per hour) or quota (findings per
 * rolling day), saying when it can try again. Counted from stored submissions, so every process
 * on one database sees the same count; a refused submission stores nothing.
 */
export async function checkIntakeLimits(ctx: AppContext, orgId: string, findings: number): Promise<void> {
  const limits = await limitsOf(ctx, orgId);
  const now = Date.now();
  const hour = await store.intakeSince(ctx.conn.db, orgId, new Date(now - HOUR));
  if (hour.submissions >= limits.submissionsPerHour) {
    throw new AppError('RATE_LIMITED', `rate limit: ${limits.submissionsPerHour} submissions per hour reached`, { retryAfterSeconds: retryAfter(hour.oldest, HOUR, now) });
  }
  if (findings > limits.findingsPerDay) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${findings} findings is more than this organization's quota of ${limits.findingsPerDay} per day; split the submission`);
  }
  const day = await store.intakeSince(ctx.conn.db, orgId, new Date(now - DAY));
  if (day.findings + findings > limits.findingsPerDay) {
    throw new AppError('RATE_LIMITED', `quota: ${day.findings} of ${limits.findingsPerDay} findings per day used; ${findings} more would pass it`, {
      retryAfterSeconds: retryAfter(day.oldest, DAY, now),
    });
  }
}

function retryAfter(oldest: string | null, window: number, now: number): number {
  if (!oldest) return Math.ceil(window / 1000);
  return Math.max(1, Math.ceil((Date.parse(oldest) + window - now) / 1000));
}
