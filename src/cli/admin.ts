import type { Command } from 'commander';
import { verifyAuditLog } from '../app/audit.js';
import {
  createOrg, createToken, createUser, getOrg, listOrgs, listTokens, listUsers, revokeToken, setUserDisabled, SYSTEM,
} from '../app/identity.js';
import { integer, list, UsageError, withContext, withDatabase, type GlobalOptions } from './runtime.js';
import { table } from './table.js';

const json = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

/** Administration on the host: the operator at the console acts as the system. */
export function adminCommands(program: Command): void {
  const org = program.command('org').description('organizations');
  org
    .command('create')
    .requiredOption('--slug <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--roles <roles>', 'comma-separated: operator, reporter, vendor, subscriber, evaluator, model-developer', list)
    .option('--data <dir>')
    .action((o: GlobalOptions & { slug: string; name: string; roles: string[] }) =>
      withContext(o, 'aicc org create', async (ctx) => json(await createOrg(ctx, SYSTEM, o))),
    );
  org
    .command('list')
    .option('--data <dir>')
    .action((o: GlobalOptions) =>
      withDatabase(o, 'aicc org list', async (ctx) => {
        const orgs = await listOrgs(ctx, SYSTEM);
        process.stdout.write(table(['slug', 'name', 'roles', 'id'], orgs.map((x) => [x.slug, x.name, x.roles.join(','), x.id])));
      }),
    );

  const user = program.command('user').description('users');
  user
    .command('create')
    .requiredOption('--org <slug>')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--admin', 'administrator of the organization')
    .option('--data <dir>')
    .description('create a user; the password is read from AICC_PASSWORD (never from the command line, where ps would show it)')
    .action((o: GlobalOptions & { org: string; email: string; name: string; admin?: boolean }) =>
      withContext(o, 'aicc user create', async (ctx) => {
        const password = process.env.AICC_PASSWORD;
        if (!password) throw new UsageError('set AICC_PASSWORD to the new user\'s password');
        const found = await getOrg(ctx, SYSTEM, o.org);
        json(await createUser(ctx, SYSTEM, { orgId: found.id, email: o.email, name: o.name, password, isAdmin: o.admin ?? false }));
      }),
    );
  user
    .command('list')
    .option('--org <slug>')
    .option('--data <dir>')
    .action((o: GlobalOptions & { org?: string }) =>
      withDatabase(o, 'aicc user list', async (ctx) => {
        const orgId = o.org ? (await getOrg(ctx, SYSTEM, o.org)).id : undefined;
        const users = await listUsers(ctx, SYSTEM, orgId);
        process.stdout.write(table(['email', 'name', 'admin', 'disabled', 'id'], users.map((u) => [u.email, u.name, String(u.isAdmin), String(u.disabled), u.id])));
      }),
    );
  user
    .command('disable')
    .argument('<id>')
    .option('--data <dir>')
    .action((id: string, o: GlobalOptions) => withContext(o, 'aicc user disable', async (ctx) => json(await setUserDisabled(ctx, SYSTEM, id, true))));

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .requiredOption('--org <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--scopes <scopes>', 'comma-separated: vulns:read, import, inventory, submit, admin', list)
    .option('--expires-days <n>', 'lifetime in days', integer('--expires-days', 1))
    .option('--data <dir>')
    .action((o: GlobalOptions & { org: string; name: string; scopes: string[]; expiresDays?: number }) =>
      withContext(o, 'aicc token create', async (ctx) => {
        const found = await getOrg(ctx, SYSTEM, o.org);
        const { token: secret, view } = await createToken(ctx, SYSTEM, { name: o.name, scopes: o.scopes, orgId: found.id, expiresInDays: o.expiresDays });
        process.stderr.write('The token is shown only now; store it safely.\n');
        json({ ...view, token: secret });
      }),
    );
  token
    .command('list')
    .option('--data <dir>')
    .action((o: GlobalOptions) =>
      withDatabase(o, 'aicc token list', async (ctx) => {
        const tokens = await listTokens(ctx, SYSTEM);
        process.stdout.write(table(['id', 'name', 'prefix', 'scopes', 'revoked'], tokens.map((t) => [t.id, t.name, `${t.prefix}…`, t.scopes.join(','), t.revokedAt ?? ''])));
      }),
    );
  token
    .command('revoke')
    .argument('<id>')
    .option('--data <dir>')
    .action((id: string, o: GlobalOptions) => withContext(o, 'aicc token revoke', async (ctx) => revokeToken(ctx, SYSTEM, id)));

  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the hash chain of the whole audit log; exit 1 if broken')
    .option('--data <dir>')
    .action((o: GlobalOptions) =>
      withDatabase(o, 'aicc audit verify', async (ctx) => {
        const r = await verifyAuditLog(ctx, SYSTEM);
        process.stdout.write(r.ok ? `audit log intact: ${r.entries} entries\n` : `audit log BROKEN at entry ${r.brokenAt}: ${r.reason}\n`);
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
