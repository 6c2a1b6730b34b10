import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { actorLabel, type Actor } from '../domain/access.js';
import { ackState, canPost, canReadMessage, canSeeEvent, CVE_ID, formatVulnId, localDate, type AckStatus, type CaseReader, type VendorStatus } from '../domain/disclosure.js';
import { AppError } from '../domain/errors.js';
import type { Tlp } from '../domain/tlp.js';
import { appendAudit } from '../store/audit.js';
import { addCaseEvent, caseEvents } from '../store/case-events.js';
import * as cases from '../store/cases.js';
import * as store from '../store/disclosure.js';
import { findOrg } from '../store/identity.js';
import type { Database } from '../store/schema.js';
import { insertRelease, lockReleases } from '../store/vendors.js';
import type { AppContext } from './context.js';
import { disclosureAccess, requireCoordinator, requireOpen, touchCoordinator, when } from './disclosure-access.js';
import { embargoOnRelease } from './disclosure-embargo.js';
import { actorOrgId } from './identity.js';

type Zoned = { at: string; local: string };

/**
 * A vendor takes part in a case from its release (in the release's transaction): as a participant,
 * and, for the first vendor, by starting the embargo the policy gives.
 */
export async function recordVendorRelease(
  tx: Kysely<Database>,
  config: Config,
  r: { caseId: string; vendorOrgId: string; source: 'auto' | 'manual'; addedBy: string; reason?: string | null; orgId?: string | null },
): Promise<void> {
  if (await store.addParticipant(tx, { caseId: r.caseId, orgId: r.vendorOrgId, role: 'vendor', source: r.source, addedBy: r.addedBy, reason: r.reason ?? null })) {
    const [org] = await store.orgsByIds(tx, [r.vendorOrgId]);
    await addCaseEvent(tx, { caseId: r.caseId, actor: r.addedBy, orgId: r.orgId ?? null, kind: 'participant', details: { org: org?.slug ?? r.vendorOrgId, orgId: r.vendorOrgId, role: 'vendor', source: r.source } });
  }
  const released = await store.releaseTime(tx, r.caseId, r.vendorOrgId);
  if (released) await embargoOnRelease(tx, config, r.caseId, new Date(released.released_at));
}

// --- participants ---------------------------------------------------------------------------------

export interface AckView {
  status: AckStatus;
  dueAt: Zoned;
  escalatesAt: Zoned;
  acknowledgedAt: string | null;
}

export interface ParticipantItem {
  org: { id: string; slug: string; name: string };
  role: 'reporter' | 'vendor' | 'coordinator';
  source: 'auto' | 'manual';
  addedAt: string;
  /** analysts only */
  addedBy: string | null;
  reason: string | null;
  /** vendors: when the case was released to it, and its acknowledgement (to the coordinators and the vendor itself) */
  releasedAt: string | null;
  ack: AckView | null;
  status: { status: VendorStatus; statement: string | null; at: string | null } | null;
}

function ackView(ctx: AppContext, releasedAt: string, acknowledgedAt: string | null, now: Date): AckView {
  const zone = ctx.config.disclosure.embargo.timeZone;
  const s = ackState({ releasedAt: new Date(releasedAt), acknowledgedAt: acknowledgedAt ? new Date(acknowledgedAt) : null, now, slaDays: ctx.config.disclosure.ackSlaDays, zone });
  return { status: s.status, dueAt: when(s.dueAt, zone), escalatesAt: when(s.escalatesAt, zone), acknowledgedAt };
}

/** Who takes part: reporters (from the findings; a reporter sees only itself among them), vendors, coordinators. */
export async function listParticipants(ctx: AppContext, actor: Actor, caseId: string, now = new Date()): Promise<ParticipantItem[]> {
  const { reader } = await disclosureAccess(ctx, actor, caseId);
  const db = ctx.conn.db;
  const statuses = new Map((await store.vendorStatuses(db, caseId)).map((s) => [s.vendor_org_id, s]));
  const reporters: ParticipantItem[] = (await store.reporters(db, caseId))
    .filter((r) => reader.coordinator || !reader.roles.includes('reporter') || r.org_id === reader.orgId)
    .map((r) => ({ org: { id: r.org_id, slug: r.slug, name: r.name }, role: 'reporter', source: 'auto', addedAt: new Date(r.first_seen).toISOString(), addedBy: null, reason: null, releasedAt: null, ack: null, status: null }));
  const stored = (await store.participants(db, caseId)).map((p): ParticipantItem => {
    const s = statuses.get(p.org_id);
    const vendor = p.role === 'vendor';
    return {
      org: { id: p.org_id, slug: p.slug, name: p.name }, role: p.role, source: p.source, addedAt: p.added_at,
      addedBy: reader.coordinator ? p.added_by : null, reason: reader.coordinator ? p.reason : null,
      releasedAt: vendor ? p.released_at : null,
      ack: vendor && p.released_at && (reader.coordinator || reader.orgId === p.org_id) ? ackView(ctx, p.released_at, p.acknowledged_at, now) : null,
      status: vendor ? { status: (s?.status ?? 'unknown') as VendorStatus, statement: s?.statement ?? null, at: s?.set_at ?? null } : null,
    };
  });
  return [...reporters, ...stored];
}

