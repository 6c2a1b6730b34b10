import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sbom, SbomComponent } from '../src/domain/sbom.js';
import type { Vulnerability } from '../src/domain/vulnerability.js';
import { matchKey } from '../src/engine/match-key.js';
import { matchSbom } from '../src/engine/match.js';
import { VulnIndex } from '../src/engine/vuln-index.js';
import { parseOsvText } from '../src/formats/osv/parse.js';
import { CORPUS } from '../test/db.js';

function corpusRecords(): Vulnerability[] {
  const out: Vulnerability[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/.test(e.name) && e.name !== 'osv-schema.json' && e.name !== 'ecosystems.json') {
        const r = parseOsvText(readFileSync(p, 'utf8'), p, p.endsWith('.json') ? 'json' : 'yaml');
        if (r.ok) out.push(r.value);
      }
    }
  };
  for (const eco of ['go', 'crates.io', 'pypi']) walk(join(CORPUS, 'osv', eco));
  return out;
}

/** A copy of a record whose packages are renamed, so scaled copies are distinct packages. */
function renamed(v: Vulnerability, copy: number): Vulnerability {
  if (copy === 0) return v;
  return {
    ...v,
    id: `${v.id}-S${copy}`,
    affected: v.affected.map((a) => ({ ...a, name: `${a.name}-s${copy}`, purl: a.purl ? `${a.purl}-s${copy}` : null })),
  };
}

function lowVersion(a: Vulnerability['affected'][number]): string {
  const intro = a.ranges.flatMap((r) => r.events).find((e) => e.introduced && e.introduced !== '0')?.introduced;
  return a.versions[0] ?? intro ?? '0.0.1';
}

export interface MatchBench {
  affectedEntries: number;
  records: number;
  components: number;
  findings: number;
  floorMs: number;
  matchMs: number;
  buildMs: number;
  rssMb: number;
}

/** A 10,000-component SBOM against ≥ 500,000 affected-package entries, beside a bare Map lookup. */
export function benchMatch(targetEntries = 500_000, components = 10_000, hitShare = 0.1): MatchBench {
  const base = corpusRecords();
  const t0 = performance.now();
  const index = new VulnIndex();
  const sample: Array<{ purl: string; version: string }> = [];
  for (let copy = 0; index.packages < targetEntries; copy++) {
    for (const v of base) {
      const r = renamed(v, copy);
      index.add(r);
      if (sample.length < components * hitShare && copy % 7 === 0) {
        const a = r.affected.find((x) => x.purl);
        if (a?.purl) sample.push({ purl: a.purl, version: lowVersion(a) });
      }
    }
  }
  const buildMs = performance.now() - t0;
  const sbomComponents: SbomComponent[] = [];
  for (let i = 0; i < components; i++) {
    const hit = i % Math.round(1 / hitShare) === 0 ? sample[(i / Math.round(1 / hitShare)) % sample.length] : undefined;
    const purl = hit ? `${hit.purl}@${hit.version}` : `pkg:npm/bench-clean-${i}@1.0.${i % 50}`;
    sbomComponents.push({ ref: `c${i}`, refs: [`c${i}`], name: `c${i}`, group: null, version: hit?.version ?? `1.0.${i % 50}`, purl, purlless: false, cpe: null, type: 'library', direct: null, dependsOn: [] });
  }
  const sbom: Sbom = { format: 'cyclonedx', specVersion: '1.6', name: 'bench', components: sbomComponents, purlless: 0, problems: [] };

  // The floor: one Map lookup per component purl, into a Map as large as the index's key space.
  const floorMap = new Map<string, number>();
  let k = 0;
  for (const c of sbomComponents) floorMap.set(matchKey(c.purl!), k++);
  const keys = sbomComponents.map((c) => c.purl!);
  const time = (body: () => number) => {
    let best = Infinity;
    let out = 0;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      out = body();
      best = Math.min(best, performance.now() - t);
    }
    return { ms: best, out };
  };
  const floor = time(() => {
    let n = 0;
    for (const key of keys) if (floorMap.get(key) !== undefined) n++;
    return n;
  });
  const match = time(() => matchSbom(index, sbom).findings.length);
  return {
    affectedEntries: index.packages,
    records: index.vulnerabilities,
    components,
    findings: match.out,
    floorMs: floor.ms,
    matchMs: match.ms,
    buildMs,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  };
}
