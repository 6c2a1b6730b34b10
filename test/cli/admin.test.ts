import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aicc, seedDataDir, show, storeCounts, tempDir, withDb } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PASSWORD = 'correct horse battery staple';

describe('aicc org, user, token and audit administration', () => {
  const tmp = tempDir('admin');
  const data = join(tmp.dir, 'db');
  const run = (args: string[], env: Record<string, string | undefined> = {}) => aicc([...args, '--data', data], { env });
  let orgId = '';
  let tokenId = '';
  let secret = '';

  beforeAll(() => seedDataDir(data));
  afterAll(() => tmp.remove());

  it('org create prints the new organization as JSON', async () => {
    const r = await run(['org', 'create', '--slug', 'general-hospital', '--name', 'General Hospital', '--roles', 'subscriber']);
    expect(r.code, show(r)).toBe(0);
    const org = JSON.parse(r.stdout) as { id: string; slug: string; name: string; roles: string[] };
    expect(org).toMatchObject({ slug: 'general-hospital', name: 'General Hospital', roles: ['subscriber'] });
    expect(org.id).toMatch(UUID);
    orgId = org.id;
  });

  it('org create with an unknown role exits non-zero with the pointer and message, storing nothing', async () => {
    const r = await run(['org', 'create', '--slug', 'wizards', '--name', 'Wizards', '--roles', 'subscriber,wizard']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stderr).toContain('roles must be a non-empty list of operator, reporter');
    expect(r.stderr).toContain("#/roles/1: unknown role 'wizard'");
    expect(r.stdout).toBe('');
  });

  it('org list shows the organizations as a table', async () => {
    const r = await run(['org', 'list']);
    expect(r.code, show(r)).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^slug\s+name\s+roles\s+id$/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(new RegExp(`^general-hospital\\s+General Hospital\\s+subscriber\\s+${orgId}$`));
    expect(r.stdout).not.toMatch(/wizards/);
  });

  it('user create refuses to run without AICC_PASSWORD (exit 2) and creates nobody', async () => {
    const r = await run(['user', 'create', '--org', 'general-hospital', '--email', 'nurse@hospital.example', '--name', 'Nurse'], { AICC_PASSWORD: undefined });
    expect(r.code, show(r)).toBe(2);
    expect(r.stderr).toContain('AICC_PASSWORD');
  });

  it('user create reads the password from AICC_PASSWORD and never prints it', async () => {
    const r = await run(['user', 'create', '--org', 'general-hospital', '--email', 'nurse@hospital.example', '--name', 'Nurse'], { AICC_PASSWORD: PASSWORD });
    expect(r.code, show(r)).toBe(0);
    const user = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(user).toMatchObject({ orgId, email: 'nurse@hospital.example', name: 'Nurse', isAdmin: false, disabled: false });
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout).not.toMatch(/hash/i);
  });

  it('token create prints the secret once', async () => {
    const r = await run(['token', 'create', '--org', 'general-hospital', '--name', 'feed reader', '--scopes', 'vulns:read']);
    expect(r.code, show(r)).toBe(0);
    const token = JSON.parse(r.stdout) as { id: string; orgId: string; token: string; prefix: string; scopes: string[]; revokedAt: string | null };
    expect(token).toMatchObject({ orgId, scopes: ['vulns:read'], revokedAt: null });
    expect(token.token).toMatch(/^aicc_[\w-]{20,}$/);
    expect(token.token.startsWith(token.prefix)).toBe(true);
    expect(r.stderr).toContain('shown only now');
    tokenId = token.id;
    secret = token.token;
  });

  it('token revoke marks it revoked; token list shows it by id and prefix, never the secret', async () => {
    const r = await run(['token', 'revoke', tokenId]);
    expect(r.code, show(r)).toBe(0);
    const listed = await run(['token', 'list']);
    expect(listed.code, show(listed)).toBe(0);
    const row = listed.stdout.split('\n').find((l) => l.startsWith(tokenId));
    expect(row, listed.stdout).toContain(`${secret.slice(0, 11)}…`);
    expect(row, listed.stdout).toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(secret.slice(11));
  });

  it('audit verify says the log is intact with its number of entries', async () => {
    const counts = await storeCounts(data);
    // org create, user create, token create, token revoke; the refused commands wrote nothing
    expect(counts).toMatchObject({ orgs: 1, users: 1, tokens: 1, audit: 4 });
    const r = await run(['audit', 'verify']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toBe('audit log intact: 4 entries\n');
  });

  it('audit verify exits 1 naming the entry edited behind its back', async () => {
    await withDb(data, async (conn) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(conn.db);
      await sql`UPDATE audit_log SET details = '{"org":"general-hospital","scopes":["admin"]}'::jsonb WHERE seq = 3`.execute(conn.db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(conn.db);
    });
    const r = await run(['audit', 'verify']);
    expect(r.code, show(r)).toBe(1);
    expect(r.stdout).toMatch(/audit log BROKEN at entry 3: entry 3 was altered/);
  });
});
