import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxError } from './errors.js';
import { reproduce, type Poc } from './reproduce.js';
import { sandboxAvailability, sandboxSuite, TEST_LIMITS } from './sandbox.testing.js';

const availability = sandboxAvailability();

/** A toy target: `parse.sh INPUT` prints OVERFLOW for long input in the affected version only. */
const AFFECTED_PARSER = '#!/bin/sh\nif [ ${#1} -gt 8 ]; then echo "OVERFLOW in parse"; exit 77; fi\necho ok\n';
const FIXED_PARSER = '#!/bin/sh\nif [ ${#1} -gt 8 ]; then echo "input too long" >&2; exit 2; fi\necho ok\n';

const poc: Poc = { files: { 'poc.sh': 'sh ./target/parse.sh AAAAAAAAAAAAAAAA\n' }, command: ['/bin/sh', 'poc.sh'] };
const marker = { kind: 'marker', text: 'OVERFLOW' } as const;

describe.runIf(availability.run)('reproduce (real bwrap)', () => {
  sandboxSuite(availability);
  let root: string;
  let affected: string;
  let fixed: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'aicc-reproduce-test-'));
    affected = join(root, 'affected');
    fixed = join(root, 'fixed');
    for (const [dir, parser] of [[affected, AFFECTED_PARSER], [fixed, FIXED_PARSER]] as const) {
      await mkdir(join(dir, 'target'), { recursive: true });
      await writeFile(join(dir, 'target', 'parse.sh'), parser, { mode: 0o755 });
    }
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('when the PoC triggers on the affected version and not on the fixed one', () => {
    it('is fixed-version-clean, with both runs and their logs kept', async () => {
      const result = await reproduce({ poc, affected, fixed, oracle: marker, limits: TEST_LIMITS });
      expect(result.verdict).toBe('fixed-version-clean');
      expect(result.affected.judgement).toBe('triggered');
      expect(result.affected.run.stdout).toBe('OVERFLOW in parse\n');
      expect(result.fixed?.judgement).toBe('not-triggered');
      expect(result.fixed?.run.stderr).toBe('input too long\n');
    });

    it('judges by exit code just the same', async () => {
      const result = await reproduce({ poc, affected, fixed, oracle: { kind: 'exit-code', expected: 77 }, limits: TEST_LIMITS });
      expect(result.verdict).toBe('fixed-version-clean');
    });

    it('leaves the target directories untouched and removes its work dirs', async () => {
      const vandal: Poc = { files: { 'poc.sh': 'echo OVERFLOW > target/parse.sh; rm -f target/parse.sh; echo OVERFLOW\n' }, command: ['/bin/sh', 'poc.sh'] };
      // a private TMPDIR (traversable: the sandbox's unprivileged uid must reach the work dir below it)
      const privateTmp = join(root, 'tmp');
      await mkdir(privateTmp, { mode: 0o755 });
      await chmod(root, 0o755);
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = privateTmp;
      try {
        const result = await reproduce({ poc: vandal, affected, fixed, oracle: marker, limits: TEST_LIMITS });
        // it really ran: the PoC's rewrite of its own copy shows, the host's target does not change
        expect(result.verdict).toBe('reproduced');
        expect(result.affected.run.stderr).toBe('');
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
      expect(await readdir(join(affected, 'target'))).toEqual(['parse.sh']);
      expect(await readdir(join(fixed, 'target'))).toEqual(['parse.sh']);
      expect(await readdir(privateTmp)).toEqual([]);
    });
  });

  describe('when no fixed version is given', () => {
    it('is reproduced on the affected run alone', async () => {
      const result = await reproduce({ poc, affected, oracle: marker, limits: TEST_LIMITS });
      expect(result).toMatchObject({ verdict: 'reproduced', fixed: null });
      expect(result.reason).toMatch(/no fixed version/);
    });
  });

  describe('when the PoC triggers on the fixed version too', () => {
    it('is reproduced, saying the fix does not hold or the oracle does not discriminate', async () => {
      const always: Poc = { files: { 'poc.sh': 'echo OVERFLOW\n' }, command: ['/bin/sh', 'poc.sh'] };
      const result = await reproduce({ poc: always, affected, fixed, oracle: marker, limits: TEST_LIMITS });
      expect(result.verdict).toBe('reproduced');
      expect(result.fixed?.judgement).toBe('triggered');
      expect(result.reason).toMatch(/fix does not hold.*oracle does not tell/);
    });
  });

  describe('when the PoC does not trigger on the affected version', () => {
    it('is not reproduced without running the fixed version', async () => {
      const harmless: Poc = { files: { 'poc.sh': 'sh ./target/parse.sh short\n' }, command: ['/bin/sh', 'poc.sh'] };
      const result = await reproduce({ poc: harmless, affected, fixed, oracle: marker, limits: TEST_LIMITS });
      expect(result).toMatchObject({ verdict: 'not-reproduced', fixed: null });
      expect(result.affected.run.stdout).toBe('ok\n');
    });
  });

  describe('when a run hits a limit', () => {
    it('is inconclusive on the affected version', async () => {
      const loop: Poc = { files: { 'poc.sh': 'echo OVERFLOW; sleep 60\n' }, command: ['/bin/sh', 'poc.sh'] };
      const result = await reproduce({ poc: loop, affected, fixed, oracle: marker, limits: { ...TEST_LIMITS, wallMs: 300 } });
      expect(result).toMatchObject({ verdict: 'inconclusive', fixed: null });
      expect(result.affected.run.killedFor).toBe('time');
    });

    it('is inconclusive when only the fixed version runs away', async () => {
      const fixedLoops = join(root, 'fixed-loops');
      await mkdir(join(fixedLoops, 'target'), { recursive: true });
      await writeFile(join(fixedLoops, 'target', 'parse.sh'), 'yes\n');
      const result = await reproduce({ poc, affected, fixed: fixedLoops, oracle: marker, limits: { ...TEST_LIMITS, outputBytes: 4096 } });
      expect(result.verdict).toBe('inconclusive');
      expect(result.fixed?.run.killedFor).toBe('output');
      expect(result.fixed?.run.stdout).toHaveLength(4096);
    });
  });

  describe('when the PoC files are unusable', () => {
    it('refuses paths that leave the work dir and files that shadow the target', async () => {
      const escape: Poc = { files: { '../escape.sh': 'x' }, command: ['/bin/sh', 'poc.sh'] };
      await expect(reproduce({ poc: escape, affected, oracle: marker, limits: TEST_LIMITS })).rejects.toThrow(SandboxError);
      const absolute: Poc = { files: { '/tmp/x.sh': 'x' }, command: ['/bin/sh', 'poc.sh'] };
      await expect(reproduce({ poc: absolute, affected, oracle: marker, limits: TEST_LIMITS })).rejects.toThrow(/inside the work dir/);
      const shadow: Poc = { files: { 'target/parse.sh': 'echo OVERFLOW' }, command: ['/bin/sh', 'target/parse.sh'] };
      await expect(reproduce({ poc: shadow, affected, oracle: marker, limits: TEST_LIMITS })).rejects.toThrow(/shadow/);
    });
  });
});
