import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { listTargets, putTarget, TARGET_LIMITS } from '../app/reproductions.js';
import { UsageError, withContext, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

type Options = GlobalOptions & { json?: boolean };

/** Regular files below `dir` with their executable bit; a symlink or device is refused, not followed. */
async function readTree(dir: string): Promise<Array<{ path: string; content: Buffer; executable: boolean }>> {
  const files: Array<{ path: string; content: Buffer; executable: boolean }> = [];
  let bytes = 0;
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const name = relative(dir, path).split(sep).join('/');
      if (entry.isDirectory()) await walk(path);
      else if (!entry.isFile()) throw new UsageError(`${name}: only regular files and directories go into a target`);
      else {
        const stat = await lstat(path);
        bytes += stat.size;
        if (files.length >= TARGET_LIMITS.files || bytes > TARGET_LIMITS.bytes) {
          throw new UsageError(`${dir}: a target holds at most ${TARGET_LIMITS.files} files and ${TARGET_LIMITS.bytes} bytes`);
        }
        files.push({ path: name, content: await readFile(path), executable: (stat.mode & 0o111) !== 0 });
      }
    }
  };
  const root = await lstat(dir).catch(() => null);
  if (!root?.isDirectory()) throw new UsageError(`${dir} is not a directory`);
  await walk(dir);
  return files;
}

/** `aicc target put|list`: the versions PoCs are reproduced against, stored on the host. */
export function targetCommands(program: Command): void {
  const target = program.command('target').description('versions that proofs of concept are reproduced against');
  target
    .command('put <name> <dir>')
    .description("store DIR's files as target NAME (a purl, say); a stored version never changes")
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (name: string, dir: string, options: Options) => {
      const files = await readTree(dir);
      await withContext(options, 'aicc target put', async (ctx) => {
        const out = await putTarget(ctx, SYSTEM, name, files);
        if (options.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        else process.stdout.write(`${out.status} ${out.name}: ${out.files} files, ${out.bytes} bytes, sha256 ${out.sha256}\n`);
      });
    });
  target
    .command('list')
    .description('stored targets')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (options: Options) => {
      await withDatabase(options, 'aicc target list', async (ctx) => {
        const items = await listTargets(ctx, SYSTEM);
        if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else if (!items.length) process.stdout.write('no targets\n');
        else process.stdout.write(table(['name', 'files', 'bytes', 'sha256', 'created'], items.map((t) => [t.name, String(t.files), String(t.bytes), t.sha256.slice(0, 16), t.createdAt])));
      });
    });
}
