/**
 * E-mail delivery over SMTP (nodemailer, pooled connections). The Message-ID is derived from the
 * delivery id, so a retried delivery that did reach the mailbox can be recognised as a duplicate.
 */
import { createTransport, type NodemailerError } from 'nodemailer';
import type { Notification } from '../../domain/notification.js';
import type { DeliveryResult } from './backoff.js';
import { renderText } from './render.js';

export interface MailerOptions {
  /** smtp://user:pass@host:port or smtps://… */
  smtpUrl: string;
  /** the From header, e.g. `AI Cybersecurity Clearinghouse <notifications@aicc.example.org>` */
  from: string;
  /** connection, greeting and idle socket limits (default 10 s); a send never waits longer than about this */
  timeoutMs?: number;
  maxConnections?: number;
}

export interface Mailer {
  send(to: string, n: Notification, deliveryId: string, signal?: AbortSignal): Promise<DeliveryResult>;
  close(): void;
}

const MAX_ADDRESS = 254;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Why an address is refused, or null. Only a bare ASCII `local@domain.tld` (no display name, no
 * quoted local part, no IP literal): enough for real mailboxes, and nothing that could smuggle a
 * second recipient or a header into the envelope.
 */
export function checkEmailAddress(addr: string): string | null {
  if (addr.length === 0) return 'the address is empty';
  if (addr.length > MAX_ADDRESS) return `the address is longer than ${MAX_ADDRESS} characters`;
  const at = addr.lastIndexOf('@');
  if (at <= 0 || at === addr.length - 1) return 'the address must be local@domain';
  const local = addr.slice(0, at);
  const domain = addr.slice(at + 1);
  if (local.length > 64) return 'the part before @ is longer than 64 characters';
  if (!LOCAL_PART.test(local)) return 'the part before @ has characters not allowed in an address (only a plain ASCII mailbox name)';
  const labels = domain.split('.');
  if (labels.length < 2) return 'the domain must have at least two labels (example.org)';
  if (!labels.every((l) => LABEL.test(l))) return 'the domain is not a valid host name';
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return 'the domain must be a name, not an IP address';
  return null;
}

/** `<deliveryId@aicc>`: characters a msg-id cannot hold are %-escaped, so distinct ids stay distinct. */
export function messageIdFor(deliveryId: string): string {
  const local = Array.from(new TextEncoder().encode(deliveryId), (b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9_-]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
  return `<${local}@aicc>`;
}

function isNodemailerError(error: unknown): error is NodemailerError {
  return error instanceof Error;
}

function redact(message: string, smtpUrl: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(smtpUrl).password);
  } catch {
    // an unparsable URL fails in nodemailer before any message mentions it
  }
  const text = password ? message.split(password).join('***') : message;
  return text.replace(/[^\x20-\x7e]/g, ' ').slice(0, 300);
}

/**
 * SMTP's own classes decide: a 5xx reply is permanent (the same message would be refused again),
 * except 503 (bad command sequence: a new connection may succeed) and authentication (our
 * credentials, fixed by an operator, not a reason to drop the subscriber's notices).
 */
function failure(error: unknown, smtpUrl: string): DeliveryResult {
  if (!isNodemailerError(error)) return { ok: false, status: null, error: 'mail transport failed', retryAfterMs: null, permanent: false };
  const status = typeof error.responseCode === 'number' ? error.responseCode : null;
  const permanent = status !== null && status >= 500 && status < 600 && status !== 503 && error.code !== 'EAUTH';
  const code = error.code ?? 'ERROR';
  const detail = error.originalCode && error.originalCode !== code ? `${code}/${error.originalCode}` : code;
  return { ok: false, status, error: redact(`SMTP ${detail}: ${error.message}`, smtpUrl), retryAfterMs: null, permanent };
}

function replyCode(response: unknown): number {
  const match = typeof response === 'string' ? /^(\d{3})/.exec(response) : null;
  return match ? Number(match[1]) : 250;
}

export function createMailer(options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 10_000;
  const transport = createTransport({
    pool: true,
    url: options.smtpUrl,
    maxConnections: options.maxConnections ?? 5,
    // a connection dropped mid-send gets one more try here; everything else is the dispatcher's backoff
    maxRequeues: 1,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
    dnsTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(to, n, deliveryId, signal) {
      const problem = checkEmailAddress(to);
      if (problem) return { ok: false, status: null, error: `refused address: ${problem}`, retryAfterMs: null, permanent: true };
      if (!/^[\x21-\x7e]{1,200}$/.test(deliveryId)) return { ok: false, status: null, error: 'the delivery id must be 1–200 printable ASCII characters', retryAfterMs: null, permanent: true };
      const started = performance.now();
      const message = renderText(n);
      try {
        const info = await transport.sendMail({
          from: options.from,
          to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: messageIdFor(deliveryId),
          date: new Date(),
          headers: {
            'X-AICC-Delivery': deliveryId,
            'X-AICC-TLP': n.tlp,
            // RFC 3834: keeps out-of-office replies from answering a notification
            'Auto-Submitted': 'auto-generated',
          },
          ...(signal ? { signal } : {}),
        });
        return { ok: true, status: replyCode(info.response), ms: Math.round(performance.now() - started) };
      } catch (error) {
        return failure(error, options.smtpUrl);
      }
    },
    close() {
      transport.close();
    },
  };
}
