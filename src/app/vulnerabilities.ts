import { readScope, type Actor } from '../domain/access.js';
import { vulnCard, type SeverityName, type VulnCard } from '../domain/card.js';
import { AppError } from '../domain/errors.js';
import { normalizePurl, withoutVersion } from '../domain/purl.js';
import type { KevEntry, Vulnerability } from '../domain/vulnerability.js';
import { getVulnerabilityRow, linkedSignals, recordsAliasing, searchVulnerabilities, type VulnFilters } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';

export type { SeverityName } from '../domain/card.js';

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

export interface VulnSummary extends VulnCard {
  kev: boolean;
  epss: { score: number; percentile: number } | null;
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

/** Stored packages are versionless canonical purls: a searched purl is made the same. */
function packageIdentity(purl: string): string {
  const canonical = withoutVersion(purl);
  if (canonical === null) {
    const r = normalizePurl(purl);
    throw new AppError('INVALID_PURL', r.ok ? `not a package URL: '${purl}'` : r.error, { problems: [{ pointer: '/purl', message: 'invalid package URL' }] });
  }
  return canonical;
}

const encodeCursor = (v: { modified: string; id: string }) => Buffer.from(JSON.stringify([v.modified, v.id])).toString('base64url');

export async function searchVulns(ctx: AppContext, actor: Actor, input: SearchInput): Promise<{ items: VulnSummary[]; nextCursor: string | null }> {
  const limit = input.limit ?? 50;
  const band = input.severity ? SCORE_BANDS[input.severity] : undefined;
  const filters: VulnFilters = {
    q: input.q?.trim() || undefined,
    id: input.id?.trim() || undefined,
    purl: input.purl?.trim() ? packageIdentity(input.purl) : undefined,
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
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...(r.card as VulnCard), kev: r.kev, epss: r.epss })),
    nextCursor: rows.length > limit && last ? encodeCursor({ modified: last.modified, id: last.id }) : null,
  };
}

export interface VulnDetail extends VulnCard {
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

/** The detail as JSON text: the hot path, so details are kept in memory per reader scope. */
export async function vulnDetailJson(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  const scope = readScope(actor);
  const key = `${scope.orgId ?? 'anonymous'}:${id}`;
  const cached = ctx.details.get(key);
  if (cached) return cached;
  const json = JSON.stringify(await vulnDetail(ctx, actor, id));
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
  const signals = await linkedSignals(db, scope, v.id);
  return {
    ...vulnCard(v),
    aliases: signals.linked.filter((x) => x !== v.id),
    details: v.details, related: v.related, tlp: v.tlp, affected: v.affected, products: v.products, severities: v.severities,
    cwes: v.cwes, references: v.references, credits: v.credits, ssvc: v.ssvc, kev: signals.kev, epss: signals.epss,
  };
}

/** The record with this id, or else every record that carries it as an alias. */
export async function vulnsByIdOrAlias(ctx: AppContext, actor: Actor, id: string): Promise<VulnDetail[]> {
  const scope = readScope(actor);
  const ids = (await getVulnerabilityRow(ctx.conn.db, scope, id)) ? [id] : await recordsAliasing(ctx.conn.db, scope, id);
  return Promise.all(ids.map((i) => vulnDetail(ctx, actor, i)));
}
