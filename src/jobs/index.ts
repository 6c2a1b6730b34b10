/**
 * Background jobs: pg-boss 10 in the application's own database (schema `pgboss`), on both backends.
 * pg-boss never opens connections of its own: its SQL runs on our pool through poolDb (PGlite is one
 * connection behind a pool of one), and a job sent with a row runs in that row's transaction
 * (transactionDb), so neither exists without the other. Four queues: `reproduce` (a PoC run per job),
 * `release-due` (vendor releases every AICC_RELEASE_INTERVAL_SECONDS: release.ts), `publish-due` (advisories
 * published at their embargo end, every AICC_PUBLISH_INTERVAL_SECONDS: publish.ts) and `distribute-due`
 * (outbox facts → notifications → channels, every AICC_DISTRIBUTE_INTERVAL_SECONDS: distribute.ts), the last
 * three chains of jobs (chain.ts).
 */
import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { AppContext } from '../app/context.js';
import { RUN_LIMITS, unfinishedReproductions, type ReproductionQueue } from '../app/reproductions.js';
import type { Database } from '../store/schema.js';
import { poolDb, transactionDb } from './db.js';
import { workChain } from './chain.js';
import { DISTRIBUTE_QUEUE, DISTRIBUTE_QUEUE_OPTIONS, dispatcher, distributeRun } from './distribute.js';
import { PUBLISH_QUEUE, PUBLISH_QUEUE_OPTIONS, publishRun } from './publish.js';
import { RELEASE_QUEUE, RELEASE_QUEUE_OPTIONS, releaseRun } from './release.js';
import { REPRODUCE_QUEUE, runReproductionJob, type ReproduceJob } from './reproduce.js';

export interface JobsOptions {
  /** run this process's workers: reproductions, scheduled releases and publications (the server does; a process that only queues does not) */
  workers?: boolean;
  /** pg-boss's schema (default `pgboss`); tests sharing one PostgreSQL server each take their own */
  schema?: string;
}

export interface Jobs extends ReproductionQueue {
  readonly boss: PgBoss;
  readonly schema: string;
  /** queues a reproduction's run in the caller's transaction */
  sendReproduction(tx: Kysely<Database>, reproductionId: string): Promise<void>;
  /** stops polling, lets running jobs finish, and waits for pg-boss's last query */
  stop(): Promise<void>;
}

/** A job outlives two full runs at the longest wall clock; after that pg-boss expires it and retries. */
const EXPIRE_SECONDS = Math.ceil((2 * RUN_LIMITS.wallMs.max) / 1000) + 120;
const QUEUE_OPTIONS: PgBoss.Queue = { name: REPRODUCE_QUEUE, retryLimit: 2, retryDelay: 10, expireInSeconds: EXPIRE_SECONDS };

const started = new WeakMap<AppContext, Jobs>();

/** The jobs started in this process for this context, if any: routes queue through them. */
export function jobsFor(ctx: AppContext): Jobs | undefined {
  return started.get(ctx);
}

