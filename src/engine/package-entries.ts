import { closestUpgrade, comparedVersions, fixedVersions, isAffected, onlyCommitRanges, sortedUnique } from '../domain/ranges.js';
import type { VersionScheme } from '../domain/versions/index.js';
import type { AffectedPackage, Severity } from '../domain/vulnerability.js';

/** What a match reports of a vulnerability; the rest stays in the store. */
export interface IndexedVuln {
  id: string;
  aliases: string[];
  summary: string;
  severities: Severity[];
  cwes: string[];
}

export interface Candidate {
  vuln: IndexedVuln;
  pkg: AffectedPackage;
  scheme: VersionScheme;
}

export interface MatchedVuln {
  vuln: IndexedVuln;
  /** versions that fix it for this package, lowest first */
  fixed: readonly string[];
  /** the highest computed CVSS of the record, if any */
  severity: Severity | null;
}

/** One package's answer for one version. Shared by every version with the same answer: never mutate. */
export interface PackageMatch {
  /** highest severity first */
  vulnerabilities: readonly MatchedVuln[];
  /** the lowest version above the queried one that none of these vulnerabilities affect */
  upgrade: string | null;
  /** vulnerabilities of the package stated by GIT ranges only (commits), so not evaluated */
  unevaluated: readonly string[];
}

export const NO_MATCH: PackageMatch = Object.freeze({ vulnerabilities: Object.freeze([]), upgrade: null, unevaluated: Object.freeze([]) });

/** The versions one ordering compares against, sorted, one spelling per equal group. */
interface Lane {
  order: VersionScheme;
  bounds: string[];
}

/**
 * The affected-package entries of one package (one match key), with the answers already given.
 *
 * A version's answer depends only on how it compares with the versions the entries' ranges,
 * lists and fixes name (ranges.ts: comparedVersions). Those split each ordering into places:
 * each named version, and each gap between two. So the answer is found by one bisection per
 * ordering (usually one) and evaluated once per place, however many components or inventories
 * hold a version that lands there. Evaluation itself stays the OSV algorithm in ranges.ts.
 */
export class PackageEntries {
  private lanes: Lane[] | null = null;
  /** query validity matters only to `versions` lists, and exact strings only to invalid listed entries */
  private listSchemes: VersionScheme[] = [];
  private invalidListed = new Set<string>();
  private unevaluated: readonly string[] = [];
  private readonly answers = new Map<number | string, PackageMatch>();

  constructor(readonly candidates: Candidate[]) {}

  /** After the candidates change: forget the places and answers, rebuilt on the next question. */
  changed(): void {
    this.lanes = null;
    this.answers.clear();
  }

  match(version: string): PackageMatch {
    const lanes = this.lanes ?? this.compile();
    let key: number | string = placeOf(lanes[0]!, version);
    if (lanes.length > 1 || this.listSchemes.length) {
      key = `${key}`;
      for (let i = 1; i < lanes.length; i++) key += `.${placeOf(lanes[i]!, version)}`;
      for (const s of this.listSchemes) key += s.isValid(version) ? 'v' : 'i';
      if (this.invalidListed.has(version)) key += `=${version}`;
    }
    let answer = this.answers.get(key);
    if (!answer) this.answers.set(key, (answer = this.evaluate(version)));
    return answer;
  }

  private compile(): Lane[] {
    const byOrder = new Map<VersionScheme, string[]>();
    const pkgSchemes = [...new Set(this.candidates.map((c) => c.scheme))];
    this.listSchemes = [];
    this.invalidListed = new Set();
    for (const c of this.candidates) {
      // closestUpgrade compares every hit's fixes in the first hit's scheme: name them in all.
      for (const scheme of pkgSchemes) {
        comparedVersions(c.pkg, scheme, (order, version) => {
          const list = byOrder.get(order);
          if (list) list.push(version);
          else byOrder.set(order, [version]);
        });
      }
      if (c.pkg.versions.length) {
        if (!this.listSchemes.includes(c.scheme)) this.listSchemes.push(c.scheme);
        for (const v of c.pkg.versions) if (!c.scheme.isValid(v)) this.invalidListed.add(v);
      }
    }
    this.unevaluated = [...new Set(this.candidates.filter((c) => onlyCommitRanges(c.pkg)).map((c) => c.vuln.id))];
    const lanes = [...byOrder].map(([order, versions]) => ({ order, bounds: sortedUnique(versions, order) }));
    this.lanes = lanes.length ? lanes : [{ order: pkgSchemes[0]!, bounds: [] }];
    return this.lanes;
  }

  /** The OSV evaluation of every entry at one version: run once per place. */
  private evaluate(version: string): PackageMatch {
    const hits = this.candidates.filter((c) => isAffected(c.pkg, version, c.scheme));
    if (!hits.length) return this.unevaluated.length ? { ...NO_MATCH, unevaluated: this.unevaluated } : NO_MATCH;
    const scheme = hits[0]!.scheme;
    const byVuln = new Map<string, MatchedVuln>();
    for (const h of hits) {
      const seen = byVuln.get(h.vuln.id);
      const fixed = fixedVersions(h.pkg);
      if (seen) seen.fixed = sortedUnique([...seen.fixed, ...fixed], scheme);
      else byVuln.set(h.vuln.id, { vuln: h.vuln, fixed, severity: highest(h.vuln.severities) });
    }
    const vulnerabilities = [...byVuln.values()].sort(
      (a, b) => (b.severity?.baseScore ?? -1) - (a.severity?.baseScore ?? -1) || a.vuln.id.localeCompare(b.vuln.id),
    );
    return { vulnerabilities, upgrade: closestUpgrade(version, hits.map((h) => h.pkg), scheme), unevaluated: this.unevaluated };
  }
}

/** 2i + 1 when the version equals bounds[i]; 2i when it lies below bounds[i] and above bounds[i - 1]. */
function placeOf({ order, bounds }: Lane, version: string): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order.compare(bounds[mid]!, version) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < bounds.length && order.compare(bounds[lo]!, version) === 0 ? 2 * lo + 1 : 2 * lo;
}

function highest(severities: Severity[]): Severity | null {
  let best: Severity | null = null;
  for (const s of severities) if (!best || s.baseScore > best.baseScore) best = s;
  return best;
}
