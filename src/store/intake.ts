import { sql, type Kysely, type Selectable } from 'kysely';
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

/**
 * Rows per INSERT. Each statement carries its rows as one JSON parameter (json_to_recordset): a
 * multi-row VALUES list would bind ~12 parameters per row, and unnest arrays escape every quote of
 * the JSON records; one JSON text is built by JSON.stringify and parsed once by the server. 2,000
 * rows is ~2 MB of text, so a 100,000-finding submission never builds one huge string.
 */
const CHUNK = 2000;

export function getSubmission(db: Kysely<Database>, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSubmission(db: Kysely<Database>, orgId: string, clientKey: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('org_id', '=', orgId).where('client_key', '=', clientKey).executeTakeFirst();
}

/**
 * Writes a submission, its findings, their attachments and the cases they open, in the caller's
 * transaction. Rows go in chunks: a SARIF log can hold tens of thousands of results.
 */
export async function insertSubmission(
  tx: Kysely<Database>,
  submission: { org_id: string; client_key: string; name: string; format: string; sha256: string },
  findings: readonly NewFinding[],
): Promise<{ submission: SubmissionRow; ids: string[] }> {
  const row = await tx.insertInto('submissions').values({ ...submission, findings: findings.length }).returningAll().executeTakeFirstOrThrow();
  const cases = findings.filter((f) => f.newCase);
  for (let i = 0; i < cases.length; i += CHUNK) {
    const rows = jsonRows(cases, i, (f) => ({ id: f.caseId, title: f.finding.title }));
    await sql`INSERT INTO cases (id, title) SELECT id, title FROM json_to_recordset(${rows}::json) AS c(id text, title text)`.execute(tx);
  }
  for (let i = 0; i < findings.length; i += CHUNK) {
    const rows = jsonRows(findings, i, (f) => ({
      id: f.id, external_id: f.externalId, case_id: f.caseId, dedup_reason: f.reason, dedup_score: f.score, dedup_explanation: f.explanation,
      title: f.finding.title, severity: f.finding.severity,
      // Attachment contents live in their own table; the record keeps their names and hashes.
      record: f.finding.attachments.length ? { ...f.finding, attachments: f.finding.attachments.map(({ content: _content, ...meta }) => meta) } : f.finding,
    }));
    await sql`INSERT INTO findings (id, submission_id, org_id, external_id, case_id, dedup_reason, dedup_score, dedup_explanation, title, severity, record)
      SELECT f.id, ${row.id}, ${row.org_id}, f.external_id, f.case_id, f.dedup_reason, f.dedup_score, f.dedup_explanation, f.title, f.severity, f.record
      FROM json_to_recordset(${rows}::json)
        AS f(id uuid, external_id text, case_id text, dedup_reason text, dedup_score real, dedup_explanation text, title text, severity text, record jsonb)`.execute(tx);
  }
  const attachments = findings.flatMap((f) => f.finding.attachments.map((a) => ({
    finding_id: f.id, name: a.name, kind: a.kind, media_type: a.mediaType, sha256: a.sha256, size: a.size, content: Buffer.from(a.content, 'base64'),
  })));
  for (let k = 0; k < attachments.length; k += 50) await tx.insertInto('finding_attachments').values(attachments.slice(k, k + 50)).execute();
  return { submission: row, ids: findings.map((f) => f.id) };
}

/** `items[from…from+CHUNK)` mapped to a JSON array text. */
function jsonRows<T>(items: readonly T[], from: number, map: (item: T) => object): string {
  const parts: string[] = [];
  for (let i = from; i < Math.min(from + CHUNK, items.length); i++) parts.push(JSON.stringify(map(items[i]!)));
  return `[${parts.join(',')}]`;
}

/**
 * A submission's findings in receipt order: by external id, compared as the database's "C"
 * collation does (UTF-8 bytes), so a receipt built from the rows just written lists them as a
 * re-read one does, on any server collation.
 */
export function inReceiptOrder<T>(rows: readonly T[], externalId: (row: T) => string): T[] {
  return [...rows].sort((a, b) => byteOrder(externalId(a), externalId(b)));
}

function byteOrder(a: string, b: string): number {
  // UTF-16 code units order as UTF-8 bytes do, except surrogates (code points past U+FFFF).
  if (!/[\uD800-\uFFFF]/.test(a) && !/[\uD800-\uFFFF]/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function submissionFindings(db: Kysely<Database>, submissionId: string): Promise<FindingRow[]> {
  return db.selectFrom('findings').selectAll().where('submission_id', '=', submissionId).orderBy('received_at').orderBy(sql`external_id COLLATE "C"`).execute();
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
