import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { actorLabel, type Actor } from '../domain/access.js';
import type { Advisory } from '../domain/advisory.js';
import { AppError } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import type { Tlp } from '../domain/tlp.js';
import { fromLocalTime } from '../domain/embargo.js';
import { toCsaf, validateCsaf } from '../formats/csaf/index.js';
import { cve5Refusal, toCve5 } from '../formats/cve5/advisory.js';
import { toOsv } from '../formats/osv/advisory.js';
import { toCycloneDxVex } from '../formats/vex/index.js';
import * as store from '../store/advisories.js';
import { addCaseEvent, type CaseEventKind } from '../store/case-events.js';
import { appendAudit } from '../store/audit.js';
import * as cases from '../store/cases.js';
import * as disclosure from '../store/disclosure.js';
import type { Database } from '../store/schema.js';
import { vendorsWithPackages } from '../store/vendors.js';
import { draftAdvisory } from './advisory-draft.js';
import { normalizeAdvisory, ownProblems, type AdvisoryInput, type AdvisoryProblem } from './advisory-input.js';
import type { AppContext } from './context.js';
import { allocateId } from './disclosure.js';
import { disclosureAccess, requireCoordinator, requireOpen, touchCoordinator, type CaseAccess } from './disclosure-access.js';
import { actorOrgId } from './identity.js';

export type { AdvisoryInput, AdvisoryProblem } from './advisory-input.js';

export interface AdvisoryView {
  advisory: Advisory;
  caseId: string;
  status: store.AdvisoryStatus;
  tlp: Tlp;
  /** null: publishes at the case's embargo end */
  publishAt: string | null;
  /** send it back with the next edit: an edit made from an older read is refused (409) */
  updatedAt: string;
  /** CSAF 2.0 validation (schema and mandatory tests) of the advisory's CSAF export, and ours; empty when it may be marked ready */
  problems: AdvisoryProblem[];
}

export type ExportFormat = 'csaf' | 'osv' | 'cve5' | 'vex';

async function view(row: store.AdvisoryRow): Promise<AdvisoryView> {
  const advisory = row.document as Advisory;
  const csaf = await validateCsaf(toCsaf(advisory));
  const problems: AdvisoryProblem[] = [
    ...csaf.errors.map((e) => ({ source: 'csaf' as const, test: e.test, pointer: e.instancePath, message: e.message })),
    ...ownProblems(advisory),
  ];
  return { advisory, caseId: row.case_id, status: row.status, tlp: row.tlp as Tlp, publishAt: row.publish_at, updatedAt: row.updated_at, problems };
}

/** The advisory and its case as the actor may see them: coordinators and the case's participants; anyone else NOT_FOUND. */
async function access(ctx: AppContext, actor: Actor, id: string): Promise<{ row: store.AdvisoryRow; case: CaseAccess }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const row = await store.getAdvisory(ctx.conn.db, id);
  const missing = new AppError('NOT_FOUND', `no advisory '${id}'`);
  if (!row) throw missing;
  try {
    return { row, case: await disclosureAccess(ctx, actor, row.case_id) };
  } catch (err) {
    // the advisory of a case one may not see does not exist for one either
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw missing;
    throw err;
  }
}

async function event(tx: Kysely<Database>, actor: Actor, caseId: string, kind: CaseEventKind, action: string, details: Record<string, unknown>): Promise<void> {
  await touchCoordinator(tx, actor, caseId);
  await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId: actorOrgId(actor), kind, details });
  await appendAudit(tx, { actor: actorLabel(actor), action, subject: `advisory:${String(details.advisory)}`, details: { caseId, ...details } });
}

/**
 * A first draft of the case's advisory from what the case holds (advisory-draft.ts says how).
 * Coordinators only, on a confirmed case, once per case; its id is the case's clearinghouse id
 * (allocated now if the case has none yet).
 */
