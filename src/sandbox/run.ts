/**
 * Runs an untrusted proof-of-concept inside bubblewrap (Debian's `bwrap`) with hard limits.
 *
 * Relied on:
 * - Namespaces: a new user namespace (required; the PoC has no capabilities and, when this process is
 *   root, bwrap itself runs as an unprivileged host uid, 65534 by default), and new pid, net, ipc, uts
 *   and (where possible) cgroup namespaces. The net namespace has only its own loopback: no route to
 *   the host's 127.0.0.1 or anywhere else. Nested user namespaces are disabled (--disable-userns).
 * - Mounts: a tmpfs root remounted read-only; /usr read-only (plus merged-usr symlinks or read-only
 *   binds for /bin, /lib*, /sbin); from /etc only the loader cache, alternatives and localtime; fresh
 *   /proc and minimal /dev; size-capped tmpfs on /tmp and /dev/shm; the work dir read-write at /work,
 *   the only host place the PoC can write. Environment cleared, then the caller's explicit env.
 * - Limits: wall clock by SIGKILL to bwrap's process group (the pid namespace's reaper dies with bwrap
 *   through --die-with-parent, which takes every sandboxed process down); stdout/stderr each read up
 *   to a cap, then the same kill. Inside, prlimit sets RLIMIT_CPU (SIGXCPU at the soft limit, SIGKILL
 *   a second later), RLIMIT_AS, RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CORE=0 and RLIMIT_NPROC.
 *   RLIMIT_NPROC is set after the user namespace
 *   exists, so the kernel (>= 5.14, per-namespace ucounts) counts only this sandbox's processes; it is
 *   never enforced for host root, which is why root drops to an unprivileged uid first. A fork bomb
 *   therefore stalls at the limit until the wall clock kills it.
 *
 * Not relied on / not provided:
 * - No seccomp filter: the whole syscall surface of the host kernel is reachable (kernel bugs, and
 *   user-namespace-only syscalls such as mount inside the sandbox's own namespace).
 * - No cgroup: memory is bounded per process by address space (RLIMIT_AS), not in total; CPU time per
 *   process, not in total (the wall clock bounds the rest). Page cache and kernel memory are not bounded.
 * - Disk: the work dir is on the host file system; RLIMIT_FSIZE bounds each file, not their number.
 * - `killedFor: 'memory' | 'processes'` are read from the PoC's stderr (allocation and fork failure
 *   messages): the limits are enforced by the kernel regardless, only the label is a heuristic.
 * - A crash signal is reported from bwrap's exit status 128+n, which a PoC can also produce with
 *   `exit 139` (as in any shell).
 * - The wall clock lives in this Node process; if it dies, bwrap gets SIGKILL (setpriv --pdeathsig)
 *   and the sandbox dies with it, so nothing outlives it unbounded.
 */
import { spawn } from 'node:child_process';
import { lstat, lchown, readdir } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bwrapArgs, findExecutable, hostTopLevel } from './bwrap.js';
import { SandboxError, SandboxUnavailable } from './errors.js';
import { resolveLimits, type SandboxLimitsInput } from './limits.js';

export type KilledFor = 'time' | 'output' | 'memory' | 'processes';

export interface SandboxSpec {
  /** absolute path of a fresh directory holding the PoC and the target; the only writable place */
  workDir: string;
  /** argv run inside the sandbox in /work, resolved on the sandbox PATH, e.g. ['/bin/sh', 'poc.sh'] */
  command: readonly string[];
  /** the whole environment of the PoC; PATH and HOME get defaults when absent */
  env: Readonly<Record<string, string>>;
  limits: SandboxLimitsInput;
}

export interface SandboxRun {
  /** the exit status as a shell would report it (128+n after signal n); null when we killed the sandbox */
  exitCode: number | null;
  /** the signal that ended the PoC's main process (decoded from 128+n), or SIGKILL when we killed it */
  signal: NodeJS.Signals | null;
  /** the wall clock ran out */
  timedOut: boolean;
  /** stdout or stderr passed outputBytes */
  outputTruncated: boolean;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** the limit that ended or crippled the run: output, then processes and memory (from stderr), then time */
  killedFor: KilledFor | null;
}

