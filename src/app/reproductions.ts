import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { actorLabel, hasScope, type Actor, type Member } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import type { Attempt, Oracle, Reproduction } from '../sandbox/index.js';
import { appendAudit } from '../store/audit.js';
import { addCaseEvent } from '../store/case-events.js';
import * as store from '../store/reproductions.js';
import type { Database } from '../store/schema.js';
import type { AppContext } from './context.js';

/** What a target holds, at most: one version of a package or repository, not a disk image. */
export const TARGET_LIMITS = { files: 2000, bytes: 32 * 1024 * 1024, pathLength: 1024 } as const;

/** Per-run bounds; defaults small, with room for node (V8 reserves ~1 GiB of address space before any heap). */
export const RUN_LIMITS = {
  wallMs: { min: 100, max: 300_000, default: 10_000 },
  cpuSeconds: { min: 1, max: 300, default: 5 },
  memoryBytes: { min: 16 * 1024 ** 2, max: 8 * 1024 ** 3, default: 2 * 1024 ** 3 },
  outputBytes: { min: 1024, max: 1024 ** 2, default: 64 * 1024 },
  processes: { min: 2, max: 256, default: 32 },
} as const;

type RunLimits = { -readonly [K in keyof typeof RUN_LIMITS]: number };

/** Each of stdout and stderr is kept up to this much per run: enough to read, bounded per row. */
export const LOG_BYTES = 64 * 1024;

const INTERPRETERS: ReadonlyArray<[RegExp, string]> = [[/\.sh$/, '/bin/sh'], [/\.m?js$/, '/usr/bin/node'], [/\.py$/, '/usr/bin/python3']];
const TARGET_NAME = /^[\x21-\x7e]{1,256}$/;
/** Target files land under this directory of the PoC's work dir (/work/target in the sandbox). */
export const TARGET_DIR = 'target';

export interface TargetView {
  name: string;
  sha256: string;
  files: number;
  bytes: number;
  createdAt: string;
}

export interface ReproductionSpec {
  affected: string;
  fixed: string | null;
  oracle: Oracle;
  command: string[];
  limits: RunLimits;
  /** the finding's PoC attachments written to the work dir, by name */
  pocs: string[];
}

export interface RunView {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  killedFor: string | null;
  wallMs: number;
  judgement: string;
  stdout: string;
  stderr: string;
  /** stdout or stderr is cut: by the run's outputBytes or by the LOG_BYTES kept */
  outputTruncated: boolean;
}

