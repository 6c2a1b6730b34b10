import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, RemoteClient, RemoteError, remoteClient, type RetryPolicy } from '../../src/cli/remote.js';
import { UsageError } from '../../src/cli/runtime.js';
import { closedPort } from './helpers.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server answering the n-th request with `answers[n]` (the last answer repeats). */
async function fakeServer(answers: Array<(res: ServerResponse) => void>): Promise<{ url: URL; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (s: string) => (body += s));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answers[Math.min(seen.length, answers.length) - 1]!(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), seen, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};
const failure = (status: number, code: string, message: string, details: unknown[] = []) => json(status, { error: { code, message, details } });

/** A client that records the waits it would make instead of making them. */
function recordingClient(server: URL, retry: Partial<RetryPolicy> = {}, token?: string) {
  const waits: number[] = [];
  const client = new RemoteClient({ server, retry, random: () => 0.5, sleep: (ms) => Promise.resolve(void waits.push(ms)), ...(token ? { token } : {}) });
  return { client, waits };
}

const post = { method: 'POST', path: '/api/v1/submissions', body: new TextEncoder().encode('{"x":1}'), headers: { 'idempotency-key': 'k1' }, what: 'refused the submission' } as const;

describe('the backoff between attempts', () => {
  it('doubles from the base delay up to the maximum, jittered within the upper half', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, undefined, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, policy, undefined, () => 0))).toEqual([50, 100, 200]);
  });

  it('never waits less than the Retry-After the server asked for', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, 3000, () => 0)).toBe(3000);
    expect(backoffDelay(5, DEFAULT_RETRY, 10, () => 1)).toBe(DEFAULT_RETRY.maxDelayMs);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('when the server fails twice, then answers', () => {
  it('retries the same request with the same key and body, waiting longer each time, and returns the answer', async () => {
    const { url, seen } = await fakeServer([failure(503, 'INTERNAL', 'busy'), (res) => res.destroy(), json(201, { ok: true })]);
    const { client, waits } = recordingClient(url, { baseDelayMs: 100 }, 'aicc_secret');
    const res = await client.request<{ ok: boolean }>(post);
    expect(res).toEqual({ status: 201, body: { ok: true }, attempts: 3 });
    expect(waits).toEqual([75, 150]);
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers['idempotency-key'], s.headers.authorization])).toEqual(
      Array(3).fill(['POST', '/api/v1/submissions', '{"x":1}', 'k1', 'Bearer aicc_secret']),
    );
  });

  it('honours a 429 Retry-After', async () => {
    const { url } = await fakeServer([(res) => res.writeHead(429, { 'retry-after': '2' }).end(), json(200, { ok: true })]);
    const { client, waits } = recordingClient(url);
    expect((await client.request(post)).attempts).toBe(2);
    expect(waits).toEqual([2000]);
  });
});

