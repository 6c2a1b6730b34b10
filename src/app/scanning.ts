import { actorLabel, hasRole, hasScope, type Actor, type Member } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import { admitClaim, criticality, targetKey, TARGET_KINDS, type TargetInput } from '../domain/scanning.js';
import { appendAudit } from '../store/audit.js';
import * as store from '../store/scanning.js';
import type { AppContext } from './context.js';
import { actorOrgId } from './identity.js';

export interface ClaimView {
  id: string;
  targetId: string;
  org: string;
  scope: string;
  method: string;
  status: 'active' | 'queued' | 'closed' | 'released';
  leaseHours: number;
  createdAt: string;
  startsAt: string | null;
  expiresAt: string | null;
}

export interface TargetView {
  id: string;
  kind: string;
  key: string;
  display: string;
  criticality: number;
  inputs: { subscribers: number; kev: number; weight: number };
  coverage: { reports: number; methods: number; lastScanned: string | null };
  claims: ClaimView[];
}

export interface ReportView {
  id: string;
  targetId: string;
  claimId: string | null;
  revision: string;
  tool: string;
  toolVersion: string;
  runId: string;
  durationSeconds: number;
  findings: number;
  createdAt: string;
}

const claimView = (c: store.ClaimRow): ClaimView => ({
  id: c.id, targetId: c.target_id, org: c.org_slug, scope: c.scope, method: c.method, status: c.status as ClaimView['status'],
  leaseHours: c.lease_hours, createdAt: c.created_at, startsAt: c.starts_at, expiresAt: c.expires_at,
});

const reportView = (r: store.ReportRow): ReportView => ({
  id: r.id, targetId: r.target_id, claimId: r.claim_id, revision: r.revision, tool: r.tool, toolVersion: r.tool_version,
  runId: r.run_id, durationSeconds: r.duration_seconds, findings: r.findings, createdAt: r.created_at,
});

function member(actor: Actor): Member {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  return actor;
}

/** Scanning is done by reporters (AI labs, researchers, scanner operators); operators coordinate. */
function scanner(actor: Actor): Member {
  const m = member(actor);
  if ((!hasRole(m, 'reporter') && !hasRole(m, 'operator')) || !hasScope(m, 'submit')) {
    throw new AppError('FORBIDDEN', 'claims and scan reports need a reporter organization and the submit scope');
  }
  return m;
}

function invalid(problems: Problem[]): never {
  throw new AppError(problems[0]?.code ?? 'VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { problems });
}

/** A required text field: trimmed, non-empty, bounded. */
function text(value: unknown, pointer: string, max: number, problems: Problem[]): string {
  if (typeof value !== 'string' || !value.trim() || value.length > max) {
    problems.push({ pointer, message: `${pointer.slice(1)} must be 1-${max} characters` });
    return '';
  }
  return value.trim();
}

function count(value: unknown, pointer: string, max: number, problems: Problem[]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    problems.push({ pointer, message: `${pointer.slice(1)} must be an integer from 0 to ${max}` });
    return 0;
  }
  return value;
}

/** Registers a target (or finds the one already registered under the same identity). */
export async function registerTarget(ctx: AppContext, actor: Actor, input: TargetInput & { weight?: number }): Promise<TargetView & { created: boolean }> {
  const m = scanner(actor);
  if (!(TARGET_KINDS as readonly string[]).includes(input.kind)) invalid([{ pointer: '/kind', message: `kind must be one of ${TARGET_KINDS.join(', ')}` }]);
  const identity = targetKey(input);
  if ('message' in identity) invalid([identity]);
  const problems: Problem[] = [];
  const weight = input.weight === undefined ? 0 : count(input.weight, '/weight', 10, problems);
  if (problems.length) invalid(problems);
  if (weight && !hasRole(m, 'operator')) throw new AppError('FORBIDDEN', 'only operators weigh targets');
  const { target, created } = await ctx.conn.db.transaction().execute(async (tx) => {
    const put = await store.putTarget(tx, { kind: input.kind, key: identity.key, display: identity.display, weight, created_by_org: actorOrgId(m) });
    if (put.created) await appendAudit(tx, { actor: actorLabel(actor), action: 'target.register', subject: `target:${put.target.id}`, details: { key: identity.key, weight } });
    return put;
  });
  return { ...(await targetView(ctx, target.id)), created };
}

