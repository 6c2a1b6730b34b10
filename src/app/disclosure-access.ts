import type { Kysely } from 'kysely';
import { actorLabel, hasScope, type Actor } from '../domain/access.js';
import type { CaseReader, ParticipantRole } from '../domain/disclosure.js';
import { zonedTime } from '../domain/embargo.js';
import { AppError } from '../domain/errors.js';
import * as cases from '../store/cases.js';
import { addCaseEvent } from '../store/case-events.js';
import * as store from '../store/disclosure.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';
import { actorOrgId } from './identity.js';
import { isAnalyst } from './reporters.js';

export interface CaseAccess {
  row: cases.CaseRow;
  reader: CaseReader;
}

/**
 * Who the actor is on a disclosure case: a coordinator (an analyst), or a participant — a vendor the
 * case was released to (scope `vendor`), a reporter of one of its findings (scope `submit`). Anyone
 * else gets NOT_FOUND: a case one may not see does not exist for one.
 */
export async function disclosureAccess(ctx: AppContext, actor: Actor, caseId: string): Promise<CaseAccess> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const missing = new AppError('NOT_FOUND', `no case '${caseId}'`);
  const row = await cases.getCase(ctx.conn.db, caseId);
  if (!row) throw missing;
  if (isAnalyst(actor)) return { row, reader: { orgId: actor.orgId, coordinator: true, roles: ['coordinator'] } };
  const held = await store.rolesOf(ctx.conn.db, caseId, actor.orgId);
  const roles: ParticipantRole[] = [];
  if (held.vendor && hasScope(actor, 'vendor')) roles.push('vendor');
  if (held.reporter && hasScope(actor, 'submit')) roles.push('reporter');
  if (!roles.length) throw missing;
  return { row, reader: { orgId: actor.orgId, coordinator: false, roles } };
}

/** A case one acts on: merged ones are closed (act on the case they were merged into). */
export function requireOpen(row: cases.CaseRow): void {
  if (row.status === 'duplicate') throw new AppError('CONFLICT', `case ${row.id} was merged into ${row.duplicate_of ?? 'another case'}; act on that one`);
}

export function requireCoordinator(a: CaseAccess, what: string): void {
  if (!a.reader.coordinator) throw new AppError('FORBIDDEN', `only the coordinators (analysts) ${what}`);
}

/** The analyst's organization takes part as a coordinator from its first act on the case (in the act's transaction). */
export async function touchCoordinator(tx: Kysely<Database>, actor: Actor, caseId: string): Promise<void> {
  const orgId = actorOrgId(actor);
  if (!orgId || !isAnalyst(actor)) return;
  if (await store.addParticipant(tx, { caseId, orgId, role: 'coordinator', source: 'auto', addedBy: actorLabel(actor) })) {
    const [org] = await store.orgsByIds(tx, [orgId]);
    await addCaseEvent(tx, { caseId, actor: actorLabel(actor), orgId, kind: 'participant', details: { org: org?.slug ?? orgId, orgId, role: 'coordinator', source: 'auto' } });
  }
}

/** An instant as the API shows it: UTC, and local with offset and zone. */
export function when(at: Date | string, zone: string): { at: string; local: string } {
  const d = typeof at === 'string' ? new Date(at) : at;
  return { at: d.toISOString(), local: zonedTime(d, zone) };
}
