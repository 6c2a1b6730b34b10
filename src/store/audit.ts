import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditEvent {
  actor: string;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** Key order fixed so a re-computed hash matches whatever JSON the database hands back. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const body = canonical({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, details: e.details });
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends within the caller's transaction, so the audit entry exists exactly when the change does.
 * The advisory lock serializes writers: each entry's hash covers the one before it.
 */
export async function appendAudit(tx: Kysely<Database>, event: AuditEvent): Promise<AuditEntry> {
  await sql`SELECT pg_advisory_xact_lock(7274302)`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const entry: Omit<AuditEntry, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    details: event.details ?? {},
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = entryHash(entry);
  await tx
    .insertInto('audit_log')
    .values({
      seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject,
      details: JSON.stringify(entry.details), prev_hash: entry.prevHash, hash,
    })
    .execute();
  return { ...entry, hash };
}

function toEntry(r: Selectable<Database['audit_log']>): AuditEntry {
  return { seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details, prevHash: r.prev_hash, hash: r.hash };
}

export async function recentAudit(db: Kysely<Database>, limit: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(toEntry);
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

/** Walks the whole chain in pages: any edited, removed or reordered entry breaks it. */
export async function verifyAudit(db: Kysely<Database>, pageSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const e = toEntry(row);
      if (e.seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (e.prevHash !== prevHash) return { ok: false, entries: e.seq - 1, brokenAt: e.seq, reason: `entry ${e.seq} does not follow entry ${e.seq - 1}` };
      if (entryHash(e) !== e.hash) return { ok: false, entries: e.seq - 1, brokenAt: e.seq, reason: `entry ${e.seq} was altered` };
      prevHash = e.hash;
      expectedSeq++;
    }
    if (rows.length < pageSize) return { ok: true, entries: expectedSeq - 1 };
  }
}