export interface ReproductionView {
  id: string;
  caseId: string;
  findingId: string;
  status: 'queued' | 'running' | 'done' | 'error';
  verdict: string | null;
  reason: string | null;
  spec: ReproductionSpec;
  runs: { affected: RunView; fixed: RunView | null } | null;
  error: string | null;
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ReproductionRequest {
  findingId: string;
  affected: string;
  fixed?: string | null;
  oracle: Oracle;
  command?: string[];
  limits?: Partial<RunLimits>;
}

/** The door that queues a run, in the caller's transaction so a row never exists without its job (src/jobs). */
export interface ReproductionQueue {
  enqueue(tx: Kysely<Database>, reproductionId: string): Promise<void>;
  /** after commit: the job is visible now */
  wake?(): void;
}

/** What a worker needs for one run, read once it has claimed the row. */
export interface ReproductionWork {
  id: string;
  spec: ReproductionSpec;
  pocs: Array<{ name: string; content: Buffer }>;
  affected: store.TargetFile[];
  fixed: store.TargetFile[] | null;
}

function member(actor: Actor): Member {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  return actor;
}

function analyst(actor: Actor): Member {
  const m = member(actor);
  if (!hasScope(m, 'triage')) throw new AppError('FORBIDDEN', 'reproductions and their targets need the triage scope');
  return m;
}

function invalid(problems: Problem[]): never {
  throw new AppError(problems[0]?.code ?? 'VALIDATION_FAILED', problems.map((p) => p.message).join('; '), { problems });
}

const targetView = (t: store.TargetRow): TargetView => ({ name: t.name, sha256: t.sha256, files: t.files, bytes: t.bytes, createdAt: t.created_at });

/** A relative path that stays where it is put: no absolute, empty, `.` or `..` segment, no NUL or backslash. */
export function pathProblem(path: string): string | null {
  if (path.length === 0 || path.length > TARGET_LIMITS.pathLength) return `must be 1-${TARGET_LIMITS.pathLength} characters`;
  if (path.includes('\0') || path.includes('\\')) return 'must not contain NUL or a backslash';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return "must be relative, without empty, '.' or '..' segments";
  return null;
}

/**
 * Stores the files of one version under its name (a purl, say). A version's files never change:
 * the same content again answers `unchanged`, other content under the name is a conflict.
 */
export async function putTarget(
  ctx: AppContext,
  actor: Actor,
  name: string,
  input: ReadonlyArray<{ path: string; content: string | Buffer; executable?: boolean | undefined }>,
): Promise<TargetView & { status: 'created' | 'unchanged' }> {
  const m = analyst(actor);
  const problems: Problem[] = [];
  if (!TARGET_NAME.test(name)) problems.push({ pointer: '/name', message: 'the target name is 1-256 printable ASCII characters without spaces' });
  if (input.length === 0) problems.push({ pointer: '/files', message: 'a target has at least one file' });
  if (input.length > TARGET_LIMITS.files) invalid([{ pointer: '/files', code: 'PAYLOAD_TOO_LARGE', message: `a target has at most ${TARGET_LIMITS.files} files; this one has ${input.length}` }]);
  const files: store.TargetFile[] = [];
  const paths = new Set<string>();
  let bytes = 0;
  input.forEach((f, i) => {
    const problem = pathProblem(f.path);
    if (problem) problems.push({ pointer: `/files/${i}/path`, message: `path ${JSON.stringify(f.path.slice(0, 100))} ${problem}` });
    else if (paths.has(f.path)) problems.push({ pointer: `/files/${i}/path`, message: `path '${f.path}' appears twice` });
    paths.add(f.path);
    const content = typeof f.content === 'string' ? Buffer.from(f.content, 'base64') : f.content;
    // canonical base64 only: Node's decoder skips what it does not understand
    if (typeof f.content === 'string' && content.toString('base64') !== f.content) {
      problems.push({ pointer: `/files/${i}/content`, message: 'content is not valid base64 (RFC 4648, padded, no line breaks)' });
    }
    bytes += content.length;
    files.push({ path: f.path, executable: f.executable === true, content });
  });
  for (const [i, f] of files.entries()) {
    const parent = f.path.split('/').slice(0, -1).map((_, j, all) => all.slice(0, j + 1).join('/')).find((p) => paths.has(p));
    if (parent !== undefined) problems.push({ pointer: `/files/${i}/path`, message: `'${f.path}' lies below '${parent}', which is a file` });
  }
  if (bytes > TARGET_LIMITS.bytes) problems.push({ pointer: '/files', code: 'PAYLOAD_TOO_LARGE', message: `a target holds at most ${TARGET_LIMITS.bytes} bytes; this one ${bytes}` });
  if (problems.length) invalid(problems);

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sha256 = targetHash(files);
  const existing = await store.getTarget(ctx.conn.db, name);
  const settle = (row: store.TargetRow) => {
    if (row.sha256 !== sha256) throw new AppError('CONFLICT', `target '${name}' exists with other files (sha256 ${row.sha256}); a version's files never change: use a new name`);
    return { ...targetView(row), status: 'unchanged' as const };
  };
  if (existing) return settle(existing);
  const created = await ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.insertTarget(tx, { name, sha256, files: files.length, bytes, createdBy: actorLabel(m) }, files);
    if (row) await appendAudit(tx, { actor: actorLabel(m), action: 'repro-target.create', subject: `repro-target:${row.id}`, details: { name, sha256, files: files.length, bytes } });
    return row;
  });
  // another request stored the name meanwhile
  if (!created) return settle((await store.getTarget(ctx.conn.db, name))!);
  return { ...targetView(created), status: 'created' };
}

/** SHA-256 over the sorted listing: each file's path, mode and content hash, so any change changes it. */
function targetHash(sorted: readonly store.TargetFile[]): string {
  const hash = createHash('sha256');
  for (const f of sorted) hash.update(`${f.path}\0${f.executable ? 'x' : '-'}\0${createHash('sha256').update(f.content).digest('hex')}\n`);
  return hash.digest('hex');
}

export async function listTargets(ctx: AppContext, actor: Actor): Promise<TargetView[]> {
  analyst(actor);
  return (await store.listTargets(ctx.conn.db)).map(targetView);
}

/** The PoC attachments' names in the order the reporter gave them: the first runnable one is the default command. */
function pocNames(record: unknown): string[] {
  const attachments = (record as Partial<Finding>).attachments ?? [];
  return attachments.filter((a) => a.kind === 'poc').map((a) => a.name);
}

function defaultCommand(pocs: readonly string[]): string[] | null {
  for (const name of pocs) {
    const found = INTERPRETERS.find(([ext]) => ext.test(name));
    if (found) return [found[1], name];
  }
  return null;
}

