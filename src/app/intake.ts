import { createHash, randomUUID } from 'node:crypto';
import { actorLabel, hasRole, hasScope, type Actor, type Member } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import { DedupIndex, type DedupReason } from '../engine/dedup/index.js';
import { parseFindings, type FindingsFormat } from '../formats/findings/index.js';
import { appendAudit } from '../store/audit.js';
import * as store from '../store/intake.js';
import type { AppContext } from './context.js';
import { checkIntakeLimits } from './flow.js';
import { serially } from './serial.js';

export interface ReceiptFinding {
  externalId: string;
  findingId: string;
  caseId: string;
  /** `new-case`: the first report of its root cause; `duplicate`: joined a case already open */
  status: 'new-case' | 'duplicate';
  reason: DedupReason;
  score: number;
  explanation: string;
}

export interface Receipt {
  submission: { id: string; clientKey: string; name: string; format: string; sha256: string; receivedAt: string; findings: number };
  /** `accepted` the first time; `unchanged` when the same key and content come again */
  status: 'accepted' | 'unchanged';
  findings: ReceiptFinding[];
}

const KEY = /^[\w.:@/+-]{1,200}$/;


function reporter(actor: Actor): Member {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if ((!hasRole(actor, 'reporter') && !hasRole(actor, 'operator')) || !hasScope(actor, 'submit')) {
    throw new AppError('FORBIDDEN', 'submitting findings needs a reporter organization and the submit scope');
  }
  return actor;
}

function receipt(sub: store.SubmissionRow, status: Receipt['status'], rows: store.FindingRow[]): Receipt {
  return {
    submission: { id: sub.id, clientKey: sub.client_key, name: sub.name, format: sub.format, sha256: sub.sha256, receivedAt: sub.received_at, findings: sub.findings },
    status,
    findings: rows.map((r) => ({
      externalId: r.external_id, findingId: r.id, caseId: r.case_id, status: r.dedup_reason === 'new' ? 'new-case' : 'duplicate',
      reason: r.dedup_reason as DedupReason, score: r.dedup_score, explanation: r.dedup_explanation,
    })),
  };
}

/** A receipt line for a finding just written (the finding itself is not kept). */
const receiptFinding = (r: store.NewFinding): ReceiptFinding => ({
  externalId: r.externalId, findingId: r.id, caseId: r.caseId, status: r.newCase ? 'new-case' : 'duplicate', reason: r.reason as DedupReason, score: r.score, explanation: r.explanation,
});

/**
 * Takes a reporter's findings (SARIF, OSV or native JSON), puts each in a case — a new one, or the
 * case of the same root cause already reported by anyone — and answers with a receipt per finding.
 * Idempotent by the reporter's client key: the same key and content again changes nothing and
 * returns the first receipt; the same key with other content is refused.
 */
export async function submitFindings(ctx: AppContext, actor: Actor, input: { text: string; name: string; format: FindingsFormat | 'auto'; clientKey: string }): Promise<Receipt> {
  const m = reporter(actor);
  if (!KEY.test(input.clientKey)) {
    throw new AppError('BAD_REQUEST', 'the Idempotency-Key is 1-200 letters, digits or . : @ / + - _', { problems: [{ pointer: '/clientKey', message: 'invalid client key' }] });
  }
  const sha256 = createHash('sha256').update(input.text).digest('hex');
  const replay = async (): Promise<Receipt | null> => {
    const prior = await store.findSubmission(ctx.conn.db, m.orgId, input.clientKey);
    if (!prior) return null;
    if (prior.sha256 !== sha256) throw new AppError('CONFLICT', `client key '${input.clientKey}' was used for other content (${prior.name}, ${prior.received_at})`);
    return receipt(prior, 'unchanged', await store.submissionFindings(ctx.conn.db, prior.id));
  };
  const early = await replay();
  if (early) return early;

  const parsed = parseFindings(input.text, input.name, input.format);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new AppError(first?.code ?? 'VALIDATION_FAILED', `${input.name} was rejected: ${first?.message ?? 'no findings'}`, { problems: parsed.problems.slice(0, 200) });
  }
  const findings = parsed.value;
  const repeated = duplicateIds(findings);
  if (repeated.length) throw new AppError('DUPLICATE_ID', `${input.name} names a finding id twice: ${repeated[0]!.message}`, { problems: repeated.slice(0, 200) });

  return serially(async () => {
    // Another request with the same key may have landed while this one waited its turn.
    const landed = await replay();
    if (landed) return landed;
    const count = findings.length;
    await checkIntakeLimits(ctx, m.orgId, count);
    const index = await ctx.dedup.get(ctx);
    const now = new Date();
    const receipted: ReceiptFinding[] = [];
    let newCases = 0;
    try {
      const written = await ctx.conn.db.transaction().execute(async (tx) => {
        const w = await store.openSubmission(tx, { org_id: m.orgId, client_key: input.clientKey, name: input.name, format: input.format, sha256 }, count, ctx.conn.copyIn);
        while (findings.length) {
          // Deduplicate a chunk while the database stores the one before. Chunks are taken out of the
          // parsed list and the receipt keeps no finding, so a stored chunk's findings can be collected.
          const chunk = findings.splice(0, store.CHUNK).map((finding): store.NewFinding => {
            const id = randomUUID();
            const d = index.add(id, finding, m.orgId, now);
            return { id, externalId: finding.externalId, caseId: d.caseId, newCase: d.reason === 'new', reason: d.reason, score: d.score, explanation: d.explanation, finding };
          });
          for (const r of chunk) {
            if (r.newCase) newCases++;
            receipted.push(receiptFinding(r));
          }
          await w.write(chunk);
        }
        await w.close();
        await appendAudit(tx, {
          actor: actorLabel(actor), action: 'findings.submit', subject: `submission:${w.submission.id}`,
          details: { findings: count, newCases, sha256 },
        });
        return w;
      });
      // The receipt from what was written, in the order a re-read gives (store.submissionFindings).
      return { ...receipt(written.submission, 'accepted', []), findings: store.inReceiptOrder(receipted, (r) => r.externalId) };
    } catch (err) {
      // The index took in findings that were not stored: rebuild it from the store on next use.
      ctx.dedup.invalidate();
      throw err;
    }
  });
}

function duplicateIds(findings: readonly Finding[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  findings.forEach((f, i) => {
    const first = seen.get(f.externalId);
    if (first === undefined) seen.set(f.externalId, i);
    else problems.push({ pointer: `/findings/${i}`, message: `'${f.externalId}' also at finding ${first}`, code: 'DUPLICATE_ID' });
  });
  return problems;
}

/** A receipt again, by submission id; reporters see their own, operators all. */
export async function getReceipt(ctx: AppContext, actor: Actor, id: string): Promise<Receipt> {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  const sub = await store.getSubmission(ctx.conn.db, id);
  if (!sub || (sub.org_id !== actor.orgId && !hasRole(actor, 'operator'))) throw new AppError('NOT_FOUND', `no submission '${id}'`);
  return receipt(sub, 'accepted', await store.submissionFindings(ctx.conn.db, id));
}

/** The deduplication index, rebuilt from stored findings in arrival order, each in the case it was given. */
export async function buildDedupIndex(ctx: AppContext): Promise<DedupIndex> {
  const index = new DedupIndex();
  for await (const page of store.allFindings(ctx.conn.db)) {
    for (const row of page) index.add(row.id, row.record as Finding, row.org_id, new Date(row.received_at), row.case_id);
  }
  return index;
}
