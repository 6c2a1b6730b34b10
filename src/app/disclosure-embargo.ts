import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { actorLabel, type Actor } from '../domain/access.js';
import { awaitedParties, COORDINATOR_PARTY } from '../domain/disclosure.js';
import { earlyRelease, embargoEnd, extendEmbargo, fromLocalTime, isLifted, showInZone, type Embargo, type EmbargoErrorCode } from '../domain/embargo.js';
import { AppError } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import * as cases from '../store/cases.js';
import { addCaseEvent } from '../store/case-events.js';
import * as store from '../store/disclosure.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { disclosureAccess, requireCoordinator, requireOpen, touchCoordinator, when, type CaseAccess } from './disclosure-access.js';
import { actorOrgId } from './identity.js';

export interface ExtensionView {
  id: string;
  status: string;
  from: { at: string; local: string };
  until: { at: string; local: string };
  reason: string;
  requestedAt: string;
  /** parties that agreed: `coordinator` and vendor slugs */
  agreed: string[];
  /** parties it still waits for */
  awaiting: string[];
}

export interface EmbargoView {
  /** `2027-03-02T15:00:00-05:00 (America/New_York)` */
  publicAt: string;
  at: string;
  zone: string;
  /** the zone's offset from UTC at that instant, `-05:00` */
  utcOffset: string;
  basis: string;
  reason: string;
  agreedBy: string[];
  notifiedAt: { at: string; local: string } | null;
  setAt: string;
  lifted: boolean;
  exploited: boolean;
  extension: ExtensionView | null;
}

export interface EmbargoAnswer {
  embargo: EmbargoView | null;
  policy: { days: number; exploitedDays: number; releaseTime: string; timeZone: string };
}

const CONFLICTS: readonly EmbargoErrorCode[] = ['ALREADY_LIFTED'];

/** The embargo calendar's refusals as ours: about the request body (422 at a pointer), or the embargo's state (409). */
function refused(r: { code: EmbargoErrorCode; message: string }, pointer: string): AppError {
  if (CONFLICTS.includes(r.code)) return new AppError('CONFLICT', r.message);
  return new AppError('VALIDATION_FAILED', r.message, { problems: [{ pointer, message: `${r.code}: ${r.message}` }] });
}

function current(row: store.EmbargoRow): Embargo {
  const at = new Date(row.ends_at);
  const shown = showInZone(at, row.zone);
  return { at, zone: row.zone, local: shown.ok ? shown.value.local : row.ends_at, display: shown.ok ? shown.value.display : row.ends_at, history: [] };
}

/** `YYYY-MM-DD HH:MM` in the zone, or an ISO 8601 instant with its offset. */
function parseUntil(until: string): Date | string | null {
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(until)) return until;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(until)) return null;
  const d = new Date(until);
  return Number.isFinite(d.getTime()) ? d : null;
}

function instant(until: string, zone: string, pointer: string): Date {
  const parsed = parseUntil(until);
  if (parsed === null) throw new AppError('VALIDATION_FAILED', `"${until}" is neither a local time YYYY-MM-DD HH:MM nor an ISO 8601 instant with an offset`, { problems: [{ pointer, message: 'YYYY-MM-DD HH:MM (in the zone) or an ISO 8601 instant with Z or an offset' }] });
  if (parsed instanceof Date) return parsed;
  const r = fromLocalTime(parsed, zone);
  if (!r.ok) throw refused(r, pointer);
  return r.value;
}

async function partyLabels(db: Kysely<Database>, parties: readonly string[]): Promise<string[]> {
  const orgs = new Map((await store.orgsByIds(db, parties.filter((p) => p !== COORDINATOR_PARTY))).map((o) => [o.id, o.slug]));
  return parties.map((p) => (p === COORDINATOR_PARTY ? p : orgs.get(p) ?? p));
}

async function extensionView(db: Kysely<Database>, ext: store.ExtensionRow, zone: string): Promise<ExtensionView> {
  const agreed = await store.agreements(db, ext.id);
  const vendors = (await store.vendorIds(db, ext.case_id)).map((v) => v.org_id);
  return {
    id: ext.id, status: ext.status, from: when(ext.from_at, zone), until: when(ext.until_at, zone), reason: ext.reason, requestedAt: ext.requested_at,
    agreed: await partyLabels(db, agreed), awaiting: ext.status === 'pending' ? await partyLabels(db, awaitedParties(vendors, agreed)) : [],
  };
}

