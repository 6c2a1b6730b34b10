/**
 * Every error the system reports on purpose carries a stable string code.
 * The HTTP layer maps codes to statuses through ERROR_STATUS; docs/API.md lists them
 * and a test keeps the two in step.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  INVALID_JSON: 400,
  INVALID_YAML: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  TOO_DEEP: 400,
  DUPLICATE_ID: 422,
  UNKNOWN_FORMAT: 400,
  INVALID_CVSS: 422,
  INVALID_PURL: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  DATABASE_TOO_NEW: 500,
  NETWORK_UNAVAILABLE: 502,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A precise location of a problem: a file (or upload name), a line, and/or a JSON pointer. */
export interface Problem {
  message: string;
  /** the error code this problem alone would earn (default VALIDATION_FAILED) */
  code?: ErrorCode;
  pointer?: string;
  file?: string;
  line?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  /** for RATE_LIMITED: when trying again can succeed */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { problems?: Problem[]; cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.problems = options.problems ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** "file.json#/affected/0/ranges: must have required property 'type'" */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined].filter(Boolean).join(':');
  const pointer = p.pointer !== undefined ? `#${p.pointer}` : '';
  const head = `${where}${pointer}`;
  return head ? `${head}: ${p.message}` : p.message;
}
