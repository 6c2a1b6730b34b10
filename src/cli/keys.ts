import type { Command } from 'commander';
import { SYSTEM } from '../app/identity.js';
import { activateKey, exportPublicKey, generateKey, listKeys, retireKey } from '../app/signing-keys.js';
import { withContext, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

const json = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/**
 * The OpenPGP keys that sign published advisories, managed on the host (the operator at the console acts
 * as the system). The private part is encrypted with AICC_SIGNING_PASSPHRASE when it is set; it is never printed.
 */
export function keyCommands(program: Command): void {
  const keys = program.command('keys').description('OpenPGP keys that sign published advisories');
  keys
    .command('generate')
    .description('generate a v4 Ed25519 signing key (not active until `aicc keys activate`)')
    .requiredOption('--name <name>', 'the key\'s user id name, e.g. "AICC PSIRT"')
    .requiredOption('--email <email>')
    .option('--data <dir>')
    .action((o: GlobalOptions & { name: string; email: string }) => withContext(o, 'aicc keys generate', async (ctx) => json(await generateKey(ctx, SYSTEM, o))));
  keys
    .command('list')
    .option('--data <dir>')
    .action((o: GlobalOptions) =>
      withDatabase(o, 'aicc keys list', async (ctx) => {
        const rows = await listKeys(ctx, SYSTEM);
        process.stdout.write(table(['fingerprint', 'created', 'active', 'retired'], rows.map((k) => [k.fingerprint, k.createdAt, String(k.active), k.retiredAt ?? ''])));
      }),
    );
  keys
    .command('activate')
    .description('make this key the one that signs new publications')
    .argument('<fingerprint>')
    .option('--data <dir>')
    .action((fpr: string, o: GlobalOptions) => withDatabase(o, 'aicc keys activate', async (ctx) => json(await activateKey(ctx, SYSTEM, fpr))));
  keys
    .command('retire')
    .description('stop signing with this key (announced for a year more if it signed, so its signatures verify)')
    .argument('<fingerprint>')
    .option('--data <dir>')
    .action((fpr: string, o: GlobalOptions) => withDatabase(o, 'aicc keys retire', async (ctx) => json(await retireKey(ctx, SYSTEM, fpr))));
  keys
    .command('export')
    .description('print the armored public key')
    .argument('<fingerprint>')
    .option('--data <dir>')
    .action((fpr: string, o: GlobalOptions) => withDatabase(o, 'aicc keys export', async (ctx) => void process.stdout.write(await exportPublicKey(ctx, fpr))));
}
