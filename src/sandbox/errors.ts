export type SandboxErrorCode =
  /** bwrap (or prlimit) is not installed, or user namespaces are refused: never run unsandboxed */
  | 'SANDBOX_UNAVAILABLE'
  /** bwrap started but could not build the sandbox (bad work dir, mount failure) */
  | 'SANDBOX_SETUP_FAILED'
  /** the spec itself is unusable (relative work dir, empty command, bad env name, bad limit) */
  | 'SANDBOX_BAD_SPEC';

export class SandboxError extends Error {
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SandboxError';
  }
}

/** Thrown when the sandbox cannot be had; callers must treat the PoC as not run. */
export class SandboxUnavailable extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SANDBOX_UNAVAILABLE', message, options);
    this.name = 'SandboxUnavailable';
  }
}
