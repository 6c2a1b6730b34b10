import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { affects } from '../../domain/ranges.js';
import type { AffectedPackage, Vulnerability } from '../../domain/vulnerability.js';
import { parseOsvText } from './parse.js';

/** The OSV corpus self-consistency check: what affects() says of the versions each record names. */
export const source = 'OSV records in ../shared/corpus/osv: their own fixed/introduced events and versions lists';

/** Every record file of one corpus folder, sorted so counts are stable from run to run. */
function files(osv: string, folder: string, ext: '.json' | '.yaml'): string[] {
  const dir = join(osv, folder);
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

function load(osv: string, file: string): Vulnerability {
  const parsed = parseOsvText(readFileSync(file, 'utf8'), relative(osv, file), file.endsWith('.json') ? 'json' : 'yaml');
  if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.value;
}

interface Fact {
  kind: 'fixed' | 'introduced' | 'listed';
  version: string;
  expected: boolean;
}

/** What the record itself states: fixes are not affected, introductions and listed versions are. */
function factsOf(p: AffectedPackage): Fact[] {
  const events = p.ranges.filter((r) => r.type !== 'GIT').flatMap((r) => r.events);
  return [
    ...events.flatMap((e): Fact[] => (e.fixed === undefined ? [] : [{ kind: 'fixed', version: e.fixed, expected: false }])),
    ...events.flatMap((e): Fact[] => (e.introduced === undefined || e.introduced === '0' ? [] : [{ kind: 'introduced', version: e.introduced, expected: true }])),
    ...p.versions.map((v): Fact => ({ kind: 'listed', version: v, expected: true })),
  ];
}

const BOTH = 'introduces and fixes at this version; ranges.ts reads that as the empty range [X, X)';
const JOINED = 'one range fixes at this version and another reintroduces there; ranges.ts joins them (as the versions list does)';

/**
 * Records whose own statements contradict each other, so no evaluator can honour both; each entry
 * says why, and the test fails when one stops occurring so the list never goes stale.
 * Keyed by corpus folder, then `<id> <fact> <version>`.
 */
export const KNOWN_GAPS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  go: {},
  'crates.io': {
    'RUSTSEC-2022-0012 introduced 0.10.0': BOTH,
    'RUSTSEC-2023-0039 introduced 1.2.0': BOTH,
    'RUSTSEC-2024-0399 introduced 0.23.0': BOTH,
    'RUSTSEC-2026-0149 introduced 45.0.0': BOTH,
  },
  pypi: {
    'PYSEC-2022-42972 fixed 0.13.0': JOINED,
    'PYSEC-2022-236 fixed 3.1.1': `${JOINED}; the versions list names 3.1.1 too`,
    'PYSEC-2023-72 fixed 3.1.1': `${JOINED}; the versions list names 3.1.1 too`,
    'PYSEC-2023-72 fixed 3.2.0': JOINED,
    'PYSEC-2023-177 fixed 23.9.0': 'the versions list (derived by OSV.dev from the GIT range) names the fixed version',
    'PYSEC-2021-114 fixed 2.11.6': 'overlapping ranges: [0, 2.11.6) and [2.11, 2.11.7) both stated; the versions list names 2.11.6',
  },
};

export const SETS = [
  { name: 'Go (JSON, SEMVER)', folder: 'go', ext: '.json' },
  { name: 'crates.io (JSON, SEMVER)', folder: 'crates.io', ext: '.json' },
  { name: 'PyPI (YAML, ECOSYSTEM + GIT + versions)', folder: 'pypi', ext: '.yaml' },
] as const;

export type OsvSet = (typeof SETS)[number];

/** What checking one set found: counts, the contradictions nobody listed, and the listed gaps that occurred. */
export interface OsvSetResult {
  counts: { records: number; packages: number; fixed: number; introduced: number; listed: number; listedInRanges: number };
  contradictions: string[];
  gapsSeen: string[];
}

/**
 * Checks every record of one set (under `osv`, the corpus's osv folder) against what it states
 * about itself: each fixed version unaffected, each introduced and each listed version affected.
 */
export function checkOsvSet(osv: string, { folder, ext }: OsvSet): OsvSetResult {
  const counts = { records: 0, packages: 0, fixed: 0, introduced: 0, listed: 0, listedInRanges: 0 };
  const gaps = KNOWN_GAPS[folder] ?? {};
  const contradictions: string[] = [];
  const gapsSeen: string[] = [];
  for (const file of files(osv, folder, ext)) {
    const vuln = load(osv, file);
    counts.records++;
    for (const p of vuln.affected) {
      counts.packages++;
      // informational only: OSV.dev derives `versions` partly from GIT ranges, so a listed version need not fall in the ECOSYSTEM ranges
      const rangesOnly = { ...p, versions: [] };
      counts.listedInRanges += p.versions.filter((v) => affects(rangesOnly, v).affected).length;
      for (const fact of factsOf(p)) {
        counts[fact.kind]++;
        const key = `${vuln.id} ${fact.kind} ${fact.version}`;
        if (affects(p, fact.version).affected === fact.expected) continue;
        if (key in gaps) gapsSeen.push(key);
        else contradictions.push(`${key} (${p.ecosystem}/${p.name})`);
      }
    }
  }
  return { counts, contradictions, gapsSeen };
}
