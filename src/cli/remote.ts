import { setTimeout as sleep } from 'node:timers/promises';
import { formatProblem, type Problem } from '../domain/errors.js';
import { UsageError } from './runtime.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:8080';

/** Bounded: the worst case is the sum of the delays plus `attempts` request timeouts. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** a Retry-After longer than this is not waited out: the command stops and says when to come back */
  maxRetryAfterMs: number;
  /** per attempt, so a hung connection cannot hold the command forever */
  timeoutMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 5 * 60_000,
});

export type RemoteErrorCode = 'NETWORK_UNAVAILABLE' | 'REFUSED' | 'SERVER_ERROR' | 'NOT_AICC';

/**
 * What went wrong talking to the server. Not an AppError on purpose: the CLI's error reporter
 * treats an AppError BAD_REQUEST as a usage error (exit 2), but a request the server refuses is a
 * failed operation (exit 1), whatever code the server gave. The server's details are in the
 * message so the one reporter prints them.
 */
export class RemoteError extends Error {
  readonly code: RemoteErrorCode;
  /** HTTP status, absent when no answer came */
  readonly status: number | undefined;
  /** the server's own error code (docs/API.md), when it sent one */
  readonly serverCode: string | undefined;
  readonly details: Problem[];

  constructor(code: RemoteErrorCode, message: string, options: { status?: number; serverCode?: string; details?: Problem[]; cause?: unknown } = {}) {
    const details = options.details ?? [];
    const lines = details.slice(0, 50).map((p) => `\n  ${formatProblem(p)}`);
    const more = details.length > 50 ? `\n  … and ${details.length - 50} more` : '';
    super(`${message}${lines.join('')}${more}`, { cause: options.cause });
    this.name = 'RemoteError';
    this.code = code;
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.details = details;
  }
}

/** Exponential backoff with jitter (so many clients retrying at once spread out), never below a server's Retry-After. */
export function backoffDelay(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryableStatus = (status: number) => status === 429 || status >= 500;

/** Failures that another attempt cannot fix: a wrong host name, a port fetch will never use, a certificate the client does not trust. */
function finalNetworkError(err: unknown): boolean {
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause?.message === 'bad port') return true;
  const code = cause?.code;
  return typeof code === 'string' && (code === 'ENOTFOUND' || code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
}

function networkReason(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (cause instanceof AggregateError && cause.errors[0] instanceof Error) return cause.errors[0].message;
  return cause instanceof Error ? cause.message : err.message;
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; details?: unknown } };

function serverError(json: unknown): { code?: string; message?: string; details: Problem[] } {
  const e = (json as ErrorBody | null)?.error;
  if (!e || typeof e !== 'object') return { details: [] };
  const details = Array.isArray(e.details)
    ? e.details.filter((d): d is Problem => typeof (d as Problem | null)?.message === 'string').map((d) => ({
        message: d.message,
        ...(typeof d.pointer === 'string' ? { pointer: d.pointer } : {}),
        ...(typeof d.line === 'number' ? { line: d.line } : {}),
        ...(typeof d.file === 'string' ? { file: d.file } : {}),
      }))
    : [];
  return { ...(typeof e.code === 'string' ? { code: e.code } : {}), ...(typeof e.message === 'string' ? { message: e.message } : {}), details };
}

export interface RemoteRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** under the server URL, e.g. `/api/v1/submissions` */
  path: string;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string>;
  /** sent again as is on every attempt: only idempotent requests are retried */
  body?: Uint8Array<ArrayBuffer>;
  /** names the operation in messages: "refused the submission" */
  what: string;
}

export interface RemoteResponse<T> {
  status: number;
  body: T;
  attempts: number;
}

export interface RemoteClientOptions {
  server: URL;
  token?: string;
  retry?: Partial<RetryPolicy>;
  /** for tests: how to wait, and the jitter source */
  sleep?: (ms: number) => Promise<unknown>;
  random?: () => number;
  /** told before each wait, e.g. to say on stderr that a retry is coming */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * A JSON client for an AICC server: base URL, bearer token, errors as readable messages, and
 * retries of network failures, 429 and 5xx. Callers retry only what is safe to repeat (a GET, or
 * a POST carrying an Idempotency-Key), which is why retrying is the client's job and not theirs.
 */
export class RemoteClient {
  readonly server: URL;
  readonly policy: RetryPolicy;
  readonly #token: string | undefined;
  readonly #sleep: (ms: number) => Promise<unknown>;
  readonly #random: () => number;
  readonly #onRetry: RemoteClientOptions['onRetry'];

