import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey, readKey, readPrivateKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf, generateSigningKey, readSigningKey, signDetached, verifyDetached, type GeneratedKey } from './index.js';

const DOC = '{"document":{"title":"Buffer overflow in Acme Pump"}}\n';
const PASSPHRASE = 'correct horse battery staple';

// Generated once per file: key generation is the slow part of these tests.
let alice: GeneratedKey; // passphrase-protected
let bob: GeneratedKey; // unprotected
beforeAll(async () => {
  [alice, bob] = await Promise.all([
    generateSigningKey({ name: 'AICC Signing', email: 'signing@aicc.example', passphrase: PASSPHRASE }),
    generateSigningKey({ name: 'Other Signer', email: 'other@example.org' }),
  ]);
});

/**
 * Made with gpg 2.2.40 (`gpg --quick-gen-key 'Certify Only <certify-only@example.org>' ed25519 cert never`,
 * then `--quick-add-key <fpr> cv25519 encr never`, `--armor --export`): a v4 key whose primary may only
 * certify and whose one subkey only encrypts, so nothing in it can sign.
 */
const CERTIFY_ONLY_KEY = `-----BEGIN PGP PUBLIC KEY BLOCK-----

mDMEaw+4txYJKwYBBAHaRw8BAQdAVwzje0YTtXPmR5BqmnEYcBfbNBdk/aEbH/Bz
pKjj0A20J0NlcnRpZnkgT25seSA8Y2VydGlmeS1vbmx5QGV4YW1wbGUub3JnPoiQ
BBMWCAA4FiEEjbz7AsmTkRzNn0Pw3lAtTiUpS80FAmsPuLcCGwEFCwkIBwIGFQoJ
CAsCBBYCAwECHgECF4AACgkQ3lAtTiUpS8053gD/QsSm32EiP7ztkk6mzKatPhnw
sf/4L/Iw9dx/tt6gyjYBAP8JHHcGWNH7B2DmqwmSLGXowBSFA2nWi71II2YLfCMM
uDgEaw+4txIKKwYBBAGXVQEFAQEHQPQpZaQAbIwX0kwGpZ5MQwy1lJGD9a8itrLO
fpY61VBeAwEIB4h4BBgWCAAgFiEEjbz7AsmTkRzNn0Pw3lAtTiUpS80FAmsPuLcC
GwwACgkQ3lAtTiUpS835fwEA3Nx+xUhZFNWN2d1YCmnWH+hLZMBoWqgMtbc+ZbDm
zVABAOqgmvJ8d+/CF5ksJmHTmV2AIHgdVvDxrO8vlNqgv/ME
=Qhnj
-----END PGP PUBLIC KEY BLOCK-----`;

