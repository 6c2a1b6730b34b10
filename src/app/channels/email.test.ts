import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEmailAddress, createMailer, messageIdFor, type Mailer } from './email.js';
import { kevNotification } from './fixture.testing.js';
import { renderText } from './render.js';

const FROM = 'AI Cybersecurity Clearinghouse <notifications@aicc.example.org>';
const TO = 'soc@hospital.example';

interface Arrived {
  raw: string;
  rcpt: string[];
}

/** A real SMTP server on loopback, no TLS, no auth required. */
async function smtpServer(options: Partial<SMTPServerOptions> = {}) {
  const arrived: Arrived[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        arrived.push({ raw: Buffer.concat(chunks).toString('utf8'), rcpt: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrived,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's headers, unfolded, by lower-case name (first occurrence). */
function headersOf(raw: string): Map<string, string> {
  const head = raw.split(/\r\n\r\n/)[0] ?? '';
  const map = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    if (colon > 0 && !map.has(name)) map.set(name, line.slice(colon + 1).trim());
  }
  return map;
}

/** RFC 2047 encoded words (what nodemailer uses for a non-ASCII subject). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
    );
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The text/plain part, decoded. */
function textPart(raw: string): string {
  const part = /Content-Type: text\/plain[^\r]*\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n([\s\S]*?)\r\n--/i.exec(raw);
  if (!part?.[1]) throw new Error('no quoted-printable text/plain part');
  return decodeQp(part[1]);
}

describe('createMailer', () => {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });
  const mailer = (url: string, timeoutMs = 2000): Mailer => {
    const m = createMailer({ smtpUrl: url, from: FROM, timeoutMs });
    cleanup.push(() => m.close());
    return m;
  };

  it('delivers the rendered notification with its due date, Message-ID and AICC headers', async () => {
    const server = await smtpServer();
    cleanup.push(server.close);
    const n = kevNotification();
    const result = await mailer(server.url).send(TO, n, 'd-4711-ch2');
    expect(result).toMatchObject({ ok: true, status: 250 });
    expect(server.arrived).toHaveLength(1);
    const [mail] = server.arrived;
    const headers = headersOf(mail!.raw);
    expect(mail!.rcpt).toEqual([TO]);
    expect(decodeWords(headers.get('subject') ?? '')).toBe(renderText(n).subject);
    expect(decodeWords(headers.get('subject') ?? '')).toBe('[AICC][TLP:AMBER][Act \u00b7 due 2026-12-05] CVE-2026-12345 in 3 assets');
    expect(headers.get('message-id')).toBe('<d-4711-ch2@aicc>');
    expect(headers.get('x-aicc-delivery')).toBe('d-4711-ch2');
    expect(headers.get('x-aicc-tlp')).toBe('AMBER');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('from')).toContain('<notifications@aicc.example.org>');
    const text = textPart(mail!.raw);
    expect(text.startsWith('TLP:AMBER\r\n')).toBe(true);
    expect(text).toContain('Due: 2026-12-05, required by BOD 26-04');
    expect(text).toContain('pkg:npm/lodash 4.17.20 \u2192 4.17.21 (also 5.0.0)');
    expect(mail!.raw).toMatch(/Content-Type: text\/html/);
  });

  it('sends a retried delivery with the same Message-ID, over the pooled connection', async () => {
    const server = await smtpServer();
    cleanup.push(server.close);
    const m = mailer(server.url);
    for (let i = 0; i < 3; i++) expect((await m.send(TO, kevNotification(), 'd-retry')).ok).toBe(true);
    expect(server.arrived.map((a) => headersOf(a.raw).get('message-id'))).toEqual(['<d-retry@aicc>', '<d-retry@aicc>', '<d-retry@aicc>']);
    expect(server.connections()).toBe(1);
  });

  it('gives up on a recipient the server refuses with 550', async () => {
    const server = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      },
    });
    cleanup.push(server.close);
    const result = await mailer(server.url).send(TO, kevNotification(), 'd-550');
    expect(result).toMatchObject({ ok: false, status: 550, permanent: true, retryAfterMs: null });
    expect(!result.ok && result.error).toMatch(/550 No such user here/);
    expect(server.arrived).toHaveLength(0);
  });

  it('retries when the server answers 451 (try again later)', async () => {
    const server = await smtpServer({
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('Greylisted, try later'), { responseCode: 451 }));
      },
    });
    cleanup.push(server.close);
    expect(await mailer(server.url).send(TO, kevNotification(), 'd-451')).toMatchObject({ ok: false, status: 451, permanent: false });
  });

  it('retries when the server is down, without leaking the SMTP password', async () => {
    const server = await smtpServer();
    const { port } = new URL(server.url);
    await server.close();
    const started = Date.now();
    const result = await mailer(`smtp://aicc:s3cr3t-pw@127.0.0.1:${port}`).send(TO, kevNotification(), 'd-down');
    expect(result).toMatchObject({ ok: false, status: null, permanent: false });
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED/);
    expect(!result.ok && result.error).not.toContain('s3cr3t-pw');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up waiting on a server that accepts the connection but never greets', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => { sockets.forEach((s) => s.destroy()); silent.close(() => resolve()); }));
    const started = Date.now();
    const result = await mailer(`smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`, 300).send(TO, kevNotification(), 'd-silent');
    expect(result).toMatchObject({ ok: false, status: null, permanent: false });
    expect(!result.ok && result.error).toMatch(/ETIMEDOUT|Greeting never received/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('refuses a bad address or delivery id without connecting', async () => {
    const server = await smtpServer();
    cleanup.push(server.close);
    const m = mailer(server.url);
    expect(await m.send('soc@hospital.example, boss@other.example', kevNotification(), 'd1')).toMatchObject({ ok: false, permanent: true });
    expect(await m.send(TO, kevNotification(), 'd1\r\nBcc: x@y.example')).toMatchObject({ ok: false, permanent: true });
    expect(server.connections()).toBe(0);
  });
});

