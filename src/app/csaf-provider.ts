import { hasRole, type Actor } from '../domain/access.js';
import { AppError, formatProblem } from '../domain/errors.js';
import { providerFiles, type ProviderFile, type ProviderSettings, type PublishedDocument } from '../formats/csaf-provider/index.js';
import * as store from '../store/publication.js';
import type { AppContext } from './context.js';
import { RETIRED_KEY_DAYS } from './signing-keys.js';

/**
 * The CSAF 2.0 trusted provider as each reader may see it. Every file is computed from the
 * publications the reader may read: TLP:CLEAR (WHITE) anyone, GREEN any signed-in member, AMBER and
 * RED the coordinators (operators) and the case's participants (its vendors and the organizations
 * that reported it). So an AMBER feed, index.txt or changes.csv lists only what its reader may read,
 * and a document, feed or tree one may not read answers NOT_FOUND, never FORBIDDEN.
 */

export const PROVIDER_PREFIX = '/.well-known/csaf';

export type ProviderMediaType = ProviderFile['mediaType'] | 'text/plain; charset=utf-8' | 'application/pgp-signature' | 'application/pgp-keys';

export interface ServedFile {
  content: string;
  mediaType: ProviderMediaType;
  /** an index (changes with every publication) or a document's file (changes only with a new revision) */
  kind: 'index' | 'document' | 'key';
}

function settings(ctx: AppContext, keys: ReadonlyArray<{ fingerprint: string }>): ProviderSettings {
  const { publicUrl, publisher } = ctx.config.advisories;
  const baseUrl = `${publicUrl}${PROVIDER_PREFIX}`;
  return {
    canonicalUrl: `${baseUrl}/provider-metadata.json`,
    baseUrl,
    publisher: { category: 'coordinator', name: publisher.name, namespace: publisher.namespace, ...(publisher.contactDetails ? { contact_details: publisher.contactDetails } : {}) },
    publicKeys: keys.map((k) => ({ fingerprint: k.fingerprint, url: `${baseUrl}/openpgp/${k.fingerprint}.asc` })),
    listOnAggregators: true,
    mirrorOnAggregators: false,
  };
}

const keysSince = (now: Date) => new Date(now.getTime() - RETIRED_KEY_DAYS * 24 * 3600_000);

/** The publications this actor may read, latest revision of each. */
async function readable<T extends store.ListedPublication>(ctx: AppContext, actor: Actor, rows: T[]): Promise<T[]> {
  const restricted = rows.filter((r) => r.tlp !== 'CLEAR' && r.tlp !== 'GREEN').map((r) => r.case_id);
  const coordinator = hasRole(actor, 'operator');
  const participating = actor.kind === 'anonymous' || coordinator ? new Set<string>() : await store.casesWithParticipant(ctx.conn.db, actor.orgId, restricted);
  return rows.filter((r) => {
    if (r.tlp === 'CLEAR') return true;
    if (actor.kind === 'anonymous') return false;
    if (r.tlp === 'GREEN') return true;
    return coordinator || participating.has(r.case_id);
  });
}

/** provider-metadata.json, the feeds, index.txt and changes.csv files this actor may read, by path under the provider. */
export async function providerIndexFiles(ctx: AppContext, actor: Actor, now = new Date()): Promise<Map<string, ServedFile>> {
  const keys = await store.publishedKeys(ctx.conn.db, keysSince(now));
  const rows = await readable(ctx, actor, await store.latestPublications(ctx.conn.db));
  const documents: PublishedDocument[] = rows.map((r) => ({
    id: r.advisory_id, tlp: r.tlp as PublishedDocument['tlp'], initialReleaseDate: r.initial_release_date, currentReleaseDate: r.current_release_date, title: r.title,
  }));
  // stamped with the last change the reader can see (a publication, or a key the metadata names), so the
  // files stay the same between changes
  const changes = [...rows.map((r) => Date.parse(r.current_release_date)), ...keys.map((k) => Date.parse(k.created_at))];
  const stamp = new Date(changes.length ? Math.max(...changes) : now.getTime()).toISOString();
  // the files depend only on what this reader sees: readers who see the same publications and keys share them
  const s = settings(ctx, keys);
  const seen = `${JSON.stringify(s)}|${rows.map((r) => `${r.path}@${r.version}`).join(',')}`;
  const hit = built.get(seen);
  if (hit) return hit;
  const files = providerFiles(s, documents, stamp);
  if (!files.ok) throw new AppError('NOT_FOUND', `the CSAF provider is not available: ${files.problems.map(formatProblem).join('; ')}`);
  const prefix = `${s.baseUrl}/`;
  const served = new Map(files.value.map((f): [string, ServedFile] => [f.url.slice(prefix.length), { content: f.content, mediaType: f.mediaType, kind: 'index' }]));
  if (built.size >= 64) built.delete(built.keys().next().value!);
  built.set(seen, served);
  return served;
}

/** Index files built per view (what a reader sees), the most recent 64 views: every request would otherwise rebuild every feed. */
const built = new Map<string, Map<string, ServedFile>>();

const SUFFIXES: ReadonlyArray<[string, 'sha256' | 'sha512' | 'signature', ProviderMediaType]> = [
  ['.sha256', 'sha256', 'text/plain; charset=utf-8'],
  ['.sha512', 'sha512', 'text/plain; charset=utf-8'],
  ['.asc', 'signature', 'application/pgp-signature'],
];

/** A document (`white/2026/aicc-2026-0001.json`) or one of its hash and signature files; undefined when absent or not readable. */
export async function providerDocumentFile(ctx: AppContext, actor: Actor, path: string): Promise<ServedFile | undefined> {
  const suffix = SUFFIXES.find(([s]) => path.endsWith(s));
  const documentPath = suffix ? path.slice(0, -suffix[0].length) : path;
  if (!/^(white|green|amber|red)\/\d{4}\/[+\-a-z0-9_]+\.json$/.test(documentPath)) return undefined;
  const row = await store.publicationAt(ctx.conn.db, documentPath);
  if (!row || (await readable(ctx, actor, [row])).length === 0) return undefined;
  if (!suffix) return { content: row.csaf, mediaType: 'application/json', kind: 'document' };
  return { content: row[suffix[1]], mediaType: suffix[2], kind: 'document' };
}

/** A public key the provider names (`openpgp/<FPR>.asc`): the active one and retired ones still announced. */
export async function providerKeyFile(ctx: AppContext, fileName: string, now = new Date()): Promise<ServedFile | undefined> {
  const m = /^([0-9A-F]{40})\.asc$/.exec(fileName);
  if (!m) return undefined;
  const key = (await store.publishedKeys(ctx.conn.db, keysSince(now))).find((k) => k.fingerprint === m[1]);
  return key ? { content: key.public_key, mediaType: 'application/pgp-keys', kind: 'key' } : undefined;
}