/** The operators' weight: the lever for criticality the data cannot see (a hospital's PACS server, a water utility's SCADA). */
export async function weighTarget(ctx: AppContext, actor: Actor, id: string, weight: number): Promise<TargetView> {
  const m = member(actor);
  if (!hasRole(m, 'operator')) throw new AppError('FORBIDDEN', 'only operators weigh targets');
  const problems: Problem[] = [];
  count(weight, '/weight', 10, problems);
  if (problems.length) invalid(problems);
  await ctx.conn.db.transaction().execute(async (tx) => {
    if (!(await store.setTargetWeight(tx, id, weight))) throw new AppError('NOT_FOUND', `no target '${id}'`);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'target.weigh', subject: `target:${id}`, details: { weight } });
  });
  return targetView(ctx, id);
}

/** Every target, most critical first, with its live claims (visible to all members: that is the deconfliction). */
export async function listTargets(ctx: AppContext, actor: Actor, now = new Date()): Promise<TargetView[]> {
  member(actor);
  return views(ctx, await store.targetsWithStats(ctx.conn.db), now);
}

async function targetView(ctx: AppContext, id: string, now = new Date()): Promise<TargetView> {
  const rows = await store.targetsWithStats(ctx.conn.db, id);
  if (!rows.length) throw new AppError('NOT_FOUND', `no target '${id}'`);
  return (await views(ctx, rows, now))[0]!;
}

async function views(ctx: AppContext, rows: store.TargetStatsRow[], now: Date): Promise<TargetView[]> {
  const claims = await store.openClaims(ctx.conn.db, rows.map((r) => r.id));
  return rows
    .map((t) => {
      const inputs = { subscribers: t.subscribers, kev: t.kev, weight: t.weight };
      return {
        id: t.id, kind: t.kind, key: t.key, display: t.display, criticality: criticality(inputs), inputs,
        coverage: { reports: t.reports, methods: t.methods, lastScanned: t.last_scanned },
        // A lease past its expiry is shown as what it is, even before a write settles it.
        claims: claims.filter((c) => c.target_id === t.id && !(c.status === 'active' && c.expires_at && Date.parse(c.expires_at) <= now.getTime())).map(claimView),
      };
    })
    .sort((a, b) => b.criticality - a.criticality || a.key.localeCompare(b.key));
}

/**
 * Claims a target for a scan under a lease. Another organization's live claim means the claim is
 * refused (with who holds it and until when) or queued behind it, by the operators' policy; the
 * claimant's own live claim is renewed instead of stacked.
 */
export async function claimTarget(
  ctx: AppContext, actor: Actor, targetId: string, input: { scope: unknown; method: unknown; hours?: unknown }, now = new Date(),
): Promise<ClaimView> {
  const m = scanner(actor);
  const problems: Problem[] = [];
  const scope = text(input.scope, '/scope', 500, problems);
  const method = text(input.method, '/method', 200, problems);
  const hours = input.hours === undefined ? Math.min(72, ctx.config.claims.maxHours) : count(input.hours, '/hours', ctx.config.claims.maxHours, problems);
  if (hours === 0 && !problems.length) problems.push({ pointer: '/hours', message: 'a lease lasts at least one hour' });
  if (problems.length) invalid(problems);
  const id = await ctx.conn.db.transaction().execute(async (tx) => {
    if (!(await store.lockTarget(tx, targetId))) throw new AppError('NOT_FOUND', `no target '${targetId}'`);
    await store.settleClaims(tx, targetId, now);
    const open = await store.openClaims(tx, [targetId]);
    const live = open.map((c) => ({ status: c.status as ClaimView['status'], orgId: c.org_id, startsAt: c.starts_at, expiresAt: c.expires_at }));
    const expiresAt = new Date(now.getTime() + hours * 3_600_000);
    const outcome = admitClaim(live, m.orgId, ctx.config.claims.overlap);
    if (outcome === 'refused') {
      const holder = open.find((c) => c.status === 'active') ?? open[0]!;
      throw new AppError('CONFLICT', `${holder.org_slug} holds this target until ${holder.expires_at ?? 'its turn ends'} (${holder.method}); claims do not overlap`, {
        problems: [{ pointer: '/targetId', message: `claimed by ${holder.org_slug} until ${holder.expires_at ?? '-'}` }],
      });
    }
    let claimId: string;
    if (outcome === 'own') {
      const own = open.find((c) => c.org_id === m.orgId)!;
      await store.renewClaim(tx, own.id, { scope, method, lease_hours: hours, expires_at: own.status === 'active' ? expiresAt : null });
      claimId = own.id;
    } else {
      const active = outcome === 'active';
      claimId = (await store.insertClaim(tx, { target_id: targetId, org_id: m.orgId, scope, method, status: outcome, lease_hours: hours, starts_at: active ? now : null, expires_at: active ? expiresAt : null })).id;
    }
    await appendAudit(tx, { actor: actorLabel(actor), action: `claim.${outcome === 'own' ? 'renew' : outcome}`, subject: `claim:${claimId}`, details: { target: targetId, hours, method } });
    return claimId;
  });
  return claimView((await store.getClaim(ctx.conn.db, id))!);
}

