/**
 * A subscriber's side of distribution: its settings (sector, federal status, digest period, cap,
 * pre-notices), its channels, its pull feed, its exposures, dead letters and their replay, and the
 * digests. Members act on their own organization; operators on any (`org`).
 */
import { randomBytes } from 'node:crypto';
import { actorLabel, hasRole, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { Notification, NotificationBody } from '../domain/notification.js';
import { tlpRank, type Tlp } from '../domain/tlp.js';
import { appendAudit } from '../store/audit.js';
import * as channels from '../store/channels.js';
import { findInventory, listInventories } from '../store/inventories.js';
import * as store from '../store/subscribers.js';
import { checkEmailAddress, checkWebhookUrl } from './channels/index.js';
import type { AppContext } from './context.js';
import { requireInventoryScope, targetOrg } from './inventories.js';
import { reindexAssets } from './matching.js';

export interface SettingsView {
  org: string;
  sector: string;
  federal: boolean;
  digestHours: number;
  immediateCap: number;
  preNotify: boolean;
  lastDigestAt: string | null;
}

const DEFAULTS = { sector: 'unspecified', federal: false, digest_hours: 24, immediate_cap: 20, pre_notify: false };

async function orgOf(ctx: AppContext, actor: Actor, slug?: string) {
  return targetOrg(ctx, requireInventoryScope(actor), slug);
}

export async function getSettings(ctx: AppContext, actor: Actor, slug?: string): Promise<SettingsView> {
  const org = await orgOf(ctx, actor, slug);
  const row = await store.getSettings(ctx.conn.db, org.id);
  const s = row ?? { ...DEFAULTS, last_digest_at: null };
  return { org: org.slug, sector: s.sector, federal: s.federal, digestHours: s.digest_hours, immediateCap: s.immediate_cap, preNotify: s.pre_notify, lastDigestAt: s.last_digest_at };
}

const SECTOR = /^[a-z0-9][a-z0-9 -]{0,62}$/;

/** Settings change priorities (federal binds BOD dates) and sectors: the organization's assets are read into the index again. */
export async function putSettings(
  ctx: AppContext,
  actor: Actor,
  input: { sector?: string; federal?: boolean; digestHours?: number; immediateCap?: number; preNotify?: boolean },
  slug?: string,
): Promise<SettingsView> {
  const org = await orgOf(ctx, actor, slug);
  // Only an operator may declare an organization a federal agency: it makes BOD 26-04 dates binding for it.
  const current = await getSettings(ctx, actor, slug);
  if (input.federal !== undefined && input.federal !== current.federal && !hasRole(actor, 'operator')) {
    throw new AppError('FORBIDDEN', 'only an operator sets whether an organization is a federal civilian agency', { problems: [{ pointer: '/federal', message: 'operators only' }] });
  }
  const sector = (input.sector ?? current.sector).trim().toLowerCase();
  if (!SECTOR.test(sector)) throw new AppError('VALIDATION_FAILED', 'a sector is 1-63 lowercase letters, digits, spaces or -', { problems: [{ pointer: '/sector', message: `invalid sector '${sector.slice(0, 60)}'` }] });
  const next = {
    sector, federal: input.federal ?? current.federal, digest_hours: input.digestHours ?? current.digestHours,
    immediate_cap: input.immediateCap ?? current.immediateCap, pre_notify: input.preNotify ?? current.preNotify,
  };
  const row = await ctx.conn.db.transaction().execute(async (tx) => {
    const r = await store.putSettings(tx, org.id, next);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'subscriber.settings', subject: `org:${org.id}`, details: next });
    return r;
  });
  await reindexAssets(ctx, { orgId: org.id });
  return { org: org.slug, sector: row.sector, federal: row.federal, digestHours: row.digest_hours, immediateCap: row.immediate_cap, preNotify: row.pre_notify, lastDigestAt: row.last_digest_at };
}

export interface ChannelView {
  id: string;
  kind: string;
  target: string;
  /** only notifications about these assets; empty: all */
  assets: string[];
  active: boolean;
  cursor: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastSuccessAt: string | null;
  delivered: string;
  createdAt: string;
}

const channelView = (c: channels.ChannelRow): ChannelView => ({
  id: c.id, kind: c.kind, target: c.target, assets: c.assets, active: c.active, cursor: String(c.cursor), attempts: c.attempts, nextAttemptAt: c.next_attempt_at,
  lastError: c.last_error, lastSuccessAt: c.last_success_at, delivered: String(c.delivered), createdAt: c.created_at,
});

const MAX_CHANNELS = 20;