describe('when the server keeps failing', () => {
  it('gives up after the bounded number of attempts with the last answer', async () => {
    const { url, seen } = await fakeServer([failure(500, 'INTERNAL', 'internal error; it has been logged')]);
    const { client, waits } = recordingClient(url, { attempts: 4 });
    const err = await client.request(post).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).message).toBe(`${url.origin} could not take the request after 4 attempts: 500 Internal Server Error: internal error; it has been logged`);
    expect(seen).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it('does not wait out a Retry-After beyond its limit, and says when to come back', async () => {
    const { url, seen } = await fakeServer([(res) => res.writeHead(503, { 'retry-after': '3600' }).end()]);
    const { client, waits } = recordingClient(url);
    await expect(client.request(post)).rejects.toThrow(/503 Service Unavailable; it asks to try again in 3600 s$/);
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('says it cannot reach a server where nothing listens, after retrying', async () => {
    const port = await closedPort();
    const { client, waits } = recordingClient(new URL(`http://127.0.0.1:${port}`), { attempts: 3 });
    await expect(client.request(post)).rejects.toThrow(`cannot reach the AICC server at http://127.0.0.1:${port} (3 attempts): connect ECONNREFUSED 127.0.0.1:${port}`);
    expect(waits).toHaveLength(2);
  });
});

describe('when the server refuses the request', () => {
  it('does not retry a 4xx and gives the server message with its details', async () => {
    const { url, seen } = await fakeServer([failure(422, 'VALIDATION_FAILED', 'run.sarif was rejected', [{ pointer: '/runs/0/tool', message: "must have required property 'driver'", file: 'run.sarif' }, { line: 3, message: 'invalid JSON' }])]);
    const { client, waits } = recordingClient(url, {}, 'aicc_secret');
    const err = (await client.request(post).catch((e: unknown) => e)) as RemoteError;
    expect(err).toMatchObject({ code: 'REFUSED', status: 422, serverCode: 'VALIDATION_FAILED' });
    expect(err.message).toBe(`${url.origin} refused the submission: 422 Unprocessable Entity: run.sarif was rejected\n  run.sarif#/runs/0/tool: must have required property 'driver'\n  line 3: invalid JSON`);
    expect(err.message).not.toContain('aicc_secret');
    expect(seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('hints at the token when none was given and the server wants one', async () => {
    const { url } = await fakeServer([failure(401, 'UNAUTHENTICATED', 'sign in or present an API token')]);
    await expect(recordingClient(url).client.request(post)).rejects.toThrow(/401 Unauthorized: sign in or present an API token \(no API token given: --token or AICC_TOKEN\)$/);
  });

  it('says so when the answer is not from an AICC server', async () => {
    const { url } = await fakeServer([(res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>')]);
    await expect(recordingClient(url).client.request(post)).rejects.toThrow(`is ${url.origin} an AICC server?`);
  });

  it('does not follow a redirect, which would carry the token elsewhere', async () => {
    const { url, seen } = await fakeServer([(res) => res.writeHead(308, { location: 'https://elsewhere.example/api' }).end()]);
    await expect(recordingClient(url, {}, 'aicc_secret').client.request(post)).rejects.toThrow('redirecting elsewhere (https://elsewhere.example); give that address as --server');
    expect(seen).toHaveLength(1);
  });
});

describe('the server and token of a remote command', () => {
  it('come from the options, else AICC_SERVER and AICC_TOKEN, else the local default and no token', () => {
    expect(remoteClient({ server: 'https://aicc.example/base' }, {}).server.href).toBe('https://aicc.example/base');
    expect(remoteClient({}, { AICC_SERVER: 'http://10.0.0.1:9000' }).server.origin).toBe('http://10.0.0.1:9000');
    expect(remoteClient({}, {}).server.origin).toBe('http://127.0.0.1:8080');
    expect(remoteClient({}, { AICC_TOKEN: 'aicc_x' }).hasToken).toBe(true);
    expect(remoteClient({}, { AICC_TOKEN: '' }).hasToken).toBe(false);
  });

  it('refuses a URL that is not http(s) or carries credentials, and a token that cannot be a header, without echoing secrets', () => {
    expect(() => remoteClient({ server: 'ftp://aicc.example' }, {})).toThrow(UsageError);
    expect(() => remoteClient({ server: 'not a url' }, {})).toThrow(UsageError);
    expect(() => remoteClient({ server: 'https://me:hunter2@aicc.example' }, {})).toThrow(/must not carry credentials/);
    expect(() => remoteClient({ server: 'https://me:hunter2@aicc.example' }, {})).not.toThrow(/hunter2/);
    expect(() => remoteClient({ token: 'aicc_abc\nX-Evil: 1' }, {})).toThrow(/characters a token cannot have$/);
  });

  it('keeps a base path of the server URL', async () => {
    const { url, seen } = await fakeServer([json(200, {})]);
    await recordingClient(new URL('/aicc/', url)).client.request({ method: 'GET', path: '/api/v1/submissions/x', query: { a: 'b c', z: undefined }, what: 'refused' });
    expect(seen[0]?.url).toBe('/aicc/api/v1/submissions/x?a=b+c');
  });
});
