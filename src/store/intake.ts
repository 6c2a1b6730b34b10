import type { Kysely, Selectable } from 'kysely';
import type { Finding } from '../domain/finding.js';
import type { Database } from './schema.js';

export type SubmissionRow = Selectable<Database['submissions']>;
export type FindingRow = Selectable<Database['findings']>;

export interface NewFinding {
  id: string;
  externalId: string;
  caseId: string;
  /** the case is new: create it, titled after this finding */
  newCase: boolean;
  reason: string;
  score: number;
  explanation: string;
  finding: Finding;
}

const BATCH = 500;

export function getSubmission(db: Kysely<Database>, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSubmission(db: Kysely<Database>, orgId: string, clientKey: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('org_id', '=', orgId).where('client_key', '=', clientKey).executeTakeFirst();
}

/**
 * Writes a submission, its findings, their attachments and the cases they open, in the caller's
 * transaction. Rows go in batches: a SARIF log can hold tens of thousands of results.
 */
export async function insertSubmission(
  tx: Kysely<Database>,
  submission: { org_id: string; client_key: string; name: string; format: string; sha256: string },
  findings: readonly NewFinding[],
): Promise<{ submission: SubmissionRow; ids: string[] }> {
  const row = await tx.insertInto('submissions').values({ ...submission, findings: findings.length }).returningAll().executeTakeFirstOrThrow();
  const cases = findings.filter((f) => f.newCase).map((f) => ({ id: f.caseId, title: f.finding.title }));
  for (let i = 0; i < cases.length; i += BATCH) await tx.insertInto('cases').values(cases.slice(i, i + BATCH)).execute();
  const ids: string[] = [];
  for (let i = 0; i < findings.length; i += BATCH) {
    const part = findings.slice(i, i + BATCH);
    const inserted = await tx
      .insertInto('findings')
      .values(part.map((f) => ({
        id: f.id, submission_id: row.id, org_id: row.org_id, external_id: f.externalId, case_id: f.caseId, dedup_reason: f.reason, dedup_score: f.score,
        dedup_explanation: f.explanation, title: f.finding.title, severity: f.finding.severity,
        // Attachment contents live in their own table; the record keeps their names and hashes.
        record: JSON.stringify({ ...f.finding, attachments: f.finding.attachments.map(({ content: _content, ...meta }) => meta) }),
      })))
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
    const attachments = part.flatMap((f, j) => f.finding.attachments.map((a) => ({
      finding_id: inserted[j]!.id, name: a.name, kind: a.kind, media_type: a.mediaType, sha256: a.sha256, size: a.size, content: Buffer.from(a.content, 'base64'),
    })));
    for (let k = 0; k < attachments.length; k += 50) await tx.insertInto('finding_attachments').values(attachments.slice(k, k + 50)).execute();
  }
  return { submission: row, ids };
}

export function submissionFindings(db: Kysely<Database>, submissionId: string): Promise<FindingRow[]> {
  return db.selectFrom('findings').selectAll().where('submission_id', '=', submissionId).orderBy('received_at').orderBy('external_id').execute();
}

/** Every stored finding in arrival order, a page at a time: the deduplication index is rebuilt from them. */
export async function* allFindings(db: Kysely<Database>, pageSize = 2000): AsyncGenerator<FindingRow[]> {
  let after = '0';
  for (;;) {
    const page = await db.selectFrom('findings').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (!page.length) return;
    yield page;
    after = page[page.length - 1]!.seq;
  }
}
