import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, getCase } from '../../src/app/cases.js';
import { contextFor, type AppContext } from '../../src/app/context.js';
import { seedDemo } from '../../src/app/demo.js';
import { SYSTEM } from '../../src/app/identity.js';
import { listVendors } from '../../src/app/releases.js';
import { listTargets } from '../../src/app/reproductions.js';
import { loadConfig } from '../../src/config.js';
import type { Connection } from '../../src/store/connection.js';
import { CORPUS, hasCorpus, testDatabase } from '../db.js';
import { join } from 'node:path';
import { listDecisionTables } from '../../src/app/decision-tables.js';

describe('the demo with cases (serve --demo)', () => {
  let conn: Connection;
  let ctx: AppContext;
  beforeAll(async () => {
    conn = await testDatabase('pglite');
    const env = hasCorpus ? { AICC_SSVC_TABLES: join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables', 'ssvc') } : {};
    ctx = contextFor(conn, loadConfig(env), pino({ level: 'silent' }));
    expect(await seedDemo(ctx, { cases: true })).toBe(true);
  });
  afterAll(() => conn.close());

  it('seeds a queue: the title bug found by two reporters first, the overstated report declined', async () => {
    const open = await listCases(ctx, SYSTEM, 'open');
    expect(open.items.map((c) => c.title)).toEqual(['Untrusted text placed in an HTML attribute without escaping', 'File path built from request input']);
    const title = await getCase(ctx, SYSTEM, open.items[0]!.id);
    expect(title.reporters.map((r) => r.slug)).toEqual(['frontier-lab', 'open-research']);
    expect(title.findings[1]!.attachments.map((a) => a.name)).toEqual(['poc.js']);
    const declined = await listCases(ctx, SYSTEM, 'not-a-vulnerability');
    expect(declined.items).toHaveLength(1);
    expect((await getCase(ctx, SYSTEM, declined.items[0]!.id)).credibility!.indicators.map((i) => i.key)).toContain('exaggerated-impact');
  });

  it('holds both versions of the package to reproduce against, and Acme as its vendor', async () => {
    expect((await listTargets(ctx, SYSTEM)).map((t) => t.name)).toEqual(['pkg:npm/acme-markdown@2.3.0', 'pkg:npm/acme-markdown@2.3.1']);
    expect((await listVendors(ctx, SYSTEM)).map((v) => [v.slug, v.prefixes, v.casesPerWeek])).toEqual([['acme-software', ['pkg:npm/acme-'], 2]]);
  });

  it.skipIf(!hasCorpus)('loads the SSVC tables named by AICC_SSVC_TABLES', async () => {
    expect((await listDecisionTables(ctx, SYSTEM)).map((t) => t.id)).toContain('ssvc:DT_COORD_TRIAGE:1.0.0');
  });

  it('seeds once: a second start changes nothing', async () => {
    expect(await seedDemo(ctx, { cases: true })).toBe(false);
  });
});
