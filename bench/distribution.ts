import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow, TableNode } from 'kysely';
import { affectedAssets, distribute, type DistributionEnv, type DistributionResult, type Trigger } from '../src/app/distribution.js';
import { seededRandom } from '../src/domain/random.js';
import type { PriorityTables } from '../src/domain/priority.js';
import type { Vulnerability } from '../src/domain/vulnerability.js';
import { InventoryIndex, type AssetProfile, type InventoryComponent } from '../src/engine/inventory-index.js';
import { matchKey } from '../src/engine/match-key.js';
import { parseDecisionTable } from '../src/formats/ssvc/decision-table.js';
import type { Connection } from '../src/store/connection.js';
import type { Database } from '../src/store/schema.js';
import { backends, CORPUS, hasCorpus, type Backend } from '../test/db.js';
import { benchContext, database } from './intake.js';

const TABLES = join(CORPUS, 'ssvc', 'data', 'json', 'decision_tables');
const TABLE_FILES = { coordinator: 'cisa/cisa_coordinator_2_0_3.json', deployer: 'ssvc/deployer_patch_application_priority_1_0_0.json', bod: 'cisa/cisa_bod_26_04_1_0_0.json' } as const;
const POPULAR = 'pkg:npm/left-pad-like';
/** every version an asset holds is below the fix */
const HELD = ['1.0.0', '1.1.0', '1.2.0', '1.2.5', '1.3.0'];

export const TARGET_END_TO_END_MS = 1000;
export const TARGET_REVERSE_MS = 20;

export interface StatementTime {
  what: string;
  count: number;
  ms: number;
}

export interface DistributionRun {
  /** transaction begin → commit */
  totalMs: number;
  /** inside distribute() */
  distributeMs: number;
  /** the statements distribute() sent, from compile to result (includes PGlite's own work: it runs in this process) */
  sqlMs: number;
  statements: StatementTime[];
  result: DistributionResult;
}

export interface BackendRuns {
  backend: Backend;
  /** bulk insert of the organizations and their assets (setup, not measured against a target) */
  setupMs: number;
  first: DistributionRun;
  /** the same advisory again: every fact already told */
  second: DistributionRun;
  stored: { exposures: number; notifications: number };
}

export interface DistributionBench {
  /** why nothing was measured (no corpus for the SSVC tables), else null */
  skipped: string | null;
  subscribers: number;
  components: number;
  buildMs: number;
  rssMb: number;
  reverse: { assets: number; affectedAssetsFirstMs: number; affectedAssetsMedianMs: number; affectedAssetsMaxMs: number; affectedByMedianMs: number; runs: number };
  backends: BackendRuns[];
  targets: { endToEndMs: number; reverseMs: number };
}

export interface Subscriber {
  orgId: string;
  slug: string;
  assetId: string;
  profile: AssetProfile;
}

