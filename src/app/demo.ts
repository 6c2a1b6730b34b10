import type { AppContext } from './context.js';
import { DEMO_ADVISORIES, DEMO_EPSS, DEMO_INVENTORY, DEMO_KEV, DEMO_ORGS, DEMO_PASSWORD } from './demo-data.js';
import { createOrg, createUser, SYSTEM } from './identity.js';
import { putInventory } from './inventories.js';
import { importDocument } from './knowledge.js';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../config.js';
import { putAsset } from './assets.js';
import { putSettings } from './subscribers.js';
import { setVerdict } from './case-actions.js';
import { loadDecisionTable } from './decision-tables.js';
import { DEMO_NATIVE, DEMO_SARIF, DEMO_TARGETS } from './demo-findings.js';
import { submitFindings } from './intake.js';
import { setVendor } from './releases.js';
import { putTarget } from './reproductions.js';
import { ensureActiveKey } from './signing-keys.js';
import { findOrg } from '../store/identity.js';
import type { Actor, Role } from '../domain/access.js';

export interface DemoLogin {
  email: string;
  password: string;
  org: string;
  roles: readonly string[];
}

/** Demo logins, as printed at start. */
export function demoLogins(): DemoLogin[] {
  return DEMO_ORGS.map((o) => ({ email: o.user.email, password: DEMO_PASSWORD, org: o.slug, roles: o.roles }));
}

/**
 * Seeds the demo on an empty database only, through the same use cases as real data
 * (so it is validated, audited and scored like everything else).
 */
export async function seedDemo(ctx: AppContext, options: { cases?: boolean; tablesBeside?: boolean } = {}): Promise<boolean> {
  const existing = await ctx.conn.db.selectFrom('orgs').select('id').limit(1).execute();
  if (existing.length) return false;
  for (const o of DEMO_ORGS) {
    const org = await createOrg(ctx, SYSTEM, { slug: o.slug, name: o.name, roles: [...o.roles] });
    await createUser(ctx, SYSTEM, { orgId: org.id, email: o.user.email, name: o.user.name, password: DEMO_PASSWORD, isAdmin: o.user.isAdmin });
  }
  await importDocument(ctx, SYSTEM, 'demo-advisories.json', JSON.stringify(DEMO_ADVISORIES), 'osv');
  await importDocument(ctx, SYSTEM, 'demo-kev.json', JSON.stringify(DEMO_KEV), 'kev');
  await importDocument(ctx, SYSTEM, 'demo-epss.csv', DEMO_EPSS, 'epss');
  await putInventory(ctx, SYSTEM, { org: DEMO_INVENTORY.org, name: DEMO_INVENTORY.name, text: JSON.stringify(DEMO_INVENTORY.sbom) });
  // the hospital's context: what prioritization reads (the worker turns the inventory's facts into its exposures)
  await putSettings(ctx, SYSTEM, { sector: 'healthcare' }, DEMO_INVENTORY.org);
  await putAsset(ctx, SYSTEM, DEMO_INVENTORY.name, DEMO_INVENTORY.context, DEMO_INVENTORY.org);
  const tables = ctx.config.ssvcTables ?? (options.tablesBeside ? tablesBeside() : undefined);
  if (tables) await loadTables(ctx, tables);
  // the demo server publishes advisories at their embargo end: it needs a key that signs them
  await ensureActiveKey(ctx, SYSTEM, { name: ctx.config.advisories.publisher.name, email: 'psirt@aicc.example' });
  if (options.cases) await seedCases(ctx);
  return true;
}

/**
 * Without AICC_SSVC_TABLES the demo looks for CERT/CC's SSVC data in a checkout beside the project
 * (the layout this project is developed in), so that a fresh demo shows priorities and due dates;
 * elsewhere operators load the tables (`aicc ssvc load`).
 */
export function tablesBeside(): string | undefined {
  const dir = join(packageRoot(), '..', 'shared', 'corpus', 'ssvc', 'data', 'json', 'decision_tables');
  return existsSync(dir) ? dir : undefined;
}

/** Every decision table under a directory (the SSVC repository's data/json/decision_tables, say). */
async function loadTables(ctx: AppContext, dir: string): Promise<void> {
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = join(entry.parentPath, entry.name);
    await loadDecisionTable(ctx, SYSTEM, await readFile(file, 'utf8'), file);
  }
}

/** The two reporters' submissions, the versions a PoC runs against, and Acme's capacity; one overstated report declined. */
async function seedCases(ctx: AppContext): Promise<void> {
  const as = async (slug: string): Promise<Actor> => {
    const org = await findOrg(ctx.conn.db, slug);
    if (!org) throw new Error(`demo organization ${slug} missing`);
    return { ...SYSTEM, orgId: org.id, orgSlug: org.slug, roles: org.roles as Role[] };
  };
  const lab = await submitFindings(ctx, await as('frontier-lab'), { text: JSON.stringify(DEMO_SARIF), name: 'frontier-model-x.sarif', format: 'sarif', clientKey: 'demo-lab-run-1' });
  await submitFindings(ctx, await as('open-research'), { text: JSON.stringify(DEMO_NATIVE), name: 'osr-2026-0042.json', format: 'native', clientKey: 'demo-osr-0042' });
  for (const t of DEMO_TARGETS) await putTarget(ctx, SYSTEM, t.name, t.files.map((f) => ({ path: f.path, content: Buffer.from(f.content) })));
  await setVendor(ctx, SYSTEM, 'acme-software', { prefixes: ['pkg:npm/acme-'], casesPerWeek: 2 });
  const overstated = lab.findings[2];
  if (overstated) await setVerdict(ctx, SYSTEM, overstated.caseId, { verdict: 'not-a-vulnerability', reason: 'A stack trace on an error page is information exposure, not the critical issue claimed; filed as hardening with the vendor directly.' });
}