function resolveLimits(input: Partial<RunLimits> | undefined, problems: Problem[]): RunLimits {
  const limits = {} as RunLimits;
  for (const key of Object.keys(RUN_LIMITS) as (keyof RunLimits)[]) {
    const { min, max, default: fallback } = RUN_LIMITS[key];
    const value = input?.[key] ?? fallback;
    if (!Number.isSafeInteger(value) || value < min || value > max) problems.push({ pointer: `/limits/${key}`, message: `limits.${key} must be an integer from ${min} to ${max}` });
    limits[key] = value;
  }
  return limits;
}

function oracleProblems(oracle: Oracle, problems: Problem[]): void {
  if (oracle.kind === 'exit-code' && (!Number.isInteger(oracle.expected) || oracle.expected < 0 || oracle.expected > 255)) {
    problems.push({ pointer: '/oracle/expected', message: 'oracle.expected is an exit status from 0 to 255' });
  }
  if (oracle.kind === 'marker' && (oracle.text.length === 0 || oracle.text.length > 1000)) problems.push({ pointer: '/oracle/text', message: 'oracle.text is 1-1000 characters' });
  if (oracle.kind === 'crash' && oracle.signature !== undefined && (oracle.signature.length === 0 || oracle.signature.length > 1000)) {
    problems.push({ pointer: '/oracle/signature', message: 'oracle.signature is 1-1000 characters' });
  }
}

function commandProblems(command: readonly string[], problems: Problem[]): void {
  if (command.length === 0 || command.length > 64 || command[0] === '') problems.push({ pointer: '/command', message: 'command is 1-64 arguments, the first not empty' });
  command.forEach((arg, i) => {
    if (arg.includes('\0') || arg.length > 4096) problems.push({ pointer: `/command/${i}`, message: 'a command argument is at most 4096 characters, without NUL' });
  });
}

/**
 * Queues a run of a finding's PoC against the affected target (and the fixed one, when given). The
 * row and its job are written in one transaction; without a queue in this process the row waits for
 * the next worker to start (which re-queues unfinished rows).
 */
export async function requestReproduction(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: ReproductionRequest,
  queue: ReproductionQueue | undefined,
): Promise<ReproductionView> {
  const m = analyst(actor);
  const db = ctx.conn.db;
  if (!(await store.caseExists(db, caseId))) throw new AppError('NOT_FOUND', `no case '${caseId}'`);
  const missing: Problem[] = [];
  const finding = await store.getFinding(db, input.findingId);
  if (finding?.case_id !== caseId) missing.push({ pointer: '/findingId', code: 'NOT_FOUND', message: `no finding '${input.findingId}' in case '${caseId}'` });
  const fixed = input.fixed ?? null;
  for (const [pointer, name] of [['/affected', input.affected], ['/fixed', fixed]] as const) {
    if (name !== null && !(await store.getTarget(db, name))) missing.push({ pointer, code: 'NOT_FOUND', message: `no reproduction target '${name}'` });
  }
  if (missing.length) throw new AppError('NOT_FOUND', missing.map((p) => p.message).join('; '), { problems: missing });

  const problems: Problem[] = [];
  const pocs = pocNames(finding!.record);
  if (pocs.length === 0) problems.push({ pointer: '/findingId', message: `finding '${input.findingId}' has no attachment of kind 'poc'` });
  for (const name of pocs) {
    const problem = pathProblem(name) ?? (name === TARGET_DIR || name.startsWith(`${TARGET_DIR}/`) ? `must not lie in ${TARGET_DIR}/, where the target goes` : null);
    if (problem) problems.push({ pointer: '/findingId', message: `PoC attachment name ${JSON.stringify(name.slice(0, 100))} ${problem}` });
  }
  if (new Set(pocs).size !== pocs.length) problems.push({ pointer: '/findingId', message: 'two PoC attachments share a name' });
  if (fixed !== null && fixed === input.affected) problems.push({ pointer: '/fixed', message: 'the fixed target must differ from the affected one' });
  oracleProblems(input.oracle, problems);
  const command = input.command ?? defaultCommand(pocs);
  if (command === null) problems.push({ pointer: '/command', message: 'no PoC attachment ends in .sh, .js, .mjs or .py: give the command' });
  else commandProblems(command, problems);
  const limits = resolveLimits(input.limits, problems);
  if (problems.length) invalid(problems);

  const spec: ReproductionSpec = { affected: input.affected, fixed, oracle: input.oracle, command: command!, limits, pocs };
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await store.insertReproduction(tx, { caseId, findingId: input.findingId, requestedBy: actorLabel(m), spec });
    await appendAudit(tx, {
      actor: actorLabel(m), action: 'reproduction.request', subject: `reproduction:${inserted.id}`,
      details: { case: caseId, finding: input.findingId, affected: input.affected, fixed, oracle: input.oracle.kind },
    });
    await queue?.enqueue(tx, inserted.id);
    return inserted;
  });
  queue?.wake?.();
  return reproductionView(row);
}

