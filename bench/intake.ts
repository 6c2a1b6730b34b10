import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Member } from '../src/domain/access.js';
import { contextFor, type AppContext } from '../src/app/context.js';
import { submitFindings, type Receipt } from '../src/app/intake.js';
import { loadConfig } from '../src/config.js';
import { DedupIndex } from '../src/engine/dedup/index.js';
import { scorePairs } from '../src/engine/dedup/measure.js';
import { generateSynthetic } from '../src/engine/dedup/synthetic.js';
import { syntheticSarif, type SyntheticSarif } from '../src/engine/dedup/synthetic-sarif.js';
import { parseFindings } from '../src/formats/findings/index.js';
import { connect, type Connection } from '../src/store/connection.js';
import { insertOrg } from '../src/store/identity.js';
import { migrate } from '../src/store/migrate.js';
import { templateDump, testDatabase, type Backend } from '../test/db.js';

export interface IntakeBench {
  backend: Backend;
  findings: number;
  submissions: number;
  /** wall time of the submissions through `submitFindings`, one after the other */
  totalMs: number;
  /** CPU time of this process meanwhile (PGlite runs in it; a PostgreSQL server does not) */
  cpuMs: number;
  /** the same logs parsed alone (parseFindings), and the parsed findings deduplicated alone (DedupIndex) */
  parseMs: number;
  dedupMs: number;
  precision: number;
  recall: number;
  pairs: { predicted: number; actual: number; correct: number };
  cases: number;
  rootCauses: number;
  reasons: Record<string, number>;
  targetMs: number;
}

export interface BatchBench {
  findings: number;
  bytes: number;
  ms: number;
  peakRssMb: number;
  stored: number;
}

/** PGlite in a file-backed data directory (as `aicc` runs it), from the migrated template; PostgreSQL in a fresh schema. */
export async function database(backend: Backend): Promise<{ conn: Connection; dispose(): Promise<void> }> {
  if (backend === 'postgres') {
    const conn = await testDatabase('postgres');
    return { conn, dispose: () => conn.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'aicc-bench-intake-'));
  const conn = await connect({ dataDir: join(dir, 'data'), loadDataDir: new Blob([await templateDump()]) });
  await migrate(conn);
  return {
    conn,
    dispose: async () => {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A context whose quota lets a bench's volume through (the per-reporter limits are not what is measured). */
export function benchContext(conn: Connection): AppContext {
  const config = loadConfig({ AICC_LOG_LEVEL: 'silent', AICC_FINDINGS_PER_DAY: '10000000', AICC_SUBMISSIONS_PER_HOUR: '100000' });
  return contextFor(conn, config, pino({ level: 'silent' }));
}

async function reporters(conn: Connection, ids: readonly string[]): Promise<Map<string, Member>> {
  const out = new Map<string, Member>();
  for (const id of ids) {
    const org = await insertOrg(conn.db, { slug: `bench-${id}`, name: `Bench ${id}`, roles: ['reporter'] });
    out.set(id, { kind: 'token', userId: null, tokenId: `bench-${id}`, orgId: org.id, orgSlug: org.slug, roles: ['reporter'], isAdmin: false, scopes: ['submit'] });
  }
  return out;
}

function logsFor(findings: number): { logs: SyntheticSarif[]; labels: Map<string, string> } {
  return syntheticSarif(generateSynthetic({ seed: 1, findings, reporters: 5 }));
}

/**
 * 30,000 SARIF results from 5 reporters (the labelled synthetic set, one log per reporter) through
 * the real use case on a fresh database; precision and recall from the receipts against the labels.
 */
export async function benchIntake(backend: Backend, findings = 30_000): Promise<IntakeBench> {
  const { logs, labels } = logsFor(findings);
  warmUp();
  const db = await database(backend);
  let measured: Omit<IntakeBench, 'parseMs' | 'dedupMs'>;
  try {
    const ctx = benchContext(db.conn);
    const actors = await reporters(db.conn, logs.map((l) => l.reporterId));
    const receipts: Receipt[] = [];
    const t = performance.now();
    const cpu = process.cpuUsage();
    for (const log of logs) {
      receipts.push(await submitFindings(ctx, actors.get(log.reporterId)!, { text: log.text, name: `${log.reporterId}.sarif`, format: 'sarif', clientKey: `bench-${log.reporterId}` }));
    }
    const totalMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const reasons: Record<string, number> = {};
    const pairs: Array<[string, string]> = [];
    for (const r of receipts) {
      for (const f of r.findings) {
        reasons[f.reason] = (reasons[f.reason] ?? 0) + 1;
        pairs.push([f.caseId, labels.get(f.externalId)!]);
      }
    }
    if (pairs.length !== findings) throw new Error(`${pairs.length} receipts for ${findings} results`);
    measured = { backend, findings, submissions: logs.length, totalMs, cpuMs, ...scorePairs(pairs), reasons, targetMs: backend === 'postgres' ? 2000 : 3000 };
  } finally {
    await db.dispose();
  }
  return { ...measured, ...phases(logs) };
}

/** Compiles the SARIF schema validator, as a running server has done at its first submission. */
function warmUp(): void {
  const { logs } = syntheticSarif(generateSynthetic({ seed: 3, findings: 10, reporters: 1 }));
  if (!parseFindings(logs[0]!.text, 'warm-up.sarif', 'sarif').ok) throw new Error('synthetic SARIF rejected');
}

/** Parsing alone and deduplication alone, on the same logs: what those phases cost inside the total. */
function phases(logs: readonly SyntheticSarif[]): { parseMs: number; dedupMs: number } {
  let t = performance.now();
  const parsed = logs.map((log) => {
    const p = parseFindings(log.text, `${log.reporterId}.sarif`, 'sarif');
    if (!p.ok) throw new Error(`synthetic SARIF rejected: ${JSON.stringify(p.problems.slice(0, 3))}`);
    return { reporterId: log.reporterId, findings: p.value };
  });
  const parseMs = performance.now() - t;
  t = performance.now();
  const index = new DedupIndex();
  const now = new Date();
  for (const p of parsed) for (const f of p.findings) index.add(`${p.reporterId}:${f.externalId}`, f, p.reporterId, now);
  return { parseMs, dedupMs: performance.now() - t };
}

/** Writes the 100,000-result log for benchIntakeBatch (generating it takes more memory than ingesting it). */
export function writeBatchSarif(file: string, findings = 100_000): void {
  const { logs } = syntheticSarif(generateSynthetic({ seed: 2, findings, reporters: 1 }));
  writeFileSync(file, logs[0]!.text);
}

/** One SARIF log (writeBatchSarif) in one submission on file-backed PGlite: the peak RSS of this process is the figure. */
export async function benchIntakeBatch(file: string): Promise<BatchBench> {
  const text = readFileSync(file, 'utf8');
  const db = await database('pglite');
  try {
    const ctx = benchContext(db.conn);
    const actor = (await reporters(db.conn, ['lab-a'])).get('lab-a')!;
    const t = performance.now();
    const receipt = await submitFindings(ctx, actor, { text, name: 'batch.sarif', format: 'sarif', clientKey: 'bench-batch' });
    const ms = performance.now() - t;
    const stored = await db.conn.db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(stored.n) !== receipt.findings.length) throw new Error(`${stored.n} stored, ${receipt.findings.length} in the receipt`);
    return { findings: receipt.findings.length, bytes: Buffer.byteLength(text), ms, peakRssMb: process.resourceUsage().maxRSS / 1024, stored: Number(stored.n) };
  } finally {
    await db.dispose();
  }
}
