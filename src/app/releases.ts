import { actorLabel, isOperatorAdmin, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import { addCaseEvent } from '../store/case-events.js';
import * as cases from '../store/cases.js';
import { getLimits, putLimits } from '../store/flow.js';
import { findOrg } from '../store/identity.js';
import * as store from '../store/vendors.js';
import { priorityOf } from './cases.js';
import type { AppContext } from './context.js';
import { recordVendorRelease } from './disclosure.js';
import { limitsOf } from './flow.js';
import { isAnalyst, reporterRecords, requireAnalyst } from './reporters.js';

const WEEK = 7 * 24 * 3600_000;
const PREFIX = /^(pkg:[a-z][a-z0-9.+-]*\/\S*|https?:\/\/\S+)$/;

export interface VendorSchedule {
  orgId: string;
  slug: string;
  name: string;
  prefixes: string[];
  /** confirmed cases it has said it can absorb per rolling 7 days */
  casesPerWeek: number;
  releasedLastWeek: number;
  /** confirmed cases waiting for a slot, most urgent first, each with when its slot opens */
  queued: { caseId: string; title: string; priority: number; releasableAt: string }[];
}

/**
 * What a vendor maintains (purl or repository URL prefixes) and how many confirmed cases per week
 * it can absorb. Operators (analysts or admins) set it; the vendor's own organization must hold the vendor role.
 */
export async function setVendor(ctx: AppContext, actor: Actor, slug: string, input: { prefixes: string[]; casesPerWeek?: number | null }): Promise<VendorSchedule> {
  if (!isAnalyst(actor) && !isOperatorAdmin(actor)) throw new AppError('FORBIDDEN', 'only operators set what a vendor maintains');
  const org = await findOrg(ctx.conn.db, slug);
  if (!org) throw new AppError('NOT_FOUND', `no organization '${slug}'`);
  if (!org.roles.includes('vendor')) throw new AppError('CONFLICT', `${slug} is not a vendor organization`);
  const bad = input.prefixes.findIndex((p) => !PREFIX.test(p));
  if (bad >= 0) throw new AppError('VALIDATION_FAILED', `prefix ${JSON.stringify(input.prefixes[bad])} is not a purl (pkg:type/…) or http(s) URL prefix`, { problems: [{ pointer: `/prefixes/${bad}`, message: 'a purl or repository URL prefix' }] });
  const prefixes = [...new Set(input.prefixes)].sort();
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.setPackages(tx, org.id, prefixes);
    if (input.casesPerWeek !== undefined) {
      const prior = await getLimits(tx, org.id);
      await putLimits(tx, {
        org_id: org.id, submissions_per_hour: prior?.submissions_per_hour ?? null, findings_per_day: prior?.findings_per_day ?? null,
        cases_per_week: input.casesPerWeek, updated_by: actorLabel(actor),
      });
    }
    await appendAudit(tx, { actor: actorLabel(actor), action: 'vendor.set', subject: `org:${org.id}`, details: { prefixes, casesPerWeek: input.casesPerWeek ?? null } });
  });
  await releaseDue(ctx);
  const schedule = (await schedules(ctx)).find((s) => s.orgId === org.id);
  return schedule ?? { orgId: org.id, slug: org.slug, name: org.name, prefixes, casesPerWeek: (await limitsOf(ctx, org.id)).casesPerWeek, releasedLastWeek: 0, queued: [] };
}

export async function listVendors(ctx: AppContext, actor: Actor): Promise<VendorSchedule[]> {
  requireAnalyst(actor);
  return schedules(ctx);
}

async function schedules(ctx: AppContext): Promise<VendorSchedule[]> {
  const db = ctx.conn.db;
  const records = await reporterRecords(ctx);
  const out: VendorSchedule[] = [];
  for (const v of await store.vendorsWithPackages(db)) {
    const casesPerWeek = v.cases_per_week ?? ctx.config.intake.vendorCasesPerWeek;
    const since = Date.now() - WEEK;
    const recent = (await store.releasesOf(db, v.id)).filter((r) => Date.parse(r.released_at) > since);
    const waiting = await ranked(ctx, await store.unreleasedFor(db, v.id), records);
    // a slot opens a week after each release in the window; after those, a week after the slot before
    const opens = recent.map((r) => Date.parse(r.released_at) + WEEK);
    const free = Math.max(0, casesPerWeek - recent.length);
    const queued = waiting.map((c, i) => {
      const at = i < free ? Date.now() : (opens[(i - free) % Math.max(1, opens.length)] ?? Date.now()) + WEEK * Math.floor((i - free) / Math.max(1, casesPerWeek));
      return { caseId: c.id, title: c.title, priority: c.priority, releasableAt: new Date(at).toISOString() };
    });
    out.push({ orgId: v.id, slug: v.slug, name: v.name, prefixes: v.prefixes, casesPerWeek, releasedLastWeek: recent.length, queued });
  }
  return out;
}

async function ranked(ctx: AppContext, ids: string[], records: Awaited<ReturnType<typeof reporterRecords>>) {
  if (!ids.length) return [];
  const rows = await cases.caseSummaries(ctx.conn.db, { ids });
  return rows
    .map((r) => ({ id: r.id, title: r.title, firstSeen: r.first_seen, priority: priorityOf(r, Math.max(0, ...r.reporters.map((o) => records.get(o)?.smoothed ?? 0.5))).score }))
    .sort((a, b) => b.priority - a.priority || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
}

/**
 * Releases confirmed cases to their vendors, most urgent first, never more than a vendor's weekly
 * capacity in any rolling 7 days. Runs after every confirmation, when a vendor is set, and on a schedule
 * (the `release-due` job, every AICC_RELEASE_INTERVAL_SECONDS), as slots free when the week moves on.
 * One run at a time (an advisory lock), so two processes cannot both fill the same slot; under the lock
 * the vendor's releases are counted again and its waiting cases read again, as another run may have
 * released some of them since the schedule was read.
 */
export async function releaseDue(ctx: AppContext): Promise<number> {
  let released = 0;
  for (const v of await schedules(ctx)) {
    if (v.releasedLastWeek >= v.casesPerWeek || !v.queued.length) continue;
    await ctx.conn.db.transaction().execute(async (tx) => {
      await store.lockReleases(tx);
      let free = v.casesPerWeek - (await store.releasedSince(tx, v.orgId, new Date(Date.now() - WEEK)));
      if (free <= 0) return;
      const waiting = new Set(await store.unreleasedFor(tx, v.orgId));
      for (const c of v.queued) {
        if (free <= 0) break;
        if (!waiting.has(c.caseId) || !(await store.insertRelease(tx, c.caseId, v.orgId))) continue;
        free--;
        released++;
        await addCaseEvent(tx, { caseId: c.caseId, actor: 'system', orgId: null, kind: 'release', details: { vendor: v.slug, priority: c.priority } });
        await recordVendorRelease(tx, ctx.config, { caseId: c.caseId, vendorOrgId: v.orgId, source: 'auto', addedBy: 'system' });
        await appendAudit(tx, { actor: 'system', action: 'case.release', subject: `case:${c.caseId}`, details: { vendor: v.slug } });
      }
    });
  }
  return released;
}
