import type PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { dispatcher, type DeliveryRun, type Dispatcher } from '../app/delivery.js';
import { consumeFacts, type FactsRun } from '../app/distribution-facts.js';
import { makeDigests } from '../app/subscribers.js';
import { chainQueueOptions } from './chain.js';

/**
 * The `distribute-due` queue, a chain of jobs (chain.ts) every AICC_DISTRIBUTE_INTERVAL_SECONDS: outbox facts
 * become exposures and notifications (consumeFacts), waiting items become digests, and channels are served
 * (the dispatcher). Each step is safe to meet another process's: facts under the consumer's cursor row lock,
 * digests under the organization's settings row lock, channels under leases.
 */
export const DISTRIBUTE_QUEUE = 'distribute-due';

export const DISTRIBUTE_QUEUE_OPTIONS: PgBoss.Queue = chainQueueOptions(DISTRIBUTE_QUEUE);

export interface DistributeRun {
  facts: FactsRun;
  digests: number;
  delivery: DeliveryRun;
}

/** One turn; a dispatcher lives as long as the process's workers (its SMTP pool is reused between turns). */
export async function distributeRun(ctx: AppContext, d: Dispatcher, budgetMs = 20_000): Promise<DistributeRun> {
  const facts = await consumeFacts(ctx);
  const digests = await makeDigests(ctx);
  const delivery = await d.deliverDue(budgetMs);
  if (facts.facts || digests || delivery.delivered || delivery.dead) ctx.log.info({ facts, digests, delivery }, 'distribution');
  return { facts, digests, delivery };
}

export { dispatcher };