export interface SandboxOptions {
  /** bwrap's path (default: found on PATH) */
  bwrap?: string;
  /** the host uid/gid bwrap runs as when this process is root (default 65534, nobody) */
  runAs?: { uid: number; gid: number };
}

const DEFAULT_RUN_AS = { uid: 65534, gid: 65534 };
const DEFAULT_ENV = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/work', LANG: 'C.UTF-8' };
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SIGNAL_NAMES = new Map(Object.entries(osConstants.signals).map(([name, number]) => [number, name as NodeJS.Signals]));

const FORK_FAILED = /Cannot fork|can't fork|fork: (?:retry|Resource temporarily unavailable)|BlockingIOError: \[Errno 11\]/i;
const ALLOC_FAILED = /MemoryError|Cannot allocate memory|out of memory|std::bad_alloc|failed to allocate/i;

export async function runSandboxed(spec: SandboxSpec, options: SandboxOptions = {}): Promise<SandboxRun> {
  const bwrap = findExecutable('bwrap', options.bwrap);
  findExecutable('prlimit', '/usr/bin/prlimit'); // run inside the sandbox from the read-only /usr
  const setpriv = findExecutable('setpriv', '/usr/bin/setpriv');
  const limits = resolveLimits(spec.limits);
  const env = checkedEnv(spec.env);
  if (spec.command.length === 0 || spec.command[0] === '') throw new SandboxError('SANDBOX_BAD_SPEC', 'the command is empty');
  if (spec.command.some((arg) => arg.includes('\0'))) throw new SandboxError('SANDBOX_BAD_SPEC', 'a command argument contains NUL');
  await checkWorkDir(spec.workDir);

  const root = process.getuid?.() === 0;
  const runAs = options.runAs ?? DEFAULT_RUN_AS;
  if (root) {
    if (runAs.uid === 0) throw new SandboxError('SANDBOX_BAD_SPEC', 'runAs must not be root: RLIMIT_NPROC is not enforced for root');
    await chownTree(spec.workDir, runAs.uid, runAs.gid);
  }

  const args = bwrapArgs({ workDir: spec.workDir, command: spec.command, env, limits, topLevel: hostTopLevel() });
  // setpriv (util-linux) ties bwrap to this process: if Node dies, bwrap gets SIGKILL, and the sandbox with it
  args.unshift('--pdeathsig', 'KILL', '--', bwrap, '--json-status-fd', '3');

  const started = performance.now();
  const child = spawn(setpriv, args, {
    cwd: '/',
    env: { PATH: '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true, // bwrap leads its own process group: one kill reaches it all
    ...(root ? { uid: runAs.uid, gid: runAs.gid } : {}),
  });

  let killedBy: 'time' | 'output' | null = null;
  const kill = (why: 'time' | 'output') => {
    killedBy ??= why;
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };

  const stdout = new CappedBuffer(limits.outputBytes);
  const stderr = new CappedBuffer(limits.outputBytes);
  const status: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    if (!stdout.push(chunk)) kill('output');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    if (!stderr.push(chunk)) kill('output');
  });
  const statusStream = child.stdio[3];
  statusStream?.on('data', (chunk: Buffer) => status.push(chunk.toString('utf8')));

  const timer = setTimeout(() => kill('time'), limits.wallMs);
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  try {
    exit = await new Promise((resolve, reject) => {
      child.once('error', (error) => reject(new SandboxUnavailable(`bwrap could not be started: ${error.message}`, { cause: error })));
      child.once('exit', (code, signal) => {
        // grandchildren holding the pipes are dead with the pid namespace; never wait on them regardless
        const grace = setTimeout(() => child.stdio.forEach((stream) => stream?.destroy()), 1000);
        child.once('close', () => {
          clearTimeout(grace);
          resolve({ code, signal });
        });
      });
    });
  } finally {
    clearTimeout(timer);
  }
  const wallMs = Math.round(performance.now() - started);

  const reported = parseStatus(status.join(''));
  const stderrText = stderr.text();
  if (!reported.started && killedBy === null && /namespace|Operation not permitted/i.test(stderrText)) {
    throw new SandboxUnavailable(`bwrap cannot create its namespaces here (user namespaces disabled?): ${stderrText.trim().slice(0, 2000)}`);
  }
  if (!reported.started && killedBy === null) {
    throw new SandboxError('SANDBOX_SETUP_FAILED', `bwrap could not build the sandbox (exit ${String(exit.code)}): ${stderrText.trim().slice(0, 2000)}`);
  }

  let exitCode: number | null = null;
  let signal: NodeJS.Signals | null = null;
  if (killedBy !== null) {
    signal = 'SIGKILL';
  } else {
    exitCode = reported.exitCode ?? exit.code;
    if (exitCode !== null && exitCode > 128) signal = SIGNAL_NAMES.get(exitCode - 128) ?? null;
    if (exit.signal !== null) signal = exit.signal;
  }

  return {
    exitCode,
    signal,
    timedOut: killedBy === 'time',
    outputTruncated: stdout.truncated || stderr.truncated,
    stdout: stdout.text(),
    stderr: stderrText,
    wallMs,
    killedFor: killedFor(killedBy, signal, stderrText),
  };
}