async function answer(ctx: AppContext, caseId: string, now: Date): Promise<EmbargoAnswer> {
  const db = ctx.conn.db;
  const policy = ctx.config.disclosure.embargo;
  const row = await store.getEmbargo(db, caseId);
  const c = await cases.getCase(db, caseId);
  if (!row) return { embargo: null, policy: { ...policy } };
  const shown = when(row.ends_at, row.zone);
  const pending = await store.pendingExtension(db, caseId);
  return {
    embargo: {
      publicAt: shown.local, at: shown.at, zone: row.zone, utcOffset: /([+-]\d{2}:\d{2}) \(/.exec(shown.local)?.[1] ?? '+00:00',
      basis: row.basis, reason: row.reason, agreedBy: row.agreed_by, notifiedAt: row.notified_at ? when(row.notified_at, row.zone) : null, setAt: row.set_at,
      lifted: isLifted({ at: new Date(row.ends_at) }, now), exploited: c?.exploited ?? false,
      extension: pending ? await extensionView(db, pending, row.zone) : null,
    },
    policy: { ...policy },
  };
}

/**
 * The policy's embargo when a case is first released to a vendor (in the release's transaction):
 * the policy's days (its exploited days when exploitation was observed) from the notification, at the
 * policy's release time in its zone. An embargo set by hand before stays as it is.
 */
export async function embargoOnRelease(tx: Kysely<Database>, config: Config, caseId: string, notifiedAt: Date): Promise<void> {
  const c = await cases.getCase(tx, caseId);
  const exploited = c?.exploited ?? false;
  const end = embargoEnd(notifiedAt, config.disclosure.embargo, { exploited });
  if (!end.ok) throw new Error(`embargo policy: ${end.message}`); // configuration is validated at start
  const basis = exploited ? 'exploited' : 'policy';
  const reason = exploited ? `${config.disclosure.embargo.exploitedDays} days from the first vendor notification: exploitation observed` : `${config.disclosure.embargo.days} days from the first vendor notification`;
  if (await store.embargoAtNotification(tx, { case_id: caseId, ends_at: end.value.at, zone: end.value.zone, basis, reason, notified_at: notifiedAt, set_by: 'system' })) {
    const details = { action: 'set', basis, reason, publicAt: when(end.value.at, end.value.zone).local };
    await addCaseEvent(tx, { caseId, actor: 'system', orgId: null, kind: 'embargo', details });
    await appendAudit(tx, { actor: 'system', action: 'embargo.set', subject: `case:${caseId}`, details });
  }
}

export async function getEmbargo(ctx: AppContext, actor: Actor, caseId: string, now = new Date()): Promise<EmbargoAnswer> {
  await disclosureAccess(ctx, actor, caseId);
  return answer(ctx, caseId, now);
}

async function embargoEvent(tx: Kysely<Database>, actor: Actor, caseId: string, details: Record<string, unknown>, audit: string): Promise<void> {
  await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'embargo', details });
  await appendAudit(tx, { actor: actorLabel(actor), action: audit, subject: `case:${caseId}`, details });
}

/**
 * An analyst sets the date by hand (before any release, or to correct its zone). It may move the
 * date earlier, never later: a later date is an extension, which needs every party's agreement.
 */
export async function setEmbargo(ctx: AppContext, actor: Actor, caseId: string, input: { until: string; zone?: string | undefined; reason: string }): Promise<EmbargoAnswer> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'set an embargo by hand');
  requireOpen(a.row);
  const prior = await store.getEmbargo(ctx.conn.db, caseId);
  const zone = input.zone ?? prior?.zone ?? ctx.config.disclosure.embargo.timeZone;
  const zoneOk = showInZone(new Date(), zone);
  if (!zoneOk.ok) throw refused(zoneOk, '/zone');
  const at = instant(input.until, zone, '/until');
  await ctx.conn.db.transaction().execute(async (tx) => {
    const locked = await store.getEmbargo(tx, caseId, true);
    if (locked && at.getTime() > new Date(locked.ends_at).getTime()) {
      throw new AppError('CONFLICT', `the embargo ends ${when(locked.ends_at, locked.zone).local}; a later date is an extension (POST …/embargo/extensions), which the coordinator and every vendor agree to`);
    }
    await store.putEmbargo(tx, { case_id: caseId, ends_at: at, zone, basis: 'manual', reason: input.reason.trim(), agreed_by: [], set_by: actorLabel(actor) });
    const superseded = await store.supersedePending(tx, caseId);
    await touchCoordinator(tx, actor, caseId);
    await embargoEvent(tx, actor, caseId, { action: 'set', basis: 'manual', reason: input.reason.trim(), publicAt: when(at, zone).local, ...(locked ? { previous: when(locked.ends_at, locked.zone).local } : {}), supersededExtensions: superseded }, 'embargo.set');
  });
  return answer(ctx, caseId, new Date());
}

