import { hasScope, type Actor } from '../domain/access.js';
import { credibilityIndicators, suggestedCredibility, type Indicator } from '../domain/credibility.js';
import { AppError } from '../domain/errors.js';
import type { Finding, FindingAttachment } from '../domain/finding.js';
import { caseEvents } from '../store/case-events.js';
import * as store from '../store/cases.js';
import { releasesOf } from '../store/vendors.js';
import type { AppContext } from './context.js';
import { isAnalyst, reporterRecords, type ReporterRecord } from './reporters.js';

const SEVERITY = ['none', 'low', 'medium', 'high', 'critical'] as const;
const SEVERITY_POINTS = [0, 10, 20, 30, 40];
const OUTCOME_POINTS: Record<string, number> = { C: 20, T: 5, D: -30 };
const REPRODUCTION_POINTS: Record<string, number> = { reproduced: 25, 'fixed-version-clean': 25, 'not-reproduced': -10 };

export interface Priority {
  score: number;
  /** each term of the score, so analysts see why a case is where it is */
  parts: string[];
}

export interface CaseSummary {
  id: string;
  title: string;
  status: string;
  severity: (typeof SEVERITY)[number];
  findings: number;
  reporters: number;
  firstSeen: string;
  updatedAt: string;
  triageOutcome: string | null;
  reproduction: string | null;
  /** the best reporter precision in the case (smoothed), which orders cases of equal priority */
  reporterPrecision: number;
  priority: Priority;
}

/**
 * How urgent a case is to triage: worst claimed severity, independent reporters, the coordinator
 * triage outcome, the last reproduction, and how often its best reporter has been right.
 */
export function priorityOf(row: store.CaseSummaryRow, precision: number): Priority {
  const parts: string[] = [];
  let score = 0;
  const add = (points: number, why: string): void => {
    if (!points) return;
    score += points;
    parts.push(`${points > 0 ? '+' : ''}${points} ${why}`);
  };
  add(SEVERITY_POINTS[row.severity] ?? 0, `${SEVERITY[row.severity] ?? 'none'} severity`);
  add(8 * Math.min(row.reporters.length - 1, 3), `${row.reporters.length} reporters`);
  if (row.outcome) add(OUTCOME_POINTS[row.outcome] ?? 0, `triage ${row.outcome}`);
  if (row.reproduction) add(REPRODUCTION_POINTS[row.reproduction] ?? 0, row.reproduction);
  add(Math.round(20 * precision), `reporter precision ${precision.toFixed(2)}`);
  return { score, parts };
}

function summary(row: store.CaseSummaryRow, records: Map<string, ReporterRecord>): CaseSummary {
  const precision = Math.max(0, ...row.reporters.map((id) => records.get(id)?.smoothed ?? 0.5));
  return {
    id: row.id, title: row.title, status: row.status, severity: SEVERITY[row.severity] ?? 'none', findings: row.findings, reporters: row.reporters.length,
    firstSeen: row.first_seen, updatedAt: row.updated_at, triageOutcome: row.outcome, reproduction: row.reproduction, reporterPrecision: precision,
    priority: priorityOf(row, precision),
  };
}

export type QueueFilter = 'open' | 'all' | 'new' | 'needs-info' | 'confirmed' | 'not-a-vulnerability';

/**
 * Cases, most urgent first. Analysts see every case (open ones by default); a reporter sees the
 * cases holding its own findings; a vendor sees the cases released to it.
 */