/**
 * An analyst adds a vendor or a coordinator by hand, saying why. A vendor added so is released the
 * case at once, whatever its weekly capacity (the release still counts against its week).
 */
export async function addParticipant(ctx: AppContext, actor: Actor, caseId: string, input: { org: string; role: 'vendor' | 'coordinator'; reason: string }): Promise<ParticipantItem[]> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'add participants');
  requireOpen(a.row);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'adding a participant by hand needs a reason', { problems: [{ pointer: '/reason', message: 'required' }] });
  const org = await findOrg(ctx.conn.db, input.org);
  if (!org) throw new AppError('VALIDATION_FAILED', `no organization '${input.org}'`, { problems: [{ pointer: '/org', message: 'no such organization' }] });
  const needed = input.role === 'vendor' ? 'vendor' : 'operator';
  if (!org.roles.includes(needed)) throw new AppError('CONFLICT', `${org.slug} is not ${needed === 'vendor' ? 'a vendor' : 'an operator'} organization`);
  const by = actorLabel(actor);
  await ctx.conn.db.transaction().execute(async (tx) => {
    if (input.role === 'vendor') {
      await lockReleases(tx); // the same lock as scheduled releases: one of us releases it, the other sees it
      if (!(await insertRelease(tx, caseId, org.id))) throw new AppError('CONFLICT', `case ${caseId} was already released to ${org.slug}`);
      await recordVendorRelease(tx, ctx.config, { caseId, vendorOrgId: org.id, source: 'manual', addedBy: by, reason, orgId: actorOrgId(actor) });
    } else {
      if (!(await store.addParticipant(tx, { caseId, orgId: org.id, role: 'coordinator', source: 'manual', addedBy: by, reason }))) throw new AppError('CONFLICT', `${org.slug} already coordinates case ${caseId}`);
      await addCaseEvent(tx, { caseId, actor: by, orgId: actorOrgId(actor), kind: 'participant', details: { org: org.slug, orgId: org.id, role: 'coordinator', source: 'manual' } });
    }
    await appendAudit(tx, { actor: by, action: 'case.participant', subject: `case:${caseId}`, details: { org: org.slug, role: input.role, reason, releasedRegardlessOfCapacity: input.role === 'vendor' } });
  });
  return listParticipants(ctx, actor, caseId);
}

// --- messages -------------------------------------------------------------------------------------

export interface MessageView {
  id: number;
  /** `all`, or the slug of the vendor whose private thread it is */
  thread: string;
  tlp: Tlp;
  body: string;
  author: { org: string | null; role: 'reporter' | 'vendor' | 'coordinator'; actor: string | null };
  createdAt: string;
}

async function slugs(db: Kysely<Database>, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((x): x is string => x !== null))];
  return new Map((await store.orgsByIds(db, wanted)).map((o) => [o.id, o.slug]));
}

function messageView(m: store.MessageRow, names: Map<string, string>, reader: CaseReader): MessageView {
  return {
    id: m.id, thread: m.thread_vendor_id ? names.get(m.thread_vendor_id) ?? m.thread_vendor_id : 'all', tlp: m.tlp as Tlp, body: m.body,
    author: { org: m.author_org_id ? names.get(m.author_org_id) ?? null : null, role: m.author_role, actor: reader.coordinator ? m.author : null }, createdAt: m.created_at,
  };
}

async function threadVendor(ctx: AppContext, caseId: string, thread: string, pointer: string): Promise<string | null> {
  if (thread === 'all') return null;
  const vendor = (await store.vendorIds(ctx.conn.db, caseId)).find((v) => v.slug === thread);
  if (!vendor) throw new AppError('VALIDATION_FAILED', `'${thread}' is not a vendor of case ${caseId}`, { problems: [{ pointer, message: 'all, or the slug of one of the case\'s vendors' }] });
  return vendor.org_id;
}

