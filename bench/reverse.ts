import type { Sbom, SbomComponent } from '../src/domain/sbom.js';
import type { Vulnerability } from '../src/domain/vulnerability.js';
import { InventoryIndex, type InventoryComponent } from '../src/engine/inventory-index.js';
import { matchKey } from '../src/engine/match-key.js';
import { matchSbom } from '../src/engine/match.js';
import { VulnIndex } from '../src/engine/vuln-index.js';
import { corpusOsvRecords } from '../test/corpus.js';
import { seededRandom } from '../src/domain/random.js';


interface Catalogue {
  /** packages by popularity rank: the corpus's vulnerable ones spread among plain ones */
  packages: Array<{ key: string; purl: string; versions: string[] }>;
  records: Vulnerability[];
}

/** The corpus's packages with the versions their records name (so matches happen), among clean packages. */
function catalogue(total: number): Catalogue {
  const records = corpusOsvRecords();
  const named = new Map<string, { purl: string; versions: Set<string> }>();
  for (const v of records) {
    for (const a of v.affected) {
      if (!a.purl) continue;
      const key = matchKey(a.purl);
      const entry = named.get(key) ?? { purl: a.purl, versions: new Set<string>() };
      for (const r of a.ranges) for (const e of r.events) for (const x of Object.values(e)) if (x !== '0') entry.versions.add(x);
      for (const x of a.versions.slice(0, 5)) entry.versions.add(x);
      named.set(key, entry);
    }
  }
  const vulnerable = [...named].map(([key, e]) => ({ key, purl: e.purl, versions: [...e.versions].slice(0, 12) })).filter((p) => p.versions.length);
  const packages: Catalogue['packages'] = [];
  const every = Math.max(1, Math.floor(total / vulnerable.length));
  for (let i = 0, v = 0; i < total; i++) {
    if (i % every === 0 && v < vulnerable.length) packages.push(vulnerable[v++]!);
    else packages.push({ key: `pkg:npm/bench-pkg-${i}`, purl: `pkg:npm/bench-pkg-${i}`, versions: Array.from({ length: 8 }, (_, j) => `1.${j}.0`) });
  }
  return { packages, records };
}

/** Zipf-like popularity: a few packages are in most inventories, most are in few. */
function picker(rand: () => number, n: number): () => number {
  return () => Math.min(n - 1, Math.floor(n ** rand()) - 1 + Math.floor(rand() * 2));
}

/** Each inventory's components in turn: distinct packages, popular ones most often. */
function* portfolio(cat: Catalogue, inventories: number, perInventory: number, seed: number): Generator<Array<InventoryComponent & { purl: string }>> {
  const rand = seededRandom(seed);
  const pick = picker(rand, cat.packages.length);
  for (let i = 0; i < inventories; i++) {
    const held = new Set<number>();
    const components: Array<InventoryComponent & { purl: string }> = [];
    while (held.size < perInventory) {
      const n = pick();
      if (held.has(n)) continue;
      held.add(n);
      const p = cat.packages[n]!;
      components.push({ key: p.key, purl: p.purl, version: p.versions[Math.floor(rand() * p.versions.length)]! });
    }
    yield components;
  }
}

function fill(index: InventoryIndex, inventories: Iterable<InventoryComponent[]>): void {
  let i = 0;
  for (const components of inventories) {
    index.put({ id: `inv-${i}`, orgId: `org-${i % 500}`, org: `org-${i % 500}`, name: `inventory ${i}` }, components);
    i++;
  }
}

export interface ReverseBench {
  inventories: number;
  components: number;
  buildMs: number;
  rssMb: number;
  heapDeltaMb: number;
  advisories: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  /** inventories the largest advisory reached */
  maxAffected: number;
}