export async function draftFromCase(ctx: AppContext, actor: Actor, caseId: string, now = new Date()): Promise<AdvisoryView & { warnings: string[] }> {
  const a = await disclosureAccess(ctx, actor, caseId);
  requireCoordinator(a, 'draft advisories');
  requireOpen(a.row);
  if (a.row.status !== 'confirmed') throw new AppError('CONFLICT', `case ${caseId} is ${a.row.status}; an advisory is drafted from a confirmed case`);
  const db = ctx.conn.db;
  const existing = await store.advisoryOfCase(db, caseId);
  if (existing) throw new AppError('CONFLICT', `case ${caseId} already has advisory ${existing.id}; edit that one`);
  const ids = a.row.vuln_id ? { id: a.row.vuln_id } : await allocateId(ctx, actor, caseId, now);
  const id = ids.id;
  if (!id) throw new AppError('INTERNAL', `case ${caseId} has no identifier after allocation`);
  const findings = await cases.caseFindings(db, caseId);
  const participants = (await disclosure.participants(db, caseId)).filter((p) => p.role === 'vendor');
  const prefixes = new Map((await vendorsWithPackages(db)).map((v) => [v.id, v.prefixes]));
  const statuses = new Map((await disclosure.vendorStatuses(db, caseId)).map((s) => [s.vendor_org_id, s]));
  const embargo = await disclosure.getEmbargo(db, caseId);
  const { advisory, warnings } = draftAdvisory({
    id, title: a.row.title, cve: a.row.cve_id,
    findings: findings.map((f) => ({ record: f.record as Finding, receivedAt: f.received_at })),
    reporters: (await disclosure.reporters(db, caseId)).map((r) => ({ name: r.name, firstSeen: r.first_seen })),
    vendors: participants.map((p) => ({ name: p.name, prefixes: prefixes.get(p.org_id) ?? [], status: statuses.get(p.org_id)?.status ?? null, statement: statuses.get(p.org_id)?.statement ?? null })),
    embargoEnd: embargo?.ends_at ?? null, now, publisher: { ...ctx.config.advisories.publisher }, publicUrl: ctx.config.advisories.publicUrl,
  });
  const row = await db.transaction().execute(async (tx) => {
    // the unique case_id settles two analysts drafting at once: the second insert fails, answered as a conflict below
    if (await store.advisoryOfCase(tx, caseId)) return null;
    const stored = await store.insertAdvisory(tx, { id, caseId, tlp: advisory.tlp, document: advisory, publishAt: null, by: actorLabel(actor) });
    await event(tx, actor, caseId, 'advisory-draft', 'advisory.draft', { advisory: id, warnings: warnings.length });
    return stored;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) return null;
    throw err;
  });
  if (!row) {
    const other = await store.advisoryOfCase(db, caseId);
    throw new AppError('CONFLICT', `case ${caseId} already has advisory ${other?.id ?? id}; edit that one`);
  }
  return { ...(await view(row)), warnings };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export async function getAdvisory(ctx: AppContext, actor: Actor, id: string): Promise<AdvisoryView> {
  return view((await access(ctx, actor, id)).row);
}

export async function advisoryOfCase(ctx: AppContext, actor: Actor, caseId: string): Promise<AdvisoryView> {
  await disclosureAccess(ctx, actor, caseId);
  const row = await store.advisoryOfCase(ctx.conn.db, caseId);
  if (!row) throw new AppError('NOT_FOUND', `case ${caseId} has no advisory yet`);
  return view(row);
}

/** `YYYY-MM-DD HH:MM` in the embargo zone, or an ISO 8601 instant with an offset; null publishes at the embargo end. */
function publishInstant(ctx: AppContext, at: string | null | undefined): Date | null | undefined {
  if (at === undefined || at === null) return at;
  const problems = [{ pointer: '/publishAt', message: 'YYYY-MM-DD HH:MM (in the embargo zone) or an ISO 8601 instant with Z or an offset, or null' }];
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}$/.test(at)) {
    const r = fromLocalTime(at, ctx.config.disclosure.embargo.timeZone);
    if (!r.ok) throw new AppError('VALIDATION_FAILED', r.message, { problems });
    return r.value;
  }
  const d = new Date(at);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(d.getTime())) throw new AppError('VALIDATION_FAILED', `"${at}" is not a time`, { problems });
  return d;
}

function stale(id: string): AppError {
  return new AppError('CONFLICT', `advisory ${id} was changed since it was read (updatedAt differs); reload it and edit again`);
}

/**
 * An analyst saves the draft: checked and normalized field by field (advisory-input.ts); a bad
 * field refuses the whole edit at its pointer. A draft that CSAF validation still fails is saved
 * (work in progress); its problems come back with it. Only drafts are edited: a ready advisory is
 * reopened first.
 */
export async function updateAdvisory(ctx: AppContext, actor: Actor, id: string, input: { advisory: AdvisoryInput; updatedAt: string; publishAt?: string | null | undefined }): Promise<AdvisoryView> {
  const { row, case: c } = await access(ctx, actor, id);
  requireCoordinator(c, 'edit advisories');
  if (row.status !== 'draft') throw new AppError('CONFLICT', `advisory ${id} is ${row.status}; reopen it to edit`);
  const advisory = normalizeAdvisory(input.advisory, row.document as Advisory);
  const publishAt = publishInstant(ctx, input.publishAt);
  const updated = await ctx.conn.db.transaction().execute(async (tx) => {
    const r = await store.updateAdvisory(tx, id, input.updatedAt, { document: advisory, tlp: advisory.tlp, ...(publishAt === undefined ? {} : { publishAt }), by: actorLabel(actor) });
    if (!r) return null;
    await event(tx, actor, row.case_id, 'advisory-edit', 'advisory.edit', { advisory: id, tlp: advisory.tlp, publishAt: r.publish_at });
    return r;
  });
  if (!updated) throw (await store.getAdvisory(ctx.conn.db, id))?.status === 'draft' ? stale(id) : new AppError('CONFLICT', `advisory ${id} is no longer a draft; reopen it to edit`);
  return view(updated);
}

