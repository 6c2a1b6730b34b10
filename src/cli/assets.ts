import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { AssetView } from '../app/assets.js';
import { AppError } from '../domain/errors.js';
import { DEFAULT_SERVER, remoteClient, type RemoteClient } from './remote.js';
import { UsageError } from './runtime.js';
import { table } from './table.js';

/** The server's default import limit: a bigger file would only be refused after the upload. */
const FILE_LIMIT = 256 * 1024 * 1024;

interface Options {
  server?: string;
  token?: string;
  org?: string;
  json?: boolean;
}

async function readLimited(file: string): Promise<Buffer<ArrayBuffer>> {
  const unreadable = (err: unknown) => new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  const info = await stat(file).catch((err: unknown) => Promise.reject(unreadable(err)));
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  if (info.size > FILE_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', `${file} is larger than ${FILE_LIMIT / 1024 / 1024} MiB`);
  return readFile(file).catch((err: unknown) => Promise.reject(unreadable(err)));
}

/** `radiology.cdx.json` → `radiology`: the asset a lone SBOM file registers. */
export function assetName(file: string): string {
  return basename(file).replace(/(\.(cdx|bom|spdx|sbom))?\.(json|xml|spdx|txt)$/i, '');
}

const SBOM_TYPE: Array<[RegExp, string]> = [[/\.json$/i, 'application/json'], [/\.xml$/i, 'application/xml'], [/./, 'text/plain']];

/**
 * A manifest is `{ "assets": [ { "name", …context, "sbomFile"?: "relative/path" } ] }`: each
 * `sbomFile` is read (relative to the manifest) and sent inline, so the whole manifest is one
 * request and one transaction on the server — all of it is registered, or none.
 */
async function manifestBody(file: string, doc: { assets: unknown[] }): Promise<{ assets: unknown[] }> {
  const assets = await Promise.all(doc.assets.map(async (entry, i) => {
    if (!entry || typeof entry !== 'object' || !('sbomFile' in entry)) return entry;
    const { sbomFile, ...rest } = entry;
    if (typeof sbomFile !== 'string') throw new UsageError(`${file}: /assets/${i}/sbomFile is a path`);
    const text = (await readLimited(resolve(dirname(file), sbomFile))).toString('utf8');
    return { ...rest, sbom: /\.json$/i.test(sbomFile) ? (JSON.parse(text) as unknown) : text };
  }));
  return { assets };
}

function isManifest(text: string): { assets: unknown[] } | null {
  try {
    const doc = JSON.parse(text) as unknown;
    return doc && typeof doc === 'object' && Array.isArray((doc as { assets?: unknown }).assets) ? (doc as { assets: unknown[] }) : null;
  } catch {
    return null;
  }
}

async function importFile(remote: RemoteClient, file: string, org: string | undefined): Promise<Array<AssetView & { status: string }>> {
  const bytes = await readLimited(file);
  const manifest = isManifest(bytes.toString('utf8'));
  if (manifest) {
    const res = await remote.request<{ created: number; updated: number; assets: AssetView[] }>({
      method: 'POST', path: '/api/v1/assets/import', query: { org }, headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(await manifestBody(file, manifest))), what: `refused ${file}`,
    });
    return res.body.assets.map((a) => ({ ...a, status: 'imported' }));
  }
  const name = assetName(file);
  const type = SBOM_TYPE.find(([re]) => re.test(file))![1];
  const res = await remote.request<AssetView & { status: string }>({
    method: 'PUT', path: `/api/v1/assets/${encodeURIComponent(name)}/sbom`, query: { org }, headers: { 'content-type': type }, body: bytes, what: `refused ${file}`,
  });
  return [res.body];
}

/** `aicc assets import FILE…` and `aicc assets list`: a subscriber's assets on an AICC server (remote, over HTTP). */
export function assetCommands(program: Command): void {
  const assets = program.command('assets').description("a subscriber's assets on an AICC server (remote, over HTTP)");
  const remoteOptions = (c: Command) =>
    c
      .addOption(new Option('--server <url>', `AICC server URL (or AICC_SERVER; default ${DEFAULT_SERVER})`))
      .addOption(new Option('--token <token>', 'API token with the inventory scope; prefer AICC_TOKEN, which keeps it out of shell history and the process list'))
      .option('--org <slug>', 'the subscriber organization (operators only)')
      .option('--json', 'print the result as JSON');
  remoteOptions(
    assets
      .command('import')
      .description('register assets: each SBOM file becomes (a new version of) the asset named after it; a manifest ({"assets": [...]}) registers all its assets at once, or none')
      .argument('<files...>', 'SBOM files (CycloneDX, SPDX) or JSON manifests'),
  ).action(async (files: string[], options: Options) => {
    const remote = remoteClient(options, process.env);
    const done: Array<AssetView & { status: string }> = [];
    // one file after another: a failure stops the command with the files before it registered, and says which
    for (const file of files) done.push(...(await importFile(remote, file, options.org)));
    process.stdout.write(options.json ? `${JSON.stringify(done, null, 2)}\n` : table(['asset', 'type', 'exposed', 'sbom', 'components', 'status'], done.map((a) => [a.name, a.type, a.exposed ? 'yes' : 'no', a.sbom ? `v${a.sbom.version} ${a.sbom.format}` : '-', String(a.sbom?.components ?? 0), a.status])));
  });
  remoteOptions(assets.command('list').description('list the organization’s assets')).action(async (options: Options) => {
    const remote = remoteClient(options, process.env);
    const res = await remote.request<{ items: AssetView[] }>({ method: 'GET', path: '/api/v1/assets', query: { org: options.org }, what: 'refused the listing' });
    process.stdout.write(options.json ? `${JSON.stringify(res.body.items, null, 2)}\n` : table(['asset', 'type', 'exposed', 'sbom', 'components'], res.body.items.map((a) => [a.name, a.type, a.exposed ? 'yes' : 'no', a.sbom ? `v${a.sbom.version} ${a.sbom.format}` : '-', String(a.sbom?.components ?? 0)])));
  });
}
