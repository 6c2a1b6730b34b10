import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { publishDue, type PublishCounts } from '../app/publication.js';
import { chainQueueOptions } from './chain.js';

/**
 * The `publish-due` queue: publishDue every AICC_PUBLISH_INTERVAL_SECONDS, so an advisory goes out when its
 * embargo ends (or its own publication time comes) with nobody acting. A chain of jobs like `release-due`
 * (chain.ts). Two runs that meet publish each advisory once: publishDue locks each advisory's row and
 * checks again under the lock that it is still ready.
 */
export const PUBLISH_QUEUE = 'publish-due';

export const PUBLISH_QUEUE_OPTIONS: PgBoss.Queue = chainQueueOptions(PUBLISH_QUEUE);

/** What one run does; a failure (no active key, a database error) fails the job, which pg-boss retries. */
export async function publishRun(ctx: AppContext): Promise<PublishCounts> {
  try {
    const counts = await publishDue(ctx, new Date());
    if (counts.published || counts.failed) ctx.log.info(counts, 'scheduled advisory publication');
    return counts;
  } catch (err) {
    ctx.log.error({ err }, 'scheduled advisory publication failed; the job is retried');
    throw err;
  }
}
