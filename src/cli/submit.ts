import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Option, type Command } from 'commander';
import type { Receipt } from '../app/intake.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_SERVER, remoteClient, type RemoteClient } from './remote.js';
import { UsageError } from './runtime.js';
import { table } from './table.js';

const FORMATS = ['auto', 'sarif', 'osv', 'native'] as const;
/** The server's default body limit (AICC_IMPORT_LIMIT): a bigger file would only be refused after the upload. */
export const SUBMIT_LIMIT = 256 * 1024 * 1024;
/** As the server checks it (src/app/intake.ts); checked here too so a bad --key is a usage error. */
const KEY = /^[\w.:@/+-]{1,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Beyond this many rows a terminal table stops being read; --json has them all. */
const TABLE_ROWS = 50;

interface RemoteOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

/** The file's bytes, refused before reading when larger than `limit` (and after, should it have grown meanwhile). */
export async function readSubmission(file: string, limit = SUBMIT_LIMIT): Promise<Buffer<ArrayBuffer>> {
  const unreadable = (err: unknown) => new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  const tooBig = (size: number) => new AppError('PAYLOAD_TOO_LARGE', `${file} is ${mib(size)}; a submission may be at most ${mib(limit)} (split the findings into several files)`);
  const info = await stat(file).catch((err: unknown) => Promise.reject(unreadable(err)));
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  if (info.size > limit) throw tooBig(info.size);
  const bytes = await readFile(file).catch((err: unknown) => Promise.reject(unreadable(err)));
  if (bytes.length > limit) throw tooBig(bytes.length);
  return bytes;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The default Idempotency-Key: the same bytes make the same key, so re-running a command is harmless. */
export const contentKey = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export function formatReceipt(r: Receipt): string {
  const fresh = r.findings.filter((f) => f.status === 'new-case').length;
  const dups = r.findings.filter((f) => f.status === 'duplicate');
  const byReason = new Map<string, number>();
  for (const f of dups) byReason.set(f.reason, (byReason.get(f.reason) ?? 0) + 1);
  const reasons = [...byReason].map(([reason, n]) => `${reason} ${n}`).join(', ');
  const s = r.submission;
  const lines = [
    `submission ${s.id} (${s.name}, ${s.format}, key ${s.clientKey}): ${r.status}` +
      (r.status === 'unchanged' ? ` — the same content was submitted with this key at ${s.receivedAt}; this is its receipt` : ''),
    `${plural(r.findings.length, 'finding')}: ${plural(fresh, 'new case')}, ${plural(dups.length, 'duplicate')}${reasons ? ` (${reasons})` : ''}`,
  ];
  let out = `${lines.join('\n')}\n`;
  if (r.findings.length) {
    const rows = r.findings.slice(0, TABLE_ROWS).map((f) => [f.externalId, f.caseId, f.status, f.reason, f.score.toFixed(2)]);
    out += `\n${table(['external id', 'case', 'status', 'reason', 'score'], rows)}`;
    if (r.findings.length > TABLE_ROWS) out += `… and ${r.findings.length - TABLE_ROWS} more findings; --json prints them all\n`;
  }
  return out;
}

function print(r: Receipt, json: boolean | undefined): void {
  process.stdout.write(json ? `${JSON.stringify(r, null, 2)}\n` : formatReceipt(r));
}

function client(options: RemoteOptions): RemoteClient {
  return remoteClient(options, process.env, {
    onRetry: ({ attempt, delayMs, reason }) => process.stderr.write(`aicc: attempt ${attempt} failed (${reason}); trying again in ${(delayMs / 1000).toFixed(1)} s\n`),
  });
}

const serverOption = () => new Option('--server <url>', `AICC server URL (or AICC_SERVER; default ${DEFAULT_SERVER})`);
const tokenOption = (whose: string) =>
  new Option('--token <token>', `API token ${whose}; prefer AICC_TOKEN, which keeps it out of shell history and the process list`);

export function submitCommands(program: Command): void {
  program
    .command('submit')
    .description('send findings (SARIF 2.1.0, OSV or AICC native JSON) to an AICC server as a reporter, and print the receipt')
    .argument('<file>', 'findings document (JSON)')
    .addOption(serverOption())
    .addOption(tokenOption('with the submit scope'))
    .addOption(new Option('--format <format>', 'the document format').choices(FORMATS).default('auto'))
    .option('--key <key>', 'Idempotency-Key (default sha256:<hex> of the file: sending the same file again changes nothing)')
    .option('--json', 'print the receipt as JSON')
    .action(async (file: string, options: RemoteOptions & { format: (typeof FORMATS)[number]; key?: string }) => {
      if (options.key !== undefined && !KEY.test(options.key)) throw new UsageError(`--key must be 1-200 letters, digits or . : @ / + - _; got '${options.key}'`);
      const remote = client(options);
      const body = await readSubmission(file);
      const sarif = options.format === 'sarif' || extname(file).toLowerCase() === '.sarif';
      const res = await remote.request<Receipt>({
        method: 'POST',
        path: '/api/v1/submissions',
        query: { format: options.format, name: basename(file).slice(0, 200) },
        headers: { 'content-type': sarif ? 'application/sarif+json' : 'application/json', 'idempotency-key': options.key ?? contentKey(body) },
        body,
        what: `refused ${file}`,
      });
      print(res.body, options.json);
    });

  program
    .command('receipt')
    .description('fetch the receipt of an earlier submission from an AICC server')
    .argument('<id>', 'submission id (a UUID, as `aicc submit` printed it)')
    .addOption(serverOption())
    .addOption(tokenOption('of the submitting organization'))
    .option('--json', 'print the receipt as JSON')
    .action(async (id: string, options: RemoteOptions) => {
      if (!UUID.test(id)) throw new UsageError(`a submission id is a UUID; got '${id}'`);
      const res = await client(options).request<Receipt>({ method: 'GET', path: `/api/v1/submissions/${id}`, what: `refused receipt ${id}` });
      print(res.body, options.json);
    });
}
