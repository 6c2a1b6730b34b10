/**
 * Delivery channels and their progress. A channel walks its organization's notification stream
 * with a cursor (the last id it handled); a dispatcher leases a channel before serving it, so two
 * workers never send on one channel at once, and a lease that outlives its worker expires.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Notification } from '../domain/notification.js';
import type { Database } from './schema.js';

export type ChannelRow = Selectable<Database['channels']>;

/** A new channel starts at the organization's newest notification: it hears what comes next, not the backlog. */
export async function createChannel(tx: Kysely<Database>, c: { org_id: string; kind: string; target: string; secret: string | null; assets: string[]; created_by: string }): Promise<ChannelRow> {
  const { rows } = await sql<{ max: string }>`SELECT coalesce(max(id), 0)::text AS max FROM notifications WHERE org_id = ${c.org_id}`.execute(tx);
  return tx.insertInto('channels').values({ ...c, cursor: rows[0]!.max, next_attempt_at: sql`now()` }).returningAll().executeTakeFirstOrThrow();
}

export function listChannels(db: Kysely<Database>, orgId: string | null): Promise<ChannelRow[]> {
  let q = db.selectFrom('channels').selectAll();
  if (orgId) q = q.where('org_id', '=', orgId);
  return q.orderBy('created_at').execute();
}

export function findChannel(db: Kysely<Database>, id: string): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setChannelActive(tx: Kysely<Database>, id: string, active: boolean): Promise<void> {
  await tx.updateTable('channels').set({ active, attempts: 0, next_attempt_at: sql`now()` }).where('id', '=', id).execute();
}

export async function deleteChannel(tx: Kysely<Database>, id: string): Promise<void> {
  await tx.deleteFrom('channels').where('id', '=', id).execute();
}

/**
 * Leases up to `limit` active channels that have something to send (a notification past the
 * cursor that is not waiting for a digest, or a dead letter being replayed) and whose retry time
 * has come. SKIP LOCKED lets concurrent dispatchers take different channels.
 */
