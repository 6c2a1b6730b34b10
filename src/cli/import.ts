import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { FORMATS, importPaths, type Format, type ImportSummary } from '../app/knowledge.js';
import { SYSTEM } from '../app/identity.js';
import { syncFeed } from '../app/sync.js';
import { AppError } from '../domain/errors.js';
import { countFiles, progressBar } from './progress.js';
import { UsageError, withContext, type GlobalOptions } from './runtime.js';
import { printSummary } from './summary.js';

interface ImportOptions extends GlobalOptions {
  format: string;
  server?: string;
  token?: string;
}

function format(value: string): Format | 'auto' {
  if (value === 'auto' || (FORMATS as readonly string[]).includes(value)) return value as Format | 'auto';
  throw new UsageError(`--format must be auto, ${FORMATS.join(', ')}; got '${value}'`);
}

const CONTENT_TYPES: Record<string, string> = { '.csv': 'text/csv', '.yaml': 'application/yaml', '.yml': 'application/yaml', '.zip': 'application/zip' };

const DATA_FILE = new Set(['.json', '.yaml', '.yml', '.csv', '.zip']);
const NOT_DATA = /^(license|licence|readme|copying|notice)$/i;

/** The files a remote import sends: paths as given, directories walked in name order for data files, as a local import does. */
function remoteFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (path: string, given: boolean) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) walk(join(path, name), false);
      return;
    }
    const ext = extname(path).toLowerCase();
    if (given || (st?.isFile() && DATA_FILE.has(ext) && !NOT_DATA.test(basename(path, ext)))) files.push(path);
  };
  for (const path of paths) walk(path, true);
  return files;
}

type RemoteAnswer = { summary?: ImportSummary; error?: { message: string; details?: Array<{ message: string; pointer?: string; line?: number }> } };

/** Sends files to a running server (the data directory is that server's while it runs). */
async function importRemote(paths: string[], options: ImportOptions): Promise<ImportSummary> {
  const token = options.token ?? process.env.AICC_TOKEN;
  if (!token) throw new UsageError('--server needs an API token with the import scope: --token or AICC_TOKEN');
  let server: URL;
  try {
    server = new URL(options.server ?? '');
  } catch {
    throw new UsageError(`--server must be the server's http(s) URL, got '${options.server}'`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new UsageError(`--server must be the server's http(s) URL, got '${options.server}'`);
  const total: ImportSummary = { imported: 0, updated: 0, unchanged: 0, rejected: 0, problems: [], byFormat: {} };
  for (const path of remoteFiles(paths)) {
    let body: Buffer<ArrayBuffer>;
    try {
      body = await readFile(path);
    } catch (err) {
      total.rejected++;
      total.problems.push({ file: path, message: `cannot read: ${err instanceof Error ? err.message : String(err)}` });
      continue;
    }
    const url = new URL(`/api/v1/import?format=${encodeURIComponent(options.format)}`, server);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/json' },
        body,
      });
    } catch (err) {
      const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
      throw new AppError('NETWORK_UNAVAILABLE', `cannot reach the AICC server at ${server.origin}: ${reason}`, { cause: err });
    }
    const json = (await res.json().catch(() => null)) as RemoteAnswer | null;
    if (!json || (!json.summary && !json.error)) throw new AppError('NETWORK_UNAVAILABLE', `${url.href} answered ${res.status} ${res.statusText} without an AICC answer; is --server an AICC server?`);
    // A refused token refuses every file: stop at the first.
    if (res.status === 401 || res.status === 403) throw new AppError(res.status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', `${server.origin} refused the import: ${json.error?.message ?? res.statusText}`);
    if (json.summary) {
      for (const k of ['imported', 'updated', 'unchanged', 'rejected'] as const) total[k] += json.summary[k];
      for (const [f, c] of Object.entries(json.summary.byFormat)) {
        const t = (total.byFormat[f as Format] ??= { imported: 0, updated: 0, unchanged: 0, rejected: 0 });
        for (const k of ['imported', 'updated', 'unchanged', 'rejected'] as const) t[k] += c[k];
      }
      total.problems.push(...json.summary.problems);
    } else {
      total.rejected++;
      total.problems.push(...(json.error?.details?.length ? json.error.details.map((d) => ({ ...d, file: path })) : [{ file: path, message: json.error?.message ?? `HTTP ${res.status}` }]));
    }
  }
  return total;
}

export function importCommands(program: Command): void {
  program
    .command('import')
    .description('import OSV (JSON, YAML, directories, zip exports), CVE 5, KEV or EPSS files into the knowledge base')
    .argument('<paths...>', 'files, directories or zip archives')
    .option('--format <format>', `auto, ${FORMATS.join(', ')}`, 'auto')
    .option('--data <dir>', 'embedded database directory (AICC_DATA_DIR, default ./.aicc)')
    .option('--server <url>', 'send to a running AICC server instead of opening the database')
    .option('--token <token>', 'API token for --server (or AICC_TOKEN)')
    .action(async (paths: string[], options: ImportOptions) => {
      const fmt = format(options.format);
      // The rate covers the import itself, not opening (or creating) the database.
      let started = performance.now();
      const summary = options.server
        ? await importRemote(paths, options)
        : await withContext(options, 'aicc import', async (ctx) => {
            started = performance.now();
            const bar = progressBar(countFiles(paths), 'importing');
            try {
              return await importPaths(ctx, SYSTEM, paths, { format: fmt, onProgress: (n) => bar.tick(n) });
            } finally {
              bar.stop();
            }
          });
      printSummary(summary, (performance.now() - started) / 1000);
      if (summary.rejected) process.exitCode = 1;
    });

  program
    .command('sync')
    .description('fetch and import a public feed: osv, kev or epss (needs a network)')
    .argument('<feed>', 'osv | kev | epss')
    .option('--ecosystem <name>', 'OSV ecosystem, or all', 'all')
    .option('--data <dir>', 'embedded database directory')
    .action(async (feed: string, options: GlobalOptions & { ecosystem: string }) => {
      if (feed !== 'osv' && feed !== 'kev' && feed !== 'epss') throw new UsageError(`unknown feed '${feed}' (osv, kev, epss)`);
      const started = performance.now();
      const summary = await withContext(options, `aicc sync ${feed}`, (ctx) => syncFeed(ctx, SYSTEM, feed, { ecosystem: options.ecosystem }));
      printSummary(summary, (performance.now() - started) / 1000);
      if (summary.rejected) process.exitCode = 1;
    });
}

export { AppError };
