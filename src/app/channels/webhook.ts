/**
 * Signed webhooks. A delivery is one POST of a notification's JSON with:
 *   AICC-Delivery:  the delivery id (stable across retries: the receiver's dedup key)
 *   AICC-Timestamp: unix seconds when this attempt was signed
 *   AICC-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>[, v1=…]
 * The timestamp is signed with the body so a captured request cannot be replayed after the
 * tolerance window; several v1 values let a receiver rotate secrets without a gap.
 * docs/WEBHOOKS.md is the receiver's side of this.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress, publicLookup } from './address.js';
import type { DeliveryResult } from './backoff.js';

export const HEADER_DELIVERY = 'AICC-Delivery';
export const HEADER_TIMESTAMP = 'AICC-Timestamp';
export const HEADER_SIGNATURE = 'AICC-Signature';
export const USER_AGENT = 'AICC-Webhook/1';

const MAX_URL_LENGTH = 2048;
/** read this much of a response at most: enough to consume a normal answer so the connection is reused */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** a receiver cannot park a channel for longer than a day with Retry-After */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
const SIGNATURE_BYTES = 32;
/** rotation needs two; a header stuffed with thousands costs a receiver one HMAC comparison each */
const MAX_SIGNATURES = 8;

export type Secret = string | readonly string[];

