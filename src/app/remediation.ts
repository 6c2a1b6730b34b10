import type { Kysely } from 'kysely';
import { actorLabel, hasRole, hasScope, type Actor } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import { purlParts } from '../engine/match-key.js';
import { KNOWN_JUSTIFICATIONS, normalizeJustification, parseVexStatements, productLabel, type VexFormat, type VexProduct, type VexStatement, type VexStatus } from '../formats/vex-statements/index.js';
import { appendAudit } from '../store/audit.js';
import { findOrg } from '../store/identity.js';
import * as store from '../store/remediation.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';

export const REMEDIATION_STATUSES = ['open', 'in_progress', 'fixed', 'mitigated', 'not_affected', 'accepted_risk'] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];
export type ReportSource = 'api' | 'vex' | 'ui' | 'cli';

export interface RemediationInput {
  status: string;
  justification?: string | null | undefined;
  statement?: string | undefined;
}

export interface ExposureRemediationView {
  id: number;
  org: string;
  asset: string;
  vulnId: string;
  status: string;
  statusAt: string;
  remediatedAt: string | null;
  dueDate: string | null;
  resolvedAt: string | null;
}

export interface RemediationReportView {
  id: number;
  status: string;
  justification: string | null;
  statement: string;
  source: string;
  reportedBy: string;
  reportedAt: string;
}

export interface VexImportResult {
  format: VexFormat;
  statements: number;
  /** every exposure a statement matched; `changed` is false where it already stood so (nothing written) */
  applied: Array<{ exposureId: number; vulnId: string; asset: string; status: RemediationStatus; changed: boolean }>;
  /** statement × product pairs that changed nothing, with why; product is null for a statement naming none */
  unmatched: Array<{ vulnerability: string; product: string | null; reason: string }>;
}

const MAX_STATEMENT = 10_000;

/** What a subscriber's VEX statement means for its own exposure. */
const VEX_STATUS: Readonly<Record<VexStatus, RemediationStatus>> = {
  affected: 'in_progress',
  under_investigation: 'in_progress',
  fixed: 'fixed',
  not_affected: 'not_affected',
};

interface Change {
  status: RemediationStatus;
  justification: string | null;
  statement: string;
}

const exposureView = (e: store.ExposureRow): ExposureRemediationView => ({
  id: e.id, org: e.org_slug, asset: e.asset, vulnId: e.vuln_id, status: e.status, statusAt: e.status_at,
  remediatedAt: e.remediated_at, dueDate: e.due_date, resolvedAt: e.resolved_at,
});

const reportView = (r: store.ReportRow): RemediationReportView => ({
  id: Number(r.id), status: r.status, justification: r.justification, statement: r.statement, source: r.source, reportedBy: r.reported_by, reportedAt: r.reported_at,
});

/**
 * Whose exposures: a subscriber organization's own, or, for an operator, the subscriber
 * organization it names. Any other organization reads as unknown, so ids reveal nothing.
 */
async function subscriberOrg(ctx: AppContext, actor: Actor, slug: string | undefined): Promise<{ id: string; slug: string }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasScope(actor, 'inventory')) throw new AppError('FORBIDDEN', 'remediation reports need the inventory scope');
  if (slug && slug !== actor.orgSlug) {
    const org = hasRole(actor, 'operator') ? await findOrg(ctx.conn.db, slug) : undefined;
    if (!org?.roles.includes('subscriber')) throw new AppError('NOT_FOUND', `no subscriber organization '${slug}'`);
    return { id: org.id, slug: org.slug };
  }
  if (!hasRole(actor, 'subscriber')) {
    throw new AppError('FORBIDDEN', hasRole(actor, 'operator') ? 'operators report for a subscriber organization: name it (org)' : 'only subscriber organizations report remediation');
  }
  return { id: actor.orgId, slug: actor.orgSlug };
}

function exposureId(id: number | string, org: string): number {
  const n = typeof id === 'number' ? id : /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('NOT_FOUND', `no exposure '${String(id).slice(0, 40)}' in ${org}`);
  return n;
}

