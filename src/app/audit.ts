import { isOperatorAdmin, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { recentAudit, verifyAudit, type AuditEntry, type AuditVerification } from '../store/audit.js';
import type { AppContext } from './context.js';

function requireAuditor(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!isOperatorAdmin(actor)) throw new AppError('FORBIDDEN', 'only administrators of an operator organization may read the audit log');
}

export async function auditLog(ctx: AppContext, actor: Actor, limit: number): Promise<AuditEntry[]> {
  requireAuditor(actor);
  return recentAudit(ctx.conn.db, limit);
}

export async function verifyAuditLog(ctx: AppContext, actor: Actor): Promise<AuditVerification> {
  requireAuditor(actor);
  return verifyAudit(ctx.conn.db);
}
