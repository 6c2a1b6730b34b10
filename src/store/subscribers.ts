/**
 * What a subscriber organization reads and sets: its settings, its notification feed, its
 * exposures, and the digests that gather what was not urgent enough to send at once.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Notification } from '../domain/notification.js';
import { asNotification } from './channels.js';
import type { Database } from './schema.js';

export type SettingsRow = Selectable<Database['subscriber_settings']>;

export async function getSettings(db: Kysely<Database>, orgId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('subscriber_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export async function putSettings(tx: Kysely<Database>, orgId: string, s: { sector: string; federal: boolean; digest_hours: number; immediate_cap: number; pre_notify: boolean }): Promise<SettingsRow> {
  return tx
    .insertInto('subscriber_settings')
    .values({ org_id: orgId, ...s, updated_at: sql`now()` })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...s, updated_at: sql`now()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The organization's notifications after a cursor, oldest first (the pull feed), or before one, newest first (a page to read). */
export async function feed(db: Kysely<Database>, orgId: string, cursor: { after: string } | { before: string | null }, limit: number): Promise<Notification[]> {
  let q = db
    .selectFrom('notifications as n')
    .innerJoin('orgs as o', 'o.id', 'n.org_id')
    .select(['n.id', 'o.slug as org_slug', 'n.kind', 'n.urgency', 'n.tlp', 'n.title', 'n.vuln_id', 'n.created_at', 'n.body'])
    .where('n.org_id', '=', orgId);
  if ('after' in cursor) q = q.where('n.id', '>', cursor.after).orderBy('n.id');
  else q = (cursor.before === null ? q : q.where('n.id', '<', cursor.before)).orderBy('n.id', 'desc');
  const rows = await q.limit(limit).execute();
  return rows.map(asNotification);
}

export interface ExposureRow {
  id: string;
  org_slug: string;
  inventory_id: string;
  asset: string;
  asset_type: string;
  exposed: boolean;
  vuln_id: string;
  summary: string | null;
  detected_at: string;
  kev_added: string | null;
  clock_start: string;
  due_date: string | null;
  binding: boolean;
  cisa: string | null;
  deployer: string | null;
  bod: string | null;
  priority: unknown;
  components: unknown;
  status: string;
  status_at: string;
  remediated_at: string | null;
  resolved_at: string | null;
  notified_at: string | null;
}

/**
 * Exposures of one organization (or all), most urgent first: due date (none last), then the CISA
 * level (Act, Attend, Track*, Track), then first detection.
 */
export async function exposures(db: Kysely<Database>, where: { orgId: string | null; inventoryId?: string; open?: boolean; vulnId?: string }, limit = 1000): Promise<ExposureRow[]> {
  let q = db
    .selectFrom('exposures as e')
    .innerJoin('inventories as i', 'i.id', 'e.inventory_id')
    .innerJoin('orgs as o', 'o.id', 'e.org_id')
    .leftJoin('vulnerabilities as v', 'v.id', 'e.vuln_id')
    .leftJoin('priority_explanations as pe', 'pe.id', 'e.explanation_id')
    .select([
      'e.id', 'o.slug as org_slug', 'e.inventory_id', 'i.name as asset', 'i.asset_type', 'i.exposed', 'e.vuln_id', 'v.summary', 'e.detected_at', 'e.kev_added',
      'e.clock_start', 'e.due_date', 'e.binding', 'e.cisa', 'e.deployer', 'e.bod', 'e.priority', 'e.components', 'e.status', 'e.status_at', 'e.remediated_at',
      'e.resolved_at', 'e.notified_at', 'pe.explanation',
    ]);
  if (where.orgId) q = q.where('e.org_id', '=', where.orgId);
  if (where.inventoryId) q = q.where('e.inventory_id', '=', where.inventoryId);
  if (where.vulnId) q = q.where('e.vuln_id', '=', where.vulnId);
  if (where.open) q = q.where('e.resolved_at', 'is', null).where('e.status', 'in', ['open', 'in_progress']);
  const rows = await q
    .orderBy(sql`e.due_date ASC NULLS LAST`)
    .orderBy(sql`CASE lower(e.cisa) WHEN 'act' THEN 0 WHEN 'attend' THEN 1 WHEN 'track*' THEN 2 WHEN 'track' THEN 3 ELSE 4 END`)
    .orderBy('e.detected_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  // the priority as the API shows it: its explanation lines where they are stored once
  return rows.map(({ explanation, ...r }) => ({ ...r, priority: { ...(r.priority as object), explanation: explanation ?? [] } }));
}

/** Organizations whose digest is due: undigested items and no digest within their period. */
export async function digestsDue(db: Kysely<Database>, now: Date): Promise<string[]> {
  const { rows } = await sql<{ org_id: string }>`
    SELECT DISTINCT n.org_id FROM notifications n
    LEFT JOIN subscriber_settings s ON s.org_id = n.org_id
    WHERE n.urgency = 'digest-item' AND n.digest_id IS NULL
      AND (s.last_digest_at IS NULL OR s.last_digest_at <= ${now}::timestamptz - make_interval(hours => coalesce(s.digest_hours, 24)))`.execute(db);
  return rows.map((r) => r.org_id);
}

/** Locks the organization's settings row (made with defaults if missing) so two workers make one digest. */
export async function lockDigest(tx: Kysely<Database>, orgId: string, now: Date): Promise<boolean> {
  await tx.insertInto('subscriber_settings').values({ org_id: orgId, updated_at: sql`now()` }).onConflict((oc) => oc.column('org_id').doNothing()).execute();
  const row = await tx.selectFrom('subscriber_settings').select(['last_digest_at', 'digest_hours']).where('org_id', '=', orgId).forUpdate().executeTakeFirstOrThrow();
  return row.last_digest_at === null || Date.parse(row.last_digest_at) <= now.getTime() - row.digest_hours * 3_600_000;
}

export async function undigested(tx: Kysely<Database>, orgId: string): Promise<Array<{ id: string; title: string; tlp: string; body: unknown }>> {
  return tx
    .selectFrom('notifications')
    .select(['id', 'title', 'tlp', 'body'])
    .where('org_id', '=', orgId)
    .where('urgency', '=', 'digest-item')
    .where('digest_id', 'is', null)
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** The digest notification itself; null when that digest exists already. */
export async function insertDigest(tx: Kysely<Database>, d: { org_id: string; fact: string; tlp: string; title: string; body: unknown }): Promise<string | null> {
  const row = await tx
    .insertInto('notifications')
    .values({ ...d, kind: 'digest', vuln_id: null, urgency: 'digest', body: JSON.stringify(d.body) })
    .onConflict((oc) => oc.columns(['org_id', 'fact']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? String(row.id) : null;
}

export async function closeDigest(tx: Kysely<Database>, orgId: string, digestId: string, itemIds: readonly string[], now: Date): Promise<void> {
  await tx.updateTable('notifications').set({ digest_id: digestId }).where('id', 'in', [...itemIds]).execute();
  await tx.updateTable('subscriber_settings').set({ last_digest_at: now }).where('org_id', '=', orgId).execute();
}
