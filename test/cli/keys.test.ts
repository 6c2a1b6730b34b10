import { join } from 'node:path';
import { readPrivateKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSigningKey } from '../../src/formats/openpgp/index.js';
import { aicc, seedDataDir, show, tempDir, withDb } from './helpers.js';

const PASSPHRASE = 'a long passphrase for the signing keys';

describe('aicc keys', () => {
  const tmp = tempDir('keys');
  const data = join(tmp.dir, 'db');
  const run = (args: string[], env: Record<string, string | undefined> = {}) => aicc([...args, '--data', data], { env });
  let first = '';
  let second = '';

  beforeAll(() => seedDataDir(data));
  afterAll(() => tmp.remove());

  const privateKeyOf = (fpr: string) =>
    withDb(data, async (conn) => (await conn.db.selectFrom('signing_keys').select('private_key').where('fingerprint', '=', fpr).executeTakeFirstOrThrow()).private_key);

  it('generate makes a v4 Ed25519 key, not yet active, its private part encrypted with AICC_SIGNING_PASSPHRASE and never printed', async () => {
    const r = await run(['keys', 'generate', '--name', 'AICC PSIRT', '--email', 'psirt@aicc.example'], { AICC_SIGNING_PASSPHRASE: PASSPHRASE });
    expect(r.code, show(r)).toBe(0);
    const key = JSON.parse(r.stdout) as { fingerprint: string; active: boolean; retiredAt: string | null };
    expect(key).toMatchObject({ active: false, retiredAt: null });
    expect(key.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(r.stdout + r.stderr).not.toMatch(/PRIVATE KEY|passphrase for the signing/);
    first = key.fingerprint;
    expect((await readPrivateKey({ armoredKey: await privateKeyOf(first) })).isDecrypted()).toBe(false);
  });

  it('generate without a passphrase stores the key unencrypted and warns, without the key', async () => {
    const r = await run(['keys', 'generate', '--name', 'AICC PSIRT 2', '--email', 'psirt@aicc.example']);
    expect(r.code, show(r)).toBe(0);
    expect(r.stderr).toContain('AICC_SIGNING_PASSPHRASE is not set');
    expect(r.stdout + r.stderr).not.toContain('PRIVATE KEY');
    second = (JSON.parse(r.stdout) as { fingerprint: string }).fingerprint;
    expect((await readPrivateKey({ armoredKey: await privateKeyOf(second) })).isDecrypted()).toBe(true);
  });

  it('activate makes one key active at a time; list shows it', async () => {
    expect((await run(['keys', 'activate', first])).code).toBe(0);
    const r = await run(['keys', 'activate', second.toLowerCase()]);
    expect(r.code, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fingerprint: second, active: true });
    const listed = await run(['keys', 'list']);
    expect(listed.code, show(listed)).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^fingerprint\s+created\s+active\s+retired$/);
    expect(lines.find((l) => l.startsWith(first))).toMatch(/\sfalse\s*$/);
    expect(lines.find((l) => l.startsWith(second))).toMatch(/\strue\s*$/);
    expect(listed.stdout).not.toContain('PRIVATE');
  });

  it('export prints the armored public key of that fingerprint', async () => {
    const r = await run(['keys', 'export', first]);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    const info = await readSigningKey(r.stdout);
    expect(info.ok && info.value).toMatchObject({ fingerprint: first, version: 4, algorithm: 'eddsaLegacy/ed25519Legacy', isPrivate: false });
  });

  it('retire stops a key signing, and a retired key cannot be activated again', async () => {
    const r = await run(['keys', 'retire', second]);
    expect(r.code, show(r)).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ fingerprint: second, active: false });
    const again = await run(['keys', 'activate', second]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is retired');
  });

  it('refuses an unknown or malformed fingerprint', async () => {
    const unknown = await run(['keys', 'export', 'A'.repeat(40)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no signing key');
    const bad = await run(['keys', 'activate', 'not-a-fingerprint']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('not a key fingerprint');
  });
});
