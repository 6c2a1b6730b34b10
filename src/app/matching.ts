import type { Kysely } from 'kysely';
import type { Vulnerability } from '../domain/vulnerability.js';
import { InventoryIndex, type AssetProfile, type InventoryComponent, type InventoryRef } from '../engine/inventory-index.js';
import { productHoldings } from '../engine/product-match.js';
import { VulnIndex } from '../engine/vuln-index.js';
import { allInventoryHoldings, type Holding } from '../store/inventories.js';
import type { Database } from '../store/schema.js';
import type { VulnRow } from '../store/vulnerability-row.js';
import { indexableRecords } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';

/** An in-memory index of stored data: built on first use (or at server start), then kept current. */
export class IndexHolder<T> {
  private index: T | null = null;
  private building: Promise<T> | null = null;
  /** bumped by every write that reaches no index, so a build that overlapped it is not kept */
  private generation = 0;

  constructor(private readonly build: (ctx: AppContext) => Promise<T>) {}

  get(ctx: AppContext): Promise<T> {
    if (this.index) return Promise.resolve(this.index);
    if (this.building) return this.building;
    const started = this.generation;
    const build = this.build(ctx)
      .then((index) => {
        // A write during the build may have been read or missed: keep the index only if none came.
        if (this.generation === started) this.index = index;
        return index;
      })
      .finally(() => {
        if (this.building === build) this.building = null;
      });
    this.building = build;
    return build;
  }

  /** Forgets the index (after a write it may have taken in failed): the next use rebuilds it from the store. */
  invalidate(): void {
    this.index = null;
    this.generation++;
    this.building = null;
  }

  /** A committed write reaches the index at once when it exists; otherwise the next build reads it. */
  update(apply: (index: T) => void): void {
    if (!this.index) {
      this.generation++;
      this.building = null;
      return;
    }
    apply(this.index);
  }
}

/** Affected packages of the public knowledge base, for forward matching. */
export const vulnIndexHolder = (): IndexHolder<VulnIndex> =>
  new IndexHolder(async (ctx) => {
    const index = new VulnIndex();
    for await (const page of indexableRecords(ctx.conn.db)) for (const v of page) index.add(v);
    return index;
  });

/** The stored inventories' package versions, for reverse matching. */
export const inventoryIndexHolder = (): IndexHolder<InventoryIndex> =>
  new IndexHolder(async (ctx) => {
    const index = new InventoryIndex();
    for await (const page of allInventoryHoldings(ctx.conn.db)) {
      for (const inv of page) {
        const { ref, components } = indexEntry(inv);
        index.put(ref, components);
      }
    }
    return index;
  });

/** A stored asset as the reverse index holds it: its packages, its products (vendor/product, CPE), its profile. */
export function indexEntry(h: Holding): { ref: InventoryRef; components: InventoryComponent[] } {
  const c = h.context;
  const profile: AssetProfile = {
    type: c.asset_type as AssetProfile['type'],
    exposed: c.exposed,
    missionPrevalence: c.mission_prevalence as AssetProfile['missionPrevalence'],
    wellBeing: c.well_being as AssetProfile['wellBeing'],
    federal: c.federal ?? c.org_federal ?? false,
    sector: c.sector ?? c.org_sector ?? 'unspecified',
  };
  const products = productHoldings({ vendor: c.vendor, product: c.product, version: c.product_version, cpes: c.cpes });
  return { ref: { id: h.id, orgId: h.orgId, org: h.org, name: h.name, profile }, components: products.length ? [...h.holdings, ...products] : h.holdings };
}

/** Re-reads stored assets (one, or all of an organization) into the reverse index after their context changed. */
export async function reindexAssets(ctx: AppContext, where: { orgId?: string; id?: string }, db: Kysely<Database> = ctx.conn.db, also?: InventoryIndex): Promise<void> {
  const entries: Array<ReturnType<typeof indexEntry>> = [];
  for await (const page of allInventoryHoldings(db, 500, where)) for (const h of page) entries.push(indexEntry(h));
  const apply = (index: InventoryIndex) => {
    for (const e of entries) index.put(e.ref, e.components);
  };
  ctx.inventories.update(apply);
  // a caller holding an index of its own (distribution's, fetched before its transaction) sees the change too
  if (also) apply(also);
}

/** Written knowledge-base rows, into the forward index. */
export function indexRows(ctx: AppContext, rows: Iterable<VulnRow>): void {
  ctx.matching.update((index) => {
    for (const row of rows) index.add((JSON.parse(row.json) as { record: Vulnerability }).record);
  });
}