/** A message in the case thread or a vendor's private thread, labelled with TLP 2.0. */
export async function postMessage(ctx: AppContext, actor: Actor, caseId: string, input: { thread: string; tlp: Tlp; body: string }): Promise<MessageView> {
  const { row, reader } = await disclosureAccess(ctx, actor, caseId);
  requireOpen(row);
  if (!input.body.trim()) throw new AppError('VALIDATION_FAILED', 'a message has text', { problems: [{ pointer: '/body', message: 'required' }] });
  const vendorId = await threadVendor(ctx, caseId, input.thread, '/thread');
  if (!canPost(reader, vendorId)) throw new AppError('FORBIDDEN', vendorId ? 'a vendor\'s thread is between that vendor and the coordinators' : 'only participants post to the case thread');
  const role = reader.coordinator ? 'coordinator' : reader.roles.includes('vendor') && (vendorId !== null || !reader.roles.includes('reporter')) ? 'vendor' : 'reporter';
  const orgId = actorOrgId(actor);
  const m = await ctx.conn.db.transaction().execute(async (tx) => {
    const stored = await store.insertMessage(tx, { caseId, threadVendorId: vendorId, tlp: input.tlp, body: input.body, author: actorLabel(actor), authorOrgId: orgId, authorRole: role });
    await touchCoordinator(tx, actor, caseId);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId, kind: 'message', details: { messageId: stored.id, thread: vendorId, tlp: input.tlp, authorOrgId: orgId } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.message', subject: `case:${caseId}`, details: { messageId: stored.id, thread: input.thread, tlp: input.tlp, chars: input.body.length } });
    return stored;
  });
  return messageView(m, await slugs(ctx.conn.db, [m.thread_vendor_id, m.author_org_id]), reader);
}

/** The messages the reader may read, oldest first; `thread` narrows to `all` or one vendor's. */
export async function listMessages(ctx: AppContext, actor: Actor, caseId: string, thread?: string): Promise<MessageView[]> {
  const { reader } = await disclosureAccess(ctx, actor, caseId);
  const only = thread === undefined ? undefined : await threadVendor(ctx, caseId, thread, '/thread');
  const rows = (await store.messages(ctx.conn.db, caseId))
    .filter((m) => only === undefined || m.thread_vendor_id === only)
    .filter((m) => canReadMessage(reader, { tlp: m.tlp as Tlp, threadVendorId: m.thread_vendor_id, authorOrgId: m.author_org_id }));
  const names = await slugs(ctx.conn.db, rows.flatMap((m) => [m.thread_vendor_id, m.author_org_id]));
  return rows.map((m) => messageView(m, names, reader));
}

// --- vendor status and acknowledgement ------------------------------------------------------------

/**
 * A vendor's status on the case (the vendor's own, or an analyst's on its behalf), with a
 * statement; `not_affected` needs one (why it is not affected). Every change is on the timeline.
 */
export async function setVendorStatus(ctx: AppContext, actor: Actor, caseId: string, input: { vendor?: string | undefined; status: VendorStatus; statement?: string | undefined }): Promise<ParticipantItem[]> {
  const { row, reader } = await disclosureAccess(ctx, actor, caseId);
  requireOpen(row);
  const vendors = await store.vendorIds(ctx.conn.db, caseId);
  let vendor: { org_id: string; slug: string } | undefined;
  if (reader.coordinator) {
    if (!input.vendor) throw new AppError('VALIDATION_FAILED', 'an analyst names the vendor whose status it records', { problems: [{ pointer: '/vendor', message: 'required for analysts' }] });
    vendor = vendors.find((v) => v.slug === input.vendor);
    if (!vendor) throw new AppError('VALIDATION_FAILED', `'${input.vendor}' is not a vendor of case ${caseId}`, { problems: [{ pointer: '/vendor', message: 'one of the case\'s vendors' }] });
  } else {
    vendor = reader.roles.includes('vendor') ? vendors.find((v) => v.org_id === reader.orgId) : undefined;
    if (!vendor) throw new AppError('FORBIDDEN', 'only the case\'s vendors and its coordinators record a vendor status');
    if (input.vendor && input.vendor !== vendor.slug) throw new AppError('FORBIDDEN', 'a vendor records its own status only');
  }
  const statement = input.statement?.trim() || null;
  if (input.status === 'not_affected' && !statement) throw new AppError('VALIDATION_FAILED', 'not_affected needs a statement saying why', { problems: [{ pointer: '/statement', message: 'required for not_affected' }] });
  const target = vendor;
  await ctx.conn.db.transaction().execute(async (tx) => {
    const previous = await store.putVendorStatus(tx, { case_id: caseId, vendor_org_id: target.org_id, status: input.status, statement, set_by: actorLabel(actor) });
    await touchCoordinator(tx, actor, caseId);
    const details = { vendor: target.slug, vendorOrgId: target.org_id, status: input.status, previous: previous ?? 'unknown', statement };
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'vendor-status', details });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.vendor-status', subject: `case:${caseId}`, details: { vendor: target.slug, status: input.status, previous } });
  });
  return listParticipants(ctx, actor, caseId);
}