export async function startJobs(ctx: AppContext, options: JobsOptions = {}): Promise<Jobs> {
  const schema = options.schema ?? 'pgboss';
  const db = poolDb(ctx.conn.pool);
  const boss = new PgBoss({
    db, schema,
    // no cron schedules (whole minutes, and clock-skew and cron polling in every process): the release
    // schedule is a chain of jobs (release.ts)
    schedule: false,
    maintenanceIntervalSeconds: 60,
    pollingIntervalSeconds: 1,
  });
  boss.on('error', (err) => ctx.log.error({ err }, 'job queue error'));
  await boss.start();

  const running = new Set<Promise<unknown>>();
  let stopping = false;
  let workerId: string | null = null;
  /** a handler's run, which stop() lets finish before the pool may close */
  const track = async <T>(run: Promise<T>): Promise<T> => {
    running.add(run);
    try {
      return await run;
    } finally {
      running.delete(run);
    }
  };
  const closers: Array<() => void> = [];
  const stop = async () => {
    stopping = true;
    // pg-boss fails a job still active at its timeout; ours end by their wall clocks first
    await boss.stop({ graceful: true, wait: true, timeout: EXPIRE_SECONDS * 1000 });
    await Promise.allSettled([...running]);
    for (const close of closers) close();
    await db.idle();
  };

  try {
    await ensureQueue(boss, QUEUE_OPTIONS);
    await ensureQueue(boss, RELEASE_QUEUE_OPTIONS);
    await ensureQueue(boss, PUBLISH_QUEUE_OPTIONS);
    await ensureQueue(boss, DISTRIBUTE_QUEUE_OPTIONS);
    if (options.workers) {
      workerId = await boss.work<ReproduceJob>(REPRODUCE_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        // a job fetched as the process stops goes back to the queue (failed, retried later) rather than run on a closing pool
        if (!job || stopping) throw new Error('the worker is stopping');
        await track(runReproductionJob(ctx, job));
      });
      await requeueUnfinished(ctx, boss);

      // each chain: a turn one interval from now, unless one already waits (another process's, or the chain's
      // next; one overdue while no worker ran is fetched at once). Confirmations and vendor changes release right away.
      // A run fetched as the process stops goes back to the queue (failed, retried by a process that stays, or this one restarted).
      const guard = (run: () => Promise<unknown>) => (stopping ? Promise.reject(new Error('the worker is stopping')) : track(run()));
      await workChain(boss, RELEASE_QUEUE, ctx.config.releaseIntervalSeconds, guard, () => releaseRun(ctx));
      await workChain(boss, PUBLISH_QUEUE, ctx.config.advisories.publishIntervalSeconds, guard, () => publishRun(ctx));
      const delivery = dispatcher(ctx);
      closers.push(() => delivery.close());
      await workChain(boss, DISTRIBUTE_QUEUE, ctx.config.distribution.intervalSeconds, guard, () => distributeRun(ctx, delivery));
    }
  } catch (err) {
    // a half-started queue would keep polling on a pool its caller is about to close
    await stop().catch((stopErr: unknown) => ctx.log.error({ err: stopErr }, 'stopping a half-started job queue failed'));
    throw err;
  }

  const sendReproduction = async (tx: Kysely<Database>, reproductionId: string) => {
    await boss.send(REPRODUCE_QUEUE, { reproductionId }, { id: reproductionId, db: transactionDb(tx) });
  };
  const jobs: Jobs = {
    boss,
    schema,
    sendReproduction,
    enqueue: sendReproduction,
    wake: () => {
      if (workerId !== null) boss.notifyWorker(workerId);
    },
    stop: async () => {
      if (started.get(ctx) === jobs) started.delete(ctx);
      await stop();
    },
  };
  started.set(ctx, jobs);
  return jobs;
}

/** create_queue refuses an existing queue; two processes may start at once, so re-check after a refusal. */
async function ensureQueue(boss: PgBoss, options: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(options.name)) return;
  try {
    await boss.createQueue(options.name, options);
  } catch (err) {
    if (!(await boss.getQueue(options.name))) throw err;
  }
}

/**
 * Rows queued while no queue ran in their process, or whose job ended without finishing them (a worker
 * that died on its last try), get a job again. A job still waiting or active is left to pg-boss, which
 * expires and retries the active job of a dead worker.
 */
async function requeueUnfinished(ctx: AppContext, boss: PgBoss): Promise<void> {
  for (const id of await unfinishedReproductions(ctx)) {
    const job = await boss.getJobById<ReproduceJob>(REPRODUCE_QUEUE, id);
    if (job && ['created', 'retry', 'active'].includes(job.state)) continue;
    if (job) await boss.deleteJob(REPRODUCE_QUEUE, id);
    await boss.send(REPRODUCE_QUEUE, { reproductionId: id }, { id });
    ctx.log.info({ reproduction: id }, 'reproduction queued again');
  }
}