/** A webhook gets a fresh HMAC secret, shown in this answer only. */
export async function createChannel(ctx: AppContext, actor: Actor, input: { kind: 'webhook' | 'email'; target: string; assets?: string[] }, slug?: string): Promise<ChannelView & { secret: string | null }> {
  const org = await orgOf(ctx, actor, slug);
  const problem = input.kind === 'webhook' ? checkWebhookUrl(input.target, { allowPrivate: ctx.config.distribution.allowPrivateTargets }) : checkEmailAddress(input.target);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { problems: [{ pointer: '/target', message: problem }] });
  const assets = [...new Set(input.assets ?? [])];
  if (assets.length) {
    const known = new Set((await listInventories(ctx.conn.db, org.id)).map((r) => r.name));
    const unknown = assets.findIndex((a) => !known.has(a));
    if (unknown !== -1) throw new AppError('VALIDATION_FAILED', `no asset '${assets[unknown]!}' in ${org.slug}`, { problems: [{ pointer: `/assets/${unknown}`, message: 'unknown asset' }] });
  }
  const existing = await channels.listChannels(ctx.conn.db, org.id);
  if (existing.length >= MAX_CHANNELS) throw new AppError('CONFLICT', `an organization has at most ${MAX_CHANNELS} channels`);
  const secret = input.kind === 'webhook' ? `whsec_${randomBytes(32).toString('base64url')}` : null;
  const row = await ctx.conn.db.transaction().execute(async (tx) => {
    const c = await channels.createChannel(tx, { org_id: org.id, kind: input.kind, target: input.target, secret, assets, created_by: actorLabel(actor) });
    // the target is the subscriber's own address; the secret never enters the audit log
    await appendAudit(tx, { actor: actorLabel(actor), action: 'channel.create', subject: `channel:${c.id}`, details: { org: org.slug, kind: input.kind, target: input.target, assets } });
    return c;
  });
  return { ...channelView(row), secret };
}

export async function listChannels(ctx: AppContext, actor: Actor, slug?: string): Promise<ChannelView[]> {
  const org = await orgOf(ctx, actor, slug);
  return (await channels.listChannels(ctx.conn.db, org.id)).map(channelView);
}

async function ownChannel(ctx: AppContext, actor: Actor, id: string, slug?: string) {
  const org = await orgOf(ctx, actor, slug);
  const c = /^[0-9a-f-]{36}$/i.test(id) ? await channels.findChannel(ctx.conn.db, id) : undefined;
  if (!c || c.org_id !== org.id) throw new AppError('NOT_FOUND', `no channel '${id}'`);
  return { org, c };
}

export async function setChannelActive(ctx: AppContext, actor: Actor, id: string, active: boolean, slug?: string): Promise<ChannelView> {
  const { org, c } = await ownChannel(ctx, actor, id, slug);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await channels.setChannelActive(tx, c.id, active);
    await appendAudit(tx, { actor: actorLabel(actor), action: active ? 'channel.resume' : 'channel.pause', subject: `channel:${c.id}`, details: { org: org.slug } });
  });
  return channelView((await channels.findChannel(ctx.conn.db, c.id))!);
}

export async function deleteChannel(ctx: AppContext, actor: Actor, id: string, slug?: string): Promise<void> {
  const { org, c } = await ownChannel(ctx, actor, id, slug);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await channels.deleteChannel(tx, c.id);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'channel.delete', subject: `channel:${c.id}`, details: { org: org.slug, kind: c.kind } });
  });
}

const CURSOR = /^\d{1,19}$/;

/**
 * The pull feed: notifications after `after` (a previous answer's `next`), oldest first — what a
 * client polls. `order: 'newest'` pages backwards instead (`before`, the previous answer's `next`), as a person reads.
 */
export async function notificationFeed(ctx: AppContext, actor: Actor, q: { after?: string; before?: string; order?: 'oldest' | 'newest'; limit?: number }, slug?: string): Promise<{ items: Notification[]; next: string }> {
  const org = await orgOf(ctx, actor, slug);
  for (const key of ['after', 'before'] as const) {
    const v = q[key];
    if (v !== undefined && !CURSOR.test(v)) throw new AppError('BAD_REQUEST', `${key} is a cursor from a previous answer (digits)`, { problems: [{ pointer: `/${key}`, message: 'invalid cursor' }] });
  }
  const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
  if (q.order === 'newest') {
    const items = await store.feed(ctx.conn.db, org.id, { before: q.before ?? null }, limit);
    return { items, next: items.length ? items[items.length - 1]!.id : (q.before ?? '0') };
  }
  const after = q.after ?? '0';
  const items = await store.feed(ctx.conn.db, org.id, { after }, limit);
  return { items, next: items.length ? items[items.length - 1]!.id : after };
}