export async function listCases(ctx: AppContext, actor: Actor, filter: QueueFilter = 'open', limit = 200): Promise<{ items: CaseSummary[]; total: number }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const statuses = filter === 'open' ? store.OPEN_STATUSES : filter === 'all' ? undefined : [filter];
  let rows: store.CaseSummaryRow[];
  if (isAnalyst(actor)) rows = await store.caseSummaries(ctx.conn.db, { ...(statuses ? { statuses } : {}) });
  else if (hasScope(actor, 'vendor')) {
    const released = await releasesOf(ctx.conn.db, actor.orgId);
    rows = await store.caseSummaries(ctx.conn.db, { ids: released.map((r) => r.case_id), ...(statuses ? { statuses } : {}) });
  } else if (hasScope(actor, 'submit')) rows = await store.caseSummaries(ctx.conn.db, { reporterOrgId: actor.orgId, ...(statuses ? { statuses } : {}) });
  else throw new AppError('FORBIDDEN', 'cases are for analysts, their reporters and the vendors they were released to');
  const records = await reporterRecords(ctx);
  const items = rows.map((r) => summary(r, records));
  items.sort((a, b) => b.priority.score - a.priority.score || b.reporterPrecision - a.reporterPrecision || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
  return { items: items.slice(0, limit), total: items.length };
}

export interface FindingView {
  id: string;
  submissionId: string;
  reporter: { slug: string; name: string };
  externalId: string;
  title: string;
  description: string;
  severity: string | null;
  purl: string | null;
  affectedVersions: string | null;
  repository: string | null;
  commit: string | null;
  location: Finding['location'];
  cwes: string[];
  claimedImpact: string | null;
  aliases: string[];
  ruleId: string | null;
  provenance: Finding['provenance'];
  attachments: Omit<FindingAttachment, 'content'>[];
  dedup: { reason: string; score: number; explanation: string };
  receivedAt: string;
}

export interface CaseView {
  id: string;
  title: string;
  status: string;
  /** how this caller sees the case: analysts all of it, reporters their own findings, vendors what was released */
  access: 'analyst' | 'reporter' | 'vendor';
  verdict: { reason: string | null; by: string | null; at: string | null; duplicateOf: string | null } | null;
  createdAt: string;
  updatedAt: string;
  reporters: { orgId: string; slug: string; name: string; firstSeen: string; findings: number; precision: number | null; decided: number | null }[];
  /** reporters the caller is not shown (a reporter sees only itself) */
  otherReporters: number;
  findings: FindingView[];
  priority: Priority | null;
  triage: { tableId: string; inputs: Record<string, string>; outcome: string; indicators: string[]; decidedBy: string; decidedAt: string } | null;
  credibility: { indicators: Indicator[]; suggested: 'C' | 'NC' } | null;
  events: { at: string; actor: string; kind: string; details: unknown }[];
  releases: { vendorOrgId: string; releasedAt: string }[];
}

function findingView(row: store.CaseFindingRow): FindingView {
  const f = row.record as Finding;
  return {
    id: row.id, submissionId: row.submission_id, reporter: { slug: row.org_slug, name: row.org_name }, externalId: row.external_id, title: row.title,
    description: f.description, severity: row.severity, purl: f.purl, affectedVersions: f.affectedVersions, repository: f.repository, commit: f.commit,
    location: f.location, cwes: f.cwes, claimedImpact: f.claimedImpact, aliases: f.aliases, ruleId: f.ruleId, provenance: f.provenance,
    attachments: f.attachments.map(({ name, kind, mediaType, sha256, size }) => ({ name, kind, mediaType, sha256, size })),
    dedup: { reason: row.dedup_reason, score: row.dedup_score, explanation: row.dedup_explanation }, receivedAt: row.received_at,
  };
}

/** Which view of a case the actor may have, or NOT_FOUND (a case one may not see does not exist for one). */
export async function caseAccess(ctx: AppContext, actor: Actor, id: string): Promise<{ row: store.CaseRow; access: CaseView['access'] }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const row = await store.getCase(ctx.conn.db, id);
  const missing = new AppError('NOT_FOUND', `no case '${id}'`);
  if (!row) throw missing;
  if (isAnalyst(actor)) return { row, access: 'analyst' };
  if (hasScope(actor, 'vendor') && (await releasesOf(ctx.conn.db, actor.orgId, id)).length) return { row, access: 'vendor' };
  if (hasScope(actor, 'submit') && (await store.caseFindings(ctx.conn.db, id, actor.orgId)).length) return { row, access: 'reporter' };
  throw missing;
}

