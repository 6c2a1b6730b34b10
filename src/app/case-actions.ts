import { actorLabel, type Actor } from '../domain/access.js';
import { INDICATOR_KEYS } from '../domain/credibility.js';
import { AppError } from '../domain/errors.js';
import { decide, DecisionInputError } from '../domain/ssvc.js';
import { appendAudit } from '../store/audit.js';
import { addCaseEvent } from '../store/case-events.js';
import * as store from '../store/cases.js';
import { caseAccess, getCase, type CaseView } from './cases.js';
import { actorOrgId } from './identity.js';
import type { AppContext } from './context.js';
import { COORDINATOR_TRIAGE, decisionTable } from './decision-tables.js';
import { releaseDue } from './releases.js';
import { requireAnalyst } from './reporters.js';
import { serially } from './serial.js';

export const VERDICTS = ['confirmed', 'not-a-vulnerability', 'needs-info', 'duplicate'] as const;
export type Verdict = (typeof VERDICTS)[number];

async function openCase(ctx: AppContext, id: string): Promise<store.CaseRow> {
  const row = await store.getCase(ctx.conn.db, id);
  if (!row) throw new AppError('NOT_FOUND', `no case '${id}'`);
  if (row.status === 'duplicate') throw new AppError('CONFLICT', `case ${id} was merged into ${row.duplicate_of ?? 'another case'}; act on that one`);
  return row;
}

/**
 * An analyst's verdict with its reason. `duplicate` merges the case into the one it duplicates;
 * `needs-info` asks the reporters, whose reply reopens the case; `confirmed` makes it eligible for
 * release to its vendors within their capacity.
 */
export async function setVerdict(ctx: AppContext, actor: Actor, id: string, input: { verdict: Verdict; reason: string; duplicateOf?: string | undefined }): Promise<CaseView> {
  requireAnalyst(actor);
  const reason = input.reason.trim();
  if (!reason) throw new AppError('VALIDATION_FAILED', 'a verdict needs a reason', { problems: [{ pointer: '/reason', message: 'required' }] });
  if (input.verdict === 'duplicate') {
    if (!input.duplicateOf) throw new AppError('VALIDATION_FAILED', 'a duplicate verdict names the case it duplicates', { problems: [{ pointer: '/duplicateOf', message: 'required for duplicate' }] });
    await mergeCases(ctx, actor, input.duplicateOf, id, reason);
    return getCase(ctx, actor, id);
  }
  await openCase(ctx, id);
  await ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.lockCase(tx, id);
    if (!row || row.status === 'duplicate') throw new AppError('CONFLICT', `case ${id} was merged meanwhile`);
    await store.setVerdict(tx, id, { status: input.verdict, reason, by: actorLabel(actor), duplicateOf: null });
    await addCaseEvent(tx, { caseId: id, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'verdict', details: { verdict: input.verdict, reason, previous: row.status } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.verdict', subject: `case:${id}`, details: { verdict: input.verdict, previous: row.status } });
  });
  if (input.verdict === 'confirmed') await releaseDue(ctx);
  return getCase(ctx, actor, id);
}

/**
 * Records SSVC coordinator triage: the analyst's value for each decision point, the credibility
 * indicators they weighed, and the table's outcome (Decline, Track, Coordinate).
 */
