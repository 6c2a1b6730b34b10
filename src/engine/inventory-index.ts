import { isAffected } from '../domain/ranges.js';
import { schemeForEcosystem } from '../domain/versions/index.js';
import type { AffectedPackage } from '../domain/vulnerability.js';
import { matchKey } from './match-key.js';
import type { PackageMatch, VulnIndex } from './vuln-index.js';

/** What prioritization reads of an asset, with its organization's settings resolved (sector, federal). */
export interface AssetProfile {
  type: 'application' | 'host' | 'device' | 'service';
  exposed: boolean;
  missionPrevalence: 'minimal' | 'support' | 'essential';
  wellBeing: 'minimal' | 'material' | 'irreversible';
  federal: boolean;
  sector: string;
}

/** One stored inventory (an asset) as the reverse match knows it. */
export interface InventoryRef {
  id: string;
  orgId: string;
  /** the organization's slug, for showing */
  org: string;
  name: string;
  profile?: AssetProfile;
}

export interface InventoryComponent {
  key: string;
  version: string;
}

/** Every inventory holding `version` of the package `key`: one posting per package version. */
interface Posting {
  key: string;
  version: string;
  slots: number[];
}

export interface AffectedVersion extends InventoryComponent {
  /** the slots of the inventories holding this version (the index's own list: read it, `ref()` each, never keep it) */
  slots: readonly number[];
}

export interface ReverseMatch {
  /** distinct inventories affected */
  inventories: number;
  versions: AffectedVersion[];
}

export interface RematchHit extends InventoryComponent {
  answer: PackageMatch;
}

/**
 * The components of all stored inventories by package and version: the reverse match. A new
 * advisory is evaluated once per distinct version of each package it names, whatever number of
 * inventories hold that version, and the inventories come out of the postings. Inventories are
 * numbered slots, and each remembers its postings as an Int32Array, so 10M components stay compact.
 */
export class InventoryIndex {
  private readonly byKey = new Map<string, Map<string, number>>();
  private readonly postings: Posting[] = [];
  private readonly inventories: Array<{ ref: InventoryRef; postings: Int32Array } | null> = [];
  /** slot → reference, kept apart so the reverse match's inner loop reads one array */
  private readonly refs: InventoryRef[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private componentCount = 0;

  get size(): number {
    return this.slotOf.size;
  }

  get components(): number {
    return this.componentCount;
  }

  /** Adds or replaces an inventory; duplicate components count once. */
  put(ref: InventoryRef, components: Iterable<InventoryComponent>): void {
    this.remove(ref.id);
    const slot = this.freeSlots.pop() ?? this.inventories.length;
    const ids: number[] = [];
    for (const { key, version } of components) {
      let versions = this.byKey.get(key);
      if (!versions) this.byKey.set(key, (versions = new Map<string, number>()));
      let id = versions.get(version);
      if (id === undefined) {
        id = this.postings.length;
        this.postings.push({ key, version, slots: [] });
        versions.set(version, id);
      }
      const slots = this.postings[id]!.slots;
      if (slots[slots.length - 1] === slot) continue;
      slots.push(slot);
      ids.push(id);
    }
    this.inventories[slot] = { ref, postings: Int32Array.from(ids) };
    this.refs[slot] = ref;
    this.slotOf.set(ref.id, slot);
    this.componentCount += ids.length;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    const inv = this.inventories[slot]!;
    for (const p of inv.postings) {
      const slots = this.postings[p]!.slots;
      const at = slots.indexOf(slot);
      if (at !== -1) slots.splice(at, 1);
    }
    // Emptied postings stay (their ids are referenced by position); a version reappears into them.
    this.componentCount -= inv.postings.length;
    this.inventories[slot] = null;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
  }

  /** The held versions of a package (or product key) and the slots holding each: for products matched by vendor/product. */
  *versionsOf(key: string): Generator<AffectedVersion> {
    const held = this.byKey.get(key);
    if (!held) return;
    for (const [version, id] of held) {
      const { slots } = this.postings[id]!;
      if (slots.length) yield { key, version, slots };
    }
  }

  /** Replaces the references of one organization's inventories (its settings changed). */
  updateRefs(orgId: string, change: (ref: InventoryRef) => InventoryRef): void {
    for (let slot = 0; slot < this.refs.length; slot++) {
      const ref = this.refs[slot];
      if (!ref || ref.orgId !== orgId || !this.inventories[slot]) continue;
      this.refs[slot] = change(ref);
      this.inventories[slot]!.ref = this.refs[slot]!;
    }
  }

  /** The inventory in a slot that a reverse match named. */
  ref(slot: number): InventoryRef {
    return this.refs[slot]!;
  }

  /**
   * The inventories holding a version that any of the advisory's affected packages covers, by
   * package version. A popular package reaches most inventories, so the answer hands out the
   * postings' own slot lists: nothing is copied or made per inventory (no garbage, no GC pause).
   */
  affectedBy(affected: readonly AffectedPackage[]): ReverseMatch {
    const versions: AffectedVersion[] = [];
    let seen: Uint8Array | null = null;
    let inventories = 0;
    for (const pkg of affected) {
      if (!pkg.purl) continue;
      const key = matchKey(pkg.purl);
      const held = this.byKey.get(key);
      if (!held) continue;
      const scheme = schemeForEcosystem(pkg.ecosystem);
      for (const [version, id] of held) {
        const { slots } = this.postings[id]!;
        if (!slots.length || !isAffected(pkg, version, scheme)) continue;
        seen ??= new Uint8Array(this.inventories.length);
        for (const slot of slots) if (!seen[slot]) inventories += seen[slot] = 1;
        versions.push({ key, version, slots });
      }
    }
    return { inventories, versions };
  }

  /**
   * Every inventory against the whole vulnerability index at once (after a feed sync, say):
   * each distinct package version is answered once, then handed to the inventories holding it.
   */
  rematch(vulns: VulnIndex): Map<string, RematchHit[]> {
    const out = new Map<string, RematchHit[]>();
    for (const [key, versions] of this.byKey) {
      if (!vulns.has(key)) continue;
      for (const [version, id] of versions) {
        const { slots } = this.postings[id]!;
        if (!slots.length) continue;
        const answer = vulns.match(key, version);
        if (!answer.vulnerabilities.length) continue;
        const hit = { key, version, answer };
        for (const slot of slots) {
          const invId = this.refs[slot]!.id;
          const list = out.get(invId);
          if (list) list.push(hit);
          else out.set(invId, [hit]);
        }
      }
    }
    return out;
  }
}