export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<CaseView> {
  const { row, access } = await caseAccess(ctx, actor, id);
  const db = ctx.conn.db;
  const all = await store.caseFindings(db, id);
  const own = actor.kind === 'anonymous' ? '' : actor.orgId;
  const shown = access === 'reporter' ? all.filter((f) => f.org_id === own) : all;
  const records = await reporterRecords(ctx, [...new Set(all.map((f) => f.org_id))]);
  const credit = new Map<string, { orgId: string; slug: string; name: string; firstSeen: string; findings: number }>();
  for (const f of all) {
    const c = credit.get(f.org_id);
    if (c) c.findings++;
    else credit.set(f.org_id, { orgId: f.org_id, slug: f.org_slug, name: f.org_name, firstSeen: f.received_at, findings: 1 });
  }
  const reporters = [...credit.values()]
    .filter((r) => access !== 'reporter' || r.orgId === own)
    .map((r) => {
      const rec = access === 'analyst' ? records.get(r.orgId) : undefined;
      return { ...r, precision: rec?.precision ?? null, decided: rec ? rec.confirmed + rec.notVulnerability : null };
    });
  const events = (await caseEvents(db, id))
    .filter((e) => access === 'analyst' || e.kind === 'verdict' || e.kind === 'reply')
    .map((e) => ({ at: e.at, actor: access === 'analyst' ? e.actor : e.kind === 'reply' ? 'reporter' : 'analyst', kind: e.kind, details: e.details }));
  let priority: Priority | null = null;
  let triage: CaseView['triage'] = null;
  let credibility: CaseView['credibility'] = null;
  if (access === 'analyst') {
    const [sum] = await store.caseSummaries(db, { ids: [id] });
    const t = await store.getTriage(db, id);
    if (t) triage = { tableId: t.table_id, inputs: t.inputs, outcome: t.outcome, indicators: t.indicators as string[], decidedBy: t.decided_by, decidedAt: t.decided_at };
    const best = [...records.values()].sort((a, b) => b.smoothed - a.smoothed)[0];
    if (sum) priority = summary(sum, records).priority;
    const indicators = credibilityIndicators({
      findings: all.map((f) => f.record as Finding),
      reporters: credit.size,
      reproduction: sum?.reproduction ?? null,
      precision: best ? { value: best.smoothed, decided: best.confirmed + best.notVulnerability } : null,
    });
    credibility = { indicators, suggested: suggestedCredibility(indicators) };
  }
  const releases = access === 'reporter' ? [] : (await releasesOf(db, access === 'vendor' ? own : undefined, id)).map((r) => ({ vendorOrgId: r.vendor_org_id, releasedAt: r.released_at }));
  return {
    id: row.id, title: row.title, status: row.status, access,
    verdict: row.verdict_at || row.duplicate_of ? { reason: row.verdict_reason, by: access === 'analyst' ? row.verdict_by : null, at: row.verdict_at, duplicateOf: row.duplicate_of } : null,
    createdAt: row.created_at, updatedAt: row.updated_at, reporters, otherReporters: credit.size - reporters.length,
    findings: shown.map(findingView), priority, triage, credibility, events, releases,
  };
}

/** An attachment's bytes (a PoC, a crash log), for whoever may see the finding's case. */
export async function findingAttachment(ctx: AppContext, actor: Actor, findingId: string, name: string): Promise<{ name: string; mediaType: string; sha256: string; content: Buffer }> {
  const missing = new AppError('NOT_FOUND', `no attachment '${name}' on finding ${findingId}`);
  const f = await store.findingCase(ctx.conn.db, findingId);
  if (!f) throw missing;
  const { access } = await caseAccess(ctx, actor, f.case_id);
  if (access === 'reporter' && actor.kind !== 'anonymous' && f.org_id !== actor.orgId) throw missing;
  const a = await store.attachment(ctx.conn.db, findingId, name);
  if (!a) throw missing;
  return { name: a.name, mediaType: a.media_type, sha256: a.sha256, content: a.content };
}