/** A vendor acknowledges the case released to it; the first acknowledgement counts, later ones change nothing. */
export async function acknowledge(ctx: AppContext, actor: Actor, caseId: string, now = new Date()): Promise<AckView & { vendor: string }> {
  const { reader } = await disclosureAccess(ctx, actor, caseId);
  if (!reader.roles.includes('vendor')) throw new AppError('FORBIDDEN', 'a vendor acknowledges the cases released to it');
  const db = ctx.conn.db;
  const released = await store.releaseTime(db, caseId, reader.orgId);
  if (!released) throw new AppError('CONFLICT', `case ${caseId} was not released to this vendor`);
  await db.transaction().execute(async (tx) => {
    if (!(await store.acknowledge(tx, caseId, reader.orgId, actorLabel(actor)))) return;
    const before = ackState({ releasedAt: new Date(released.released_at), acknowledgedAt: null, now, slaDays: ctx.config.disclosure.ackSlaDays, zone: ctx.config.disclosure.embargo.timeZone });
    const [org] = await store.orgsByIds(tx, [reader.orgId]);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: reader.orgId, kind: 'acknowledge', details: { vendor: org?.slug, vendorOrgId: reader.orgId, late: before.status !== 'pending' } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.acknowledge', subject: `case:${caseId}`, details: { late: before.status !== 'pending' } });
  });
  const p = (await store.participants(db, caseId)).find((x) => x.role === 'vendor' && x.org_id === reader.orgId);
  return { vendor: p?.slug ?? reader.orgId, ...ackView(ctx, released.released_at, p?.acknowledged_at ?? null, now) };
}

/**
 * Reminds vendors that have not acknowledged in time: one `reminder` per vendor per calendar day
 * (in the embargo zone) while overdue, and one `escalation` once it is twice the SLA late.
 * Idempotent: a second run the same day adds nothing (each notice is claimed by a row update).
 * For a scheduler to call; `now` is injected so tests and catch-up runs date the notices.
 */
export async function remindOverdue(ctx: AppContext, now: Date): Promise<{ reminders: number; escalations: number }> {
  const zone = ctx.config.disclosure.embargo.timeZone;
  const day = localDate(now, zone);
  let reminders = 0;
  let escalations = 0;
  for (const v of await store.unacknowledged(ctx.conn.db)) {
    const s = ackState({ releasedAt: new Date(v.released_at), acknowledgedAt: null, now, slaDays: ctx.config.disclosure.ackSlaDays, zone });
    if (s.status === 'pending') continue;
    await ctx.conn.db.transaction().execute(async (tx) => {
      const details = { vendor: v.slug, vendorOrgId: v.org_id, dueAt: when(s.dueAt, zone).local, day };
      if (await store.markReminded(tx, v.case_id, v.org_id, day)) {
        reminders++;
        await addCaseEvent(tx, { caseId: v.case_id, actor: 'system', orgId: null, kind: 'reminder', details, at: now });
      }
      if (s.status === 'escalated' && (await store.markEscalated(tx, v.case_id, v.org_id, now))) {
        escalations++;
        await addCaseEvent(tx, { caseId: v.case_id, actor: 'system', orgId: null, kind: 'escalation', details: { ...details, escalatedAt: when(s.escalatesAt, zone).local }, at: now });
        await appendAudit(tx, { actor: 'system', action: 'case.ack-escalation', subject: `case:${v.case_id}`, details: { vendor: v.slug } });
      }
    });
  }
  return { reminders, escalations };
}

