import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openContext, contextFor, type AppContext } from '../../src/app/context.js';
import { submitFindings } from '../../src/app/intake.js';
import { loadConfig } from '../../src/config.js';
import type { Member } from '../../src/domain/access.js';
import { generateSynthetic } from '../../src/engine/dedup/synthetic.js';
import { syntheticSarif } from '../../src/engine/dedup/synthetic-sarif.js';
import { connect } from '../../src/store/connection.js';
import { insertOrg } from '../../src/store/identity.js';
import { migrate } from '../../src/store/migrate.js';
import { backends, templateDump, type Backend } from '../db.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'intake-crash', 'submit.ts');
const RESULTS = 20_000;

/** A database the child and this process can both open: a file-backed PGlite data dir, or a PostgreSQL schema. */
interface Place {
  where: string;
  orgId: string;
  open: () => Promise<AppContext>;
  drop: () => Promise<void>;
}

async function place(backend: Backend): Promise<Place> {
  const config = (dataDir?: string) => loadConfig({ AICC_LOG_LEVEL: 'silent', ...(dataDir ? { AICC_DATA_DIR: dataDir } : {}) });
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'aicc-crash-'));
    const where = join(dir, 'data');
    const seed = await connect({ dataDir: where, loadDataDir: new Blob([await templateDump()]) });
    const org = await insertOrg(seed.db, { slug: 'crash-lab', name: 'Crash lab', roles: ['reporter'] });
    await seed.close();
    // openContext locks the data dir as aicc does: the killed child's lock is stale and must give way.
    return { where, orgId: org.id, open: () => openContext(config(where), pino({ level: 'silent' }), 'crash test'), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const url = process.env.AICC_TEST_DATABASE_URL!;
  const schema = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const where = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const seed = await connect({ databaseUrl: where, poolSize: 1 });
  await migrate(seed);
  const org = await insertOrg(seed.db, { slug: 'crash-lab', name: 'Crash lab', roles: ['reporter'] });
  await seed.close();
  return {
    where,
    orgId: org.id,
    open: async () => contextFor(await connect({ databaseUrl: where, poolSize: 2 }), config(), pino({ level: 'silent' })),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Starts the child submission and SIGKILLs it once it is writing findings inside the transaction. */
function submitAndKill(where: string, orgId: string, file: string, key: string): Promise<{ killedMidway: boolean; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, where, orgId, file, key], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let killedMidway = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never reached the findings insert\n${output}`));
    }, 45_000);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      output += s;
      if (!killedMidway && output.includes('findings-insert')) {
        killedMidway = !output.includes('finished');
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close' comes after the child is reaped, so its pid is free and its lock provably stale.
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ killedMidway, output });
    });
  });
}

describe.each(backends())('a submission killed mid-transaction on %s', (backend) => {
  const dirs: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dirs) await drop();
  });

  it('stores nothing, and the same key completes it exactly once', { timeout: 120_000 }, async () => {
    const db = await place(backend);
    dirs.push(db.drop);
    const { logs } = syntheticSarif(generateSynthetic({ seed: 7, findings: RESULTS, reporters: 1 }));
    const text = logs[0]!.text;
    const file = join(mkdtempSync(join(tmpdir(), 'aicc-crash-file-')), 'crash.sarif');
    writeFileSync(file, text);
    dirs.push(() => Promise.resolve(rmSync(join(file, '..'), { recursive: true, force: true })));

    const killed = await submitAndKill(db.where, db.orgId, file, 'crash-run-1');
    expect(killed.killedMidway, killed.output).toBe(true);

    const ctx = await db.open();
    try {
      const count = async () => Number((await ctx.conn.db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const submissions = async () => Number((await ctx.conn.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count()).toBe(0);
      expect(await submissions()).toBe(0);

      const actor: Member = { kind: 'token', userId: null, tokenId: 't', orgId: db.orgId, orgSlug: 'crash-lab', roles: ['reporter'], isAdmin: false, scopes: ['submit'] };
      const input = { text, name: 'crash.sarif', format: 'sarif' as const, clientKey: 'crash-run-1' };
      const again = await submitFindings(ctx, actor, input);
      expect(again.status).toBe('accepted');
      expect(again.findings).toHaveLength(RESULTS);
      expect(await count()).toBe(RESULTS);

      const third = await submitFindings(ctx, actor, input);
      expect(third.status).toBe('unchanged');
      expect(third.submission.id).toBe(again.submission.id);
      // The stored receipt lists what the first one did, in the same order.
      expect(third.findings).toEqual(again.findings);
      expect(await count()).toBe(RESULTS);
      expect(await submissions()).toBe(1);
    } finally {
      await ctx.conn.close();
    }
  });
});
