import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { AppContext } from './context.js';
import { importPaths, type ImportOptions, type ImportSummary } from './knowledge.js';

export type Feed = 'osv' | 'kev' | 'epss';

/** OSV ecosystems whose bulk exports `sync osv --ecosystem all` fetches. */
export const OSV_ECOSYSTEMS = ['Go', 'crates.io', 'PyPI', 'npm', 'Maven', 'RubyGems', 'NuGet', 'Packagist', 'Hex', 'Pub', 'Debian', 'Alpine'];

const TIMEOUT_MS = 120_000;

/**
 * Streams a feed to a temporary file (decompressing .gz), bounded in size and time, so a
 * broken or hostile source cannot exhaust memory. No network → one clear error.
 */
async function download(url: string, dir: string, name: string, maxBytes: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new AppError('NETWORK_UNAVAILABLE', `cannot reach ${url}: ${reason}. Is there a network? (set the feed URL with AICC_OSV_URL, AICC_KEV_URL or AICC_EPSS_URL)`, { cause: err });
  }
  if (!response.ok || !response.body) {
    throw new AppError('NETWORK_UNAVAILABLE', `${url} answered ${response.status} ${response.statusText}`);
  }
  const gz = url.endsWith('.gz');
  const file = join(dir, gz ? name.replace(/\.gz$/, '') : name);
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new AppError('PAYLOAD_TOO_LARGE', `${url} is larger than ${maxBytes} bytes`) : null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  await (gz ? pipeline(body, createGunzip(), limit, createWriteStream(file)) : pipeline(body, limit, createWriteStream(file)));
  return file;
}

export function feedUrls(ctx: AppContext, feed: Feed, ecosystem?: string): Array<{ url: string; name: string }> {
  const { feeds } = ctx.config;
  if (feed === 'kev') return [{ url: feeds.kev, name: 'kev.json' }];
  if (feed === 'epss') return [{ url: feeds.epss, name: feeds.epss.endsWith('.gz') ? 'epss.csv.gz' : 'epss.csv' }];
  const ecosystems = !ecosystem || ecosystem === 'all' ? OSV_ECOSYSTEMS : [ecosystem];
  return ecosystems.map((e) => ({ url: feeds.osv.replace('{ecosystem}', encodeURIComponent(e)), name: `osv-${e.replace(/[^\w.-]/g, '_')}.zip` }));
}

export async function syncFeed(ctx: AppContext, actor: Actor, feed: Feed, options: ImportOptions & { ecosystem?: string | undefined } = {}): Promise<ImportSummary> {
  const dir = await mkdtemp(join(tmpdir(), `aicc-sync-${feed}-`));
  try {
    const files: string[] = [];
    for (const { url, name } of feedUrls(ctx, feed, options.ecosystem)) files.push(await download(url, dir, name, ctx.config.importLimit * 4));
    return await importPaths(ctx, actor, files, { ...options, format: feed });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
