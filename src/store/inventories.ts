import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type InventoryRow = Selectable<Database['inventories']> & { org_slug: string };
export type InventoryComponentRow = Omit<Database['inventory_components'], 'inventory_id'>;
export type InventoryFields = Omit<Database['inventories'], 'id' | 'created_at' | 'updated_at'>;

const COMPONENT_BATCH = 1000;

function withOrg(db: Kysely<Database>) {
  return db.selectFrom('inventories as i').innerJoin('orgs as o', 'o.id', 'i.org_id').selectAll('i').select('o.slug as org_slug');
}

/** Inventories of one organization, or of all when `orgId` is null. */
export function listInventories(db: Kysely<Database>, orgId: string | null): Promise<InventoryRow[]> {
  let q = withOrg(db);
  if (orgId) q = q.where('i.org_id', '=', orgId);
  return q.orderBy('o.slug').orderBy('i.name').execute();
}

export function findInventory(db: Kysely<Database>, orgId: string, name: string): Promise<InventoryRow | undefined> {
  return withOrg(db).where('i.org_id', '=', orgId).where('i.name', '=', name).executeTakeFirst();
}

/** Creates the inventory or replaces its components; the caller holds the transaction. */
export async function putInventory(tx: Kysely<Database>, fields: InventoryFields, components: readonly InventoryComponentRow[]): Promise<{ row: Selectable<Database['inventories']>; created: boolean }> {
  const row = await tx
    .insertInto('inventories')
    .values(fields)
    .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({
      format: fields.format, spec_version: fields.spec_version, sha256: fields.sha256,
      components: fields.components, unmatchable: fields.unmatchable, updated_at: sql`now()`,
    }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  if (!row.created) await tx.deleteFrom('inventory_components').where('inventory_id', '=', row.id).execute();
  for (let i = 0; i < components.length; i += COMPONENT_BATCH) {
    await tx.insertInto('inventory_components').values(components.slice(i, i + COMPONENT_BATCH).map((c) => ({ ...c, inventory_id: row.id }))).execute();
  }
  const { created, ...stored } = row;
  return { row: stored, created };
}

export async function deleteInventory(tx: Kysely<Database>, id: string): Promise<void> {
  await tx.deleteFrom('inventories').where('id', '=', id).execute();
}

export function inventoryComponents(db: Kysely<Database>, id: string): Promise<InventoryComponentRow[]> {
  return db.selectFrom('inventory_components').select(['purl', 'match_key', 'version', 'name', 'direct']).where('inventory_id', '=', id).execute();
}

/** Every inventory with the package versions it holds, a page of inventories at a time (for the reverse index). */
export async function* allInventoryHoldings(db: Kysely<Database>, pageSize = 500): AsyncGenerator<Array<{ id: string; orgId: string; org: string; name: string; holdings: Array<{ key: string; version: string }> }>> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await db
      .selectFrom('inventories as i')
      .innerJoin('orgs as o', 'o.id', 'i.org_id')
      .select(['i.id', 'i.org_id', 'i.name', 'o.slug'])
      .where('i.id', '>', after)
      .orderBy('i.id')
      .limit(pageSize)
      .execute();
    if (!page.length) return;
    const rows = await db
      .selectFrom('inventory_components')
      .select(['inventory_id', 'match_key', 'version'])
      .where('inventory_id', 'in', page.map((p) => p.id))
      .execute();
    const byId = new Map(page.map((p) => [p.id, { id: p.id, orgId: p.org_id, org: p.slug, name: p.name, holdings: [] as Array<{ key: string; version: string }> }]));
    for (const r of rows) byId.get(r.inventory_id)!.holdings.push({ key: r.match_key, version: r.version });
    yield [...byId.values()];
    after = page[page.length - 1]!.id;
  }
}