/**
 * The coordinator approves the draft for publication: no CSAF or own problem left, and a time to
 * publish (publishAt, or else the case's embargo end). Publication itself reads status `ready`.
 */
export async function markReady(ctx: AppContext, actor: Actor, id: string, input: { publishAt?: string | null | undefined } = {}): Promise<AdvisoryView> {
  const { row, case: c } = await access(ctx, actor, id);
  requireCoordinator(c, 'approve advisories');
  if (row.status !== 'draft') throw new AppError('CONFLICT', `advisory ${id} is ${row.status}, not a draft`);
  const current = await view(row);
  if (current.problems.length) {
    throw new AppError('CONFLICT', `advisory ${id} has ${current.problems.length} problem(s) left; fix them first`, {
      problems: current.problems.map((p) => ({ pointer: p.source === 'aicc' ? `/advisory${p.pointer}` : p.pointer, message: `${p.source === 'csaf' ? `CSAF ${p.test}: ` : ''}${p.message}`, code: 'CONFLICT' as const })),
    });
  }
  const requested = publishInstant(ctx, input.publishAt);
  const publishAt = requested === undefined ? (row.publish_at ? new Date(row.publish_at) : null) : requested;
  if (!publishAt && !(await disclosure.getEmbargo(ctx.conn.db, row.case_id))) {
    throw new AppError('VALIDATION_FAILED', `case ${row.case_id} has no embargo: say when advisory ${id} publishes`, { problems: [{ pointer: '/publishAt', message: 'required when the case has no embargo' }] });
  }
  const updated = await ctx.conn.db.transaction().execute(async (tx) => {
    const r = await store.updateAdvisory(tx, id, row.updated_at, { status: 'ready', publishAt, by: actorLabel(actor) });
    if (r) await event(tx, actor, row.case_id, 'advisory-ready', 'advisory.ready', { advisory: id, publishAt: r.publish_at });
    return r;
  });
  if (!updated) throw stale(id);
  return view(updated);
}

/** A ready advisory goes back to draft (to be edited); it no longer publishes until marked ready again. */
export async function reopen(ctx: AppContext, actor: Actor, id: string): Promise<AdvisoryView> {
  const { row, case: c } = await access(ctx, actor, id);
  requireCoordinator(c, 'reopen advisories');
  if (row.status !== 'ready') throw new AppError('CONFLICT', `advisory ${id} is ${row.status}; only a ready advisory is reopened`);
  const updated = await ctx.conn.db.transaction().execute(async (tx) => {
    const r = await store.updateAdvisory(tx, id, row.updated_at, { status: 'draft', by: actorLabel(actor) });
    if (r) await event(tx, actor, row.case_id, 'advisory-reopen', 'advisory.reopen', { advisory: id });
    return r;
  });
  if (!updated) throw stale(id);
  return view(updated);
}

/**
 * The CVE record's assigner: the configured CNA (AICC_CNA_ORG_ID, AICC_CNA_SHORT_NAME). Without one,
 * a UUID derived from the publisher namespace (SHA-1) stands in, stable per installation, for the CNA
 * to replace when it submits the record; it carries version 4 bits, the only layout the CVE schema
 * accepts.
 */
function assigner(ctx: AppContext): { assignerOrgId: string; assignerShortName: string } {
  const cna = ctx.config.advisories.cna;
  if (cna) return { assignerOrgId: cna.orgId, assignerShortName: cna.shortName };
  const h = createHash('sha1').update(ctx.config.advisories.publisher.namespace).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const shortName = ctx.config.advisories.publisher.name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32).padEnd(2, '_');
  return { assignerOrgId: uuid, assignerShortName: shortName };
}

/** The advisory as a document of one format; the same read access as getAdvisory. */
export async function exportAdvisory(ctx: AppContext, actor: Actor, id: string, format: ExportFormat): Promise<object> {
  const { row } = await access(ctx, actor, id);
  const a = row.document as Advisory;
  switch (format) {
    case 'csaf':
      return toCsaf(a);
    case 'osv':
      return toOsv(a);
    case 'vex':
      // the BOM is dated by the advisory's last change, so one version always exports the same bytes
      return toCycloneDxVex(a, { timestamp: row.updated_at });
    case 'cve5': {
      const refusal = cve5Refusal(a);
      const record = refusal ? null : toCve5(a, assigner(ctx));
      if (!record) throw new AppError('VALIDATION_FAILED', refusal ?? `advisory ${id} cannot be a CVE record`, { problems: [{ pointer: a.cve ? '/advisory/products' : '/advisory/cve', message: refusal ?? 'not representable' }] });
      return record;
    }
  }
}