export async function listDeadLetters(ctx: AppContext, actor: Actor, status?: string, slug?: string) {
  const all = hasRole(actor, 'operator') && !slug;
  const org = all ? null : await orgOf(ctx, actor, slug);
  return channels.deadLetters(ctx.conn.db, org?.id ?? null, status);
}

/** Dead letters go out again before the channel's next notification (all of a channel's, or the named ones). */
export async function replayDeadLetters(ctx: AppContext, actor: Actor, input: { channelId?: string; ids?: string[] }, slug?: string): Promise<{ replaying: number }> {
  const all = hasRole(actor, 'operator') && !slug;
  const org = all ? null : await orgOf(ctx, actor, slug);
  if (input.ids?.some((id) => !CURSOR.test(id))) throw new AppError('VALIDATION_FAILED', 'dead letter ids are digits', { problems: [{ pointer: '/ids', message: 'invalid id' }] });
  if (input.channelId && !/^[0-9a-f-]{36}$/i.test(input.channelId)) throw new AppError('NOT_FOUND', `no channel '${input.channelId}'`);
  const replaying = await ctx.conn.db.transaction().execute(async (tx) => {
    const n = await channels.replayLetters(tx, { orgId: org?.id ?? null, ...(input.channelId ? { channelId: input.channelId } : {}), ...(input.ids ? { ids: input.ids } : {}) }, actorLabel(actor));
    await channels.wakeReplaying(tx);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'delivery.replay', subject: input.channelId ? `channel:${input.channelId}` : `org:${org?.id ?? 'all'}`, details: { replaying: n, ids: input.ids ?? null } });
    return n;
  });
  return { replaying };
}

export async function listExposures(ctx: AppContext, actor: Actor, q: { open?: boolean; asset?: string; vuln?: string }, slug?: string): Promise<store.ExposureRow[]> {
  const org = await orgOf(ctx, actor, slug);
  let inventoryId: string | undefined;
  if (q.asset) {
    const row = await findInventory(ctx.conn.db, org.id, q.asset);
    if (!row) throw new AppError('NOT_FOUND', `no asset '${q.asset}' in ${org.slug}`);
    inventoryId = row.id;
  }
  return store.exposures(ctx.conn.db, { orgId: org.id, ...(inventoryId ? { inventoryId } : {}), ...(q.open ? { open: true } : {}), ...(q.vuln ? { vulnId: q.vuln } : {}) });
}

/**
 * Gathers each due organization's waiting items into one digest notification (most urgent first),
 * which its channels then send. Runs under the organization's settings row lock, so two workers
 * make one digest.
 */
export async function makeDigests(ctx: AppContext, now = new Date()): Promise<number> {
  let made = 0;
  for (const orgId of await store.digestsDue(ctx.conn.db, now)) {
    const done = await ctx.conn.db.transaction().execute(async (tx) => {
      if (!(await store.lockDigest(tx, orgId, now))) return false;
      const items = await store.undigested(tx, orgId);
      if (!items.length) return false;
      const listed = items
        .map((i) => {
          const p = (i.body as NotificationBody).priority;
          return { id: String(i.id), title: i.title, due: p.due, cisa: p.cisa };
        })
        .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || Number(a.id) - Number(b.id));
      const tlp = items.map((i) => i.tlp as Tlp).reduce((a, b) => (tlpRank(b) > tlpRank(a) ? b : a));
      const first = listed[0]!;
      const body: NotificationBody = {
        vulnerability: { id: '', aliases: [], summary: '', cvss: null, epss: null, kev: null },
        trigger: { kind: 'digest', detail: `${items.length} notification${items.length === 1 ? '' : 's'} since the last digest` },
        priority: { cisa: first.cisa, deployer: null, bod: null, due: first.due, binding: false },
        assets: [], remediation: '', workaround: '', link: `${ctx.config.advisories.publicUrl}/subscriber`, items: listed,
      };
      const digestId = await store.insertDigest(tx, {
        org_id: orgId, fact: `digest:${items[0]!.id}-${items[items.length - 1]!.id}`, tlp, body,
        title: `Digest: ${items.length} notification${items.length === 1 ? '' : 's'} about your assets`,
      });
      if (digestId === null) return false;
      await store.closeDigest(tx, orgId, digestId, items.map((i) => i.id), now);
      return true;
    });
    if (done) made++;
  }
  return made;
}