  constructor(options: RemoteClientOptions) {
    this.server = options.server;
    this.#token = options.token;
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.#sleep = options.sleep ?? ((ms) => sleep(ms));
    this.#random = options.random ?? Math.random;
    this.#onRetry = options.onRetry;
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  async request<T>(req: RemoteRequest): Promise<RemoteResponse<T>> {
    const url = new URL(req.path.replace(/^\//, ''), this.server.href.endsWith('/') ? this.server : `${this.server.href}/`);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    const origin = this.server.origin;

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.policy.attempts;
      let res: Response;
      try {
        res = await fetch(url, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(this.policy.timeoutMs), redirect: 'manual' });
      } catch (err) {
        const reason = networkReason(err);
        if (last || finalNetworkError(err)) {
          const tries = attempt > 1 ? ` (${attempt} attempts)` : '';
          throw new RemoteError('NETWORK_UNAVAILABLE', `cannot reach the AICC server at ${origin}${tries}: ${reason}`, { cause: err });
        }
        await this.#wait(attempt, reason);
        continue;
      }
      // Not followed: a redirected POST may lose its body, and the token must not go to another origin unasked.
      if (res.status >= 300 && res.status < 400) {
        const to = res.headers.get('location');
        throw new RemoteError('NOT_AICC', `${origin} answered ${res.status} redirecting elsewhere${to && URL.canParse(to, url) ? ` (${new URL(to, url).origin})` : ''}; give that address as --server`, { status: res.status });
      }
      const json: unknown = await res.json().catch(() => undefined);
      if (res.ok) {
        if (json === undefined) throw new RemoteError('NOT_AICC', `${origin} answered ${res.status} without JSON; is ${origin} an AICC server?`, { status: res.status });
        return { status: res.status, body: json as T, attempts: attempt };
      }
      const e = serverError(json);
      const said = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}${e.message ? `: ${e.message}` : ''}`;
      if (retryableStatus(res.status)) {
        const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
        if (!last && (retryAfter === undefined || retryAfter <= this.policy.maxRetryAfterMs)) {
          await this.#wait(attempt, said, retryAfter);
          continue;
        }
        const later = retryAfter !== undefined && retryAfter > this.policy.maxRetryAfterMs ? `; it asks to try again in ${Math.ceil(retryAfter / 1000)} s` : '';
        const tries = attempt > 1 ? ` after ${attempt} attempts` : '';
        throw new RemoteError('SERVER_ERROR', `${origin} could not take the request${tries}: ${said}${later}`, { status: res.status, ...(e.code ? { serverCode: e.code } : {}), details: e.details });
      }
      if (!e.message) throw new RemoteError('NOT_AICC', `${url.origin}${url.pathname} answered ${res.status} ${res.statusText} without an AICC answer; is ${origin} an AICC server?`, { status: res.status });
      const hint = res.status === 401 && !this.hasToken ? ' (no API token given: --token or AICC_TOKEN)' : '';
      throw new RemoteError('REFUSED', `${origin} ${req.what}: ${said}${hint}`, { status: res.status, ...(e.code ? { serverCode: e.code } : {}), details: e.details });
    }
  }

  async #wait(attempt: number, reason: string, retryAfterMs?: number): Promise<void> {
    const delayMs = backoffDelay(attempt, this.policy, retryAfterMs, this.#random);
    this.#onRetry?.({ attempt, delayMs, reason });
    await this.#sleep(delayMs);
  }
}

/** Header values must be visible ASCII; checked here so that fetch never echoes a bad token in its error. */
const TOKEN = /^[\x21-\x7e]{1,4096}$/;

/** The server and token of a remote command, from its options or AICC_SERVER / AICC_TOKEN. */
export function remoteClient(
  options: { server?: string; token?: string },
  env: NodeJS.ProcessEnv = process.env,
  extra: Omit<RemoteClientOptions, 'server' | 'token'> = {},
): RemoteClient {
  const given = options.server ?? env.AICC_SERVER ?? DEFAULT_SERVER;
  let server: URL;
  try {
    server = new URL(given);
  } catch {
    throw new UsageError(`--server (or AICC_SERVER) must be the server's http(s) URL, got '${given}'`);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new UsageError(`--server (or AICC_SERVER) must be the server's http(s) URL, got '${given}'`);
  // Not echoed: the URL itself holds a secret.
  if (server.username || server.password) throw new UsageError('--server (or AICC_SERVER) must not carry credentials; give the API token with --token or AICC_TOKEN');
  server.search = '';
  server.hash = '';
  const token = options.token ?? (env.AICC_TOKEN || undefined);
  if (token !== undefined && !TOKEN.test(token)) throw new UsageError('the API token (--token or AICC_TOKEN) holds spaces or other characters a token cannot have');
  return new RemoteClient({ server, ...(token !== undefined ? { token } : {}), ...extra });
}
