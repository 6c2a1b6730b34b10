import { SandboxError } from './errors.js';

/** What a caller sets. Every limit is required except the file-system ones, which have defaults. */
export interface SandboxLimitsInput {
  /** wall clock for the whole run; the sandbox is killed (SIGKILL) when it passes */
  wallMs: number;
  /** RLIMIT_CPU per process, whole seconds (SIGXCPU at the limit) */
  cpuSeconds: number;
  /** RLIMIT_AS per process (address space, not resident memory) */
  memoryBytes: number;
  /** cap for each of stdout and stderr; the sandbox is killed when either passes it */
  outputBytes: number;
  /** RLIMIT_NPROC inside the sandbox's user namespace; counts bwrap's own reaper too */
  processes: number;
  /** RLIMIT_FSIZE: the largest file the PoC may write (default 64 MiB) */
  fileBytes?: number;
  /** size of each of the /tmp and /dev/shm tmpfs (default 16 MiB) */
  tmpBytes?: number;
  /** RLIMIT_NOFILE (default 256) */
  openFiles?: number;
}

export type SandboxLimits = Required<SandboxLimitsInput>;

const DEFAULTS = { fileBytes: 64 * 1024 * 1024, tmpBytes: 16 * 1024 * 1024, openFiles: 256 } as const;

/** Upper bounds that keep a typo from disabling a limit. */
const MAX: Record<keyof SandboxLimits, number> = {
  wallMs: 60 * 60 * 1000,
  cpuSeconds: 60 * 60,
  memoryBytes: 64 * 1024 ** 3,
  outputBytes: 256 * 1024 * 1024,
  processes: 4096,
  fileBytes: 16 * 1024 ** 3,
  tmpBytes: 4 * 1024 ** 3,
  openFiles: 65536,
};

export function resolveLimits(input: SandboxLimitsInput): SandboxLimits {
  const limits: SandboxLimits = { ...DEFAULTS, ...input };
  for (const key of Object.keys(MAX) as (keyof SandboxLimits)[]) {
    const value = limits[key];
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX[key]) {
      throw new SandboxError('SANDBOX_BAD_SPEC', `limit ${key} must be an integer from 1 to ${MAX[key]}, got ${String(value)}`);
    }
  }
  // bwrap's reaper and prlimit's exec count against RLIMIT_NPROC: fewer than 2 could not start the PoC
  if (limits.processes < 2) throw new SandboxError('SANDBOX_BAD_SPEC', 'limit processes must be at least 2');
  return Object.freeze(limits);
}
