import { join } from 'node:path';
import { checkOsvSet, SETS, source as osvSource } from '../src/formats/osv/ranges-corpus.cases.js';
import { loadCases, runCase, source as purlSource } from '../src/domain/purl-spec.cases.js';
import { loadCorpus, passes, source as versSource } from '../src/domain/vers/corpus.cases.js';
import { cases as debianCases, checkAgainstDpkg, DPKG, hasDpkg, randomDebianPairs, randomPairsOf } from '../src/domain/versions/debian.cases.js';
import { SCHEMES } from '../src/domain/versions/index.js';
import { CORPUS, hasCorpus } from '../test/db.js';

/** One line of the correctness table: how many of `total` checks agree with the reference tool. */
export interface AgreementRow {
  what: string;
  agreed: number;
  total: number;
  source: string;
}

export interface AgreementReport {
  rows: AgreementRow[];
  /** what could not be checked on this machine, and why */
  skipped: string[];
}

/** The shape every `src/domain/versions/<scheme>.cases.ts` exports (valid/invalid are not pairs, so not counted here). */
interface SchemeCases {
  readonly cases: readonly (readonly [string, string, number])[];
  readonly source: string;
}

/**
 * Every version scheme with a `.cases.ts` module, one line each: `scheme` is its key in SCHEMES
 * (src/domain/versions/index.ts). Adding a scheme is adding its line here.
 */
const SCHEME_CASES: readonly { scheme: string; load: () => Promise<SchemeCases> }[] = [
  { scheme: 'npm', load: () => import('../src/domain/versions/npm.cases.js') },
  { scheme: 'pypi', load: () => import('../src/domain/versions/pypi.cases.js') },
  { scheme: 'maven', load: () => import('../src/domain/versions/maven.cases.js') },
  { scheme: 'golang', load: () => import('../src/domain/versions/golang.cases.js') },
  { scheme: 'cargo', load: () => import('../src/domain/versions/cargo.cases.js') },
  { scheme: 'gem', load: () => import('../src/domain/versions/rubygems.cases.js') },
  { scheme: 'nuget', load: () => import('../src/domain/versions/nuget.cases.js') },
  { scheme: 'composer', load: () => import('../src/domain/versions/composer.cases.js') },
  { scheme: 'deb', load: () => import('../src/domain/versions/debian.cases.js') },
  { scheme: 'apk', load: () => import('../src/domain/versions/alpine.cases.js') },
  { scheme: 'rpm', load: () => import('../src/domain/versions/rpm.cases.js') },
  { scheme: 'hex', load: () => import('../src/domain/versions/hex.cases.js') },
  { scheme: 'pub', load: () => import('../src/domain/versions/pub.cases.js') },
  { scheme: 'generic', load: () => import('../src/domain/versions/generic.cases.js') },
  { scheme: 'alpm', load: () => import('../src/domain/versions/alpm.cases.js') },
  { scheme: 'gentoo', load: () => import('../src/domain/versions/gentoo.cases.js') },
  { scheme: 'conan', load: () => import('../src/domain/versions/conan.cases.js') },
];

/** How many random pairs each live dpkg cross-check runs (the unit test runs the first set too). */
const DPKG_PAIRS = 500;

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Counts, per group, how many items pass. */
function tally<T>(items: readonly T[], group: (t: T) => string, ok: (t: T) => boolean): Map<string, { agreed: number; total: number }> {
  const out = new Map<string, { agreed: number; total: number }>();
  for (const item of items) {
    const g = group(item);
    const n = out.get(g) ?? { agreed: 0, total: 0 };
    n.total++;
    if (ok(item)) n.agreed++;
    out.set(g, n);
  }
  return out;
}

/**
 * Checks, now, how far our version orderings and matching agree with the ecosystems' own tools:
 * every version pair recorded from each scheme's tool, dpkg itself on random pairs when it is
 * installed, the purl-spec and vers-spec suites per file, and the OSV corpus against what each
 * record states about itself. Known gaps count as disagreements: nothing is left out.
 */
export async function agreement(): Promise<AgreementReport> {
  const rows: AgreementRow[] = [];
  const skipped: string[] = [];

  const modules = await Promise.all(SCHEME_CASES.map(async (entry) => ({ ...entry, module: await entry.load() })));
  for (const { scheme: name, module } of modules) {
    const scheme = SCHEMES[name];
    if (!scheme) throw new Error(`bench/agreement.ts lists scheme ${name}, which src/domain/versions/index.ts does not have`);
    const agreed = module.cases.filter(([a, b, want]) => sign(scheme.compare(a, b)) === want).length;
    rows.push({ what: `${name}: ordered pairs`, agreed, total: module.cases.length, source: module.source });
  }

  const deb = SCHEMES.deb;
  if (!deb) throw new Error('src/domain/versions/index.ts has no deb scheme');
  if (hasDpkg()) {
    const compare = (a: string, b: string): number => deb.compare(a, b);
    const fixtureVersions = [...new Set(debianCases.flatMap(([a, b]) => [a, b]))];
    const live: [string, [string, string][]][] = [
      [`deb live: ${DPKG_PAIRS} seeded random pairs`, randomDebianPairs(DPKG_PAIRS)],
      [`deb live: ${DPKG_PAIRS} random pairs of fixture versions`, randomPairsOf(fixtureVersions, DPKG_PAIRS, 20240614)],
    ];
    for (const [what, pairs] of live) {
      const { compared, wrong } = await checkAgainstDpkg(pairs, compare);
      rows.push({ what, agreed: compared - wrong.length, total: compared, source: `${DPKG} --compare-versions, run now (pairs it refuses not counted)` });
    }
  } else {
    skipped.push(`Debian live cross-check: ${DPKG} is absent`);
  }

  if (!hasCorpus) {
    skipped.push('purl-spec, vers-spec and OSV corpus checks: ../shared/corpus is not present');
    return { rows, skipped };
  }

  const purl = loadCases(join(CORPUS, 'purl-spec', 'tests'));
  for (const [file, n] of tally(purl, (c) => c.file, (c) => runCase(c.t) === null)) {
    rows.push({ what: `purl-spec ${file}`, ...n, source: purlSource });
  }

  const vers = loadCorpus(join(CORPUS, 'vers-spec', 'tests'));
  for (const [file, n] of tally(vers, (c) => c.file, passes)) rows.push({ what: `vers-spec ${file}`, ...n, source: versSource });

  for (const set of SETS) {
    const { counts, contradictions, gapsSeen } = checkOsvSet(join(CORPUS, 'osv'), set);
    const total = counts.fixed + counts.introduced + counts.listed;
    rows.push({ what: `OSV ${set.name}: ${counts.records} records`, agreed: total - contradictions.length - gapsSeen.length, total, source: osvSource });
  }
  return { rows, skipped };
}
