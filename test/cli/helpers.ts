import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { sql } from 'kysely';
import { connect, type Connection } from '../../src/store/connection.js';
import { templateDump } from '../db.js';

export const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Settings of the developer's shell that would change what the CLI does under test. */
const INHERITED_OUT = /^(AICC_|DATABASE_URL$|NODE_OPTIONS$)/;

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INHERITED_OUT.test(k)));
  const merged: NodeJS.ProcessEnv = { ...base, AICC_LOG_LEVEL: 'warn' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

function spawnCli(args: string[], env: Record<string, string | undefined>, script = MAIN): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `aicc ARGS` as a real process (argv, exit code, stdout, stderr), killed if it outlives `timeoutMs`. */
export function aicc(args: string[], options: { env?: Record<string, string | undefined>; timeoutMs?: number; script?: string } = {}): Promise<Run> {
  const child = spawnCli(args, options.env ?? {}, options.script);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`aicc ${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A readable failure message for `expect(run.code, show(run))`. */
export const show = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

export interface Serving {
  url: string;
  pid: number;
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then the exit code (the server closes the database and releases its lock first) */
  stop(): Promise<number | null>;
}

/** `aicc serve ARGS` in the background, resolved once it prints its "ready at" line. */
export function aiccServe(args: string[], options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<Serving> {
  const child = spawnCli(['serve', ...args], options.env ?? {});
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`aicc serve did not get ready\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout?.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const ready = /ready at (http:\/\/\S+)/.exec(stdout);
      if (ready?.[1]) {
        clearTimeout(timer);
        // The server binds 127.0.0.1 and prints "localhost"; stay on the literal loopback address.
        resolve({ url: ready[1].replace('//localhost', '//127.0.0.1'), pid: child.pid ?? 0, output: () => ({ stdout, stderr }), stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`aicc serve exited (${code}) before it was ready\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `aicc-cli-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fills the (absent) directory `dataDir` with an empty, migrated database. */
export async function seedDataDir(dataDir: string): Promise<void> {
  const conn = await connect({ dataDir, loadDataDir: new Blob([await templateDump()]) });
  await conn.close();
}

/** Opens a data directory directly (only while no aicc process holds it). */
export async function withDb<T>(dataDir: string, body: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await connect({ dataDir });
  try {
    return await body(conn);
  } finally {
    await conn.close();
  }
}

/** Row counts of everything an import or administration writes. */
export async function storeCounts(dataDir: string): Promise<Record<string, number>> {
  return withDb(dataDir, async (conn) => {
    const { rows } = await sql<Record<string, number>>`SELECT
      (SELECT count(*) FROM vulnerabilities) AS vulnerabilities, (SELECT count(*) FROM vuln_aliases) AS aliases,
      (SELECT count(*) FROM kev) AS kev, (SELECT count(*) FROM epss) AS epss,
      (SELECT count(*) FROM orgs) AS orgs, (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM api_tokens) AS tokens, (SELECT count(*) FROM audit_log) AS audit`.execute(conn.db);
    return rows[0]!;
  });
}

/** A port on 127.0.0.1 that nothing listens on (taken from the OS, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A minimal zip archive (PKWARE APPNOTE: local headers, central directory, end record), entries
 * deflated unless `store` is set — enough to stand in for an OSV bulk export.
 */
export function zipArchive(entries: Array<{ name: string; data: Buffer | string }>, options: { store?: boolean } = {}): Buffer {
  const dosTime = 0;
  const dosDate = ((2025 - 1980) << 9) | (8 << 5) | 25;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const name = Buffer.from(entry.name, 'utf8');
    const method = options.store ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42); // extra, comment, disk, attributes stay 0
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The summary table `aicc import` / `aicc sync` print: format → counts. */
export function summaryTable(stdout: string): Record<string, { imported: number; updated: number; unchanged: number; rejected: number }> {
  const rows: Record<string, { imported: number; updated: number; unchanged: number; rejected: number }> = {};
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => /^format\s+imported\s+updated\s+unchanged\s+rejected$/.test(l));
  if (header === -1) throw new Error(`no summary table in:\n${stdout}`);
  for (const line of lines.slice(header + 2)) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
    if (!m) break;
    rows[m[1]!] = { imported: Number(m[2]), updated: Number(m[3]), unchanged: Number(m[4]), rejected: Number(m[5]) };
  }
  return rows;
}
