import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema.js';

export type InventoryRow = Selectable<Database['inventories']> & { org_slug: string };
export type InventoryComponentRow = Omit<Database['inventory_components'], 'inventory_id'>;
export type InventoryFields = Pick<Database['inventories'], 'org_id' | 'name' | 'format' | 'spec_version' | 'sha256' | 'components' | 'unmatchable'>;

/** What a subscriber says about an asset beyond its SBOM (migration 009). */
export interface AssetContextRow {
  asset_type: string;
  exposed: boolean;
  mission_prevalence: string;
  well_being: string;
  sector: string | null;
  federal: boolean | null;
  owners: string[];
  cpes: string[];
  vendor: string | null;
  product: string | null;
  product_version: string | null;
}

/** An inventory as the reverse index holds it: its holdings and the context prioritization reads (org settings resolved). */
export interface Holding {
  id: string;
  orgId: string;
  org: string;
  name: string;
  context: AssetContextRow & { org_sector: string | null; org_federal: boolean | null };
  holdings: Array<{ key: string; version: string }>;
}

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

/**
 * Creates the inventory or replaces its components; the caller holds the transaction. Each SBOM is
 * kept as a version (gzip) when `sbom` is given; asset context, when given, is set too.
 */
export async function putInventory(
  tx: Kysely<Database>,
  fields: InventoryFields,
  components: readonly InventoryComponentRow[],
  extra: { context?: Partial<AssetContextRow>; sbom?: { document: Buffer; uploadedBy: string } } = {},
): Promise<{ row: Selectable<Database['inventories']>; created: boolean }> {
  const context = contextValues(extra.context ?? {});
  const row = await tx
    .insertInto('inventories')
    .values({ ...fields, ...context })
    .onConflict((oc) => oc.columns(['org_id', 'name']).doUpdateSet({
      format: fields.format, spec_version: fields.spec_version, sha256: fields.sha256,
      components: fields.components, unmatchable: fields.unmatchable, updated_at: sql`now()`,
      sbom_version: extra.sbom ? sql`inventories.sbom_version + 1` : sql`inventories.sbom_version`,
      ...context,
    }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  if (!row.created) await tx.deleteFrom('inventory_components').where('inventory_id', '=', row.id).execute();
  for (let i = 0; i < components.length; i += COMPONENT_BATCH) {
    await tx.insertInto('inventory_components').values(components.slice(i, i + COMPONENT_BATCH).map((c) => ({ ...c, inventory_id: row.id }))).execute();
  }
  if (extra.sbom) {
    await tx.insertInto('inventory_sboms').values({
      inventory_id: row.id, version: row.sbom_version, format: fields.format, spec_version: fields.spec_version, sha256: fields.sha256,
      components: fields.components, document: extra.sbom.document, uploaded_by: extra.sbom.uploadedBy,
    }).execute();
  }
  const { created, ...stored } = row;
  return { row: stored, created };
}

function contextValues(c: Partial<AssetContextRow>) {
  const { owners, ...rest } = c;
  return { ...rest, ...(owners ? { owners: JSON.stringify(owners) } : {}) };
}

/** Sets an asset's context alone (no SBOM change). */
export async function setAssetContext(tx: Kysely<Database>, id: string, context: Partial<AssetContextRow>): Promise<void> {
  await tx.updateTable('inventories').set({ ...contextValues(context), updated_at: sql`now()` }).where('id', '=', id).execute();
}

export function sbomVersions(db: Kysely<Database>, id: string) {
  return db.selectFrom('inventory_sboms').select(['version', 'format', 'spec_version', 'sha256', 'components', 'uploaded_by', 'uploaded_at']).where('inventory_id', '=', id).orderBy('version', 'desc').execute();
}

export async function sbomDocument(db: Kysely<Database>, id: string, version: number): Promise<Buffer | null> {
  const row = await db.selectFrom('inventory_sboms').select('document').where('inventory_id', '=', id).where('version', '=', version).executeTakeFirst();
  return row?.document ?? null;
}

export async function deleteInventory(tx: Kysely<Database>, id: string): Promise<void> {
  await tx.deleteFrom('inventories').where('id', '=', id).execute();
}

export function inventoryComponents(db: Kysely<Database>, id: string): Promise<InventoryComponentRow[]> {
  return db.selectFrom('inventory_components').select(['purl', 'match_key', 'version', 'name', 'direct']).where('inventory_id', '=', id).execute();
}

const CONTEXT_COLUMNS = ['i.asset_type', 'i.exposed', 'i.mission_prevalence', 'i.well_being', 'i.sector', 'i.federal', 'i.owners', 'i.cpes', 'i.vendor', 'i.product', 'i.product_version'] as const;

/** Every inventory with the package versions it holds, a page of inventories at a time (for the reverse index). */
export async function* allInventoryHoldings(db: Kysely<Database>, pageSize = 500, where: { orgId?: string; id?: string } = {}): AsyncGenerator<Holding[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    let q = db
      .selectFrom('inventories as i')
      .innerJoin('orgs as o', 'o.id', 'i.org_id')
      .leftJoin('subscriber_settings as s', 's.org_id', 'i.org_id')
      .select(['i.id', 'i.org_id', 'i.name', 'o.slug', 's.sector as org_sector', 's.federal as org_federal', ...CONTEXT_COLUMNS]);
    if (where.orgId) q = q.where('i.org_id', '=', where.orgId);
    if (where.id) q = q.where('i.id', '=', where.id);
    const page = await q
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
    const byId = new Map(page.map((p): [string, Holding] => {
      const { id, org_id, name, slug, ...context } = p;
      return [id, { id, orgId: org_id, org: slug, name, context, holdings: [] }];
    }));
    for (const r of rows) byId.get(r.inventory_id)!.holdings.push({ key: r.match_key, version: r.version });
    yield [...byId.values()];
    after = page[page.length - 1]!.id;
  }
}
