import type { AppContext } from './context.js';
import { DEMO_ADVISORIES, DEMO_EPSS, DEMO_INVENTORY, DEMO_KEV, DEMO_ORGS, DEMO_PASSWORD } from './demo-data.js';
import { createOrg, createUser, SYSTEM } from './identity.js';
import { putInventory } from './inventories.js';
import { importDocument } from './knowledge.js';

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
export async function seedDemo(ctx: AppContext): Promise<boolean> {
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
  return true;
}