export async function recordTriage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { inputs: Record<string, string>; indicators?: string[] | undefined; tableId?: string | undefined },
): Promise<CaseView> {
  requireAnalyst(actor);
  await openCase(ctx, id);
  const tableId = input.tableId ?? COORDINATOR_TRIAGE;
  const table = await decisionTable(ctx, tableId);
  if (!table) throw new AppError('NOT_FOUND', `decision table ${tableId} is not loaded (an operator loads it: aicc ssvc load FILE, or PUT /api/v1/decision-tables)`);
  const indicators = input.indicators ?? [];
  const unknown = indicators.findIndex((k) => !(INDICATOR_KEYS as readonly string[]).includes(k));
  if (unknown >= 0) throw new AppError('VALIDATION_FAILED', `unknown credibility indicator '${indicators[unknown]}'`, { problems: [{ pointer: `/indicators/${unknown}`, message: `one of ${INDICATOR_KEYS.join(', ')}` }] });
  let decision;
  try {
    decision = decide(table, input.inputs);
  } catch (err) {
    if (err instanceof DecisionInputError) throw new AppError('VALIDATION_FAILED', err.message, { problems: [{ pointer: `/inputs/${err.pointId.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: err.message }] });
    throw err;
  }
  const inputs = Object.fromEntries(Object.entries(decision.inputs).map(([point, v]) => [point, v.key]));
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.putTriage(tx, { case_id: id, table_id: table.id, inputs, indicators, outcome: decision.outcome.key, decided_by: actorLabel(actor) });
    await addCaseEvent(tx, { caseId: id, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'triage', details: { table: table.id, inputs, indicators, outcome: decision.outcome.name } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.triage', subject: `case:${id}`, details: { table: table.id, outcome: decision.outcome.key } });
  });
  return getCase(ctx, actor, id);
}

/** Moves every finding of `from` into `into`; `from` is closed as its duplicate. Both go to the deduplication index too. */
export async function mergeCases(ctx: AppContext, actor: Actor, into: string, from: string, reason = 'merged by an analyst'): Promise<CaseView> {
  requireAnalyst(actor);
  if (into === from) throw new AppError('VALIDATION_FAILED', 'a case cannot be merged into itself', { problems: [{ pointer: '/from', message: 'another case' }] });
  await openCase(ctx, into);
  await openCase(ctx, from);
  await serially(async () => {
    const index = await ctx.dedup.get(ctx);
    await ctx.conn.db.transaction().execute(async (tx) => {
      const [a, b] = [await store.lockCase(tx, into), await store.lockCase(tx, from)];
      if (a?.status === 'duplicate' || b?.status === 'duplicate') throw new AppError('CONFLICT', 'one of the cases was merged meanwhile');
      const moved = await store.moveFindings(tx, from, into);
      await store.setVerdict(tx, from, { status: 'duplicate', reason, by: actorLabel(actor), duplicateOf: into });
      const by = { actor: actorLabel(actor), orgId: actorOrgId(actor) };
      await addCaseEvent(tx, { caseId: into, ...by, kind: 'merge', details: { from, findings: moved, reason } });
      await addCaseEvent(tx, { caseId: from, ...by, kind: 'verdict', details: { verdict: 'duplicate', duplicateOf: into, reason, previous: b?.status } });
      await appendAudit(tx, { actor: actorLabel(actor), action: 'case.merge', subject: `case:${into}`, details: { from, findings: moved } });
    });
    try {
      index.merge(into, from);
    } catch {
      ctx.dedup.invalidate(); // the index never saw one of them (e.g. built before a restart): rebuild from the store
    }
  });
  return getCase(ctx, actor, into);
}

/** Takes the named findings out of a case into a new one of their own, which the index keeps them in. */
export async function splitCase(ctx: AppContext, actor: Actor, id: string, findingIds: string[]): Promise<{ from: CaseView; to: CaseView }> {
  requireAnalyst(actor);
  await openCase(ctx, id);
  const ids = [...new Set(findingIds)];
  const members = await store.caseFindings(ctx.conn.db, id);
  const missing = ids.findIndex((f) => !members.some((m) => m.id === f));
  if (missing >= 0) throw new AppError('VALIDATION_FAILED', `finding ${ids[missing]} is not in case ${id}`, { problems: [{ pointer: `/findingIds/${missing}`, message: 'not in this case' }] });
  if (!ids.length || ids.length >= members.length) throw new AppError('VALIDATION_FAILED', 'a split takes some, not all, of the case\'s findings', { problems: [{ pointer: '/findingIds', message: `1 to ${members.length - 1} findings` }] });
  const ordered = members.filter((m) => ids.includes(m.id));
  const newId = await serially(async () => {
    const index = await ctx.dedup.get(ctx);
    // the index allocates the id, so cases created later by submissions never collide with it
    const to = index.split(ordered[0]!.id);
    for (const f of ordered.slice(1)) index.merge(to, index.split(f.id));
    try {
      await ctx.conn.db.transaction().execute(async (tx) => {
        await store.lockCase(tx, id);
        await store.insertCase(tx, to, ordered[0]!.title);
        await store.moveFindings(tx, id, to, ids);
        const by = { actor: actorLabel(actor), orgId: actorOrgId(actor) };
        await addCaseEvent(tx, { caseId: id, ...by, kind: 'split', details: { to, findings: ids } });
        await addCaseEvent(tx, { caseId: to, ...by, kind: 'split', details: { from: id, findings: ids } });
        await appendAudit(tx, { actor: actorLabel(actor), action: 'case.split', subject: `case:${id}`, details: { to, findings: ids } });
      });
    } catch (err) {
      ctx.dedup.invalidate();
      throw err;
    }
    return to;
  });
  return { from: await getCase(ctx, actor, id), to: await getCase(ctx, actor, newId) };
}

/** A reporter answers an analyst (or adds detail); a case waiting on it goes back to the queue. */
export async function replyToCase(ctx: AppContext, actor: Actor, id: string, text: string): Promise<CaseView> {
  const { access } = await caseAccess(ctx, actor, id);
  if (access === 'vendor') throw new AppError('FORBIDDEN', 'vendors talk to the coordinator in the disclosure thread, not the intake case');
  const body = text.trim();
  if (!body) throw new AppError('VALIDATION_FAILED', 'a reply has text', { problems: [{ pointer: '/text', message: 'required' }] });
  await ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.lockCase(tx, id);
    if (row?.status === 'needs-info' && access === 'reporter') await store.setVerdict(tx, id, { status: 'new', reason: row.verdict_reason, by: row.verdict_by, duplicateOf: null });
    await addCaseEvent(tx, { caseId: id, actor: actorLabel(actor), orgId: actorOrgId(actor), kind: 'reply', details: { text: body, reopened: row?.status === 'needs-info' && access === 'reporter' } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.reply', subject: `case:${id}`, details: { chars: body.length } });
  });
  return getCase(ctx, actor, id);
}
