import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { verifyWebhook } from '../src/app/channels/index.js';
import { contextFor, type AppContext } from '../src/app/context.js';
import { dispatcher, type DeliveryRun } from '../src/app/delivery.js';
import { loadConfig } from '../src/config.js';
import type { NotificationBody } from '../src/domain/notification.js';
import type { Connection } from '../src/store/connection.js';
import { database } from './intake.js';

/**
 * Webhook delivery through the real dispatcher and store (PGlite, file-backed) to a receiver in a
 * process of its own on loopback: throughput with the default delivery concurrency and with one
 * channel at a time, then an outage (the receiver refuses connections, then answers 503) while
 * notifications keep being made, and the count of what arrived, and how often, once it returns.
 */

export const TARGET_PER_SECOND = 2000;

// --- the receiver (a child process: it must not share the dispatcher's event loop) ------------------

type Mode = 'up' | '503' | 'closed';
type Command = { id: number; cmd: 'secrets'; secrets: string[] } | { id: number; cmd: 'mode'; mode: Mode } | { id: number; cmd: 'stats' };

export interface ReceiverStats {
  /** distinct AICC-Delivery ids accepted */
  unique: number;
  /** deliveries accepted again under an id already seen: the receiver's dedup dropped them */
  duplicates: number;
  /** requests whose signature did not verify */
  rejected: number;
  /** requests answered 503 while "down" */
  refused: number;
}

function receiverMain(): void {
  let secrets: string[] = [];
  let mode: Mode = 'up';
  const seen = new Map<string, number>();
  let rejected = 0;
  let refused = 0;
  const server: Server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (mode === '503') {
        refused++;
        res.writeHead(503).end();
        return;
      }
      const secret = secrets[Number(/^\/hook\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)] ?? '';
      const v = verifyWebhook({ secret, body: Buffer.concat(chunks), headers: req.headers });
      if (!v.ok) {
        rejected++;
        res.writeHead(401).end();
        return;
      }
      // the dedup key: an id seen before is answered 2xx (the sender must move on) and dropped
      seen.set(v.deliveryId, (seen.get(v.deliveryId) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  let port = 0;
  const reply = (id: number, body: object) => process.send!({ id, ...body });
  process.on('message', (m: Command) => {
    if (m.cmd === 'secrets') {
      secrets = m.secrets;
      reply(m.id, {});
    } else if (m.cmd === 'stats') {
      let duplicates = 0;
      for (const c of seen.values()) duplicates += c - 1;
      reply(m.id, { unique: seen.size, duplicates, rejected, refused } satisfies ReceiverStats);
    } else if (m.mode === 'closed') {
      mode = 'closed';
      // stop listening and drop kept-alive connections: the sender meets ECONNREFUSED
      server.close();
      server.closeAllConnections();
      reply(m.id, {});
    } else {
      const was = mode;
      mode = m.mode;
      if (was === 'closed') server.listen(port, '127.0.0.1', () => reply(m.id, {}));
      else reply(m.id, {});
    }
  });
  server.listen(0, '127.0.0.1', () => {
    port = (server.address() as AddressInfo).port;
    process.send!({ id: 0, port });
  });
  process.on('disconnect', () => process.exit(0));
}

interface Receiver {
  url: (channel: number) => string;
  secrets(secrets: string[]): Promise<void>;
  mode(mode: Mode): Promise<void>;
  stats(): Promise<ReceiverStats>;
  close(): void;
}

async function startReceiver(): Promise<Receiver> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['receiver'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();
  child.on('message', (m: { id: number } & Record<string, unknown>) => waiting.get(m.id)?.(m));
  let next = 1;
  const ask = <T>(cmd: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, ({ id: _id, ...m }) => {
        waiting.delete(id);
        resolve(m as T);
      });
      child.send({ id, ...cmd });
    });
  const port = await new Promise<number>((resolve, reject) => {
    waiting.set(0, (m) => resolve(Number(m.port)));
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code})`)));
  });
  return {
    url: (channel) => `http://127.0.0.1:${port}/hook/${channel}`,
    secrets: (secrets) => ask({ cmd: 'secrets', secrets }),
    mode: (mode) => ask({ cmd: 'mode', mode }),
    stats: () => ask<ReceiverStats>({ cmd: 'stats' }),
    close: () => child.kill(),
  };
}