/** A report as typed by a person: not_affected takes a justification, accepted_risk a statement. */
function checkReport(input: RemediationInput): Change {
  const problems: Problem[] = [];
  const status = input.status as RemediationStatus;
  if (!REMEDIATION_STATUSES.includes(status)) problems.push({ pointer: '/status', message: `status is one of ${REMEDIATION_STATUSES.join(', ')}` });
  let justification: string | null = null;
  const given = input.justification?.trim();
  if (given) {
    justification = normalizeJustification(given);
    if (status !== 'not_affected') problems.push({ pointer: '/justification', message: 'only not_affected takes a justification' });
    else if (!justification) problems.push({ pointer: '/justification', message: `unknown justification '${given.slice(0, 60)}': one of ${KNOWN_JUSTIFICATIONS.join(', ')} (or a CycloneDX code)` });
  } else if (status === 'not_affected') {
    problems.push({ pointer: '/justification', message: `not_affected needs a justification: one of ${KNOWN_JUSTIFICATIONS.join(', ')}` });
  }
  const statement = input.statement?.trim() ?? '';
  if (statement.length > MAX_STATEMENT) problems.push({ pointer: '/statement', message: `a statement has at most ${MAX_STATEMENT} characters` });
  if (status === 'accepted_risk' && !statement) problems.push({ pointer: '/statement', message: 'accepted_risk needs a statement: why the risk is accepted, by whom, until when' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { problems });
  return { status, justification, statement };
}

/** The status change, its report and its audit entry, in the caller's transaction on a locked row. */
async function apply(tx: Kysely<Database>, e: store.ExposureRow, change: Change, source: ReportSource, actor: Actor, details: Record<string, unknown> = {}) {
  const by = actorLabel(actor);
  const set = await store.setExposureStatus(tx, e.id, change.status);
  const report = await store.insertReport(tx, { exposure_id: e.id, status: change.status, justification: change.justification, statement: change.statement, source, reported_by: by });
  await appendAudit(tx, {
    actor: by, action: 'exposure.remediation', subject: `exposure:${e.id}`,
    details: { org: e.org_slug, asset: e.asset, vuln: e.vuln_id, from: e.status, to: change.status, justification: change.justification, source, report: Number(report.id), ...details },
  });
  return { exposure: { ...e, status: change.status, ...set }, report };
}

/** A subscriber reports where one exposure stands; every report is kept as its history. */
export async function reportRemediation(
  ctx: AppContext, actor: Actor, id: number | string, input: RemediationInput, source: ReportSource, orgSlug?: string,
): Promise<{ exposure: ExposureRemediationView; report: RemediationReportView }> {
  const org = await subscriberOrg(ctx, actor, orgSlug);
  const n = exposureId(id, org.slug);
  const change = checkReport(input);
  return ctx.conn.db.transaction().execute(async (tx) => {
    const e = await store.findExposure(tx, org.id, n, true);
    if (!e) throw new AppError('NOT_FOUND', `no exposure '${n}' in ${org.slug}`);
    const done = await apply(tx, e, change, source, actor);
    return { exposure: exposureView(done.exposure), report: reportView(done.report) };
  });
}

/** The exposure and every report on it, oldest first. */
export async function remediationHistory(ctx: AppContext, actor: Actor, id: number | string, orgSlug?: string): Promise<{ exposure: ExposureRemediationView; items: RemediationReportView[] }> {
  const org = await subscriberOrg(ctx, actor, orgSlug);
  const n = exposureId(id, org.slug);
  const e = await store.findExposure(ctx.conn.db, org.id, n);
  if (!e) throw new AppError('NOT_FOUND', `no exposure '${n}' in ${org.slug}`);
  return { exposure: exposureView(e), items: (await store.reportHistory(ctx.conn.db, n)).map(reportView) };
}

/** A component list entry as the distribution writes it (the package is a match key). */
interface ExposedComponent {
  package?: unknown;
  installed?: unknown;
}

/** A purl's match key covers the same key with a distro qualifier when it names none itself. */
const sameKey = (vex: string, held: string) => vex === held || (!vex.includes('?') && held.startsWith(`${vex}?distro=`));

function productMatches(p: VexProduct, e: store.ExposureRow): boolean {
  if (p.purl) {
    const { key, version } = purlParts(p.purl);
    const held = Array.isArray(e.components) ? (e.components as ExposedComponent[]) : [];
    if (held.some((c) => typeof c.package === 'string' && sameKey(key, c.package) && (version === null || c.installed === version))) return true;
  }
  if (p.cpe && e.asset_cpes.some((c) => c.toLowerCase() === p.cpe!.toLowerCase())) return true;
  return p.name !== undefined && p.name === e.asset;
}

/** What a statement leaves in the report: its impact statement, and the action it calls for. */
function statementText(s: VexStatement): string {
  const text = [s.statement, s.action && `action: ${s.action}`].filter(Boolean).join('\n');
  return text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT - 1)}…` : text;
}

interface Planned {
  exposure: store.VexCandidateRow;
  change: Change;
  vex: VexStatus;
}

/**
 * A subscriber's VEX document (CycloneDX, OpenVEX or CSAF) applied to its own exposures that still
 * match: a statement reaches an exposure when the vulnerability is the exposure's or one of its
 * aliases, and a product is a component the asset holds (match key, and version when the purl has
 * one), one of its CPEs, or its name. One transaction: every change or none. What reaches nothing
 * is listed, not refused; a second statement setting an exposure to another status is listed too.
 */
export async function importVex(ctx: AppContext, actor: Actor, input: { text: string; name: string; org?: string | undefined }): Promise<VexImportResult> {
  const org = await subscriberOrg(ctx, actor, input.org);
  const parsed = parseVexStatements(input.text, input.name);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new AppError(first?.code ?? 'VALIDATION_FAILED', `${input.name} was rejected: ${first?.message ?? 'not a VEX document'}`, { problems: parsed.problems });
  }
  const statements = parsed.value;
  const names = [...new Set(statements.flatMap((s) => [s.vulnerability, ...s.aliases]))];
  const candidates = await store.exposuresNamed(ctx.conn.db, org.id, names);

  const plan = new Map<number, Planned>();
  const unmatched: VexImportResult['unmatched'] = [];
  for (const s of statements) {
    const miss = (product: string | null, reason: string) => unmatched.push({ vulnerability: s.vulnerability, product, reason });
    const ids = new Set([s.vulnerability, ...s.aliases]);
    const known = candidates.filter((e) => e.names.some((n) => ids.has(n)));
    const change: Change = { status: VEX_STATUS[s.status], justification: s.justification, statement: statementText(s) };
    if (!s.products.length) {
      miss(null, 'the statement names no product');
      continue;
    }
    if (s.status === 'not_affected' && !change.justification && !change.statement) {
      for (const p of s.products) miss(productLabel(p), 'not_affected without a justification or an impact statement');
      continue;
    }
    for (const p of s.products) {
      const label = productLabel(p);
      const hits = known.filter((e) => productMatches(p, e));
      if (!hits.length) {
        miss(label, known.length ? `no exposure of ${org.slug} to ${s.vulnerability} is on an asset that holds or is ${label}` : `${org.slug} has no open exposure to ${s.vulnerability}`);
        continue;
      }
      for (const e of hits) {
        const planned = plan.get(e.id);
        if (!planned) plan.set(e.id, { exposure: e, change, vex: s.status });
        else if (planned.change.status !== change.status) {
          miss(label, `exposure ${e.id} (${e.asset}) is stated ${planned.vex} by an earlier statement of this document`);
        }
      }
    }
  }

  const applied = await ctx.conn.db.transaction().execute(async (tx) => {
    const locked = await store.lockExposures(tx, org.id, [...plan.keys()]);
    const latest = await store.latestReports(tx, [...locked.keys()]);
    const out: VexImportResult['applied'] = [];
    for (const [id, p] of [...plan].sort(([a], [b]) => a - b)) {
      const e = locked.get(id);
      if (!e) {
        unmatched.push({ vulnerability: p.exposure.vuln_id, product: p.exposure.asset, reason: `exposure ${id} is gone` });
        continue;
      }
      const last = latest.get(id);
      // the same document again changes nothing and writes no history
      const same = e.status === p.change.status && last?.status === p.change.status && last.justification === p.change.justification && last.statement === p.change.statement;
      if (!same) await apply(tx, e, p.change, 'vex', actor, { document: input.name.slice(0, 200) });
      out.push({ exposureId: id, vulnId: e.vuln_id, asset: e.asset, status: p.change.status, changed: !same });
    }
    return out;
  });
  return { format: parsed.format, statements: statements.length, applied, unmatched };
}