describe('checkEmailAddress', () => {
  it.each(['soc@hospital.example', 'first.last+aicc@mail.bank.example', "o'brien@utility.example"])('accepts %s', (addr) => {
    expect(checkEmailAddress(addr)).toBeNull();
  });

  it.each([
    ['', /empty/],
    ['soc', /local@domain/],
    ['soc@', /local@domain/],
    ['@hospital.example', /local@domain/],
    ['SOC Team <soc@hospital.example>', /not allowed/],
    ['a@b.example, c@d.example', /not allowed|valid host/],
    ['soc@hospital.example\r\nBcc: x@y.example', /not allowed|valid host/],
    ['soc@localhost', /two labels/],
    ['soc@10.0.0.1', /not an IP/],
    ['soc@-bad.example', /valid host/],
    ['.soc@hospital.example', /not allowed/],
    ['s..oc@hospital.example', /not allowed/],
    ['s\u00f6c@hospital.example', /not allowed/],
    [`${'a'.repeat(65)}@hospital.example`, /64/],
    [`soc@${'a'.repeat(250)}.example`, /254/],
  ])('refuses %j', (addr, problem) => {
    expect(checkEmailAddress(addr)).toMatch(problem);
  });
});

describe('messageIdFor', () => {
  it('is <deliveryId@aicc> for ordinary ids and keeps escaped ids distinct', () => {
    expect(messageIdFor('3f2c1a9e-0b7d-4c55-9e31-2a6f8d0c4b12-4711')).toBe('<3f2c1a9e-0b7d-4c55-9e31-2a6f8d0c4b12-4711@aicc>');
    expect(messageIdFor('ch1:4711')).toBe('<ch1%3A4711@aicc>');
    expect(messageIdFor('ch1%3A4711')).toBe('<ch1%253A4711@aicc>');
    expect(messageIdFor('a.b')).not.toBe(messageIdFor('a_b'));
  });
});
