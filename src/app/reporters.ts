import { hasRole, hasScope, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import * as store from '../store/cases.js';
import type { AppContext } from './context.js';

/** A reporter's record: distinct cases it reported by outcome, and its precision over the decided ones. */
export interface ReporterRecord {
  orgId: string;
  slug: string;
  name: string;
  findings: number;
  cases: number;
  confirmed: number;
  notVulnerability: number;
  pending: number;
  /** confirmed / decided (confirmed + not a vulnerability); null before any decision */
  precision: number | null;
  /** (confirmed + 1) / (decided + 2): ranks a newcomer at 0.5 rather than at an extreme */
  smoothed: number;
}

/**
 * Per-reporter precision, counted over distinct cases rather than findings so a reporter cannot
 * raise (or sink) it by sending one bug many times. Duplicate cases count where they were merged.
 */
export async function reporterRecords(ctx: AppContext, orgIds?: readonly string[]): Promise<Map<string, ReporterRecord>> {
  const out = new Map<string, ReporterRecord>();
  for (const row of await store.reporterRecords(ctx.conn.db, orgIds)) {
    let r = out.get(row.org_id);
    if (!r) {
      r = { orgId: row.org_id, slug: row.slug, name: row.name, findings: 0, cases: 0, confirmed: 0, notVulnerability: 0, pending: 0, precision: null, smoothed: 0.5 };
      out.set(row.org_id, r);
    }
    r.findings += row.findings;
    if (row.status === 'duplicate') continue;
    r.cases += row.cases;
    if (row.status === 'confirmed') r.confirmed += row.cases;
    else if (row.status === 'not-a-vulnerability') r.notVulnerability += row.cases;
    else r.pending += row.cases;
  }
  for (const r of out.values()) {
    const decided = r.confirmed + r.notVulnerability;
    r.precision = decided ? r.confirmed / decided : null;
    r.smoothed = (r.confirmed + 1) / (decided + 2);
  }
  return out;
}

/** Every reporter's record, best first, for analysts. */
export async function listReporters(ctx: AppContext, actor: Actor): Promise<ReporterRecord[]> {
  requireAnalyst(actor);
  return [...(await reporterRecords(ctx)).values()].sort((a, b) => b.smoothed - a.smoothed || b.cases - a.cases || a.slug.localeCompare(b.slug));
}

/** Analysts: operators holding the triage scope. */
export function requireAnalyst(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasRole(actor, 'operator') || !hasScope(actor, 'triage')) throw new AppError('FORBIDDEN', 'this needs an operator (analyst) with the triage scope');
}

export function isAnalyst(actor: Actor): boolean {
  return actor.kind !== 'anonymous' && hasRole(actor, 'operator') && hasScope(actor, 'triage');
}

/** A reporter's own submissions, newest first, for its portal. */
export async function mySubmissions(ctx: AppContext, actor: Actor, limit = 100) {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasScope(actor, 'submit')) throw new AppError('FORBIDDEN', 'submissions are a reporter\'s (the submit scope)');
  const rows = await store.submissionsOf(ctx.conn.db, actor.orgId, limit);
  return rows.map((r) => ({ id: r.id, clientKey: r.client_key, name: r.name, format: r.format, sha256: r.sha256, findings: r.findings, receivedAt: r.received_at }));
}
