/**
 * The dispatcher: leases channels that have something to send and sends it in order, one
 * notification at a time per channel, many channels at once. Progress (the cursor) is saved after
 * each success batch, so a crash resends at most the last few; receivers drop those by the
 * delivery id (`AICC-Delivery`, the e-mail's Message-ID), which makes delivery exactly-once for them.
 * A failure waits (exponential backoff, or the receiver's Retry-After) and holds the channel's
 * later notifications back, keeping their order; past the attempt limit — or at once for a
 * permanent refusal — the notification becomes a dead letter and the channel moves on.
 */
import type { Notification } from '../domain/notification.js';
import * as store from '../store/channels.js';
import { createMailer, retryDelayMs, sendWebhook, webhookBody, type DeliveryResult, type Mailer } from './channels/index.js';
import type { AppContext } from './context.js';
import { deliveryCounters } from './metrics.js';

export interface DeliveryRun {
  delivered: number;
  failed: number;
  dead: number;
  channels: number;
}

export interface Dispatcher {
  /** serves every channel that is due, until none is or `budgetMs` has passed */
  deliverDue(budgetMs?: number): Promise<DeliveryRun>;
  close(): void;
}

/** A delivery id the receiver can deduplicate on: the same for every attempt of one notification. */
export const deliveryId = (n: Pick<Notification, 'id'>): string => `aicc-n${n.id}`;

/** An owner's channel (assets named) hears of its assets and the digests; an organization's channel of everything. */
const concerns = (channel: store.ChannelRow, n: Notification): boolean =>
  channel.assets.length === 0 || n.kind === 'digest' || n.body.assets.some((a) => channel.assets.includes(a.name));

const SAVE_EVERY = 200;
const LEASE_SECONDS = 120;
/** one channel is served at most this long per lease, so a busy one cannot starve the rest */
const CHANNEL_BUDGET_MS = 30_000;

export function dispatcher(ctx: AppContext, options: { mailer?: Mailer } = {}): Dispatcher {
  const d = ctx.config.distribution;
  const mailer = options.mailer ?? (d.smtpUrl ? createMailer({ smtpUrl: d.smtpUrl, from: d.mailFrom, timeoutMs: d.delivery.timeoutMs }) : null);

  const send = (channel: store.ChannelRow, n: Notification): Promise<DeliveryResult> => {
    if (channel.kind === 'webhook') {
      return sendWebhook({ url: channel.target, secret: channel.secret ?? '', deliveryId: deliveryId(n), body: webhookBody(n), timeoutMs: d.delivery.timeoutMs, allowPrivate: d.allowPrivateTargets });
    }
    if (!mailer) return Promise.resolve({ ok: false, status: null, error: 'no SMTP server is configured (AICC_SMTP_URL)', retryAfterMs: null, permanent: false });
    return mailer.send(channel.target, n, deliveryId(n));
  };

  async function serve(channel: store.ChannelRow, run: DeliveryRun): Promise<void> {
    for (const { letterId, notification } of await store.replaying(ctx.conn.db, channel.id)) {
      const r = await send(channel, notification);
      await store.settleLetter(ctx.conn.db, letterId, r.ok ? { delivered: true } : { delivered: false, error: r.error });
      if (r.ok) run.delivered++;
      else run.failed++;
    }
    const started = Date.now();
    let cursor = channel.cursor;
    let attempts = channel.attempts;
    let unsaved = 0;
    let succeeded = false;
    const save = (p: Partial<store.Progress> & { nextAttemptAt: Date }) =>
      store.saveProgress(ctx.conn.db, channel.id, { cursor, attempts, lastError: null, succeeded, delivered: unsaved, ...p });
    while (Date.now() - started < CHANNEL_BUDGET_MS) {
      const batch = await store.pendingFor(ctx.conn.db, channel, cursor, SAVE_EVERY);
      if (!batch.length) break;
      for (const n of batch) {
        if (!concerns(channel, n)) {
          // another owner's asset: this channel passes it by
          cursor = n.id;
          continue;
        }
        const r = await send(channel, n);
        deliveryCounters.deliveries.inc({ channel: channel.kind, outcome: r.ok ? 'delivered' : 'failed' });
        if (r.ok) {
          cursor = n.id;
          attempts = 0;
          unsaved++;
          succeeded = true;
          run.delivered++;
          continue;
        }
        attempts++;
        run.failed++;
        const wait = retryDelayMs(r, attempts, d.delivery);
        if (wait !== null && attempts < d.delivery.maxAttempts) {
          await save({ nextAttemptAt: new Date(Date.now() + wait), lastError: r.error });
          ctx.log.warn({ channel: channel.id, notification: n.id, attempts, error: r.error }, 'delivery failed; retrying later');
          return;
        }
        await store.addDeadLetter(ctx.conn.db, { channel_id: channel.id, notification_id: n.id, attempts, last_error: r.error });
        ctx.log.error({ channel: channel.id, notification: n.id, attempts, error: r.error }, 'delivery given up: dead letter');
        run.dead++;
        deliveryCounters.deliveries.inc({ channel: channel.kind, outcome: 'dead-lettered' });
        cursor = n.id;
        attempts = 0;
      }
      await save({ nextAttemptAt: new Date(), keepLease: true });
      unsaved = 0;
    }
    await save({ nextAttemptAt: new Date() });
  }

  return {
    async deliverDue(budgetMs = 20_000) {
      const run: DeliveryRun = { delivered: 0, failed: 0, dead: 0, channels: 0 };
      const until = Date.now() + budgetMs;
      while (Date.now() < until) {
        const leased = await store.leaseChannels(ctx.conn.db, d.delivery.concurrency, LEASE_SECONDS);
        if (!leased.length) break;
        run.channels += leased.length;
        await Promise.all(leased.map((c) => serve(c, run).catch(async (err: unknown) => {
          ctx.log.error({ err, channel: c.id }, 'delivery: serving a channel failed');
          await store.saveProgress(ctx.conn.db, c.id, { cursor: c.cursor, attempts: c.attempts, nextAttemptAt: new Date(Date.now() + d.delivery.backoffMs), lastError: 'internal error', succeeded: false, delivered: 0 });
        })));
      }
      return run;
    },
    close() {
      mailer?.close();
    },
  };
}
