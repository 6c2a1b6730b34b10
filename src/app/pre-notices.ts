/**
 * Embargoed pre-notification: before an advisory is public, subscribers whose assets it affects may
 * hear of it under TLP:AMBER — when the case's policy allows it (an analyst sets it, with a reason)
 * and the subscriber has accepted pre-notices. Nobody else learns of it: the notice is made only
 * for those organizations, the advisory stays out of the knowledge base until it is published, and
 * the fact goes through the outbox like every other, so it is acted on once.
 */
import { actorLabel, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { advisoryOfCase } from '../store/advisories.js';
import { appendAudit } from '../store/audit.js';
import { getCase, setPreNotify } from '../store/cases.js';
import { addOutbox } from '../store/outbox.js';
import type { AppContext } from './context.js';
import { requireAnalyst } from './reporters.js';

export const PRE_NOTICE_FACT = 'advisory.pre-notice';

const reasonOf = (reason: string): string => {
  const r = reason.trim();
  if (!r) throw new AppError('VALIDATION_FAILED', 'a reason is required', { problems: [{ pointer: '/reason', message: 'required' }] });
  return r.slice(0, 4000);
};

async function caseRow(ctx: AppContext, id: string) {
  const row = await getCase(ctx.conn.db, id);
  if (!row) throw new AppError('NOT_FOUND', `no case '${id}'`);
  return row;
}

/** The case's policy: may matching subscribers be pre-notified under TLP:AMBER before publication? */
export async function setPreNotifyPolicy(ctx: AppContext, actor: Actor, caseId: string, input: { allowed: boolean; reason: string }): Promise<{ caseId: string; preNotify: boolean }> {
  requireAnalyst(actor);
  const reason = reasonOf(input.reason);
  await caseRow(ctx, caseId);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await setPreNotify(tx, caseId, input.allowed);
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.pre-notify-policy', subject: `case:${caseId}`, details: { allowed: input.allowed, reason } });
  });
  return { caseId, preNotify: input.allowed };
}

/** Queues the pre-notice of the case's advisory draft; refused unless the policy allows it and the advisory is not yet public. */
export async function sendPreNotice(ctx: AppContext, actor: Actor, caseId: string, input: { reason: string }): Promise<{ caseId: string; advisoryId: string; queued: true }> {
  requireAnalyst(actor);
  const reason = reasonOf(input.reason);
  const row = await caseRow(ctx, caseId);
  if (!row.pre_notify) throw new AppError('CONFLICT', `case ${caseId}'s policy does not allow pre-notification (set it first, with a reason)`);
  const advisory = await advisoryOfCase(ctx.conn.db, caseId);
  if (!advisory) throw new AppError('CONFLICT', `case ${caseId} has no advisory draft to pre-notify from`);
  if (advisory.status === 'published') throw new AppError('CONFLICT', `advisory ${advisory.id} is already public: subscribers were told on publication`);
  await ctx.conn.db.transaction().execute(async (tx) => {
    await addOutbox(tx, { kind: PRE_NOTICE_FACT, subject: advisory.id, payload: { advisoryId: advisory.id, caseId } });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'case.pre-notice', subject: `case:${caseId}`, details: { advisory: advisory.id, reason } });
  });
  return { caseId, advisoryId: advisory.id, queued: true };
}
