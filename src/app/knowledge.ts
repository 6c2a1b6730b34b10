import type { Kysely } from 'kysely';
import { actorLabel, hasRole, hasScope, type Actor } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import { appendAudit } from '../store/audit.js';
import type { Database } from '../store/schema.js';
import type { VulnRow } from '../store/vulnerability-row.js';
import { upsertEpss, upsertKev } from '../store/signals.js';
import { tidyAfterBulkWrite, upsertVulnerabilities, type WriteCounts } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';
import { parseDocument, type Document, type Format, type ParsedSource } from './documents.js';
import { indexRows } from './matching.js';
import { parsedSources } from './parse-stream.js';

export { FORMATS, type Format } from './documents.js';

export interface ImportSummary extends WriteCounts {
  /** documents (files, archive entries, request bodies) refused whole */
  rejected: number;
  problems: Problem[];
  byFormat: Partial<Record<Format, WriteCounts & { rejected: number }>>;
}

export interface ImportOptions {
  format?: Format | 'auto' | undefined;
  /** called after each document with the number done so far */
  onProgress?: ((done: number) => void) | undefined;
  batchSize?: number | undefined;
}

const MAX_PROBLEMS = 200;

function requireImporter(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'sign in or present an API token');
  if (!hasScope(actor, 'import') || !hasRole(actor, 'operator')) throw new AppError('FORBIDDEN', 'importing needs the import scope of an operator organization');
}

/** Writes one whole document in the caller's transaction. */
function writeDocument(tx: Kysely<Database>, doc: Document, epssJump: number): Promise<WriteCounts & { changed?: string[] }> {
  switch (doc.format) {
    case 'kev': return upsertKev(tx, doc.catalogVersion, doc.entries);
    case 'epss': return upsertEpss(tx, doc.scores, doc.scoreDate, epssJump);
    default: return upsertVulnerabilities(tx, doc.records);
  }
}

const importAudit = (actor: Actor, s: WriteCounts & { rejected: number }) => ({
  actor: actorLabel(actor),
  action: 'kb.import',
  subject: 'knowledge-base',
  details: { imported: s.imported, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected },
});

class Tally {
  readonly summary: ImportSummary = { imported: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], byFormat: {} };

  add(format: Format, c: WriteCounts): void {
    const f = (this.summary.byFormat[format] ??= { imported: 0, updated: 0, unchanged: 0, rejected: 0 });
    for (const k of ['imported', 'updated', 'unchanged'] as const) {
      f[k] += c[k];
      this.summary[k] += c[k];
    }
  }

  reject(format: Format | null, problems: Problem[]): void {
    this.summary.rejected++;
    if (format) (this.summary.byFormat[format] ??= { imported: 0, updated: 0, unchanged: 0, rejected: 0 }).rejected++;
    const room = MAX_PROBLEMS - this.summary.problems.length;
    if (room > 0) this.summary.problems.push(...problems.slice(0, room));
  }
}

/**
 * Imports documents one by one: a document that fails validation is rejected whole and
 * the rest go on. Records are written in batches, each batch one transaction, so an
 * interrupted import leaves whole batches and a re-run completes it (updates go by `modified`).
 */
export async function importParsed(ctx: AppContext, actor: Actor, docs: AsyncIterable<ParsedSource>, options: ImportOptions = {}): Promise<ImportSummary> {
  requireImporter(actor);
  const tally = new Tally();
  const batchSize = options.batchSize ?? 1000;
  // Pending records of one format, by id: a later document with a newer `modified` wins.
  let pending = new Map<string, VulnRow>();
  let pendingFormat: 'osv' | 'cve5' = 'osv';
  let done = 0;

  const flush = async () => {
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending = new Map();
    const written = await ctx.conn.db.transaction().execute((tx) => upsertVulnerabilities(tx, batch));
    tally.add(pendingFormat, written);
    const changed = new Set(written.changed);
    indexRows(ctx, batch.filter((r) => changed.has(r.id)));
  };

  for await (const source of docs) {
    if (!source.ok) {
      tally.reject(source.format, source.problems);
    } else if (source.doc.format === 'kev' || source.doc.format === 'epss') {
      const doc = source.doc;
      tally.add(doc.format, await ctx.conn.db.transaction().execute((tx) => writeDocument(tx, doc, ctx.config.distribution.epssJump)));
    } else {
      const doc = source.doc;
      if (pendingFormat !== doc.format) await flush();
      pendingFormat = doc.format;
      for (const v of doc.records) {
        const prev = pending.get(v.id);
        if (prev) tally.add(doc.format, { imported: 0, updated: 0, unchanged: 1 });
        if (!prev || Date.parse(v.modified) > Date.parse(prev.modified)) pending.set(v.id, v);
      }
      if (pending.size >= batchSize) await flush();
    }
    options.onProgress?.(++done);
  }
  await flush();
  ctx.details.clear();
  const s = tally.summary;
  const records = (['osv', 'cve5'] as const).reduce((n, f) => n + (s.byFormat[f]?.imported ?? 0) + (s.byFormat[f]?.updated ?? 0), 0);
  if (records >= TIDY_AFTER) await tidyAfterBulkWrite(ctx.conn.db);
  await ctx.conn.db.transaction().execute((tx) => appendAudit(tx, importAudit(actor, s)));
  return s;
}

const TIDY_AFTER = 1000;

/** Files, directories and zip archives, read and parsed on a worker thread while batches are written. */
export function importPaths(ctx: AppContext, actor: Actor, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const limit = ctx.config.importLimit;
  const limits = { maxFileBytes: limit, maxZipEntries: 1_000_000, maxZipBytes: 4 * limit };
  return importParsed(ctx, actor, parsedSources(paths, limits, options.format ?? 'auto', ctx.config.maxJsonDepth), options);
}

/**
 * One document from an HTTP body: all-or-nothing. A rejected document raises with its
 * problems, so the caller answers 4xx and nothing was stored.
 */
export async function importDocument(ctx: AppContext, actor: Actor, name: string, text: string, format: Format | 'auto'): Promise<ImportSummary> {
  requireImporter(actor);
  const parsed = parseDocument(name, text, format, ctx.config.maxJsonDepth);
  if (!parsed.ok) {
    const p = parsed.problems;
    throw new AppError(p.find((x) => x.code)?.code ?? 'VALIDATION_FAILED', `${name} was rejected: ${p[0]?.message ?? 'invalid'}`, { problems: p.slice(0, MAX_PROBLEMS) });
  }
  const doc = parsed.value;
  const counts = await ctx.conn.db.transaction().execute(async (tx) => {
    const c = await writeDocument(tx, doc, ctx.config.distribution.epssJump);
    await appendAudit(tx, importAudit(actor, { ...c, rejected: 0 }));
    return c;
  });
  ctx.details.clear();
  if (counts.changed) {
    const changed = new Set(counts.changed);
    if (doc.format === 'osv' || doc.format === 'cve5') indexRows(ctx, doc.records.filter((r) => changed.has(r.id)));
  }
  const { imported, updated, unchanged } = counts;
  return { imported, updated, unchanged, rejected: 0, problems: [], byFormat: { [doc.format]: { imported, updated, unchanged, rejected: 0 } } };
}
