import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { deleteInventory, getInventory, inventoriesAffectedBy, listInventories, putInventory } from '../app/inventories.js';
import { UsageError, withContext, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

type Options = GlobalOptions & { org: string; json?: boolean };

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

export function inventoryCommands(program: Command): void {
  const inventory = program.command('inventory').description("an organization's stored SBOMs, matched again whenever the knowledge base changes");
  inventory
    .command('put')
    .description('store an SBOM as an inventory of the organization (replaces one of the same name)')
    .argument('<sbom>', 'SBOM file (CycloneDX JSON/XML, SPDX JSON/tag-value)')
    .requiredOption('--org <slug>', 'the organization it belongs to')
    .option('--name <name>', 'inventory name (default: the file name)')
    .option('--data <dir>', 'embedded database directory')
    .action(async (file: string, options: Options & { name?: string }) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
      await withContext(options, 'aicc inventory put', async (ctx) => {
        const out = await putInventory(ctx, SYSTEM, { name: options.name ?? basename(file), org: options.org, text });
        process.stdout.write(`${out.status} ${out.org}/${out.name}: ${out.components} components (${out.unmatchable} without purl or version)\n`);
      });
    });
  inventory
    .command('list')
    .description("list an organization's inventories")
    .requiredOption('--org <slug>', 'the organization')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (options: Options) => {
      await withDatabase(options, 'aicc inventory list', async (ctx) => {
        const items = await listInventories(ctx, SYSTEM, options.org);
        if (options.json) print(items);
        else process.stdout.write(items.length ? table(['name', 'format', 'components', 'updated'], items.map((i) => [i.name, `${i.format} ${i.specVersion}`, String(i.components), i.updatedAt])) : 'no inventories\n');
      });
    });
  inventory
    .command('show')
    .description('an inventory and what affects it now')
    .argument('<name>')
    .requiredOption('--org <slug>', 'the organization')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (name: string, options: Options) => {
      await withDatabase(options, 'aicc inventory show', async (ctx) => {
        const detail = await getInventory(ctx, SYSTEM, name, options.org);
        if (options.json) {
          print(detail);
          return;
        }
        const rows = detail.results.flatMap((r) => r.vulnerabilities.map((v) => [`${r.component.name}@${r.component.version}`, v.id, v.severity ?? '-', v.kev ? 'KEV' : '', r.upgrade ?? '-']));
        if (rows.length) process.stdout.write(table(['component', 'vulnerability', 'severity', 'kev', 'upgrade to'], rows));
        process.stdout.write(`${detail.org}/${detail.name}: ${detail.components} components, ${detail.results.length} affected\n`);
      });
    });
  inventory
    .command('rm')
    .description('delete an inventory')
    .argument('<name>')
    .requiredOption('--org <slug>', 'the organization')
    .option('--data <dir>', 'embedded database directory')
    .action(async (name: string, options: Options) => {
      await withDatabase(options, 'aicc inventory rm', (ctx) => deleteInventory(ctx, SYSTEM, name, options.org));
    });
}

/** `aicc vuln affected ID`: the reverse match, across every organization (the host is the operator). */
export function affectedCommand(vuln: Command): void {
  vuln
    .command('affected')
    .description('the stored inventories a vulnerability affects, with the versions they hold')
    .argument('<id>')
    .option('--json', 'print JSON')
    .option('--data <dir>', 'embedded database directory')
    .action(async (id: string, options: GlobalOptions & { json?: boolean }) => {
      await withDatabase(options, 'aicc vuln affected', async (ctx) => {
        const items = await inventoriesAffectedBy(ctx, SYSTEM, id);
        const rows = items.flatMap((i) => i.components.map((c) => [i.inventory.org, i.inventory.name, c.package, c.version]));
        if (options.json) print(items);
        else process.stdout.write(rows.length ? table(['organization', 'inventory', 'package', 'version'], rows) : `no stored inventory holds a version ${id} affects\n`);
      });
    });
}
