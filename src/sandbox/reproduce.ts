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

/** See `reproduce` for when each is given. */
export type Verdict = 'reproduced' | 'fixed-version-clean' | 'not-reproduced' | 'inconclusive';

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
 *
 * | affected run   | fixed run                | verdict               |
 * |----------------|--------------------------|-----------------------|
 * | hit a limit    | not run                  | `inconclusive`        |
 * | not triggered  | not run                  | `not-reproduced`      |
 * | triggered      | none given               | `reproduced`          |
 * | triggered      | not triggered            | `fixed-version-clean` |
 * | triggered      | triggered                | `reproduced`          |
 * | triggered      | hit a limit              | `inconclusive`        |
 *
 * Triggering on both still reproduces the report on the affected version; what it cannot show is the
 * fix, so the reason says that the fix does not hold or the oracle cannot tell the versions apart.
 * A limit hit proves nothing either way (see `judge`), whichever run it cut short.
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
      return { verdict: 'fixed-version-clean', reason: 'triggered on the affected version, not on the fixed version', affected, fixed };
    case 'triggered':
      return {
        verdict: 'reproduced',
        reason: 'triggered on the affected version and on the fixed version too: the fix does not hold, or the oracle does not tell the versions apart',
        affected,
        fixed,
      };
    case 'inconclusive':
      return { verdict: 'inconclusive', reason: `triggered on the affected version; the run on the fixed version hit a limit (${limitHit(fixed.run)})`, affected, fixed };
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
