import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { VexImportResult } from '../app/remediation.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_SERVER, remoteClient } from './remote.js';
import { UsageError } from './runtime.js';
import { table } from './table.js';

/** Larger than any server body limit one would set for VEX; read no further than this. */
const FILE_LIMIT = 64 * 1024 * 1024;
/** Beyond this many rows a terminal table stops being read; --json has them all. */
const TABLE_ROWS = 50;

interface Options {
  server?: string;
  token?: string;
  org?: string;
  json?: boolean;
}

async function readVex(file: string): Promise<Buffer<ArrayBuffer>> {
  const unreadable = (err: unknown) => new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  const info = await stat(file).catch((err: unknown) => Promise.reject(unreadable(err)));
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  if (info.size > FILE_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', `${file} is larger than ${FILE_LIMIT / 1024 / 1024} MiB`);
  return readFile(file).catch((err: unknown) => Promise.reject(unreadable(err)));
}

export function formatVexImport(r: VexImportResult, file: string): string {
  const changed = r.applied.filter((a) => a.changed).length;
  let out = `${file} (${r.format}, ${r.statements} statements): ${r.applied.length} exposures matched, ${changed} changed, ${r.unmatched.length} unmatched\n`;
  if (r.applied.length) {
    out += `\n${table(['exposure', 'asset', 'vulnerability', 'status', ''], r.applied.slice(0, TABLE_ROWS).map((a) => [String(a.exposureId), a.asset, a.vulnId, a.status, a.changed ? '' : 'unchanged']))}`;
    if (r.applied.length > TABLE_ROWS) out += `… and ${r.applied.length - TABLE_ROWS} more; --json prints them all\n`;
  }
  if (r.unmatched.length) {
    out += `\nunmatched:\n${table(['vulnerability', 'product', 'reason'], r.unmatched.slice(0, TABLE_ROWS).map((u) => [u.vulnerability, u.product ?? '-', u.reason]))}`;
    if (r.unmatched.length > TABLE_ROWS) out += `… and ${r.unmatched.length - TABLE_ROWS} more; --json prints them all\n`;
  }
  return out;
}

/** `aicc remediation report FILE`: a subscriber's VEX document sent to an AICC server, as `aicc submit` sends findings. */
export function remediationCommands(program: Command): void {
  const remediation = program.command('remediation').description("report where a subscriber's exposures stand (remote, over HTTP)");
  remediation
    .command('report')
    .description('apply a VEX document (CycloneDX, OpenVEX or CSAF VEX) to your exposures on an AICC server, and print what it changed')
    .argument('<file>', 'VEX document (JSON)')
    .addOption(new Option('--server <url>', `AICC server URL (or AICC_SERVER; default ${DEFAULT_SERVER})`))
    .addOption(new Option('--token <token>', 'API token with the inventory scope; prefer AICC_TOKEN, which keeps it out of shell history and the process list'))
    .option('--org <slug>', 'the subscriber organization (operators only)')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: Options) => {
      const remote = remoteClient(options, process.env, {
        onRetry: ({ attempt, delayMs, reason }) => process.stderr.write(`aicc: attempt ${attempt} failed (${reason}); trying again in ${(delayMs / 1000).toFixed(1)} s\n`),
      });
      const body = await readVex(file);
      // Retried safely: a statement the exposure already stands by writes nothing the second time.
      const res = await remote.request<VexImportResult>({
        method: 'POST',
        path: '/api/v1/remediation/vex',
        query: { name: basename(file).slice(0, 200), org: options.org },
        headers: { 'content-type': 'application/json' },
        body,
        what: `refused ${file}`,
      });
      process.stdout.write(options.json ? `${JSON.stringify(res.body, null, 2)}\n` : formatVexImport(res.body, file));
    });
}