/** 100,000 inventories holding 10,000,000 components; one advisory at a time → affected inventories. */
export function benchReverse(inventories = 100_000, perInventory = 100): ReverseBench {
  const cat = catalogue(200_000);
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const index = new InventoryIndex();
  fill(index, portfolio(cat, inventories, perInventory, 26));
  const buildMs = performance.now() - t0;
  const memory = process.memoryUsage();
  // The advisories of the most widely held packages: the reverse match's worst cases.
  const ranked = new Map(cat.packages.map((p, i) => [p.key, i]));
  const advisories = cat.records
    .filter((v) => v.affected.some((a) => a.purl && ranked.has(matchKey(a.purl))))
    .sort((a, b) => rank(a, ranked) - rank(b, ranked))
    .slice(0, 250);
  // The 50 after the worst 200 warm the code up (a running server is warm); the worst 200 are timed, each once.
  for (const v of advisories.splice(200)) index.affectedBy(v.affected);
  const times: number[] = [];
  let maxAffected = 0;
  for (const v of advisories) {
    const t = performance.now();
    const hit = index.affectedBy(v.affected);
    times.push(performance.now() - t);
    maxAffected = Math.max(maxAffected, hit.inventories);
  }
  times.sort((a, b) => a - b);
  return {
    inventories: index.size,
    components: index.components,
    buildMs,
    rssMb: memory.rss / 2 ** 20,
    heapDeltaMb: (memory.heapUsed - heapBefore) / 2 ** 20,
    advisories: times.length,
    medianMs: times[times.length >> 1] ?? 0,
    p99Ms: times[Math.floor(times.length * 0.99)] ?? 0,
    maxMs: times[times.length - 1] ?? 0,
    maxAffected,
  };
}

function rank(v: Vulnerability, ranked: Map<string, number>): number {
  return Math.min(...v.affected.map((a) => (a.purl ? ranked.get(matchKey(a.purl)) ?? Infinity : Infinity)));
}

export interface PortfolioBench {
  inventories: number;
  components: number;
  affectedInventories: number;
  /** every inventory re-matched through the reverse index, places not yet evaluated */
  coldMs: number;
  /** the same, again */
  warmMs: number;
  /** the naive way: each SBOM forward-matched in turn, on a fresh index */
  perSbomMs: number;
}

/** 2,000 SBOMs × 200 components re-matched against the whole knowledge base. */
export function benchPortfolio(sboms = 2_000, perSbom = 200): PortfolioBench {
  const cat = catalogue(50_000);
  const fresh = () => {
    const vulns = new VulnIndex();
    for (const v of cat.records) vulns.add(v);
    return vulns;
  };
  const held = [...portfolio(cat, sboms, perSbom, 7)];
  const inventories = new InventoryIndex();
  fill(inventories, held);

  const vulns = fresh();
  let t = performance.now();
  const result = inventories.rematch(vulns);
  const coldMs = performance.now() - t;
  t = performance.now();
  inventories.rematch(vulns);
  const warmMs = performance.now() - t;

  // The same portfolio as SBOMs, matched one by one on an index that has answered nothing yet.
  const list: Sbom[] = held.map((components, i) => ({
    format: 'cyclonedx', specVersion: '1.6', name: `sbom-${i}`, purlless: 0, problems: [],
    components: components.map((c, n): SbomComponent => ({
      ref: `c${n}`, refs: [], name: c.key, group: null, version: c.version, purl: `${c.purl}@${encodeURIComponent(c.version)}`,
      purlless: false, cpe: null, type: 'library', direct: null, dependsOn: [],
    })),
  }));
  const naive = fresh();
  t = performance.now();
  let perSbomAffected = 0;
  for (const sbom of list) if (matchSbom(naive, sbom).findings.length) perSbomAffected++;
  const perSbomMs = performance.now() - t;
  if (perSbomAffected !== result.size) throw new Error(`per-SBOM matching found ${perSbomAffected} affected SBOMs, the re-match ${result.size}`);
  return { inventories: inventories.size, components: inventories.components, affectedInventories: result.size, coldMs, warmMs, perSbomMs };
}
