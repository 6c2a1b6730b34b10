import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { releaseDue } from '../app/releases.js';

/**
 * The `release-due` queue: releaseDue on a schedule, so confirmed cases a vendor's capacity held back go out
 * once the rolling week frees a slot, without anyone acting.
 *
 * The schedule is the queue itself, not a timer and not pg-boss's cron (whole minutes only, and on every
 * process a clock-skew monitor, a cron monitor and a `__pgboss__send-it` worker). Each run first queues the
 * next one `intervalSeconds` later, then releases. The queue's `short` policy (a unique index over its jobs in
 * state `created`) keeps at most one run waiting, so however many processes run workers, and however often
 * they start, there is one chain: a second run sent for the same turn is dropped by the database. Every process
 * starting its workers sends a run for one interval later, dropped as well if one waits (so a chain that ended
 * starts again, and a restart neither adds a chain nor postpones an overdue run, which is fetched at once).
 * A process that dies during a run has already queued the next; pg-boss expires and retries the run it held.
 * Two runs that do meet (a retry beside the next turn) are harmless: releaseDue takes an advisory lock and
 * counts again under it.
 */
export const RELEASE_QUEUE = 'release-due';

export const RELEASE_QUEUE_OPTIONS: PgBoss.Queue = {
  name: RELEASE_QUEUE,
  policy: 'short',
  // a run takes moments; one stuck longer than this is failed and retried
  expireInSeconds: 15 * 60,
  retryLimit: 5,
  retryDelay: 30,
  retryBackoff: true,
};

/** How often an idle worker looks for the run that is due: a tenth of the interval, from 1 to 30 seconds. */
export function releasePollSeconds(intervalSeconds: number): number {
  return Math.min(30, Math.max(1, Math.floor(intervalSeconds / 10)));
}

/** Queues a run `startAfterSeconds` from now unless one is already waiting; the job's id, or null when dropped. */
export function queueRelease(boss: PgBoss, startAfterSeconds: number): Promise<string | null> {
  return boss.send(RELEASE_QUEUE, {}, { startAfter: startAfterSeconds });
}

/** One run: the next turn is queued first, so a failed or interrupted release never ends the chain. */
export async function runReleaseJob(ctx: AppContext, boss: PgBoss, intervalSeconds: number): Promise<{ released: number }> {
  await queueRelease(boss, intervalSeconds);
  let released: number;
  try {
    released = await releaseDue(ctx);
  } catch (err) {
    ctx.log.error({ err }, 'scheduled release to vendors failed; the job is retried');
    throw err;
  }
  if (released) ctx.log.info({ released }, 'confirmed cases released to vendors on schedule');
  return { released };
}
