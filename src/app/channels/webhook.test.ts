import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryResult } from './backoff.js';
import { kevNotification } from './fixture.testing.js';
import { webhookBody } from './render.js';
import { isPrivateAddress, publicLookup } from './address.js';
import { checkWebhookUrl, parseRetryAfter, sendWebhook, signWebhook, verifyWebhook } from './webhook.js';

const SECRET = 'whsec_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const BODY = webhookBody(kevNotification());

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: records every request and answers with the current handler. */
class Receiver {
  server: Server;
  received: Received[] = [];
  connections = 0;
  respond: (req: Received, res: ServerResponse) => void = (_req, res) => res.writeHead(204).end();

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        this.respond(r, res);
      });
    });
    this.server.on('connection', () => this.connections++);
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A self-signed certificate for 127.0.0.1, made for this test only (openssl req -x509, P-256, 100 years). */
const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgVCKUMDkaGghnN52c
oDIPrhCnr/ItCqdawxQT7eoUj4OhRANCAARlYsDWsM8a2mQT6WLHnWWIqj/2i3Y2
0bonmC9Bd0vJQU8WV7MNybUfQCoEOf5iNkhNYbLd9C/T6yqoBGH/aNi9
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUGfOwl24eeegahg9WQI5dFMjXWeswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwMjEwMTkwNFoYDzIxMjYxMTA4
MTAxOTA0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARlYsDWsM8a2mQT6WLHnWWIqj/2i3Y20bonmC9Bd0vJQU8WV7MNybUf
QCoEOf5iNkhNYbLd9C/T6yqoBGH/aNi9o2QwYjAdBgNVHQ4EFgQU3Jlr3HJo9ojT
yYonR1Rsh0oa4zEwHwYDVR0jBBgwFoAU3Jlr3HJo9ojTyYonR1Rsh0oa4zEwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQDQ8OkmDWZ/FJ0vppjGskgoHwGvbyRP+D5ttrVb+xykDAIgKo7gc2dx9ZVtxJSv
PlFsRaRaLEQhGIvWF4RLxP5FVXU=
-----END CERTIFICATE-----`,
};

const fails = (r: DeliveryResult) => {
  if (r.ok) throw new Error(`expected a failure, got HTTP ${r.status}`);
  return r;
};

describe('sendWebhook to a loopback receiver', () => {
  const receiver = new Receiver();
  let base = '';
  const send = (path = '/hook', extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
    sendWebhook({ url: `${base}${path}`, secret: SECRET, deliveryId: 'd-4711-ch1', body: BODY, timeoutMs: 2000, allowPrivate: true, ...extra });

  beforeAll(async () => {
    base = await receiver.start();
  });
  afterAll(() => receiver.stop());
  afterEach(() => {
    receiver.received = [];
    receiver.respond = (_req, res) => res.writeHead(204).end();
  });

  it('delivers a body the receiver verifies with verifyWebhook', async () => {
    let verdict: ReturnType<typeof verifyWebhook> | undefined;
    receiver.respond = (req, res) => {
      verdict = verifyWebhook({ secret: SECRET, body: req.body, headers: req.headers });
      res.writeHead(verdict.ok ? 200 : 401).end('thanks');
    };
    const result = await send();
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(verdict).toMatchObject({ ok: true, deliveryId: 'd-4711-ch1' });
    const [req] = receiver.received;
    expect(req?.body).toBe(BODY);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['user-agent']).toBe('AICC-Webhook/1');
    expect(req?.headers['aicc-delivery']).toBe('d-4711-ch1');
    expect(req?.headers['aicc-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(req?.headers['aicc-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
  });

  describe('a receiver checking what arrived', () => {
    let req: Received;
    beforeAll(async () => {
      await send();
      req = receiver.received[0]!;
    });

    it('rejects a tampered body', () => {
      const tampered = req.body.replace('"tlp":"AMBER"', '"tlp":"CLEAR"');
      expect(tampered).not.toBe(req.body);
      expect(verifyWebhook({ secret: SECRET, body: tampered, headers: req.headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('rejects the signature made with another secret', () => {
      expect(verifyWebhook({ secret: 'whsec_other', body: req.body, headers: req.headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
    });

    it('rejects a replay after the tolerance window, and a timestamp from the future', () => {
      const signedAt = Number(req.headers['aicc-timestamp']) * 1000;
      expect(verifyWebhook({ secret: SECRET, body: req.body, headers: req.headers, now: new Date(signedAt + 299_000) })).toMatchObject({ ok: true });
      expect(verifyWebhook({ secret: SECRET, body: req.body, headers: req.headers, now: new Date(signedAt + 301_000) })).toMatchObject({ ok: false, reason: 'stale' });
      expect(verifyWebhook({ secret: SECRET, body: req.body, headers: req.headers, now: new Date(signedAt - 301_000) })).toMatchObject({ ok: false, reason: 'future' });
      expect(verifyWebhook({ secret: SECRET, body: req.body, headers: req.headers, now: new Date(signedAt + 61_000), toleranceSeconds: 60 })).toMatchObject({ ok: false, reason: 'stale' });
    });

    it('rejects a moved timestamp even inside the window (it is signed)', () => {
      const headers = { ...req.headers, 'aicc-timestamp': String(Number(req.headers['aicc-timestamp']) + 1) };
      expect(verifyWebhook({ secret: SECRET, body: req.body, headers })).toMatchObject({ ok: false, reason: 'bad-signature' });
    });
  });

  it('keeps the connection alive between deliveries', async () => {
    const fresh = new Receiver();
    const url = `${await fresh.start()}/hook`;
    try {
      for (let i = 0; i < 10; i++) expect(await sendWebhook({ url, secret: SECRET, deliveryId: `d${i}`, body: BODY, timeoutMs: 2000, allowPrivate: true })).toMatchObject({ ok: true });
      expect(fresh.received).toHaveLength(10);
      expect(fresh.connections).toBe(1);
    } finally {
      await fresh.stop();
    }
  });

  it('honours Retry-After in seconds on 429 and as an HTTP date on 503', async () => {
    receiver.respond = (_req, res) => res.writeHead(429, { 'Retry-After': '7' }).end('slow down');
    expect(fails(await send())).toMatchObject({ status: 429, retryAfterMs: 7000, permanent: false });
    receiver.respond = (_req, res) => res.writeHead(503, { 'Retry-After': new Date(Date.now() + 120_000).toUTCString() }).end();
    const r = fails(await send());
    expect(r).toMatchObject({ status: 503, permanent: false });
    expect(r.retryAfterMs).toBeGreaterThan(115_000);
    expect(r.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('gives up at once on 410 Gone', async () => {
    receiver.respond = (_req, res) => res.writeHead(410).end();
    expect(fails(await send())).toMatchObject({ status: 410, permanent: true, retryAfterMs: null });
  });

  it('retries other 4xx and 5xx answers, ignoring Retry-After outside 429/503', async () => {
    for (const status of [400, 401, 404, 500, 502]) {
      receiver.respond = (_req, res) => res.writeHead(status, { 'Retry-After': '30' }).end();
      expect(fails(await send())).toMatchObject({ status, permanent: false, retryAfterMs: null, error: expect.stringMatching(new RegExp(`^HTTP ${status}`)) as unknown });
    }
  });

  it('does not follow a redirect', async () => {
    receiver.respond = (req, res) => (req.path === '/hook' ? res.writeHead(307, { Location: `${base}/elsewhere` }).end() : res.writeHead(200).end());
    const r = fails(await send());
    expect(r).toMatchObject({ status: 307, permanent: false });
    expect(r.error).toMatch(/redirect not followed/);
    expect(receiver.received.map((x) => x.path)).toEqual(['/hook']);
  });

  it('times out a receiver that never answers', async () => {
    receiver.respond = () => undefined;
    const started = Date.now();
    const r = fails(await send('/hook', { timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r).toMatchObject({ status: null, permanent: false, error: 'no answer within 200 ms' });
  });

  it('stops when the caller aborts', async () => {
    receiver.respond = () => undefined;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(fails(await send('/hook', { signal: controller.signal }))).toMatchObject({ status: null, error: 'aborted', permanent: false });
  });

  it('reads no more than 64 KiB of an endless answer', async () => {
    let written = 0;
    receiver.respond = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    };
    const started = Date.now();
    // without the limit this would read until the 2 s timeout
    expect(await send()).toMatchObject({ ok: true, status: 200 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it('never puts the secret or the body into an error', async () => {
    const results: DeliveryResult[] = [];
    receiver.respond = (req, res) => res.writeHead(500, `${SECRET} ${req.body.slice(0, 40)}`).end(req.body);
    results.push(await send());
    receiver.respond = () => undefined;
    results.push(await send('/hook', { timeoutMs: 100 }));
    for (const r of results) {
      const error = fails(r).error;
      expect(error).not.toContain(SECRET);
      expect(error).not.toContain(BODY.slice(0, 40));
    }
  });
});

describe('sendWebhook without a receiver', () => {
  it('reports a refused connection as retryable', async () => {
    const receiver = new Receiver();
    const base = await receiver.start();
    await receiver.stop();
    const r = fails(await sendWebhook({ url: `${base}/hook`, secret: SECRET, deliveryId: 'd1', body: BODY, timeoutMs: 1000, allowPrivate: true }));
    expect(r).toMatchObject({ status: null, permanent: false, error: 'network error: ECONNREFUSED' });
  });

  it('checks the receiver\'s TLS certificate', async () => {
    let reached = false;
    const server = createHttpsServer(SELF_SIGNED, (_req, res) => {
      reached = true;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const r = fails(await sendWebhook({ url, secret: SECRET, deliveryId: 'd1', body: BODY, timeoutMs: 1000, allowPrivate: true }));
      expect(r).toMatchObject({ status: null, permanent: false, error: 'network error: DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(reached).toBe(false);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses to send without a signing secret', async () => {
    for (const secret of ['', [] as string[]]) {
      const r = fails(await sendWebhook({ url: 'http://127.0.0.1:9/hook', secret, deliveryId: 'd1', body: BODY, timeoutMs: 1000, allowPrivate: true }));
      expect(r).toMatchObject({ status: null, permanent: true, error: 'the channel has no signing secret' });
    }
  });

  it('refuses a URL that fails the check without sending anything', async () => {
    const r = fails(await sendWebhook({ url: 'http://example.org/hook', secret: SECRET, deliveryId: 'd1', body: BODY, timeoutMs: 1000 }));
    expect(r).toMatchObject({ status: null, permanent: true });
    expect(r.error).toMatch(/https is required/);
  });
});

describe('verifyWebhook', () => {
  const at = 1_800_000_000;
  const now = new Date(at * 1000);
  const headers = (signature: string, timestamp = String(at)) => ({ 'AICC-Delivery': 'd1', 'AICC-Timestamp': timestamp, 'AICC-Signature': signature });

  it('accepts any of several v1 signatures, so secrets can rotate', () => {
    const both = signWebhook(['new-secret', 'old-secret'], BODY, at);
    expect(both.split(',')).toHaveLength(2);
    expect(verifyWebhook({ secret: 'old-secret', body: BODY, headers: headers(both), now })).toMatchObject({ ok: true });
    expect(verifyWebhook({ secret: 'new-secret', body: BODY, headers: headers(both), now })).toMatchObject({ ok: true });
    const oneOnly = signWebhook('old-secret', BODY, at);
    expect(verifyWebhook({ secret: ['new-secret', 'old-secret'], body: BODY, headers: headers(oneOnly), now })).toMatchObject({ ok: true });
    expect(verifyWebhook({ secret: 'third', body: BODY, headers: headers(both), now })).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('checks the raw bytes as received, with Node or fetch headers', () => {
    const sig = signWebhook('s', BODY, at);
    expect(verifyWebhook({ secret: 's', body: Buffer.from(BODY), headers: headers(sig), now })).toMatchObject({ ok: true });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: new Headers(headers(sig)), now })).toMatchObject({ ok: true });
  });

  it('accepts nothing when the receiver has no secret, not even a signature made with the empty key', () => {
    const sig = signWebhook('', BODY, at);
    expect(verifyWebhook({ secret: '', body: BODY, headers: headers(sig), now })).toMatchObject({ ok: false, reason: 'no-secret' });
    expect(verifyWebhook({ secret: [], body: BODY, headers: headers(sig), now })).toMatchObject({ ok: false, reason: 'no-secret' });
  });

  it('says which part is missing or malformed', () => {
    const sig = signWebhook('s', BODY, at);
    expect(verifyWebhook({ secret: 's', body: BODY, headers: { 'aicc-timestamp': String(at), 'aicc-signature': sig }, now })).toMatchObject({ ok: false, reason: 'missing-delivery' });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: { 'aicc-delivery': 'd1', 'aicc-signature': sig }, now })).toMatchObject({ ok: false, reason: 'missing-timestamp' });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: headers(sig, '1.8e9'), now })).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: headers(''), now })).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: headers(sig.replace('v1=', 'v0=')), now })).toMatchObject({ ok: false, reason: 'missing-signature' });
    expect(verifyWebhook({ secret: 's', body: BODY, headers: headers(`${sig.slice(0, -2)}`), now })).toMatchObject({ ok: false, reason: 'missing-signature' });
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    'https://hooks.hospital.example/aicc',
    'https://hooks.hospital.example:8443/aicc?token=abc',
    'http://127.0.0.1:8080/hook',
    'http://127.10.0.1/hook',
    'http://localhost:3000/hook',
    'http://[::1]:9000/hook',
  ])('accepts %s where private targets are allowed', (url) => {
    expect(checkWebhookUrl(url, { allowPrivate: true })).toBeNull();
  });

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost:3000/hook', 'http://[::1]:9000/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[fd00::1]/x', 'https://[::ffff:192.168.1.1]/x'])(
    'refuses the private or loopback target %s by default (SSRF)',
    (url) => {
      expect(checkWebhookUrl(url)).toMatch(/private or loopback/);
    },
  );

  it('refuses at connection time a name that resolves only to private addresses (what a rebinding name does)', async () => {
    const answer = await new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) => publicLookup('localhost', {}, (err, address) => resolve({ err, address })));
    expect(answer.err?.code).toBe('EPRIVATETARGET');
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
    expect(isPrivateAddress('172.31.255.255')).toBe(true);
    expect(isPrivateAddress('172.32.0.1')).toBe(false);
  });

  it.each([
    ['http://hooks.hospital.example/aicc', /https is required/],
    ['http://128.0.0.1/hook', /https is required/],
    ['http://127.0.0.1.example.org/hook', /https is required/],
    ['http://[::ffff:10.0.0.1]/hook', /https is required/],
    ['https://user:pass@hooks.hospital.example/', /credentials/],
    ['https://token@hooks.hospital.example/', /credentials/],
    ['ftp://hooks.hospital.example/', /scheme ftp/],
    ['file:///etc/passwd', /scheme file/],
    ['javascript:alert(1)', /scheme javascript/],
    ['/relative/path', /not a valid absolute URL/],
    [`https://hooks.hospital.example/${'a'.repeat(2048)}`, /longer than 2048/],
  ])('refuses %s', (url, problem) => {
    expect(checkWebhookUrl(url, { allowPrivate: true })).toMatch(problem);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  it('reads seconds and HTTP dates, never negative, at most a day', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Wed, 02 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(24 * 3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
