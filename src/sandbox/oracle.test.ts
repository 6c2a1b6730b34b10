import { describe, expect, it } from 'vitest';
import { judge } from './oracle.js';
import type { SandboxRun } from './run.js';

const clean: SandboxRun = {
  exitCode: 0,
  signal: null,
  timedOut: false,
  outputTruncated: false,
  stdout: '',
  stderr: '',
  wallMs: 10,
  killedFor: null,
};
const run = (over: Partial<SandboxRun>): SandboxRun => ({ ...clean, ...over });

describe('judge', () => {
  describe('with an exit-code oracle', () => {
    it('triggers on the expected status only', () => {
      expect(judge(run({ exitCode: 42 }), { kind: 'exit-code', expected: 42 })).toBe('triggered');
      expect(judge(run({ exitCode: 0 }), { kind: 'exit-code', expected: 42 })).toBe('not-triggered');
    });
  });

  describe('with a marker oracle', () => {
    it('finds the marker in stdout or stderr', () => {
      expect(judge(run({ stdout: 'a PWNED b' }), { kind: 'marker', text: 'PWNED' })).toBe('triggered');
      expect(judge(run({ stderr: 'PWNED' }), { kind: 'marker', text: 'PWNED' })).toBe('triggered');
      expect(judge(run({ stdout: 'pwned' }), { kind: 'marker', text: 'PWNED' })).toBe('not-triggered');
    });

    it('never triggers on an empty marker', () => {
      expect(judge(run({ stdout: 'anything' }), { kind: 'marker', text: '' })).toBe('not-triggered');
    });
  });

  describe('with a crash oracle', () => {
    it('triggers on a crash signal', () => {
      expect(judge(run({ exitCode: 139, signal: 'SIGSEGV' }), { kind: 'crash' })).toBe('triggered');
      expect(judge(run({ exitCode: 134, signal: 'SIGABRT' }), { kind: 'crash' })).toBe('triggered');
    });

    it('does not count a clean exit, an error exit or SIGTERM as a crash', () => {
      expect(judge(run({}), { kind: 'crash' })).toBe('not-triggered');
      expect(judge(run({ exitCode: 1, stderr: 'Traceback' }), { kind: 'crash' })).toBe('not-triggered');
      expect(judge(run({ exitCode: 143, signal: 'SIGTERM' }), { kind: 'crash' })).toBe('not-triggered');
    });

    it('triggers on a sanitizer report even when the PoC exits normally', () => {
      const asan = '==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011';
      expect(judge(run({ exitCode: 1, stderr: asan }), { kind: 'crash' })).toBe('triggered');
      expect(judge(run({ exitCode: 1, stderr: 'x.c:3:5: runtime error: signed integer overflow' }), { kind: 'crash' })).toBe('triggered');
    });

    it('requires the signature when one is given', () => {
      const asan = '==12==ERROR: AddressSanitizer: heap-buffer-overflow';
      expect(judge(run({ exitCode: 1, stderr: asan }), { kind: 'crash', signature: 'heap-buffer-overflow' })).toBe('triggered');
      expect(judge(run({ exitCode: 1, stderr: asan }), { kind: 'crash', signature: 'use-after-free' })).toBe('not-triggered');
      expect(judge(run({ stdout: 'use-after-free' }), { kind: 'crash', signature: 'use-after-free' })).toBe('not-triggered');
    });
  });

  describe('when a limit cut the run short', () => {
    it('is inconclusive whatever the output shows', () => {
      const marker = { kind: 'marker', text: 'PWNED' } as const;
      expect(judge(run({ stdout: 'PWNED', timedOut: true, killedFor: 'time', exitCode: null, signal: 'SIGKILL' }), marker)).toBe('inconclusive');
      expect(judge(run({ stdout: 'PWNED', outputTruncated: true, killedFor: 'output' }), marker)).toBe('inconclusive');
      expect(judge(run({ stderr: 'MemoryError', killedFor: 'memory', exitCode: 1 }), { kind: 'exit-code', expected: 1 })).toBe('inconclusive');
      expect(judge(run({ signal: 'SIGXCPU', exitCode: 152, killedFor: 'time' }), { kind: 'crash' })).toBe('inconclusive');
      expect(judge(run({ killedFor: 'processes' }), { kind: 'exit-code', expected: 0 })).toBe('inconclusive');
    });
  });
});