function hmac(secret: string, body: string | Uint8Array, timestamp: string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The AICC-Signature value: one `v1=` per secret (the new one first while rotating). */
export function signWebhook(secret: Secret, body: string | Uint8Array, timestamp: number): string {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return secrets.map((s) => `v1=${hmac(s, body, String(timestamp)).toString('hex')}`).join(',');
}

/** Fetch `Headers` or Node's `IncomingHttpHeaders`. */
export type HeaderSource = Headers | Record<string, string | readonly string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

export type VerifyFailure = 'no-secret' | 'missing-delivery' | 'missing-timestamp' | 'bad-timestamp' | 'stale' | 'future' | 'missing-signature' | 'bad-signature';

export type VerifyResult = { ok: true; deliveryId: string; timestamp: number } | { ok: false; reason: VerifyFailure; message: string };

export interface VerifyOptions {
  /** the receiver's secret, or its current and previous secrets while rotating */
  secret: Secret;
  /** the raw request body exactly as received (not re-serialized JSON) */
  body: string | Uint8Array;
  headers: HeaderSource;
  now?: Date;
  toleranceSeconds?: number;
}

const failure = (reason: VerifyFailure, message: string): VerifyResult => ({ ok: false, reason, message });

/** A receiver's check of one delivery. Never throws. */
export function verifyWebhook(options: VerifyOptions): VerifyResult {
  const tolerance = options.toleranceSeconds ?? 300;
  // an unset secret (an empty environment variable) would accept anything signed with the empty key
  const secrets = (typeof options.secret === 'string' ? [options.secret] : options.secret).filter((s) => s.length > 0);
  if (secrets.length === 0) return failure('no-secret', 'no secret to verify with');
  const deliveryId = header(options.headers, HEADER_DELIVERY)?.trim();
  if (!deliveryId) return failure('missing-delivery', `no ${HEADER_DELIVERY} header`);
  const stamp = header(options.headers, HEADER_TIMESTAMP)?.trim();
  if (!stamp) return failure('missing-timestamp', `no ${HEADER_TIMESTAMP} header`);
  if (!/^\d{1,12}$/.test(stamp)) return failure('bad-timestamp', `${HEADER_TIMESTAMP} is not unix seconds`);
  const timestamp = Number(stamp);
  const clock = options.now?.getTime() ?? Number.NaN;
  // an invalid Date would make both window comparisons false and let any timestamp through
  const now = Math.floor((Number.isFinite(clock) ? clock : Date.now()) / 1000);
  if (now - timestamp > tolerance) return failure('stale', `signed ${now - timestamp} s ago, more than the ${tolerance} s allowed`);
  if (timestamp - now > tolerance) return failure('future', `signed ${timestamp - now} s in the future, more than the ${tolerance} s allowed`);
  const given = (header(options.headers, HEADER_SIGNATURE) ?? '')
    .split(/[\s,]+/)
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-fA-F]{64}$/.test(hex))
    .slice(0, MAX_SIGNATURES)
    .map((hex) => Buffer.from(hex, 'hex'));
  if (given.length === 0) return failure('missing-signature', `no v1 signature in ${HEADER_SIGNATURE}`);
  let match = false;
  // every pair is compared, so the time taken says nothing about which one matched
  for (const secret of secrets) {
    const expected = hmac(secret, options.body, stamp);
    for (const candidate of given) if (candidate.length === SIGNATURE_BYTES && timingSafeEqual(candidate, expected)) match = true;
  }
  if (!match) return failure('bad-signature', 'no signature matches the body and timestamp');
  return { ok: true, deliveryId, timestamp };
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost') return true;
  // the URL parser already turned 127.1 and 0x7f.0.0.1 into dotted quads, and bracketed IPv6
  if (hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

/**
 * Why a webhook URL is refused, or null when it is acceptable. Private and loopback targets (an IP
 * literal here; names are checked at every connection, see address.ts) only when `allowPrivate`.
 */
export function checkWebhookUrl(url: string, options: { allowPrivate?: boolean } = {}): string | null {
  if (url.length > MAX_URL_LENGTH) return `the URL is longer than ${MAX_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid absolute URL';
  }
  if (parsed.username || parsed.password) return 'the URL must not carry credentials (the signature authenticates us; authenticate the receiver with its own path or token)';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const privateHost = host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host));
  if (privateHost && !options.allowPrivate) return 'the host is a private or loopback address (allowed only where the operator allows private targets: AICC_WEBHOOK_ALLOW_PRIVATE)';
  if (parsed.protocol === 'https:') return parsed.hostname ? null : 'the URL has no host';
  if (parsed.protocol === 'http:') return isLoopback(parsed.hostname) ? null : 'https is required (plain http only to a loopback address)';
  return `the scheme ${parsed.protocol.replace(/:$/, '')} is not allowed (https only)`;
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null) return null;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // HTTP dates start with the day's name (IMF-fixdate, RFC 850, asctime); Date.parse alone takes '-5' for a year
    const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

export interface WebhookDelivery {
  url: string;
  secret: Secret;
  deliveryId: string;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** the clock of the signature (tests) */
  now?: () => Date;
  /** may connect to loopback and private addresses (AICC_WEBHOOK_ALLOW_PRIVATE); default no */
  allowPrivate?: boolean;
}

/**
 * node:http rather than fetch: on Node 20, fetch's stream machinery caps one process near 1,300
 * deliveries/s to a local receiver, node:http with a keep-alive agent above 5,000 (the issue asks
 * for 2,000). It also never follows redirects, which is what we want.
 */
const agents = {
  open: {
    'http:': new HttpAgent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new HttpsAgent({ keepAlive: true, scheduling: 'lifo' }),
  },
  // names resolve to public addresses only (address.ts): checked at every new connection
  public: {
    'http:': new HttpAgent({ keepAlive: true, scheduling: 'lifo', lookup: publicLookup }),
    'https:': new HttpsAgent({ keepAlive: true, scheduling: 'lifo', lookup: publicLookup }),
  },
};

interface Answer {
  status: number;
  retryAfter: string | null;
}

class DeliveryTimeout extends Error {}
class DeliveryAborted extends Error {}

/**
 * POSTs and waits for the status line, then reads at most MAX_RESPONSE_BYTES so a normal answer is
 * consumed and its connection reused; a larger one is cut off. The whole exchange is bounded by the
 * timeout. Once the status has arrived it decides: a broken body does not turn a 2xx into a failure.
 */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal | undefined, allowPrivate: boolean): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    let answer: Answer | undefined;
    const agent = agents[allowPrivate ? 'open' : 'public'][url.protocol === 'https:' ? 'https:' : 'http:'];
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'POST', headers, agent });
    const stop = (error: Error) => req.destroy(error);
    const timer = setTimeout(() => stop(new DeliveryTimeout()), timeoutMs);
    const onAbort = () => stop(new DeliveryAborted());
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (error?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (answer) resolve(answer);
      else reject(error ?? new Error('no answer'));
    };
    req.on('error', settle);
    req.on('response', (res) => {
      const retryAfter = res.headers['retry-after'];
      answer = { status: res.statusCode ?? 0, retryAfter: typeof retryAfter === 'string' ? retryAfter : null };
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_RESPONSE_BYTES) {
          res.destroy();
          settle();
        }
      });
      res.on('end', () => settle());
      res.on('error', () => settle());
      res.on('close', () => settle());
    });
    if (signal?.aborted) onAbort();
    req.end(body);
  });
}

function networkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DeliveryTimeout) return `no answer within ${timeoutMs} ms`;
  if (error instanceof DeliveryAborted) return 'aborted';
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return `network error: ${code ?? (error instanceof Error ? error.name : 'Error')}`;
}

const fail = (status: number | null, error: string, retryAfterMs: number | null = null, permanent = false): DeliveryResult => ({ ok: false, status, error, retryAfterMs, permanent });

/**
 * One delivery attempt. Never throws. Redirects are failures: following one would send a signed
 * notification to a host nobody checked. Connections are kept alive and reused per origin.
 */
export async function sendWebhook(delivery: WebhookDelivery): Promise<DeliveryResult> {
  const allowPrivate = delivery.allowPrivate ?? false;
  const problem = checkWebhookUrl(delivery.url, { allowPrivate });
  if (problem) return fail(null, `refused URL: ${problem}`, null, true);
  if (!/^[\x21-\x7e]{1,200}$/.test(delivery.deliveryId)) return fail(null, 'the delivery id must be 1–200 printable ASCII characters', null, true);
  const secrets = typeof delivery.secret === 'string' ? [delivery.secret] : delivery.secret;
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) return fail(null, 'the channel has no signing secret', null, true);
  const started = performance.now();
  const timestamp = Math.floor((delivery.now?.() ?? new Date()).getTime() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(delivery.body)),
    'User-Agent': USER_AGENT,
    [HEADER_DELIVERY]: delivery.deliveryId,
    [HEADER_TIMESTAMP]: String(timestamp),
    [HEADER_SIGNATURE]: signWebhook(delivery.secret, delivery.body, timestamp),
  };
  let answer: Answer;
  try {
    answer = await post(new URL(delivery.url), headers, delivery.body, delivery.timeoutMs, delivery.signal, allowPrivate);
  } catch (error) {
    return fail(null, networkError(error, delivery.timeoutMs));
  }
  const { status } = answer;
  if (status >= 200 && status < 300) return { ok: true, status, ms: Math.round(performance.now() - started) };
  if (status >= 300 && status < 400) return fail(status, `HTTP ${status}: redirect not followed (deliveries go only to the registered URL)`);
  if (status === 410) return fail(status, 'HTTP 410: the receiver is gone', null, true);
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(answer.retryAfter) : null;
  // the status code only: a reason phrase or body from the receiver could echo what we sent
  return fail(status, `HTTP ${status}`, retryAfter);
}
