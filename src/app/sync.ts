import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
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

/** A feed may take as long as it needs, but may not stall: this long without a byte aborts it. */
const IDLE_MS = 60_000;

/** A pass-through that fails once more than `maxBytes` went through it; `onChunk` sees progress. */
function byteLimit(url: string, maxBytes: number, onChunk: () => void = () => undefined): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onChunk();
      seen += chunk.length;
      done(seen > maxBytes ? new AppError('PAYLOAD_TOO_LARGE', `${url} is larger than ${maxBytes} bytes`) : null, chunk);
    },
  });
}

/** An abort signal that fires after IDLE_MS without a call to `alive`. */
function idleWatchdog(): { signal: AbortSignal; alive: () => void; stop: () => void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout;
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${IDLE_MS / 1000} s`)), IDLE_MS);
  };
  alive();
  return { signal: controller.signal, alive, stop: () => clearTimeout(timer) };
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a feed to a temporary file, bounded in size and in idle time, so a broken or hostile source
 * cannot exhaust memory; a gzipped body is inflated (decided by its content, not by the URL: a
 * query string may hide the .gz, and a server sending Content-Encoding: gzip has it inflated
 * already). No network, or a transfer that breaks off → one clear error.
 */
async function download(url: string, dir: string, name: string, maxBytes: number): Promise<string> {
  const unreachable = (what: string, err: unknown) => {
    const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return new AppError('NETWORK_UNAVAILABLE', `${what}: ${reason}. Is there a network? (set the feed URL with AICC_OSV_URL, AICC_KEV_URL or AICC_EPSS_URL)`, { cause: err });
  };
  const watchdog = idleWatchdog();
  const file = join(dir, name);
  const raw = `${file}.download`;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: watchdog.signal, redirect: 'follow' });
    } catch (err) {
      throw unreachable(`cannot reach ${url}`, err);
    }
    if (!response.ok || !response.body) {
      throw new AppError('NETWORK_UNAVAILABLE', `${url} answered ${response.status} ${response.statusText}`);
    }
    try {
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      await pipeline(body, byteLimit(url, maxBytes, watchdog.alive), createWriteStream(raw));
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unreachable(`the download of ${url} broke off`, err);
    }
  } finally {
    watchdog.stop();
  }
  if (!(await startsWithGzipMagic(raw))) {
    await rename(raw, file);
    return file;
  }
  try {
    await pipeline(createReadStream(raw), createGunzip(), byteLimit(url, maxBytes), createWriteStream(file));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('NETWORK_UNAVAILABLE', `${url} sent a broken gzip stream: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await rm(raw, { force: true });
  }
  return file;
}

export function feedUrls(ctx: AppContext, feed: Feed, ecosystem?: string): Array<{ url: string; name: string }> {
  const { feeds } = ctx.config;
  if (feed === 'kev') return [{ url: feeds.kev, name: 'kev.json' }];
  if (feed === 'epss') return [{ url: feeds.epss, name: 'epss.csv' }];
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
