import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { listDecisionTables, loadDecisionTable } from '../app/decision-tables.js';
import { SYSTEM } from '../app/identity.js';
import { formatProblem, isAppError } from '../domain/errors.js';
import { withContext, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

/** The JSON files under a path: the file itself, or every *.json below a directory, in name order. */
async function jsonFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await jsonFiles(full)));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

/** `aicc ssvc load|list`: the SSVC decision tables triage and prioritization look up. */
export function ssvcCommands(program: Command): void {
  const ssvc = program.command('ssvc').description('SSVC decision tables (SSVC JSON, schema 2.0.0) used for triage and priorities');
  ssvc
    .command('load')
    .description('load decision tables from files or directories (each table checked complete; one bad file does not stop the others)')
    .argument('<paths...>', 'decision table JSON files, or directories holding them')
    .option('--data <dir>', 'embedded database directory')
    .action(async (paths: string[], options: GlobalOptions) => {
      await withContext(options, 'aicc ssvc load', async (ctx) => {
        let failed = 0;
        for (const file of (await Promise.all(paths.map(jsonFiles))).flat()) {
          try {
            const t = await loadDecisionTable(ctx, SYSTEM, await readFile(file, 'utf8'), file);
            process.stdout.write(`loaded ${t.id} ${t.name} (${t.rows} rows) from ${file}\n`);
          } catch (err) {
            if (!isAppError(err)) throw err;
            failed++;
            process.stderr.write(`${err.message}\n${err.problems.slice(0, 5).map((p) => `  ${formatProblem(p)}\n`).join('')}`);
          }
        }
        if (failed) process.exitCode = 1;
      });
    });
  ssvc
    .command('list')
    .description('the loaded decision tables')
    .option('--data <dir>', 'embedded database directory')
    .action(async (options: GlobalOptions) => {
      await withDatabase(options, 'aicc ssvc list', async (ctx) => {
        const rows = (await listDecisionTables(ctx, SYSTEM)).map((t) => [t.id, t.name, t.loadedAt]);
        process.stdout.write(rows.length ? table(['id', 'name', 'loaded'], rows) : 'no decision tables loaded (aicc ssvc load FILE|DIR)\n');
      });
    });
}