export async function leaseChannels(db: Kysely<Database>, limit: number, leaseSeconds: number): Promise<ChannelRow[]> {
  const { rows } = await sql<ChannelRow>`
    UPDATE channels SET leased_until = now() + make_interval(secs => ${leaseSeconds})
    WHERE id IN (
      SELECT c.id FROM channels c
      WHERE c.active AND c.next_attempt_at <= now() AND (c.leased_until IS NULL OR c.leased_until < now())
        AND (EXISTS (SELECT 1 FROM notifications n WHERE n.org_id = c.org_id AND n.id > c.cursor AND n.urgency <> 'digest-item')
          OR EXISTS (SELECT 1 FROM dead_letters d WHERE d.channel_id = c.id AND d.status = 'replaying'))
      ORDER BY c.next_attempt_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return rows;
}

interface NotificationRecord {
  id: string;
  org_slug: string;
  kind: string;
  urgency: string;
  tlp: string;
  title: string;
  vuln_id: string | null;
  created_at: string;
  body: unknown;
}

export const asNotification = (r: NotificationRecord): Notification => ({
  id: String(r.id), org: r.org_slug, kind: r.kind as Notification['kind'], urgency: r.urgency as Notification['urgency'], tlp: r.tlp as Notification['tlp'],
  title: r.title, vulnId: r.vuln_id, createdAt: r.created_at, body: r.body as Notification['body'],
});

const notificationColumns = ['n.id', 'o.slug as org_slug', 'n.kind', 'n.urgency', 'n.tlp', 'n.title', 'n.vuln_id', 'n.created_at', 'n.body'] as const;

/** What the channel sends next: its organization's notifications past the cursor, digest items excepted. */
export async function pendingFor(db: Kysely<Database>, channel: Pick<ChannelRow, 'org_id'>, after: string, limit: number): Promise<Notification[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('orgs as o', 'o.id', 'n.org_id')
    .select(notificationColumns)
    .where('n.org_id', '=', channel.org_id)
    .where('n.id', '>', after)
    .where('n.urgency', '<>', 'digest-item')
    .orderBy('n.id')
    .limit(limit)
    .execute();
  return rows.map(asNotification);
}

export async function replaying(db: Kysely<Database>, channelId: string): Promise<Array<{ letterId: string; notification: Notification }>> {
  const rows = await db
    .selectFrom('dead_letters as d')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .innerJoin('orgs as o', 'o.id', 'n.org_id')
    .select(['d.id as letter_id', ...notificationColumns])
    .where('d.channel_id', '=', channelId)
    .where('d.status', '=', 'replaying')
    .orderBy('d.id')
    .limit(100)
    .execute();
  return rows.map((r) => ({ letterId: String(r.letter_id), notification: asNotification(r) }));
}

export interface Progress {
  cursor: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  succeeded: boolean;
  delivered: number;
  /** keep the lease (a progress save in the middle of a run) */
  keepLease?: boolean;
}

export async function saveProgress(db: Kysely<Database>, id: string, p: Progress): Promise<void> {
  await db
    .updateTable('channels')
    .set({
      cursor: sql`greatest(cursor, ${p.cursor}::bigint)`,
      attempts: p.attempts,
      next_attempt_at: p.nextAttemptAt,
      last_error: p.lastError,
      delivered: sql`delivered + ${p.delivered}`,
      ...(p.succeeded ? { last_success_at: sql`now()` } : {}),
      ...(p.keepLease ? {} : { leased_until: null }),
    })
    .where('id', '=', id)
    .execute();
}

export async function addDeadLetter(db: Kysely<Database>, l: { channel_id: string; notification_id: string; attempts: number; last_error: string }): Promise<void> {
  await db
    .insertInto('dead_letters')
    .values(l)
    .onConflict((oc) => oc.columns(['channel_id', 'notification_id']).doUpdateSet({ attempts: l.attempts, last_error: l.last_error, status: 'dead', created_at: sql`now()` }))
    .execute();
}

export async function settleLetter(db: Kysely<Database>, letterId: string, outcome: { delivered: true } | { delivered: false; error: string }): Promise<void> {
  await db
    .updateTable('dead_letters')
    .set(outcome.delivered ? { status: 'delivered', delivered_at: sql`now()` } : { status: 'dead', last_error: outcome.error, attempts: sql`attempts + 1` })
    .where('id', '=', letterId)
    .execute();
}

/** The channels holding letters to replay try now, whatever backoff they were in. */
export async function wakeReplaying(tx: Kysely<Database>): Promise<void> {
  await tx.updateTable('channels').set({ next_attempt_at: sql`now()` }).where('id', 'in', (eb) => eb.selectFrom('dead_letters').select('channel_id').where('status', '=', 'replaying')).execute();
}

export async function deadLetters(db: Kysely<Database>, orgId: string | null, status?: string) {
  let q = db
    .selectFrom('dead_letters as d')
    .innerJoin('channels as c', 'c.id', 'd.channel_id')
    .innerJoin('notifications as n', 'n.id', 'd.notification_id')
    .innerJoin('orgs as o', 'o.id', 'c.org_id')
    .select(['d.id', 'o.slug as org', 'd.channel_id', 'c.kind', 'c.target', 'd.notification_id', 'n.title', 'd.attempts', 'd.last_error', 'd.status', 'd.created_at', 'd.replayed_by', 'd.replayed_at', 'd.delivered_at']);
  if (orgId) q = q.where('c.org_id', '=', orgId);
  if (status) q = q.where('d.status', '=', status);
  const rows = await q.orderBy('d.id', 'desc').limit(500).execute();
  return rows.map((r) => ({ ...r, id: String(r.id), notification_id: String(r.notification_id) }));
}

/** Marks dead letters for replay (all of a channel's, or the given ones); returns how many. */
export async function replayLetters(tx: Kysely<Database>, where: { orgId: string | null; channelId?: string; ids?: string[] }, by: string): Promise<number> {
  let q = tx
    .updateTable('dead_letters')
    .set({ status: 'replaying', replayed_by: by, replayed_at: sql`now()` })
    .where('status', '=', 'dead')
    .where('channel_id', 'in', (eb) => {
      let c = eb.selectFrom('channels').select('id');
      if (where.orgId) c = c.where('org_id', '=', where.orgId);
      if (where.channelId) c = c.where('id', '=', where.channelId);
      return c;
    });
  if (where.ids) q = q.where('id', 'in', where.ids);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