describe('a generated signing key', () => {
  it('is a version 4 EdDSA key on Ed25519 (gpg-verifiable), as openpgp itself reads it', async () => {
    const key = await readKey({ armoredKey: alice.publicKeyArmored });
    expect(key.keyPacket.version).toBe(4);
    expect(key.getAlgorithmInfo()).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
    expect(key.getUserIDs()).toEqual(['AICC Signing <signing@aicc.example>']);
    expect(alice.fingerprint).toBe(key.getFingerprint().toUpperCase());
    expect(alice.fingerprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it('reads back as a usable signing key with the same fingerprint', async () => {
    const info = await readSigningKey(alice.publicKeyArmored);
    expect(info).toMatchObject({ ok: true, value: { version: 4, algorithm: 'eddsaLegacy/ed25519Legacy', fingerprint: alice.fingerprint, isPrivate: false } });
    expect(await fingerprintOf(alice.publicKeyArmored)).toEqual({ ok: true, value: alice.fingerprint });
    expect(alice.fingerprint).not.toBe(bob.fingerprint);
  });

  it('keeps its private half locked by the passphrase when one is given', async () => {
    expect((await readPrivateKey({ armoredKey: alice.privateKeyArmored })).isDecrypted()).toBe(false);
    expect((await readPrivateKey({ armoredKey: bob.privateKeyArmored })).isDecrypted()).toBe(true);
  });
});

describe('reading a key', () => {
  it('reports a version 6 key, which gpg cannot verify', async () => {
    const { publicKey } = await generateKey({ type: 'curve25519', userIDs: [{ email: 'v6@example.org' }], format: 'armored', config: { v6Keys: true } });
    const read = await readSigningKey(publicKey);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.map((p) => p.message).join('\n')).toMatch(/version 6/);
  });

  it('reports a v4 key using RFC 9580 Ed25519 (algorithm 27), which gpg 2.2 cannot verify', async () => {
    const { publicKey } = await generateKey({ type: 'curve25519', userIDs: [{ email: 'new@example.org' }], format: 'armored', config: { v6Keys: false } });
    const read = await readSigningKey(publicKey);
    expect(!read.ok && read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/ed25519 \(RFC 9580\)/)]);
  });

  it('reports a key that cannot sign', async () => {
    const read = await readSigningKey(CERTIFY_ONLY_KEY);
    expect(!read.ok && read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^the key cannot sign/)]);
    // its fingerprint is still readable: it is a key, just not a signing one
    expect(await fingerprintOf(CERTIFY_ONLY_KEY)).toEqual({ ok: true, value: '8DBCFB02C993911CCD9F43F0DE502D4E25294BCD' });
  });

  it.each<[string, () => string]>([
    ['garbage', () => 'not a key'],
    ['an empty string', () => ''],
    ['a truncated key', () => alice.publicKeyArmored.slice(0, 200)],
    ['an oversized text', () => 'x'.repeat(2_000_000)],
  ])('returns a problem, not an exception, for %s', async (_what, text) => {
    const armored = text();
    const read = await readSigningKey(armored);
    expect(read.ok).toBe(false);
    expect((await fingerprintOf(armored)).ok).toBe(false);
  });
});

describe('detached signatures', () => {
  it('round-trip a string, signed as its UTF-8 bytes', async () => {
    const signature = await signDetached(DOC, alice.privateKeyArmored, PASSPHRASE);
    expect(signature).toMatch(/^-----BEGIN PGP SIGNATURE-----[\s\S]+-----END PGP SIGNATURE-----\s*$/);
    expect(await verifyDetached(DOC, signature, alice.publicKeyArmored)).toEqual({ valid: true, fingerprint: alice.fingerprint });
    expect(await verifyDetached(new TextEncoder().encode(DOC), signature, alice.publicKeyArmored)).toMatchObject({ valid: true });
  });

  it('round-trip bytes that are not text', async () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const signature = await signDetached(bytes, bob.privateKeyArmored);
    expect(await verifyDetached(bytes, signature, bob.publicKeyArmored)).toEqual({ valid: true, fingerprint: bob.fingerprint });
  });

  it('fail when one byte of the document changes', async () => {
    const bytes = new TextEncoder().encode(DOC);
    const signature = await signDetached(bytes, alice.privateKeyArmored, PASSPHRASE);
    const changed = bytes.slice();
    changed[10] = changed[10]! ^ 0x01;
    const result = await verifyDetached(changed, signature, alice.publicKeyArmored);
    expect(result.valid).toBe(false);
    expect(result.error).toMatch(/signature/i);
    // the signature still names its signer
    expect(result.fingerprint).toBe(alice.fingerprint);
  });

  it('fail on a line-ending change: binary mode, no canonicalization', async () => {
    const signature = await signDetached('a\nb\n', bob.privateKeyArmored);
    expect((await verifyDetached('a\r\nb\r\n', signature, bob.publicKeyArmored)).valid).toBe(false);
  });

  it('fail when another key made the signature, naming that key', async () => {
    const signature = await signDetached(DOC, bob.privateKeyArmored);
    const result = await verifyDetached(DOC, signature, alice.publicKeyArmored);
    expect(result).toMatchObject({ valid: false, fingerprint: bob.fingerprint });
    expect(result.error).toBeTruthy();
  });

  it.each<[string, () => [signature: string, key: string]]>([
    ['garbage as the signature', () => ['not a signature', alice.publicKeyArmored]],
    ['an empty signature', () => ['', alice.publicKeyArmored]],
    ['an oversized signature', () => ['x'.repeat(100_000), alice.publicKeyArmored]],
    ['a key as the signature', () => [alice.publicKeyArmored, alice.publicKeyArmored]],
    ['garbage as the key', () => ['-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----', 'not a key']],
  ])('report %s as invalid without throwing', async (_what, inputs) => {
    const [signature, key] = inputs();
    const result = await verifyDetached(DOC, signature, key);
    expect(result.valid).toBe(false);
    expect(result.error).toEqual(expect.any(String));
  });

  it('refuse to sign with a locked key without its passphrase, or with the wrong one', async () => {
    await expect(signDetached(DOC, alice.privateKeyArmored)).rejects.toThrow(/passphrase/);
    await expect(signDetached(DOC, alice.privateKeyArmored, 'wrong')).rejects.toThrow(/cannot unlock/);
  });

  it('refuse to sign with a public key or a key that cannot sign', async () => {
    await expect(signDetached(DOC, alice.publicKeyArmored, PASSPHRASE)).rejects.toThrow(/private key/);
    await expect(signDetached(DOC, CERTIFY_ONLY_KEY)).rejects.toThrow(/cannot sign/);
  });
});