// --- identifiers ----------------------------------------------------------------------------------

export interface Identifiers {
  id: string | null;
  cve: string | null;
}

export async function identifiers(ctx: AppContext, actor: Actor, caseId: string): Promise<Identifiers> {
  const { row } = await disclosureAccess(ctx, actor, caseId);
  return { id: row.vuln_id, cve: row.cve_id };
}

/**
 * The clearinghouse's id for the case, `<prefix>-<year>-<sequence>`, allocated once per case (asking
 * again answers the same id). The year's counter row serializes concurrent allocations; it only grows,
 * so an id is never given twice.
 */
export async function allocateId(ctx: AppContext, actor: Actor, caseId: string, now = new Date()): Promise<Identifiers & { created: boolean }> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'allocate identifiers');
  requireOpen(a.row);
  return ctx.conn.db.transaction().execute(async (tx) => {
    const row = await cases.lockCase(tx, caseId);
    if (!row) throw new AppError('NOT_FOUND', `no case '${caseId}'`);
    if (row.vuln_id) return { id: row.vuln_id, cve: row.cve_id, created: false };
    const year = now.getUTCFullYear();
    const id = formatVulnId(ctx.config.disclosure.idPrefix, year, await store.nextSequence(tx, year));
    await store.setVulnId(tx, caseId, id);
    await touchCoordinator(tx, actor, caseId);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'identifier', details: { id } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.identifier', subject: `case:${caseId}`, details: { id } });
    return { id, cve: row.cve_id, created: true };
  });
}

/** Records the CVE id assigned to the case (`CVE-YYYY-NNNN…`); one case per CVE. */
export async function setCve(ctx: AppContext, actor: Actor, caseId: string, cve: string): Promise<Identifiers> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'record CVE ids');
  requireOpen(a.row);
  if (!CVE_ID.test(cve)) throw new AppError('VALIDATION_FAILED', `'${cve}' is not a CVE id (CVE-YYYY-NNNN, four or more digits)`, { problems: [{ pointer: '/cve', message: 'CVE-YYYY-NNNN' }] });
  return ctx.conn.db.transaction().execute(async (tx) => {
    const row = await cases.lockCase(tx, caseId);
    if (!row) throw new AppError('NOT_FOUND', `no case '${caseId}'`);
    if (row.cve_id === cve) return { id: row.vuln_id, cve };
    const other = await store.caseWithCve(tx, cve);
    if (other) throw new AppError('CONFLICT', `${cve} is recorded on case ${other.id}`);
    await store.setCve(tx, caseId, cve);
    await touchCoordinator(tx, actor, caseId);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'cve', details: { cve, previous: row.cve_id } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.cve', subject: `case:${caseId}`, details: { cve, previous: row.cve_id } });
    return { id: row.vuln_id, cve };
  });
}

// --- timeline -------------------------------------------------------------------------------------

export interface TimelineItem {
  at: string;
  kind: string;
  /** analysts: who acted; others: `coordinator`, `system`, or the acting organization's slug */
  by: string;
  details: unknown;
}

/** The case's events in order as the reader may see them; messages carry their text when readable. */
export async function timeline(ctx: AppContext, actor: Actor, caseId: string): Promise<TimelineItem[]> {
  const { reader } = await disclosureAccess(ctx, actor, caseId);
  const db = ctx.conn.db;
  const events = (await caseEvents(db, caseId)).filter((e) => canSeeEvent(reader, e));
  const messageIds = events.filter((e) => e.kind === 'message').map((e) => (e.details as { messageId: number }).messageId);
  const rows = await store.messages(db, caseId, messageIds);
  const orgs = new Map((await store.orgsByIds(db, [...new Set([...events.map((e) => e.org_id), ...rows.flatMap((m) => [m.thread_vendor_id, m.author_org_id])].filter((x): x is string => x !== null))])).map((o) => [o.id, o]));
  const names = new Map([...orgs.values()].map((o) => [o.id, o.slug]));
  const byId = new Map(rows.map((m) => [m.id, messageView(m, names, reader)]));
  return events.map((e) => {
    const org = e.org_id ? orgs.get(e.org_id) : undefined;
    const by = reader.coordinator ? e.actor : !org ? 'system' : org.roles.includes('operator') ? 'coordinator' : org.slug;
    const details = e.kind === 'message' ? byId.get((e.details as { messageId: number }).messageId) ?? null : e.details;
    return { at: e.at, kind: e.kind, by, details };
  });
}
