import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { SandboxError } from './errors.js';
import type { SandboxLimitsInput } from './limits.js';
import { judge, type Judgement, type Oracle } from './oracle.js';
import { runSandboxed, type SandboxOptions, type SandboxRun } from './run.js';

/** A reporter's proof of concept: its files (paths relative to the work dir) and how to run it. */
export interface Poc {
  files: Readonly<Record<string, string | Uint8Array>>;
  /** argv inside the sandbox, run in /work, e.g. ['/bin/sh', 'poc.sh'] */
  command: readonly string[];
  env?: Readonly<Record<string, string>>;
}

export interface ReproduceInput {
  poc: Poc;
  /** a directory holding the affected version's files; copied, never written */
  affected: string;
  /** the fixed version's directory; without it only the affected run decides */
  fixed?: string | null;
  oracle: Oracle;
  limits: SandboxLimitsInput;
  sandbox?: SandboxOptions;
}

export interface Attempt {
  /** the run with its stdout/stderr, each capped at limits.outputBytes */
  run: SandboxRun;
  judgement: Judgement;
}

export type Verdict = 'reproduced' | 'not-reproduced' | 'inconclusive';

export interface Reproduction {
  verdict: Verdict;
  /** one sentence saying why */
  reason: string;
  affected: Attempt;
  /** null when no fixed version was given, or the affected run already decided */
  fixed: Attempt | null;
}

/**
 * Runs the PoC against the affected version and then the fixed one, each in its own fresh copy.
 * Reproduced means triggered on affected and not on fixed: a PoC that triggers on both does not
 * show this vulnerability (its oracle does not discriminate, or the fix does not hold).
 */
export async function reproduce(input: ReproduceInput): Promise<Reproduction> {
  checkPocPaths(input.poc.files);
  const affected = await attempt(input, input.affected);
  if (affected.judgement === 'inconclusive') {
    return { verdict: 'inconclusive', reason: `the run on the affected version hit a limit (${limitHit(affected.run)})`, affected, fixed: null };
  }
  if (affected.judgement === 'not-triggered') {
    return { verdict: 'not-reproduced', reason: 'the oracle did not trigger on the affected version', affected, fixed: null };
  }
  if (input.fixed === undefined || input.fixed === null) {
    return { verdict: 'reproduced', reason: 'triggered on the affected version (no fixed version given)', affected, fixed: null };
  }
  const fixed = await attempt(input, input.fixed);
  switch (fixed.judgement) {
    case 'not-triggered':
      return { verdict: 'reproduced', reason: 'triggered on the affected version, not on the fixed version', affected, fixed };
    case 'triggered':
      return { verdict: 'not-reproduced', reason: 'the oracle triggered on the fixed version too', affected, fixed };
    case 'inconclusive':
      return { verdict: 'inconclusive', reason: `the run on the fixed version hit a limit (${limitHit(fixed.run)})`, affected, fixed };
  }
}

async function attempt(input: ReproduceInput, targetDir: string): Promise<Attempt> {
  const workDir = await mkdtemp(join(tmpdir(), 'aicc-poc-'));
  try {
    // PoC files first, into an empty dir (no symlinks to write through), then the target beside them
    for (const [path, content] of Object.entries(input.poc.files)) {
      const file = join(workDir, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content, { flag: 'wx', mode: 0o755 });
    }
    await cp(targetDir, workDir, { recursive: true, force: false, errorOnExist: true, verbatimSymlinks: true }).catch((error: unknown) => {
      throw new SandboxError('SANDBOX_BAD_SPEC', `could not copy ${targetDir} beside the PoC (a PoC file may shadow a target file)`, { cause: error });
    });
    const run = await runSandboxed({ workDir, command: input.poc.command, env: input.poc.env ?? {}, limits: input.limits }, input.sandbox);
    return { run, judgement: judge(run, input.oracle) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function checkPocPaths(files: Readonly<Record<string, string | Uint8Array>>): void {
  if (Object.keys(files).length === 0) throw new SandboxError('SANDBOX_BAD_SPEC', 'the PoC has no files');
  for (const path of Object.keys(files)) {
    const normal = normalize(path);
    if (path === '' || path.includes('\0') || normal.startsWith(sep) || normal === '..' || normal.startsWith(`..${sep}`) || normal === '.') {
      throw new SandboxError('SANDBOX_BAD_SPEC', `PoC file path must stay inside the work dir: ${JSON.stringify(path)}`);
    }
  }
}

function limitHit(run: SandboxRun): string {
  if (run.killedFor !== null) return run.killedFor;
  return run.timedOut ? 'time' : 'output';
}