function partyOf(a: CaseAccess, what: string): string {
  if (a.reader.coordinator) return COORDINATOR_PARTY;
  if (a.reader.roles.includes('vendor')) return a.reader.orgId;
  throw new AppError('FORBIDDEN', `only the coordinators and the case's vendors ${what}`);
}

/** Applies a pending extension once every party has agreed, re-checked against the embargo as it is now. */
async function applyIfAgreed(tx: Kysely<Database>, actor: Actor, ext: store.ExtensionRow, now: Date): Promise<void> {
  const agreed = await store.agreements(tx, ext.id);
  const vendors = (await store.vendorIds(tx, ext.case_id)).map((v) => v.org_id);
  if (awaitedParties(vendors, agreed).length) return;
  const row = await store.getEmbargo(tx, ext.case_id, true);
  if (!row) return;
  const agreedBy = await partyLabels(tx, agreed);
  const next = extendEmbargo(current(row), { until: new Date(ext.until_at), reason: ext.reason, agreedBy, now });
  if (!next.ok) {
    await store.closeExtension(tx, ext.id, 'superseded');
    await embargoEvent(tx, actor, ext.case_id, { action: 'extension-lapsed', extension: ext.id, why: next.message }, 'embargo.extension-lapsed');
    return;
  }
  await store.putEmbargo(tx, { case_id: ext.case_id, ends_at: next.value.at, zone: row.zone, basis: 'extension', reason: ext.reason, agreed_by: agreedBy, set_by: actorLabel(actor) });
  await store.closeExtension(tx, ext.id, 'applied');
  await embargoEvent(tx, actor, ext.case_id, { action: 'extended', extension: ext.id, reason: ext.reason, agreedBy, previous: when(row.ends_at, row.zone).local, publicAt: when(next.value.at, row.zone).local }, 'embargo.extend');
}

/**
 * A coordinator or a vendor asks for a later date, with a reason; the asker agrees by asking. It
 * applies once the coordinator and every vendor participant have agreed (one open request at a time).
 */
export async function requestExtension(ctx: AppContext, actor: Actor, caseId: string, input: { days?: number | undefined; until?: string | undefined; reason: string }, now = new Date()): Promise<EmbargoAnswer> {
  const a = await disclosureAccess(ctx, actor, caseId);
  const party = partyOf(a, 'ask for an extension');
  requireOpen(a.row);
  const row = await store.getEmbargo(ctx.conn.db, caseId);
  if (!row) throw new AppError('CONFLICT', `case ${caseId} has no embargo yet: it is set when the first vendor is notified`);
  const until = input.until === undefined ? undefined : instant(input.until, row.zone, '/until');
  const change = extendEmbargo(current(row), { ...(input.days !== undefined ? { days: input.days } : {}), ...(until ? { until } : {}), reason: input.reason, agreedBy: [party], now });
  if (!change.ok) throw refused(change, change.code === 'REASON_REQUIRED' ? '/reason' : change.code === 'INVALID_EXTENSION' ? '' : input.days !== undefined ? '/days' : '/until');
  await ctx.conn.db.transaction().execute(async (tx) => {
    const locked = await store.getEmbargo(tx, caseId, true);
    if (!locked || locked.ends_at !== row.ends_at) throw new AppError('CONFLICT', 'the embargo changed meanwhile; ask again');
    if (await store.pendingExtension(tx, caseId)) throw new AppError('CONFLICT', `case ${caseId} already has an extension request waiting for agreement`);
    const ext = await store.insertExtension(tx, { case_id: caseId, from_at: change.value.history.at(-1)!.from, until_at: change.value.at, reason: input.reason.trim(), requested_by: actorLabel(actor) });
    await store.addAgreement(tx, ext.id, party, actorLabel(actor));
    await touchCoordinator(tx, actor, caseId);
    await embargoEvent(tx, actor, caseId, { action: 'extension-requested', extension: ext.id, reason: ext.reason, until: when(ext.until_at, locked.zone).local }, 'embargo.extension-request');
    await applyIfAgreed(tx, actor, ext, now);
  });
  return answer(ctx, caseId, now);
}

