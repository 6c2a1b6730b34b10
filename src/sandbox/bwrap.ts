import { accessSync, constants, lstatSync, readlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SandboxUnavailable } from './errors.js';
import type { SandboxLimits } from './limits.js';

/** Where the work dir appears inside the sandbox; the PoC's current directory. */
export const SANDBOX_WORKDIR = '/work';

/** Read-only host files the dynamic loader and Debian's interpreters need; nothing else of /etc. */
const ETC_FILES = ['/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/alternatives', '/etc/localtime'];

/** Top-level directories that merged-usr makes symlinks into /usr (bound read-only when they are real dirs). */
const TOP_LEVEL = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/** A top-level entry as the host has it: a symlink (merged-usr), a real directory, or absent. */
export interface TopLevelEntry {
  path: string;
  symlinkTo: string | null;
}

export function hostTopLevel(): TopLevelEntry[] {
  const entries: TopLevelEntry[] = [];
  for (const path of TOP_LEVEL) {
    try {
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) entries.push({ path, symlinkTo: readlinkSync(path) });
      else if (stat.isDirectory()) entries.push({ path, symlinkTo: null });
    } catch {
      // absent on this host: nothing to provide
    }
  }
  return entries;
}

/** The first executable `name` on the host PATH (plus the standard dirs), or throws SandboxUnavailable. */
export function findExecutable(name: string, explicit?: string): string {
  const candidates = explicit !== undefined
    ? [explicit]
    : [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin', '/bin', '/usr/sbin'].map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new SandboxUnavailable(
    `${name} not found${explicit !== undefined ? ` at ${explicit}` : ' on PATH'}: install it (apt-get install -y ${name === 'bwrap' ? 'bubblewrap' : 'util-linux'}); PoCs are never run unsandboxed`,
  );
}

export interface BwrapPlan {
  workDir: string;
  command: readonly string[];
  env: Readonly<Record<string, string>>;
  limits: SandboxLimits;
  topLevel: readonly TopLevelEntry[];
}

/**
 * bwrap's argument list (without the bwrap path). Order matters: bwrap applies mounts in order, so
 * the root tmpfs and /dev are remounted read-only last, leaving /work, /tmp and /dev/shm writable.
 * The command runs under prlimit inside the sandbox, after the user namespace exists, so
 * RLIMIT_NPROC counts only the sandbox's processes (see run.ts).
 */
export function bwrapArgs(plan: BwrapPlan): string[] {
  const { limits } = plan;
  const args = [
    '--unshare-all', // user (try), ipc, pid, net, uts, cgroup (try)
    '--unshare-user', // required, not "try": it is what keeps the PoC unprivileged and RLIMIT_NPROC enforced
    '--disable-userns', // no nested user namespaces inside
    '--die-with-parent',
    '--new-session',
    '--hostname', 'sandbox',
    '--ro-bind', '/usr', '/usr',
  ];
  for (const entry of plan.topLevel) {
    if (entry.symlinkTo !== null) args.push('--symlink', entry.symlinkTo, entry.path);
    else args.push('--ro-bind', entry.path, entry.path);
  }
  for (const file of ETC_FILES) args.push('--ro-bind-try', file, file);
  args.push(
    '--proc', '/proc',
    '--dev', '/dev',
    '--size', String(limits.tmpBytes), '--tmpfs', '/dev/shm',
    '--size', String(limits.tmpBytes), '--tmpfs', '/tmp',
    '--bind', plan.workDir, SANDBOX_WORKDIR,
    '--remount-ro', '/dev',
    '--remount-ro', '/',
    '--chdir', SANDBOX_WORKDIR,
    '--clearenv',
  );
  for (const [name, value] of Object.entries(plan.env)) args.push('--setenv', name, value);
  args.push(
    '--',
    '/usr/bin/prlimit',
    `--nproc=${limits.processes}`,
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`, // SIGXCPU at the soft limit, SIGKILL a second later
    `--as=${limits.memoryBytes}`,
    `--fsize=${limits.fileBytes}`,
    `--nofile=${limits.openFiles}`,
    '--core=0',
    '--',
    ...plan.command,
  );
  return args;
}