const hasGpg = spawnSync('which', ['gpg']).status === 0;
if (!hasGpg) console.log('[skip] gpg is not installed: the gpg interoperability tests of src/formats/openpgp/sign.test.ts do not run');

describe.skipIf(!hasGpg)('interoperability with gpg', () => {
  let home: string;
  const gpg = (args: string[]) => spawnSync('gpg', ['--batch', '--no-tty', '--status-fd', '1', ...args], { env: { ...process.env, GNUPGHOME: home }, encoding: 'utf8' });
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'aicc-gpg-'));
  });
  afterAll(() => {
    // quick-gen-key starts an agent for this home; stop it before removing the directory
    spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
    rmSync(home, { recursive: true, force: true });
  });

  it('gpg --verify accepts our signature (VALIDSIG with our fingerprint) and rejects a changed file', async () => {
    writeFileSync(join(home, 'key.asc'), alice.publicKeyArmored);
    expect(gpg(['--import', join(home, 'key.asc')]).status).toBe(0);
    writeFileSync(join(home, 'doc.json'), DOC);
    writeFileSync(join(home, 'doc.json.asc'), await signDetached(DOC, alice.privateKeyArmored, PASSPHRASE));
    const good = gpg(['--verify', join(home, 'doc.json.asc'), join(home, 'doc.json')]);
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${alice.fingerprint} `, 'm'));
    writeFileSync(join(home, 'doc.json'), DOC.replace('Pump', 'Pimp'));
    const bad = gpg(['--verify', join(home, 'doc.json.asc'), join(home, 'doc.json')]);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/^\[GNUPG:\] BADSIG /m);
  });

  it('we verify a signature gpg made with its own ed25519 key', async () => {
    expect(gpg(['--passphrase', '', '--pinentry-mode', 'loopback', '--quick-gen-key', 'Made By Gpg <gpg@example.org>', 'ed25519', 'sign', 'never']).status).toBe(0);
    const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(execFileSync('gpg', ['--batch', '--with-colons', '--list-keys', 'gpg@example.org'], { env: { ...process.env, GNUPGHOME: home }, encoding: 'utf8' }))?.[1];
    writeFileSync(join(home, 'other.json'), DOC);
    expect(gpg(['--local-user', 'gpg@example.org', '--armor', '--detach-sign', '--output', join(home, 'other.json.asc'), join(home, 'other.json')]).status).toBe(0);
    const publicKey = execFileSync('gpg', ['--batch', '--armor', '--export', 'gpg@example.org'], { env: { ...process.env, GNUPGHOME: home }, encoding: 'utf8' });
    const signature = readFileSync(join(home, 'other.json.asc'), 'utf8');
    expect(await verifyDetached(DOC, signature, publicKey)).toEqual({ valid: true, fingerprint });
    expect((await verifyDetached(`${DOC} `, signature, publicKey)).valid).toBe(false);
  });
});
