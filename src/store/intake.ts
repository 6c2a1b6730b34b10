import { sql, type Kysely, type Selectable } from 'kysely';
import type { Finding } from '../domain/finding.js';
import { copyField, type CopyIn } from './connection.js';
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
 * Rows per write. On PostgreSQL each INSERT carries its rows as one JSON parameter
 * (json_to_recordset): a multi-row VALUES list would bind ~12 parameters per row, and unnest arrays
 * escape every quote of the JSON records. On PGlite rows go by COPY from a blob, which skips the
 * JSON round trip altogether. 500 rows is ~0.5 MB of text: a 100,000-finding submission never
 * builds one huge string, and the database's work on a chunk overlaps finely with the
 * deduplication of the next (measured on the 30k intake bench against 2,000: PostgreSQL 6.3 s vs
 * 7.2 s, PGlite 10.1 s vs 10.3 s, and the 100k batch's peak RSS 1,037 MB vs 1,062 MB).
 */
export const CHUNK = 500;

export interface SubmissionWriter {
  submission: SubmissionRow;
  /**
   * Sends a chunk of findings (and the cases they open) and returns once the *previous* chunk is
   * stored: the database writes one chunk while the caller prepares the next (on PostgreSQL the
   * server works on another core). Failures surface from the next `write` or from `close`.
   */
  write(findings: readonly NewFinding[]): Promise<void>;
  /** waits for the last chunk */
  close(): Promise<void>;
}

export function getSubmission(db: Kysely<Database>, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSubmission(db: Kysely<Database>, orgId: string, clientKey: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('org_id', '=', orgId).where('client_key', '=', clientKey).executeTakeFirst();
}

/**
 * Writes a submission, then its findings, their attachments and the cases they open chunk by chunk
 * (see SubmissionWriter), all in the caller's transaction.
 */
export async function openSubmission(
  tx: Kysely<Database>,
  submission: { org_id: string; client_key: string; name: string; format: string; sha256: string },
  count: number,
  copyIn?: CopyIn,
): Promise<SubmissionWriter> {
  const row = await tx.insertInto('submissions').values({ ...submission, findings: count }).returningAll().executeTakeFirstOrThrow();
  let previous: Promise<void> = Promise.resolve();
  const send = async (findings: readonly NewFinding[]): Promise<void> => {
    if (copyIn) {
      const cases = casesJson(findings);
      if (cases) await sql`INSERT INTO cases (id, title) SELECT id, title FROM json_to_recordset(${cases}::json) AS c(id text, title text)`.execute(tx);
      await copyIn('findings', COLUMNS, copyText(findings, row));
    } else await insertJson(tx, findings, row);
    const attachments = findings.flatMap((f) => f.finding.attachments.map((a) => ({
      finding_id: f.id, name: a.name, kind: a.kind, media_type: a.mediaType, sha256: a.sha256, size: a.size, content: Buffer.from(a.content, 'base64'),
    })));
    for (let k = 0; k < attachments.length; k += 50) await tx.insertInto('finding_attachments').values(attachments.slice(k, k + 50)).execute();
  };
  return {
    submission: row,
    async write(findings) {
      await previous;
      previous = send(findings);
      // Observed now so a failure is not "unhandled" while the caller computes; re-thrown by the next await.
      previous.catch(() => undefined);
      // The statement reaches the server once the driver's pending promise steps have run: let them,
      // before the caller's next chunk keeps this thread busy.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    close: () => previous,
  };
}

const casesJson = (findings: readonly NewFinding[]): string | null => {
  const cases = findings.filter((f) => f.newCase).map((f) => ({ id: f.caseId, title: f.finding.title }));
  return cases.length ? JSON.stringify(cases) : null;
};

const COLUMNS = ['id', 'submission_id', 'org_id', 'external_id', 'case_id', 'dedup_reason', 'dedup_score', 'dedup_explanation', 'title', 'severity', 'record'] as const;

/** Attachment contents live in their own table; the record keeps their names and hashes. */
const recordOf = (f: Finding): object => (f.attachments.length ? { ...f, attachments: f.attachments.map(({ content: _content, ...meta }) => meta) } : f);

/** One statement (the cases it opens in a CTE; the foreign key is checked at its end), so it is sent whole at once. */
async function insertJson(tx: Kysely<Database>, findings: readonly NewFinding[], sub: SubmissionRow): Promise<void> {
  const rows = JSON.stringify(findings.map((f) => ({
    id: f.id, external_id: f.externalId, case_id: f.caseId, dedup_reason: f.reason, dedup_score: f.score, dedup_explanation: f.explanation,
    title: f.finding.title, severity: f.finding.severity, record: recordOf(f.finding),
  })));
  await sql`WITH new_cases AS (
      INSERT INTO cases (id, title) SELECT id, title FROM json_to_recordset(${casesJson(findings) ?? '[]'}::json) AS c(id text, title text))
    INSERT INTO findings (id, submission_id, org_id, external_id, case_id, dedup_reason, dedup_score, dedup_explanation, title, severity, record)
    SELECT f.id, ${sub.id}, ${sub.org_id}, f.external_id, f.case_id, f.dedup_reason, f.dedup_score, f.dedup_explanation, f.title, f.severity, f.record
    FROM json_to_recordset(${rows}::json)
      AS f(id uuid, external_id text, case_id text, dedup_reason text, dedup_score real, dedup_explanation text, title text, severity text, record json)`.execute(tx);
}

/** The findings as COPY text (see CopyIn). */
function copyText(findings: readonly NewFinding[], sub: SubmissionRow): string {
  let text = '';
  for (const f of findings) {
    // JSON text holds no raw control characters: only its backslashes need doubling.
    const record = JSON.stringify(recordOf(f.finding)).replaceAll('\\', '\\\\');
    text += `${f.id}\t${sub.id}\t${sub.org_id}\t${copyField(f.externalId)}\t${copyField(f.caseId)}\t${f.reason}\t${f.score}\t${copyField(f.explanation)}\t${copyField(f.finding.title)}\t${f.finding.severity ?? '\\N'}\t${record}\n`;
  }
  return text;
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