/** Analysts see every run; a reporter sees the runs of its own findings. */
async function readable(ctx: AppContext, actor: Actor, id: string): Promise<store.ReproductionRow> {
  const m = member(actor);
  const row = await store.getReproduction(ctx.conn.db, id);
  if (!row || (!hasScope(m, 'triage') && row.org_id !== m.orgId)) throw new AppError('NOT_FOUND', `no reproduction '${id}'`);
  return row;
}

export async function getReproduction(ctx: AppContext, actor: Actor, id: string): Promise<ReproductionView> {
  return reproductionView(await readable(ctx, actor, id));
}

export async function caseReproductions(ctx: AppContext, actor: Actor, caseId: string): Promise<ReproductionView[]> {
  const m = member(actor);
  const triage = hasScope(m, 'triage');
  if (!(await store.caseExists(ctx.conn.db, caseId))) throw new AppError('NOT_FOUND', `no case '${caseId}'`);
  const rows = await store.caseReproductions(ctx.conn.db, caseId, triage ? null : m.orgId);
  // a reporter with no runs in the case learns nothing about it
  if (!triage && rows.length === 0) throw new AppError('NOT_FOUND', `no case '${caseId}'`);
  return rows.map(reproductionView);
}

function reproductionView(r: store.ReproductionRow): ReproductionView {
  return {
    id: r.id, caseId: r.case_id, findingId: r.finding_id, status: r.status as ReproductionView['status'], verdict: r.verdict, reason: r.reason,
    spec: r.spec as ReproductionSpec, runs: (r.runs ?? null) as ReproductionView['runs'], error: r.error, requestedBy: r.requested_by,
    requestedAt: r.requested_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

/** For the worker: claims the row and reads what the run needs; null when there is nothing to run. */
export async function claimReproductionWork(ctx: AppContext, id: string): Promise<ReproductionWork | null> {
  const row = await store.claimReproduction(ctx.conn.db, id);
  if (!row) return null;
  const spec = row.spec as ReproductionSpec;
  const pocs = (await store.pocAttachments(ctx.conn.db, row.finding_id)).filter((a) => spec.pocs.includes(a.name));
  return {
    id,
    spec,
    pocs,
    affected: await store.targetFiles(ctx.conn.db, spec.affected),
    fixed: spec.fixed === null ? null : await store.targetFiles(ctx.conn.db, spec.fixed),
  };
}

/** Records a run's verdict with both attempts' logs (capped), or why it could not run; and puts it on the case's timeline. */
export async function recordReproduction(ctx: AppContext, id: string, outcome: Reproduction | { error: string }): Promise<void> {
  const finish = 'error' in outcome
    ? { status: 'error' as const, error: outcome.error }
    : { status: 'done' as const, verdict: outcome.verdict, reason: outcome.reason, runs: { affected: runView(outcome.affected), fixed: outcome.fixed && runView(outcome.fixed) } };
  await ctx.conn.db.transaction().execute(async (tx) => {
    const row = await store.finishReproduction(tx, id, finish);
    if (!row) return;
    const details = finish.status === 'done'
      ? { reproductionId: id, status: 'done', verdict: finish.verdict, reason: finish.reason, finding: row.finding_id }
      : { reproductionId: id, status: 'error', error: finish.error, finding: row.finding_id };
    await addCaseEvent(tx, { caseId: row.case_id, actor: 'system', orgId: null, kind: 'reproduction', details });
  });
}

export function unfinishedReproductions(ctx: AppContext): Promise<string[]> {
  return store.unfinishedReproductions(ctx.conn.db);
}

function runView(a: Attempt): RunView {
  const stdout = kept(a.run.stdout);
  const stderr = kept(a.run.stderr);
  return {
    exitCode: a.run.exitCode, signal: a.run.signal, timedOut: a.run.timedOut, killedFor: a.run.killedFor, wallMs: a.run.wallMs, judgement: a.judgement,
    stdout: stdout.text, stderr: stderr.text, outputTruncated: a.run.outputTruncated || stdout.cut || stderr.cut,
  };
}

/** The first LOG_BYTES of a log, storable: jsonb refuses NUL, which hostile output is full of. */
function kept(text: string): { text: string; cut: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  const cut = bytes.length > LOG_BYTES;
  const head = cut ? bytes.subarray(0, LOG_BYTES).toString('utf8') : text;
  return { text: head.replaceAll('\0', '\uFFFD'), cut };
}
