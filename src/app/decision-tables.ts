import { actorLabel, hasRole, hasScope, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { DecisionTable } from '../domain/ssvc.js';
import { parseDecisionTable } from '../formats/ssvc/decision-table.js';
import { appendAudit } from '../store/audit.js';
import * as store from '../store/decision-tables.js';
import type { AppContext } from './context.js';

/** The SSVC coordinator triage table triage looks up unless told otherwise. */
export const COORDINATOR_TRIAGE = 'ssvc:DT_COORD_TRIAGE:1.0.0';

/**
 * Loads an SSVC decision table (SSVC JSON, schema 2.0.0), refused unless complete. Tables are data
 * the operator loads, never compiled in: a new SSVC release or a local table needs no new code.
 */
export async function loadDecisionTable(ctx: AppContext, actor: Actor, text: string, name: string): Promise<{ id: string; name: string; rows: number }> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasRole(actor, 'operator') || !hasScope(actor, 'import')) throw new AppError('FORBIDDEN', 'loading decision tables needs an operator with the import scope');
  const parsed = parseDecisionTable(text, name);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', `${name} is not a complete SSVC decision table: ${parsed.problems[0]?.message ?? ''}`, { problems: parsed.problems.slice(0, 200) });
  const table = parsed.value;
  await ctx.conn.db.transaction().execute(async (tx) => {
    await store.putDecisionTable(tx, { id: table.id, name: table.name, document: text, loaded_by: actorLabel(actor) });
    await appendAudit(tx, { actor: actorLabel(actor), action: 'decision-table.load', subject: `decision-table:${table.id}`, details: { name: table.name, rows: table.rows.size } });
  });
  return { id: table.id, name: table.name, rows: table.rows.size };
}

export async function listDecisionTables(ctx: AppContext, actor: Actor): Promise<{ id: string; name: string; loadedBy: string; loadedAt: string }[]> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  return (await store.listDecisionTables(ctx.conn.db)).map((t) => ({ id: t.id, name: t.name, loadedBy: t.loaded_by, loadedAt: t.loaded_at }));
}

/** A loaded table, parsed; null when the operator has not loaded it. */
export async function decisionTable(ctx: AppContext, id: string): Promise<DecisionTable | null> {
  const row = await store.getDecisionTable(ctx.conn.db, id);
  if (!row) return null;
  const parsed = parseDecisionTable(JSON.stringify(row.document), id);
  // stored tables passed the same parse when loaded
  if (!parsed.ok) throw new Error(`stored decision table ${id} no longer parses: ${parsed.problems[0]?.message ?? ''}`);
  return parsed.value;
}

/** A table's inputs and their values, for forms. */
export function describeTable(table: DecisionTable) {
  return {
    id: table.id, name: table.name,
    inputs: table.inputs.map((p) => ({ id: p.id, key: p.key, name: p.name, definition: p.definition, values: p.values.map((v) => ({ key: v.key, name: v.name, definition: v.definition })) })),
    outcome: { id: table.outcome.id, name: table.outcome.name, values: table.outcome.values.map((v) => ({ key: v.key, name: v.name })) },
  };
}
