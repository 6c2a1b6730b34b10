import type PgBoss from 'pg-boss';

/**
 * A schedule as a chain of pg-boss jobs, shared by `release-due` and `publish-due`.
 *
 * The schedule is the queue itself, not a timer and not pg-boss's cron (whole minutes only, and on every
 * process a clock-skew monitor, a cron monitor and a `__pgboss__send-it` worker). Each run first queues the
 * next one `intervalSeconds` later, then does its work. The queue's `short` policy (a unique index over its
 * jobs in state `created`) keeps at most one run waiting, so however many processes run workers, and however
 * often they start, there is one chain: a second run sent for the same turn is dropped by the database. Every
 * process starting its workers sends a run for one interval later, dropped as well if one waits (so a chain
 * that ended starts again, and a restart neither adds a chain nor postpones an overdue run, which is fetched
 * at once). A process that dies during a run has already queued the next; pg-boss expires and retries the run
 * it held. Two runs that do meet (a retry beside the next turn) must be harmless: each scheduled body takes
 * its own lock (an advisory lock, a row lock) and decides again under it.
 */

/** The queue of a chain: at most one run waiting; a run stuck longer than 15 minutes is failed and retried. */
export function chainQueueOptions(name: string): PgBoss.Queue {
  return { name, policy: 'short', expireInSeconds: 15 * 60, retryLimit: 5, retryDelay: 30, retryBackoff: true };
}

/** How often an idle worker looks for the run that is due: a tenth of the interval, from 1 to 30 seconds. */
export function chainPollSeconds(intervalSeconds: number): number {
  return Math.min(30, Math.max(1, Math.floor(intervalSeconds / 10)));
}

/** Queues a run `startAfterSeconds` from now unless one is already waiting; the job's id, or null when dropped. */
export function queueTurn(boss: PgBoss, name: string, startAfterSeconds: number): Promise<string | null> {
  return boss.send(name, {}, { startAfter: startAfterSeconds });
}

/** One run: the next turn is queued first, so a failed or interrupted run never ends the chain. */
export async function runTurn<T>(boss: PgBoss, name: string, intervalSeconds: number, body: () => Promise<T>): Promise<T> {
  await queueTurn(boss, name, intervalSeconds);
  return body();
}

/**
 * Starts this process's part of a chain: a turn one interval from now (dropped if one waits) and a worker.
 * `guard` wraps each run (the job runner refuses runs while stopping and tracks running ones).
 */
export async function workChain(boss: PgBoss, name: string, intervalSeconds: number, guard: (run: () => Promise<unknown>) => Promise<unknown>, body: () => Promise<unknown>): Promise<void> {
  await queueTurn(boss, name, intervalSeconds);
  await boss.work(name, { batchSize: 1, pollingIntervalSeconds: chainPollSeconds(intervalSeconds) }, async ([job]) => {
    if (!job) throw new Error('no job fetched');
    return guard(() => runTurn(boss, name, intervalSeconds, body));
  });
}