/** A party's agreement to the pending extension; the last one needed applies it. */
export async function agreeExtension(ctx: AppContext, actor: Actor, caseId: string, extensionId: string, now = new Date()): Promise<EmbargoAnswer> {
  const a = await disclosureAccess(ctx, actor, caseId);
  const party = partyOf(a, 'agree to an extension');
  requireOpen(a.row);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.getEmbargo(tx, caseId, true); // agreements on one case queue up behind the embargo row
    const ext = await store.extension(tx, caseId, extensionId);
    if (!ext) throw new AppError('NOT_FOUND', `no extension request '${extensionId}' on case ${caseId}`);
    if (ext.status !== 'pending') throw new AppError('CONFLICT', `the extension request is ${ext.status}`);
    await store.addAgreement(tx, ext.id, party, actorLabel(actor));
    await touchCoordinator(tx, actor, caseId);
    const [label] = await partyLabels(tx, [party]);
    await embargoEvent(tx, actor, caseId, { action: 'extension-agreed', extension: ext.id, party: label }, 'embargo.extension-agree');
    await applyIfAgreed(tx, actor, ext, now);
  });
  return answer(ctx, caseId, now);
}

/**
 * An earlier public date because a fix shipped (a vendor's status is `fixed`) or exploitation was
 * observed (the case's flag); never later than the current end. Pending extensions lapse.
 */
export async function releaseEarly(ctx: AppContext, actor: Actor, caseId: string, input: { reason: 'fixed' | 'exploited'; at?: string | undefined }, now = new Date()): Promise<EmbargoAnswer> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'release an embargo early');
  requireOpen(a.row);
  if (input.reason === 'exploited' && !a.row.exploited) throw new AppError('CONFLICT', `case ${caseId} is not marked exploited (PUT …/exploited first)`);
  if (input.reason === 'fixed' && !(await store.vendorStatuses(ctx.conn.db, caseId)).some((s) => s.status === 'fixed')) throw new AppError('CONFLICT', `no vendor of case ${caseId} has said it is fixed`);
  await ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.getEmbargo(tx, caseId, true);
    if (!row) throw new AppError('CONFLICT', `case ${caseId} has no embargo to release`);
    const at = input.at === undefined ? now : instant(input.at, row.zone, '/at');
    const next = earlyRelease(current(row), { reason: input.reason, at });
    if (!next.ok) throw refused(next, '/at');
    await store.putEmbargo(tx, { case_id: caseId, ends_at: next.value.at, zone: row.zone, basis: 'early-release', reason: input.reason, agreed_by: [], set_by: actorLabel(actor) });
    const superseded = await store.supersedePending(tx, caseId);
    await touchCoordinator(tx, actor, caseId);
    await embargoEvent(tx, actor, caseId, { action: 'released-early', reason: input.reason, previous: when(row.ends_at, row.zone).local, publicAt: when(next.value.at, row.zone).local, supersededExtensions: superseded }, 'embargo.early-release');
  });
  return answer(ctx, caseId, now);
}

/**
 * An analyst marks exploitation observed (or not). When the policy's embargo is still in force, the
 * short policy replaces it if that ends sooner (never before now).
 */
export async function setExploited(ctx: AppContext, actor: Actor, caseId: string, input: { exploited: boolean; reason: string }, now = new Date()): Promise<EmbargoAnswer> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'mark a case exploited');
  requireOpen(a.row);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await cases.lockCase(tx, caseId);
    await store.setExploited(tx, caseId, input.exploited);
    await touchCoordinator(tx, actor, caseId);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'exploited', details: { exploited: input.exploited, reason: input.reason.trim() } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.exploited', subject: `case:${caseId}`, details: { exploited: input.exploited } });
    const row = await store.getEmbargo(tx, caseId, true);
    if (!input.exploited || !row || row.basis !== 'policy' || !row.notified_at) return;
    const short = embargoEnd(new Date(row.notified_at), ctx.config.disclosure.embargo, { exploited: true });
    if (!short.ok) return;
    const at = new Date(Math.max(short.value.at.getTime(), now.getTime()));
    if (at.getTime() >= new Date(row.ends_at).getTime()) return;
    const reason = `${ctx.config.disclosure.embargo.exploitedDays} days from the first vendor notification: exploitation observed`;
    await store.putEmbargo(tx, { case_id: caseId, ends_at: at, zone: row.zone, basis: 'exploited', reason, agreed_by: [], set_by: actorLabel(actor) });
    await embargoEvent(tx, actor, caseId, { action: 'set', basis: 'exploited', reason, previous: when(row.ends_at, row.zone).local, publicAt: when(at, row.zone).local }, 'embargo.set');
  });
  return answer(ctx, caseId, now);
}