function killedFor(killedBy: 'time' | 'output' | null, signal: NodeJS.Signals | null, stderr: string): KilledFor | null {
  if (killedBy === 'output') return 'output';
  if (FORK_FAILED.test(stderr)) return 'processes';
  if (ALLOC_FAILED.test(stderr)) return 'memory';
  // SIGXCPU: RLIMIT_CPU's soft limit; a SIGKILL we did not send: its hard limit (or the host's OOM killer)
  if (killedBy === 'time' || signal === 'SIGXCPU' || signal === 'SIGKILL') return 'time';
  return null;
}

function checkedEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = { ...DEFAULT_ENV };
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) throw new SandboxError('SANDBOX_BAD_SPEC', `bad environment variable name: ${JSON.stringify(name)}`);
    if (value.includes('\0')) throw new SandboxError('SANDBOX_BAD_SPEC', `environment variable ${name} contains NUL`);
    result[name] = value;
  }
  return result;
}

async function checkWorkDir(workDir: string): Promise<void> {
  if (!isAbsolute(workDir)) throw new SandboxError('SANDBOX_BAD_SPEC', `the work dir must be an absolute path: ${workDir}`);
  const stat = await lstat(workDir).catch((error: unknown) => {
    throw new SandboxError('SANDBOX_BAD_SPEC', `the work dir does not exist: ${workDir}`, { cause: error });
  });
  if (!stat.isDirectory()) throw new SandboxError('SANDBOX_BAD_SPEC', `the work dir is not a directory (or is a symlink): ${workDir}`);
}

/** Hands the work dir to the unprivileged uid, without following symlinks the PoC's files may contain. */
async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await lchown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(path, uid, gid);
    else await lchown(path, uid, gid);
  }
}

/** bwrap --json-status-fd writes one JSON object per line: child-pid once the PoC starts, exit-code at the end. */
function parseStatus(text: string): { started: boolean; exitCode: number | null } {
  let started = false;
  let exitCode: number | null = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value['child-pid'] === 'number') started = true;
      if (typeof value['exit-code'] === 'number') exitCode = value['exit-code'];
    } catch {
      // a partial line from a killed bwrap: nothing to learn
    }
  }
  return { started, exitCode };
}

/** Keeps the first `cap` bytes of a stream; push answers false once the cap is passed. */
class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): boolean {
    if (this.truncated) return false;
    const room = this.cap - this.size;
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.size = this.cap;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
