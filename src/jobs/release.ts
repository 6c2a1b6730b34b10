import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { remindOverdue } from '../app/disclosure.js';
import { releaseDue } from '../app/releases.js';
import { chainQueueOptions } from './chain.js';

/**
 * The `release-due` queue: releaseDue on a schedule, so confirmed cases a vendor's capacity held back go out
 * once the rolling week frees a slot, without anyone acting; and remindOverdue, so vendors that have not
 * acknowledged a released case in time are reminded (once a day) and escalated (once).
 *
 * A chain of jobs every AICC_RELEASE_INTERVAL_SECONDS (chain.ts says how a chain stays one chain across
 * processes and restarts). Two runs that do meet (a retry beside the next turn) are harmless: releaseDue takes
 * an advisory lock and counts again under it.
 */
export const RELEASE_QUEUE = 'release-due';

export const RELEASE_QUEUE_OPTIONS: PgBoss.Queue = chainQueueOptions(RELEASE_QUEUE);

/** What one run does (the chain queues its next turn before it: chain.ts). */
export async function releaseRun(ctx: AppContext): Promise<{ released: number; reminders: number; escalations: number }> {
  try {
    const released = await releaseDue(ctx);
    if (released) ctx.log.info({ released }, 'confirmed cases released to vendors on schedule');
    const notices = await remindOverdue(ctx, new Date());
    if (notices.reminders || notices.escalations) ctx.log.info(notices, 'vendors reminded of unacknowledged cases');
    return { released, ...notices };
  } catch (err) {
    ctx.log.error({ err }, 'scheduled release to vendors failed; the job is retried');
    throw err;
  }
}