/** Gives a claim up before its lease ends; the next queued claim starts. */
export async function releaseClaim(ctx: AppContext, actor: Actor, claimId: string, now = new Date()): Promise<ClaimView> {
  const m = scanner(actor);
  const claim = await store.getClaim(ctx.conn.db, claimId);
  if (!claim || claim.org_id !== m.orgId) throw new AppError('NOT_FOUND', `no claim '${claimId}' of yours`);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.lockTarget(tx, claim.target_id);
    if (claim.status === 'active' || claim.status === 'queued') await store.endClaim(tx, claimId, 'released', now);
    await store.settleClaims(tx, claim.target_id, now);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'claim.release', subject: `claim:${claimId}`, details: { target: claim.target_id } });
  });
  return claimView((await store.getClaim(ctx.conn.db, claimId))!);
}

/**
 * Records a scan — zero findings included, so coverage is known — and closes the claim it was made
 * under. A retry with the same run id returns the stored report and changes nothing.
 */
export async function submitScanReport(ctx: AppContext, actor: Actor, input: Record<string, unknown>, now = new Date()): Promise<{ report: ReportView; created: boolean }> {
  const m = scanner(actor);
  const problems: Problem[] = [];
  const targetId = text(input.targetId, '/targetId', 100, problems);
  const revision = text(input.revision, '/revision', 200, problems);
  const tool = text(input.tool, '/tool', 200, problems);
  const toolVersion = text(input.toolVersion, '/toolVersion', 100, problems);
  const runId = text(input.runId, '/runId', 200, problems);
  const durationSeconds = count(input.durationSeconds, '/durationSeconds', 366 * 24 * 3600, problems);
  const findings = count(input.findings, '/findings', 10_000_000, problems);
  const claimId = input.claimId === undefined || input.claimId === null ? null : text(input.claimId, '/claimId', 100, problems);
  if (problems.length) invalid(problems);
  return ctx.conn.db.transaction().execute(async (tx) => {
    if (!(await store.lockTarget(tx, targetId))) throw new AppError('NOT_FOUND', `no target '${targetId}'`);
    const put = await store.putReport(tx, { target_id: targetId, claim_id: claimId, org_id: m.orgId, revision, tool, tool_version: toolVersion, run_id: runId, duration_seconds: durationSeconds, findings });
    if (!put.created) return { report: reportView(put.report), created: false };
    if (claimId) {
      const claim = await store.getClaim(tx, claimId);
      if (!claim || claim.org_id !== m.orgId || claim.target_id !== targetId) throw new AppError('NOT_FOUND', `no claim '${claimId}' of yours on this target`);
      if (claim.status === 'active' || claim.status === 'queued') await store.endClaim(tx, claimId, 'closed', now);
    }
    await store.settleClaims(tx, targetId, now);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'scan.report', subject: `target:${targetId}`, details: { runId, tool, findings, claim: claimId } });
    return { report: reportView(put.report), created: true };
  });
}

export interface Coverage {
  targets: number;
  scanned: number;
  neverScanned: number;
  /** targets by criticality: the most critical never-scanned ones are the gaps to close first */
  items: Array<Pick<TargetView, 'id' | 'display' | 'kind' | 'criticality' | 'coverage'> & { activeClaim: string | null }>;
}

/** Which targets were scanned, when and by how many independent methods; which never were. */
export async function coverage(ctx: AppContext, actor: Actor, now = new Date()): Promise<Coverage> {
  const targets = await listTargets(ctx, actor, now);
  const scanned = targets.filter((t) => t.coverage.reports > 0).length;
  return {
    targets: targets.length,
    scanned,
    neverScanned: targets.length - scanned,
    items: targets.map((t) => ({
      id: t.id, display: t.display, kind: t.kind, criticality: t.criticality, coverage: t.coverage,
      activeClaim: t.claims.find((c) => c.status === 'active')?.org ?? null,
    })),
  };
}
