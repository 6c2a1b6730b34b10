import { hasRole, hasScope, type Actor } from '../domain/access.js';
import { AppError, type Problem } from '../domain/errors.js';
import type { EpssScore, KevEntry, Vulnerability } from '../domain/vulnerability.js';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import { parseCve5 } from '../formats/cve5/parse.js';
import { parseEpss } from '../formats/epss/parse.js';
import { parseJson } from '../formats/json.js';
import { parseKev } from '../formats/kev/parse.js';
import { parseOsv, parseOsvText } from '../formats/osv/parse.js';
import type { Parsed } from '../formats/result.js';
import { detectFormat, readSources } from '../formats/sources.js';
import { appendAudit } from '../store/audit.js';
import { upsertEpss, upsertKev } from '../store/signals.js';
import { upsertVulnerabilities, type WriteCounts } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';

export const FORMATS = ['osv', 'cve5', 'kev', 'epss'] as const;
export type Format = (typeof FORMATS)[number];

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

/** Records of one document: a single OSV/CVE object or an array of them (one batch). */
function parseRecords(doc: unknown, file: string, parse: (d: unknown, f: string) => Parsed<Vulnerability>): Parsed<Vulnerability[]> {
  const docs = Array.isArray(doc) ? doc : [doc];
  const problems: Problem[] = [];
  const values: Vulnerability[] = [];
  const seen = new Map<string, number>();
  docs.forEach((d, i) => {
    const r = parse(d, file);
    const prefix = Array.isArray(doc) ? `/${i}` : '';
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ ...p, pointer: `${prefix}${p.pointer ?? ''}` })));
      return;
    }
    const first = seen.get(r.value.id);
    if (first !== undefined) {
      problems.push({ file, pointer: `${prefix}/id`, message: `duplicate id '${r.value.id}' (first at /${first}/id)` });
      return;
    }
    seen.set(r.value.id, i);
    values.push(r.value);
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: values };
}

type Document =
  | { format: 'osv' | 'cve5'; records: Vulnerability[] }
  | { format: 'kev'; catalogVersion: string; entries: KevEntry[] }
  | { format: 'epss'; scoreDate: string | null; rows: EpssScore[] };

/** Writes one whole document in the caller's transaction. */
function writeDocument(tx: Kysely<Database>, doc: Document): Promise<WriteCounts> {
  switch (doc.format) {
    case 'kev': return upsertKev(tx, doc.catalogVersion, doc.entries);
    case 'epss': return upsertEpss(tx, doc.rows, doc.scoreDate);
    default: return upsertVulnerabilities(tx, doc.records);
  }
}

function auditActor(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  return actor.kind === 'token' ? `token:${actor.tokenId}` : `user:${actor.userId ?? 'system'}`;
}

const importAudit = (actor: Actor, s: WriteCounts & { rejected: number }) => ({
  actor: auditActor(actor),
  action: 'kb.import',
  subject: 'knowledge-base',
  details: { imported: s.imported, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected },
});

/** Text of one document → its parsed content, or the problems that reject it whole. */
export function parseDocument(name: string, text: string, forced: Format | 'auto' | undefined, maxDepth: number): Parsed<Document> {
  const format = forced && forced !== 'auto' ? forced : detectFormat(name, text);
  if (!format) return { ok: false, problems: [{ file: name, message: 'unrecognized format: not OSV, CVE 5, KEV or EPSS (use --format to say which)' }] };
  if (format === 'epss') {
    const r = parseEpss(text, name);
    return r.ok ? { ok: true, value: { format, scoreDate: r.value.scoreDate, rows: r.value.rows } } : r;
  }
  if (format === 'osv' && /\.ya?ml$/i.test(name)) {
    const r = parseOsvText(text, name, 'yaml');
    return r.ok ? { ok: true, value: { format, records: [r.value] } } : r;
  }
  const json = parseJson(text, name, { maxDepth });
  if (!json.ok) return json;
  if (format === 'kev') {
    const r = parseKev(json.value, name);
    return r.ok ? { ok: true, value: { format, catalogVersion: r.value.catalogVersion, entries: r.value.entries } } : r;
  }
  const r = parseRecords(json.value, name, format === 'osv' ? parseOsv : parseCve5);
  return r.ok ? { ok: true, value: { format, records: r.value } } : r;
}

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
export async function importSources(
  ctx: AppContext,
  actor: Actor,
  sources: AsyncIterable<{ name: string; text: string } | { name: string; problem: Problem }>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  requireImporter(actor);
  const tally = new Tally();
  const batchSize = options.batchSize ?? 1000;
  // Pending records of one format, by id: a later document with a newer `modified` wins.
  let pending = new Map<string, Vulnerability>();
  let pendingFormat: 'osv' | 'cve5' = 'osv';
  let done = 0;

  const flush = async () => {
    if (!pending.size) return;
    const batch = [...pending.values()];
    pending = new Map();
    tally.add(pendingFormat, await ctx.conn.db.transaction().execute((tx) => upsertVulnerabilities(tx, batch)));
  };

  for await (const source of sources) {
    if ('problem' in source) {
      tally.reject(null, [source.problem]);
    } else {
      const parsed = parseDocument(source.name, source.text, options.format, ctx.config.maxJsonDepth);
      if (!parsed.ok) {
        tally.reject(options.format && options.format !== 'auto' ? options.format : detectFormat(source.name, source.text), parsed.problems);
      } else {
        const doc = parsed.value;
        if (doc.format === 'kev' || doc.format === 'epss') {
          tally.add(doc.format, await ctx.conn.db.transaction().execute((tx) => writeDocument(tx, doc)));
        } else {
          if (pendingFormat !== doc.format) await flush();
          pendingFormat = doc.format;
          for (const v of doc.records) {
            const prev = pending.get(v.id);
            if (prev) tally.add(doc.format, { imported: 0, updated: 0, unchanged: 1 });
            if (!prev || Date.parse(v.modified) > Date.parse(prev.modified)) pending.set(v.id, v);
          }
          if (pending.size >= batchSize) await flush();
        }
      }
    }
    options.onProgress?.(++done);
  }
  await flush();
  ctx.details.clear();
  await ctx.conn.db.transaction().execute((tx) => appendAudit(tx, importAudit(actor, tally.summary)));
  return tally.summary;
}

export function importPaths(ctx: AppContext, actor: Actor, paths: string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const limit = ctx.config.importLimit;
  return importSources(ctx, actor, readSources(paths, { maxFileBytes: limit, maxZipEntries: 1_000_000, maxZipBytes: 4 * limit }), options);
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
    const code = p.some((x) => /nested deeper/.test(x.message)) ? 'TOO_DEEP'
      : p.some((x) => /^invalid JSON/.test(x.message)) ? 'INVALID_JSON'
      : p.some((x) => /^unrecognized format/.test(x.message)) ? 'UNKNOWN_FORMAT'
      : p.some((x) => /^duplicate id/.test(x.message)) ? 'DUPLICATE_ID'
      : 'VALIDATION_FAILED';
    throw new AppError(code, `${name} was rejected: ${p[0]?.message ?? 'invalid'}`, { problems: p.slice(0, MAX_PROBLEMS) });
  }
  const doc = parsed.value;
  const counts = await ctx.conn.db.transaction().execute(async (tx) => {
    const c = await writeDocument(tx, doc);
    await appendAudit(tx, importAudit(actor, { ...c, rejected: 0 }));
    return c;
  });
  ctx.details.clear();
  return { ...counts, rejected: 0, problems: [], byFormat: { [doc.format]: { ...counts, rejected: 0 } } };
}
