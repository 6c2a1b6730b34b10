import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFiles } from './index.js';

// FIPS 180-2 appendix test vectors for the message "abc".
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const ABC_SHA512 = 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f';

describe('CSAF hash files', () => {
  it('start with the hex hash, then two spaces and the file name (sha256sum format)', () => {
    expect(hashFiles('abc', 'example_company_-_2019-yh3234.json')).toEqual({
      sha256: `${ABC_SHA256}  example_company_-_2019-yh3234.json\n`,
      sha512: `${ABC_SHA512}  example_company_-_2019-yh3234.json\n`,
    });
  });

  it('hash a string as its UTF-8 bytes', () => {
    const text = '{"title":"Überlauf in ü-Pumpe"}';
    expect(hashFiles(text, 'a.json')).toEqual(hashFiles(new TextEncoder().encode(text), 'a.json'));
    expect(hashFiles(text, 'a.json').sha256).not.toBe(hashFiles(text.normalize('NFD'), 'a.json').sha256);
  });

  it.each(['', 'dir/a.json', 'a b.json', 'a.json\nb', '..\\a.json'])('refuse the file name %j', (name) => {
    expect(() => hashFiles('abc', name)).toThrow(/file name/);
  });

  const hasSha256sum = spawnSync('which', ['sha256sum']).status === 0 && spawnSync('which', ['sha512sum']).status === 0;
  if (!hasSha256sum) console.log('[skip] sha256sum/sha512sum are not installed: their check in src/formats/openpgp/hashes.test.ts does not run');
  it.skipIf(!hasSha256sum)('are accepted by sha256sum -c and sha512sum -c, and fail them when the file changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aicc-hash-'));
    try {
      const doc = '{"document":{}}\n';
      const files = hashFiles(doc, 'doc.json');
      writeFileSync(join(dir, 'doc.json'), doc);
      writeFileSync(join(dir, 'doc.json.sha256'), files.sha256);
      writeFileSync(join(dir, 'doc.json.sha512'), files.sha512);
      expect(spawnSync('sha256sum', ['-c', 'doc.json.sha256'], { cwd: dir }).status).toBe(0);
      expect(spawnSync('sha512sum', ['-c', 'doc.json.sha512'], { cwd: dir }).status).toBe(0);
      writeFileSync(join(dir, 'doc.json'), `${doc} `);
      expect(spawnSync('sha256sum', ['-c', 'doc.json.sha256'], { cwd: dir }).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
