import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { coverage, listTargets } from '../app/scanning.js';
import { withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

type Options = GlobalOptions & { json?: boolean };

/** `aicc targets` and `aicc coverage`: the scan-coordination views an operator reads on the host. */
export function scanningCommands(program: Command): void {
  program
    .command('targets')
    .description('scan targets, most critical first, with their inputs and live claims')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (options: Options) => {
      await withDatabase(options, 'aicc targets', async (ctx) => {
        const items = await listTargets(ctx, SYSTEM);
        if (options.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else if (!items.length) process.stdout.write('no scan targets\n');
        else {
          const rows = items.map((t) => [
            t.criticality.toFixed(1), t.kind, t.display, String(t.inputs.subscribers), String(t.inputs.kev), String(t.inputs.weight),
            t.claims.map((c) => `${c.org} ${c.status}${c.expiresAt ? ` until ${c.expiresAt}` : ''}`).join('; ') || '-',
          ]);
          process.stdout.write(table(['criticality', 'kind', 'target', 'subscribers', 'kev', 'weight', 'claims'], rows));
        }
      });
    });
  program
    .command('coverage')
    .description('which targets were scanned, when and by how many methods; which never were')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (options: Options) => {
      await withDatabase(options, 'aicc coverage', async (ctx) => {
        const c = await coverage(ctx, SYSTEM);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
          return;
        }
        const rows = c.items.map((i) => [i.criticality.toFixed(1), i.display, String(i.coverage.reports), String(i.coverage.methods), i.coverage.lastScanned ?? 'never', i.activeClaim ?? '-']);
        if (rows.length) process.stdout.write(table(['criticality', 'target', 'reports', 'methods', 'last scanned', 'claimed by'], rows));
        process.stdout.write(`${c.targets} targets: ${c.scanned} scanned, ${c.neverScanned} never scanned\n`);
      });
    });
}