/** The three corpus tables prioritization reads, parsed in place. */
function corpusTables(): PriorityTables {
  const out: PriorityTables = {};
  for (const [role, file] of Object.entries(TABLE_FILES) as Array<[keyof typeof TABLE_FILES, string]>) {
    const parsed = parseDecisionTable(readFileSync(join(TABLES, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.problems[0]?.message ?? 'does not parse'}`);
    out[role] = parsed.value;
  }
  return out;
}

/** Varied contexts: a fifth exposed, every mission / well-being pair, one organization in twenty federal. */
function subscribers(count: number, seed: number): Subscriber[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const types = ['application', 'host', 'device', 'service'] as const;
  const mission = ['minimal', 'support', 'essential'] as const;
  const wellBeing = ['minimal', 'material', 'irreversible'] as const;
  const sectors = ['healthcare', 'finance', 'energy', 'water', 'government', 'education'];
  return Array.from({ length: count }, (_, i) => {
    const federal = rand() < 0.05;
    return {
      orgId: randomUUID(), slug: `sub-${i}`, assetId: randomUUID(),
      profile: { type: pick(types), exposed: rand() < 0.2, missionPrevalence: pick(mission), wellBeing: pick(wellBeing), federal, sector: federal ? 'government' : pick(sectors) },
    };
  });
}

/** Zipf-like popularity as in bench/reverse.ts: a few packages are in most assets, most in few. */
function* portfolios(count: number, perAsset: number, packages: number, seed: number): Generator<InventoryComponent[]> {
  const rand = seededRandom(seed);
  const pick = () => Math.min(packages - 1, Math.floor(packages ** rand()) - 1 + Math.floor(rand() * 2));
  const popular = matchKey(POPULAR);
  // made once: 10M template strings would make the build a string-allocation benchmark
  const keys = Array.from({ length: packages }, (_, n) => `pkg:npm/bench-pkg-${n}`);
  const versions = Array.from({ length: 8 }, (_, n) => `1.${n}.0`);
  for (let i = 0; i < count; i++) {
    const held = new Set<number>();
    const components: InventoryComponent[] = [{ key: popular, version: HELD[Math.floor(rand() * HELD.length)]! }];
    while (components.length < perAsset) {
      const n = pick();
      if (held.has(n)) continue;
      held.add(n);
      components.push({ key: keys[n]!, version: versions[Math.floor(rand() * versions.length)]! });
    }
    yield components;
  }
}

function advisory(): Vulnerability {
  const now = new Date().toISOString();
  return {
    id: 'CVE-2099-40001', source: 'osv', modified: now, published: now, withdrawn: null, aliases: ['GHSA-bnch-left-padl'], related: [],
    summary: 'Prototype pollution in left-pad-like', details: 'left-pad-like before 1.3.1 lets a crafted padding string pollute Object.prototype.',
    affected: [{ ecosystem: 'npm', name: 'left-pad-like', purl: POPULAR, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.1' }] }], versions: [] }],
    products: [], severities: [{ type: 'CVSS_V3', version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, source: 'bench' }],
    cwes: ['CWE-1321'], references: [], ssvc: null, kevHint: true, credits: [], tlp: 'CLEAR',
  };
}

export interface Fixture {
  tables: PriorityTables;
  vuln: Vulnerability;
  subs: Subscriber[];
  index: InventoryIndex;
}

/** The subscribers, their assets in the reverse index, the advisory and the corpus tables (the same on every run). */
export function fixture(count: number, perAsset = 100): Fixture {
  const subs = subscribers(count, 6);
  const index = new InventoryIndex();
  let i = 0;
  for (const components of portfolios(count, perAsset, 200_000, 26)) {
    const s = subs[i++]!;
    index.put({ id: s.assetId, orgId: s.orgId, org: s.slug, name: `${s.slug}-app`, profile: s.profile }, components);
  }
  return { tables: corpusTables(), vuln: advisory(), subs, index };
}

const CHUNK = 10_000;

/** Organizations, their settings and one asset each, as a few multi-row statements (the 10M components stay in memory). */
export async function seed(conn: Connection, subs: readonly Subscriber[], vuln: Vulnerability): Promise<void> {
  const db = conn.db;
  for (let i = 0; i < subs.length; i += CHUNK) {
    const part = subs.slice(i, i + CHUNK);
    const orgs = JSON.stringify(part.map((s) => ({ id: s.orgId, slug: s.slug, name: `Subscriber ${s.slug}` })));
    await sql`INSERT INTO orgs (id, slug, name, roles) SELECT id, slug, name, ARRAY['subscriber'] FROM json_to_recordset(${orgs}::json) AS x(id uuid, slug text, name text)`.execute(db);
    const settings = JSON.stringify(part.filter((s) => s.profile.federal).map((s) => ({ org_id: s.orgId, sector: s.profile.sector })));
    await sql`INSERT INTO subscriber_settings (org_id, sector, federal) SELECT org_id, sector, true FROM json_to_recordset(${settings}::json) AS x(org_id uuid, sector text)`.execute(db);
    const assets = JSON.stringify(part.map((s) => ({
      id: s.assetId, org_id: s.orgId, name: `${s.slug}-app`, asset_type: s.profile.type, exposed: s.profile.exposed,
      mission_prevalence: s.profile.missionPrevalence, well_being: s.profile.wellBeing, sector: s.profile.sector, federal: s.profile.federal || null,
    })));
    await sql`
      INSERT INTO inventories (id, org_id, name, format, spec_version, sha256, components, unmatchable, asset_type, exposed, mission_prevalence, well_being, sector, federal)
      SELECT id, org_id, name, 'cyclonedx', '1.6', md5(name), 100, 0, asset_type, exposed, mission_prevalence, well_being, sector, federal
      FROM json_to_recordset(${assets}::json) AS x(id uuid, org_id uuid, name text, asset_type text, exposed boolean, mission_prevalence text, well_being text, sector text, federal boolean)`.execute(db);
  }
  await db.insertInto('kev').values({ cve_id: vuln.id, date_added: '2026-01-05', due_date: '2026-01-26', ransomware: 'Unknown', record: JSON.stringify({ cveID: vuln.id }), catalog_version: 'bench' }).execute();
  await db.insertInto('epss').values({ cve_id: vuln.id, epss: 0.87, percentile: 0.99, score_date: '2026-01-05' }).execute();
}

/**
 * Times every statement a Kysely instance sends, from compile to result, by kind: distribute()
 * runs unchanged and the rest of its time is matching, prioritizing and building rows in JS.
 */
class StatementTimer implements KyselyPlugin {
  private readonly started = new WeakMap<object, { at: number; what: string }>();
  readonly times = new Map<string, { count: number; ms: number }>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { at: performance.now(), what: describe(args.node) });
    return args.node;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the plugin interface is async
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      const t = this.times.get(s.what) ?? { count: 0, ms: 0 };
      t.count++;
      t.ms += performance.now() - s.at;
      this.times.set(s.what, t);
    }
    return args.result;
  }
}

function describe(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    const text = node.sqlFragments.join('$').replace(/\s+/g, ' ').trim();
    const m = /^(INSERT INTO \w+|UPDATE \w+)/i.exec(text);
    if (m) return m[1]!.toLowerCase();
    if (/unnest/i.test(text)) return 'select delivery settings';
    if (/FROM kev/i.test(text)) return 'select signals (KEV, EPSS, case)';
    return text.slice(0, 40);
  }
  if (node.kind === 'SelectQueryNode') {
    const from = node.from?.froms[0];
    return `select ${from && TableNode.is(from) ? from.table.identifier.name : 'query'}`;
  }
  return node.kind;
}

export async function run(conn: Connection, env: DistributionEnv, vuln: Vulnerability, trigger: Trigger, now: Date): Promise<DistributionRun> {
  const ctx = benchContext(conn);
  const timer = new StatementTimer();
  let result: DistributionResult | undefined;
  let distributeMs = 0;
  const t0 = performance.now();
  await conn.db.transaction().execute(async (tx) => {
    const t = performance.now();
    result = await distribute(ctx, tx.withPlugin(timer), env, vuln, trigger, { now });
    distributeMs = performance.now() - t;
  });
  const totalMs = performance.now() - t0;
  const statements = [...timer.times].map(([what, t]) => ({ what, ...t }));
  return { totalMs, distributeMs, sqlMs: statements.reduce((s, x) => s + x.ms, 0), statements, result: result! };
}

async function count(db: Kysely<Database>, table: 'exposures' | 'notifications'): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

/**
 * One advisory on a package every one of 100,000 subscribers' assets holds (100 components each,
 * 10M in the reverse index): the reverse match alone, then distribute() end to end in one
 * transaction on each backend — exposures, priorities from the corpus SSVC tables, one notification
 * per organization — and the same call again, which must tell nobody anything.
 */
export async function benchDistribution(count_ = 100_000, perAsset = 100): Promise<DistributionBench> {
  const targets = { endToEndMs: TARGET_END_TO_END_MS, reverseMs: TARGET_REVERSE_MS };
  const empty = { subscribers: 0, components: 0, buildMs: 0, rssMb: 0, reverse: { assets: 0, affectedAssetsFirstMs: 0, affectedAssetsMedianMs: 0, affectedAssetsMaxMs: 0, affectedByMedianMs: 0, runs: 0 }, backends: [], targets };
  if (!hasCorpus) return { skipped: '../shared/corpus is not present (the SSVC decision tables are read from it)', ...empty };
  const t0 = performance.now();
  const { tables, vuln, subs, index } = fixture(count_, perAsset);
  const buildMs = performance.now() - t0;
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  // The reverse match alone; a server answering advisories all day is warm, so the first is shown apart.
  let t = performance.now();
  const assets = affectedAssets(index, vuln).size;
  const affectedAssetsFirstMs = performance.now() - t;
  if (assets !== count_) throw new Error(`the reverse match found ${assets} affected assets, not ${count_}`);
  for (let k = 0; k < 5; k++) affectedAssets(index, vuln);
  const runs = 21;
  const aa: number[] = [];
  const ab: number[] = [];
  for (let k = 0; k < runs; k++) {
    t = performance.now();
    affectedAssets(index, vuln);
    aa.push(performance.now() - t);
    t = performance.now();
    index.affectedBy(vuln.affected);
    ab.push(performance.now() - t);
  }

  const env: DistributionEnv = { index, tables };
  const trigger: Trigger = { kind: 'published', detail: `advisory for ${vuln.id} published` };
  const out: BackendRuns[] = [];
  for (const backend of backends()) {
    process.stderr.write(`distribution on ${backend}\n`);
    const db = await database(backend);
    try {
      t = performance.now();
      await seed(db.conn, subs, vuln);
      const setupMs = performance.now() - t;
      const now = new Date();
      const first = await run(db.conn, env, vuln, trigger, now);
      const second = await run(db.conn, env, vuln, trigger, now);
      const stored = { exposures: await count(db.conn.db, 'exposures'), notifications: await count(db.conn.db, 'notifications') };
      if (stored.notifications !== count_ || first.result.notifications !== count_) throw new Error(`${first.result.notifications} notifications made, ${stored.notifications} stored, for ${count_} subscribers`);
      out.push({ backend, setupMs, first, second, stored });
    } finally {
      await db.dispose();
    }
  }
  return {
    skipped: null, subscribers: index.size, components: index.components, buildMs, rssMb,
    reverse: { assets, affectedAssetsFirstMs, affectedAssetsMedianMs: median(aa), affectedAssetsMaxMs: Math.max(...aa), affectedByMedianMs: median(ab), runs },
    backends: out, targets,
  };
}

const n = (x: number) => x.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ms: number, target: number) => (ms <= target ? `met (${(ms / target).toFixed(2)}× the target)` : `NOT met: ${(ms / target).toFixed(1)}× the target`);

/** The bench's lines for `npm run bench`: targets next to the figures, backends side by side. */
export function reportDistribution(d: DistributionBench): string {
  if (d.skipped) return `\nSKIPPED distribution: ${d.skipped}\n`;
  const r = d.reverse;
  const W = 34;
  const line = (what: string, cell: (b: BackendRuns) => string) => `  ${what.padEnd(44)}${d.backends.map((b) => cell(b).padStart(W)).join('')}\n`;
  const stmt = (run: 'first' | 'second', what: string) => (b: BackendRuns) => {
    const s = b[run].statements.find((x) => x.what === what);
    return s ? `${s.count} × = ${sec(s.ms)}` : '-';
  };
  const kinds = (run: 'first' | 'second') => [...new Set(d.backends.flatMap((b) => b[run].statements.map((s) => s.what)))];
  return (
    `\nDistribution: one advisory on ${POPULAR} (every asset holds an affected version) → ${n(d.subscribers)} subscribers, one asset each, ` +
    `${n(d.components)} components in the reverse index (built in ${sec(d.buildMs)}; RSS ${Math.round(d.rssMb)} MB); SSVC tables read from ../shared/corpus\n` +
    `  reverse match, affectedAssets → ${n(r.assets)} assets: median ${r.affectedAssetsMedianMs.toFixed(2)} ms of ${r.runs} warm runs (first ${r.affectedAssetsFirstMs.toFixed(2)} ms, max ${r.affectedAssetsMaxMs.toFixed(2)} ms); ` +
    `index.affectedBy alone ${r.affectedByMedianMs.toFixed(2)} ms\n` +
    `  target ≤ ${d.targets.reverseMs} ms for the reverse match: ${verdict(r.affectedAssetsMedianMs, d.targets.reverseMs)}\n` +
    line('distribute(), one transaction', (b) => b.backend) +
    line('end to end (begin → commit)', (b) => `${sec(b.first.totalMs)}, ${(b.first.totalMs / (d.subscribers / 1000)).toFixed(1)} ms per 1,000`) +
    line(`target ≤ ${sec(d.targets.endToEndMs)}`, (b) => verdict(b.first.totalMs, d.targets.endToEndMs)) +
    line('JS: match, prioritize, build rows', (b) => sec(b.first.distributeMs - b.first.sqlMs)) +
    line('SQL statements (sent → result)', (b) => sec(b.first.sqlMs)) +
    kinds('first').map((k) => line(`  ${k}`, stmt('first', k))).join('') +
    line('written: exposures + notifications', (b) => `${n(b.first.result.assets)} + ${n(b.first.result.notifications)}`) +
    line('stored after both runs, the same', (b) => `${n(b.stored.exposures)} + ${n(b.stored.notifications)}`) +
    line('the same advisory again', (b) => `${sec(b.second.totalMs)}, ${n(b.second.result.notifications)} notifications`) +
    kinds('second').map((k) => line(`  ${k}`, stmt('second', k))).join('') +
    line('setup: orgs + assets by multi-row INSERT', (b) => sec(b.setupMs))
  );
}