// --- the sender's side ----------------------------------------------------------------------------

interface Setup {
  orgs: string[];
}

/** Organizations, each with one webhook channel to the receiver (cursor 0: every notification is theirs to send). */
async function channels(conn: Connection, receiver: Receiver, count: number): Promise<Setup> {
  const orgs = Array.from({ length: count }, () => randomUUID());
  const secrets = orgs.map(() => `whsec_${randomBytes(24).toString('base64url')}`);
  await receiver.secrets(secrets);
  const rows = JSON.stringify(orgs.map((id, i) => ({ id, slug: `hook-${i}`, target: receiver.url(i), secret: secrets[i] })));
  await sql`INSERT INTO orgs (id, slug, name, roles) SELECT id, slug, slug, ARRAY['subscriber'] FROM json_to_recordset(${rows}::json) AS x(id uuid, slug text)`.execute(conn.db);
  await sql`INSERT INTO channels (org_id, kind, target, secret, created_by) SELECT id, 'webhook', target, secret, 'bench' FROM json_to_recordset(${rows}::json) AS x(id uuid, target text, secret text)`.execute(conn.db);
  return { orgs };
}

function body(i: number): NotificationBody {
  const cve = `CVE-2099-${String(50_000 + i)}`;
  return {
    vulnerability: { id: cve, aliases: [`GHSA-bnch-${i.toString(36).padStart(4, '0')}-x`], summary: 'Prototype pollution in left-pad-like', cvss: { version: '3.1', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }, epss: 0.87, kev: { dateAdded: '2026-01-05' } },
    trigger: { kind: 'published', detail: `advisory for ${cve} published` },
    priority: { cisa: 'Act', deployer: 'Immediate', bod: '3 days & forensic investigation', due: '2026-01-08', binding: false },
    assets: [{ id: randomUUID(), name: 'patient-portal', type: 'service', exposed: true, exposureId: String(i), cisa: 'Act', deployer: 'Immediate', bod: '3 days & forensic investigation', due: '2026-01-08', binding: false, components: [{ package: 'pkg:npm/left-pad-like', installed: '1.2.0', fixed: ['1.3.1'] }] }],
    remediation: 'upgrade pkg:npm/left-pad-like from 1.2.0 to 1.3.1 or later', workaround: '', link: `https://aicc.example.org/vulns/${cve}`,
  };
}

let made = 0;

/** `count` immediate notifications spread over the organizations, as distribution writes them (one statement). */
async function notify(conn: Connection, orgs: readonly string[], count: number): Promise<void> {
  const rows = JSON.stringify(Array.from({ length: count }, () => {
    const i = made++;
    const b = body(i);
    return { org_id: orgs[i % orgs.length], fact: `${b.vulnerability.id}:bench`, vuln_id: b.vulnerability.id, title: `${b.vulnerability.id} affects patient-portal · Act · due 2026-01-08`, body: b };
  }));
  await sql`
    INSERT INTO notifications (org_id, fact, kind, vuln_id, tlp, urgency, title, body)
    SELECT org_id, fact, 'published', vuln_id, 'CLEAR', 'immediate', title, body FROM json_to_recordset(${rows}::json) AS x(org_id uuid, fact text, vuln_id text, title text, body jsonb)`.execute(conn.db);
}

function context(conn: Connection, env: Record<string, string>): AppContext {
  return contextFor(conn, loadConfig({ AICC_LOG_LEVEL: 'silent', AICC_WEBHOOK_ALLOW_PRIVATE: '1', ...env }), pino({ level: 'silent' }));
}

