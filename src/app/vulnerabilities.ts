import { readScope, type Actor } from '../domain/access.js';
import { severityRating } from '../domain/cvss.js';
import { AppError } from '../domain/errors.js';
import type { KevEntry, Vulnerability } from '../domain/vulnerability.js';
import { epssFor, kevFor } from '../store/signals.js';
import {
  exploitSignals, getVulnerabilityRow, linkedIds, recordsAliasing, searchVulnerabilities, type VulnFilters,
} from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';

export type SeverityName = 'critical' | 'high' | 'medium' | 'low' | 'none';

export interface SearchInput {
  q?: string | undefined;
  id?: string | undefined;
  purl?: string | undefined;
  ecosystem?: string | undefined;
  kev?: boolean | undefined;
  epssMin?: number | undefined;
  severity?: SeverityName | undefined;
  includeWithdrawn?: boolean | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface VulnSummary {
  id: string;
  source: string;
  summary: string;
  aliases: string[];
  modified: string;
  published: string | null;
  withdrawn: string | null;
  maxScore: number | null;
  severity: SeverityName | null;
  kev: boolean;
  epss: { score: number; percentile: number } | null;
  packages: Array<{ ecosystem: string; name: string; purl: string | null }>;
}

const SCORE_BANDS: Record<SeverityName, [number, number | undefined]> = {
  critical: [9, undefined],
  high: [7, 9],
  medium: [4, 7],
  low: [0.1, 4],
  none: [0, 0.1],
};

function decodeCursor(cursor: string): { modified: string; id: string } {
  try {
    const [modified, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof modified === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(modified))) return { modified, id };
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_REQUEST', 'cursor is not one this server issued', { problems: [{ pointer: '/cursor', message: 'invalid cursor' }] });
}

const encodeCursor = (v: { modified: string; id: string }) => Buffer.from(JSON.stringify([v.modified, v.id])).toString('base64url');

function maxScoreOf(v: Vulnerability): number | null {
  return v.severities.length ? Math.max(...v.severities.map((s) => s.baseScore)) : null;
}

function summarize(v: Vulnerability, signals: { kev: boolean; epss: number | null; percentile: number | null } | undefined): VulnSummary {
  const maxScore = maxScoreOf(v);
  const packages = new Map<string, { ecosystem: string; name: string; purl: string | null }>();
  for (const a of v.affected) packages.set(`${a.ecosystem}\0${a.name}`, { ecosystem: a.ecosystem, name: a.name, purl: a.purl });
  return {
    id: v.id, source: v.source, summary: v.summary, aliases: v.aliases, modified: v.modified, published: v.published,
    withdrawn: v.withdrawn, maxScore, severity: maxScore === null ? null : severityRating(maxScore),
    kev: signals?.kev ?? false,
    epss: signals?.epss != null && signals.percentile != null ? { score: signals.epss, percentile: signals.percentile } : null,
    packages: [...packages.values()].slice(0, 10),
  };
}

export async function searchVulns(ctx: AppContext, actor: Actor, input: SearchInput): Promise<{ items: VulnSummary[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const band = input.severity ? SCORE_BANDS[input.severity] : undefined;
  const filters: VulnFilters = {
    q: input.q?.trim() || undefined,
    id: input.id?.trim() || undefined,
    purl: input.purl?.trim() || undefined,
    ecosystem: input.ecosystem?.trim() || undefined,
    kev: input.kev,
    epssMin: input.epssMin,
    minScore: band?.[0],
    maxScoreBelow: band?.[1],
    includeWithdrawn: input.includeWithdrawn,
    limit: limit + 1,
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
  };
  const rows = await searchVulnerabilities(ctx.conn.db, readScope(actor), filters);
  const page = rows.slice(0, limit).map((r) => r.record as Vulnerability);
  const signals = await exploitSignals(ctx.conn.db, page.map((v) => v.id));
  const last = page.at(-1);
  return {
    items: page.map((v) => summarize(v, signals.get(v.id))),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

export interface VulnDetail extends Omit<VulnSummary, 'kev' | 'epss'> {
  details: string;
  related: string[];
  tlp: string;
  affected: Vulnerability['affected'];
  products: Vulnerability['products'];
  severities: Vulnerability['severities'];
  cwes: string[];
  references: Vulnerability['references'];
  credits: string[];
  ssvc: Vulnerability['ssvc'];
  kev: KevEntry | null;
  epss: { score: number; percentile: number; date: string | null } | null;
}

/** The detail as JSON text: the hot path, so public results are served from memory. */
export async function vulnDetailJson(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const scope = readScope(actor);
  const key = `${scope.orgId ?? (scope.authenticated ? 'member' : 'anon')}:${id}`;
  const cached = ctx.details.get(key);
  if (cached) return cached;
  const detail = await vulnDetail(ctx, actor, id);
  const json = JSON.stringify(detail);
  ctx.details.set(key, json);
  return json;
}

export async function vulnDetail(ctx: AppContext, actor: Actor, id: string): Promise<VulnDetail> {
  const scope = readScope(actor);
  const db = ctx.conn.db;
  const row = await getVulnerabilityRow(db, scope, id);
  if (!row) {
    const candidates = await recordsAliasing(db, scope, id);
    throw new AppError('NOT_FOUND', candidates.length ? `no record '${id}'; it is an alias of ${candidates.join(', ')}` : `no vulnerability '${id}'`, {
      problems: candidates.map((c) => ({ message: `alias of ${c}`, pointer: `/${c}` })),
    });
  }
  const v = row.record as Vulnerability;
  const linked = await linkedIds(db, scope, v.id);
  const cves = linked.filter((x) => x.startsWith('CVE-'));
  const [kev, epss] = await Promise.all([kevFor(db, cves), epssFor(db, cves)]);
  const summary = summarize(v, undefined);
  return {
    ...summary,
    aliases: linked.filter((x) => x !== v.id),
    details: v.details, related: v.related, tlp: v.tlp, affected: v.affected, products: v.products, severities: v.severities,
    cwes: v.cwes, references: v.references, credits: v.credits, ssvc: v.ssvc, kev, epss,
  };
}

/** The record with this id, or else every record that carries it as an alias. */
export async function vulnsByIdOrAlias(ctx: AppContext, actor: Actor, id: string): Promise<VulnDetail[]> {
  const scope = readScope(actor);
  const ids = (await getVulnerabilityRow(ctx.conn.db, scope, id)) ? [id] : await recordsAliasing(ctx.conn.db, scope, id);
  return Promise.all(ids.map((i) => vulnDetail(ctx, actor, i)));
}
