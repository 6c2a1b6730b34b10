import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.js';

export type TargetRow = Selectable<Database['repro_targets']>;
export type ReproductionRow = Selectable<Database['reproductions']>;

export interface TargetFile {
  path: string;
  executable: boolean;
  content: Buffer;
}

/** bytea rows go in by size, not count: a target may hold one 32 MiB file or 2,000 tiny ones. */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Stores a target and its files in the caller's transaction, unless the name is taken: then null,
 * and nothing is written (a version's files never change once stored).
 */
export async function insertTarget(
  tx: Kysely<Database>,
  target: { name: string; sha256: string; files: number; bytes: number; createdBy: string },
  files: readonly TargetFile[],
): Promise<TargetRow | null> {
  const row = await tx
    .insertInto('repro_targets')
    .values({ name: target.name, sha256: target.sha256, files: target.files, bytes: target.bytes, created_by: target.createdBy })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) return null;
  let batch: TargetFile[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length) await tx.insertInto('repro_target_files').values(batch.map((f) => ({ target_id: row.id, ...f }))).execute();
    batch = [];
    size = 0;
  };
  for (const file of files) {
    if (size + file.content.length > BATCH_BYTES) await flush();
    batch.push(file);
    size += file.content.length;
  }
  await flush();
  return row;
}

export function getTarget(db: Kysely<Database>, name: string): Promise<TargetRow | undefined> {
  return db.selectFrom('repro_targets').selectAll().where('name', '=', name).executeTakeFirst();
}

export function listTargets(db: Kysely<Database>): Promise<TargetRow[]> {
  return db.selectFrom('repro_targets').selectAll().orderBy('name').execute();
}

export function targetFiles(db: Kysely<Database>, name: string): Promise<TargetFile[]> {
  return db
    .selectFrom('repro_target_files as f')
    .innerJoin('repro_targets as t', 't.id', 'f.target_id')
    .select(['f.path', 'f.executable', 'f.content'])
    .where('t.name', '=', name)
    .orderBy('f.path')
    .execute();
}

export function caseExists(db: Kysely<Database>, caseId: string): Promise<boolean> {
  return db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst().then(Boolean);
}

export function getFinding(db: Kysely<Database>, id: string): Promise<{ id: string; case_id: string; org_id: string; record: unknown } | undefined> {
  return db.selectFrom('findings').select(['id', 'case_id', 'org_id', 'record']).where('id', '=', id).executeTakeFirst();
}

/** A finding's proofs of concept with their contents (the finding's record keeps their names in the reporter's order). */
export function pocAttachments(db: Kysely<Database>, findingId: string): Promise<Array<{ name: string; content: Buffer }>> {
  return db.selectFrom('finding_attachments').select(['name', 'content']).where('finding_id', '=', findingId).where('kind', '=', 'poc').execute();
}

export function insertReproduction(
  tx: Kysely<Database>,
  row: { caseId: string; findingId: string; requestedBy: string; spec: unknown },
): Promise<ReproductionRow> {
  return tx
    .insertInto('reproductions')
    .values({ case_id: row.caseId, finding_id: row.findingId, requested_by: row.requestedBy, spec: JSON.stringify(row.spec) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function getReproduction(db: Kysely<Database>, id: string): Promise<(ReproductionRow & { org_id: string }) | undefined> {
  return db
    .selectFrom('reproductions as r')
    .innerJoin('findings as f', 'f.id', 'r.finding_id')
    .selectAll('r')
    .select('f.org_id')
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** A case's reproductions, newest first; only those of one reporter's findings when `orgId` is given. */
export function caseReproductions(db: Kysely<Database>, caseId: string, orgId: string | null): Promise<ReproductionRow[]> {
  let q = db.selectFrom('reproductions as r').innerJoin('findings as f', 'f.id', 'r.finding_id').selectAll('r').where('r.case_id', '=', caseId);
  if (orgId !== null) q = q.where('f.org_id', '=', orgId);
  return q.orderBy('r.requested_at', 'desc').orderBy('r.id').execute();
}

/**
 * Takes a queued row, or a running one whose worker died (its job was retried), for a run; null when
 * it is finished already (done or error) or unknown.
 */
export function claimReproduction(db: Kysely<Database>, id: string): Promise<ReproductionRow | undefined> {
  return db
    .updateTable('reproductions')
    .set({ status: 'running', started_at: new Date(), error: null })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

export async function finishReproduction(
  tx: Kysely<Database>,
  id: string,
  outcome: { status: 'done'; verdict: string; reason: string; runs: unknown } | { status: 'error'; error: string },
): Promise<ReproductionRow | undefined> {
  const values = outcome.status === 'done'
    ? { status: 'done', verdict: outcome.verdict, reason: outcome.reason, runs: JSON.stringify(outcome.runs), error: null }
    : { status: 'error', verdict: null, reason: null, runs: null, error: outcome.error };
  return tx
    .updateTable('reproductions')
    .set({ ...values, finished_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

/** Rows a worker still owes a run: queued, or running when a worker died. */
export async function unfinishedReproductions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('reproductions').select('id').where('status', 'in', ['queued', 'running']).orderBy('requested_at').execute();
  return rows.map((r) => r.id);
}