async function storeCounts(conn: Connection): Promise<{ notifications: number; deadLetters: number; behind: number }> {
  const { rows } = await sql<{ notifications: number; dead: number; behind: number }>`
    SELECT (SELECT count(*)::int FROM notifications) AS notifications,
           (SELECT count(*)::int FROM dead_letters) AS dead,
           (SELECT count(*)::int FROM notifications n JOIN channels c ON c.org_id = n.org_id WHERE n.id > c.cursor) AS behind`.execute(conn.db);
  const r = rows[0]!;
  return { notifications: r.notifications, deadLetters: r.dead, behind: r.behind };
}

export interface ThroughputRun {
  concurrency: number;
  notifications: number;
  delivered: number;
  ms: number;
  perSecond: number;
}

export interface OutageRun {
  outageSeconds: number;
  /** the outage's first half refuses connections, the second answers 503 */
  refusedSeconds: number;
  backoffMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
  intervalMs: number;
  /** made while the receiver was down */
  madeDuringOutage: number;
  /** failed attempts the dispatcher counted while the receiver was down */
  failedAttempts: number;
  /** receiver back → every notification arrived */
  drainMs: number;
  /** until the first delivery after the receiver came back */
  resumeMs: number;
  drained: boolean;
}

export interface WebhooksBench {
  channels: number;
  throughput: ThroughputRun[];
  outage: OutageRun;
  /** over the whole bench */
  notifications: number;
  receiver: ReceiverStats;
  deadLetters: number;
  /** notifications past some channel's cursor at the end (0: every one handled) */
  behind: number;
  target: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function throughput(conn: Connection, receiver: Receiver, orgs: readonly string[], count: number, concurrency: number | null): Promise<ThroughputRun> {
  const ctx = context(conn, concurrency === null ? {} : { AICC_DELIVERY_CONCURRENCY: String(concurrency) });
  await notify(conn, orgs, count);
  const before = (await receiver.stats()).unique;
  const d = dispatcher(ctx);
  const t = performance.now();
  const run = await d.deliverDue(300_000);
  const ms = performance.now() - t;
  d.close();
  const delivered = (await receiver.stats()).unique - before;
  if (delivered !== count || run.delivered !== count) throw new Error(`${run.delivered} sent, ${delivered} arrived, of ${count}`);
  return { concurrency: ctx.config.distribution.delivery.concurrency, notifications: count, delivered, ms, perSecond: (delivered / ms) * 1000 };
}

/**
 * The receiver goes away for `outageSeconds` (connection refused, then 503) while a producer keeps
 * making notifications and a worker keeps serving channels, as the distribute job does every interval.
 */
async function outage(conn: Connection, receiver: Receiver, orgs: readonly string[], outageSeconds: number): Promise<OutageRun> {
  // ~50 attempts over the outage, well under the attempt limit: a channel waits, it is not given up on
  const backoffMs = 200;
  const backoffMaxMs = Math.max(1000, Math.round((outageSeconds * 1000) / 50));
  const maxAttempts = 100;
  const intervalMs = 250;
  const ctx = context(conn, { AICC_DELIVERY_BACKOFF_MS: String(backoffMs), AICC_DELIVERY_BACKOFF_MAX_MS: String(backoffMaxMs), AICC_DELIVERY_MAX_ATTEMPTS: String(maxAttempts) });
  const d = dispatcher(ctx);
  let working = true;
  let failedAttempts = 0;
  let down = false;
  const worker = (async () => {
    while (working) {
      const r: DeliveryRun = await d.deliverDue(10_000);
      if (down) failedAttempts += r.failed;
      await sleep(intervalMs);
    }
  })();

  const refusedSeconds = outageSeconds / 2;
  await receiver.mode('closed');
  down = true;
  const outageStarted = performance.now();
  let madeDuringOutage = 0;
  let refusing = true;
  while (performance.now() - outageStarted < outageSeconds * 1000) {
    if (refusing && performance.now() - outageStarted >= refusedSeconds * 1000) {
      await receiver.mode('503');
      refusing = false;
    }
    await notify(conn, orgs, 50);
    madeDuringOutage += 50;
    await sleep(500);
  }
  const total = made;
  const arrivedBefore = (await receiver.stats()).unique;
  await receiver.mode('up');
  down = false;
  const back = performance.now();
  let resumeMs = Number.NaN;
  // bounded: the backoff cap plus a minute is ample; a miss is reported, never waited for forever
  let drained = false;
  while (performance.now() - back < backoffMaxMs + 60_000) {
    const arrived = (await receiver.stats()).unique;
    if (Number.isNaN(resumeMs) && arrived > arrivedBefore) resumeMs = performance.now() - back;
    if (arrived >= total && (await storeCounts(conn)).behind === 0) {
      drained = true;
      break;
    }
    await sleep(50);
  }
  const drainMs = performance.now() - back;
  working = false;
  await worker;
  d.close();
  return {
    outageSeconds, refusedSeconds, backoffMs, backoffMaxMs, maxAttempts, intervalMs, madeDuringOutage, failedAttempts,
    drainMs, resumeMs, drained,
  };
}

/** 200 organizations × 1 webhook channel; 20,000 notifications at the default concurrency, 4,000 at 1; then the outage. */
export async function benchWebhooks(outageSeconds = 60, channelCount = 200, notifications = 20_000): Promise<WebhooksBench> {
  const receiver = await startReceiver();
  const db = await database('pglite');
  try {
    const { orgs } = await channels(db.conn, receiver, channelCount);
    // warm: the first connections, the dispatcher's and PGlite's first queries
    await throughput(db.conn, receiver, orgs, channelCount, null);
    const runs = [await throughput(db.conn, receiver, orgs, notifications, null), await throughput(db.conn, receiver, orgs, Math.round(notifications / 5), 1)];
    const out = await outage(db.conn, receiver, orgs, outageSeconds);
    const stats = await receiver.stats();
    const counts = await storeCounts(db.conn);
    return { channels: channelCount, throughput: runs, outage: out, notifications: counts.notifications, receiver: stats, deadLetters: counts.deadLetters, behind: counts.behind, target: TARGET_PER_SECOND };
  } finally {
    receiver.close();
    await db.dispose();
  }
}

const n = (x: number) => x.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The bench's lines for `npm run bench`. */
export function reportWebhooks(w: WebhooksBench): string {
  const o = w.outage;
  const best = Math.max(...w.throughput.map((t) => t.perSecond));
  const missing = w.notifications - w.receiver.unique;
  return (
    `\nWebhook delivery: the dispatcher over PGlite (file-backed) to a receiver in its own process on loopback that verifies every signature; ${w.channels} organizations × 1 webhook channel\n` +
    w.throughput.map((t) => `  concurrency ${String(t.concurrency).padEnd(4)} ${n(t.delivered)} deliveries in ${sec(t.ms)} = ${n(Math.round(t.perSecond))}/s\n`).join('') +
    `  target ≥ ${n(w.target)} deliveries/s: ${best >= w.target ? 'met' : 'NOT met'} (${(best / w.target).toFixed(2)}× the target at the default concurrency)\n` +
    `  outage: receiver down ${o.outageSeconds} s (${o.refusedSeconds} s connection refused, then 503) while ${n(o.madeDuringOutage)} more notifications were made; ` +
    `backoff ${o.backoffMs} ms doubling to ${o.backoffMaxMs} ms, ${o.maxAttempts} attempts, worker every ${o.intervalMs} ms; ${n(o.failedAttempts)} failed attempts meanwhile\n` +
    `  after it returned: first delivery in ${sec(o.resumeMs)}, all delivered in ${sec(o.drainMs)}${o.drained ? '' : ' (NOT drained within the bound)'}\n` +
    `  every notification exactly once: ${n(w.receiver.unique)}/${n(w.notifications)} arrived, ${n(missing)} missing, ${n(w.receiver.duplicates)} duplicates dropped by the receiver, ` +
    `${n(w.deadLetters)} dead letters, ${n(w.receiver.rejected)} bad signatures, ${n(w.receiver.refused)} attempts answered 503 — ` +
    `${missing === 0 && w.receiver.duplicates === 0 && w.deadLetters === 0 && w.receiver.rejected === 0 && w.behind === 0 ? 'met' : 'NOT met'}\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'receiver') receiverMain();
