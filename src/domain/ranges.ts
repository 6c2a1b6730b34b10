/**
 * OSV affected-range evaluation, as the OSV schema's "Evaluation" section defines it
 * (https://ossf.github.io/osv-schema/#evaluation): a version is affected when the record lists it
 * in `versions` or when any SEMVER/ECOSYSTEM range contains it. GIT ranges need a repository's
 * commit graph, which a version string cannot be placed in, so they are recorded, not evaluated.
 */
import { schemeForEcosystem, type VersionScheme } from './versions/index.js';
import { npmScheme } from './versions/npm.js';
import type { AffectedPackage, AffectedRange } from './vulnerability.js';

export interface Verdict {
  affected: boolean;
  /** what made the version affected: the enumerated `versions` list, a range, or nothing */
  by: 'versions' | 'range' | null;
  /** not affected by anything evaluable, but the package has GIT ranges that were not evaluated */
  unevaluated: boolean;
}

type RangeEvent = AffectedRange['events'][number];
type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface Event {
  kind: Kind;
  version: string;
}

// The spec defines SEMVER ranges by SemVer 2.0 precedence whatever the ecosystem; node-semver's
// order (the npm scheme) is exactly that, and it also accepts the `v` Go users tend to write.
const SEMVER_SCHEME: VersionScheme = npmScheme;

/** The single event an OSV event object holds (the schema allows exactly one key per object). */
function eventOf(e: RangeEvent): Event | undefined {
  if (e.introduced !== undefined) return { kind: 'introduced', version: e.introduced };
  if (e.fixed !== undefined) return { kind: 'fixed', version: e.fixed };
  if (e.last_affected !== undefined) return { kind: 'last_affected', version: e.last_affected };
  if (e.limit !== undefined) return { kind: 'limit', version: e.limit };
  return undefined;
}

/** `introduced: "0"` sorts before every version, whatever the scheme would make of the string "0". */
const isZero = (e: Event): boolean => e.kind === 'introduced' && e.version === '0';

function compareEvents(a: Event, b: Event, scheme: VersionScheme): number {
  if (isZero(a) || isZero(b)) return isZero(a) === isZero(b) ? 0 : isZero(a) ? -1 : 1;
  return scheme.compare(a.version, b.version);
}


/**
 * The spec's IncludedInRanges for one range: walk the events in version order; each introduced at
 * or below the version opens, each fixed at or below it (or last_affected below it) closes.
 *
 * The spec leaves the order of events at equal versions open, and real records need both readings:
 * `introduced X, fixed X` as the last pair (RUSTSEC-2022-0012) must be the empty range [X, X), not
 * everything from X on, while `[0, 3.1.1)` plus `[3.1.1, 3.1.3)` (PYSEC-2022-236) must join up.
 * So events at one version are taken together: an opening and a closing there cancel out, and
 * only a surplus of either changes the state.
 */
function inRange(version: string, range: AffectedRange, scheme: VersionScheme): boolean {
  const { groups, limits } = compiled(range, scheme);
  // The spec's BeforeLimits: no limit means an implicit `*`; any limit containing `*` is infinity.
  if (limits.length && !limits.some((e) => e.version.includes('*') || scheme.compare(version, e.version) < 0)) return false;
  // The last group at or below the version decides: binary search over the version-ordered groups.
  let lo = 0;
  let hi = groups.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const g = groups[mid]!;
    if (g.version === null || scheme.compare(g.version, version) <= 0) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at === -1) return false;
  const g = groups[at]!;
  return g.version !== null && scheme.compare(version, g.version) === 0 ? g.atVersion : g.above;
}

/**
 * The events of a range folded into the state they leave, per version where any event sits:
 * `atVersion` for that very version (introduced and fixed apply, last_affected not yet), `above`
 * for the versions between it and the next group. The walk of the spec's loop, done once.
 */
interface Group {
  /** null for `introduced: "0"`, below every version */
  version: string | null;
  atVersion: boolean;
  above: boolean;
}

interface CompiledRange {
  groups: Group[];
  limits: Event[];
}

// A range is evaluated against many versions (every component of every SBOM): its events are read,
// sorted and folded once per ordering, not on every call. Keyed by the range object, so dropped
// records free it.
const compiledRanges = new WeakMap<AffectedRange, Map<VersionScheme, CompiledRange>>();

function compiled(range: AffectedRange, scheme: VersionScheme): CompiledRange {
  return memoized(compiledRanges, range, scheme, () => compile(range, scheme));
}

function compile(range: AffectedRange, scheme: VersionScheme): CompiledRange {
  const all = range.events.map(eventOf).filter((e): e is Event => e !== undefined);
  const events = all.filter((e) => e.kind !== 'limit').sort((a, b) => compareEvents(a, b, scheme));
  const groups: Group[] = [];
  let state = false;
  for (let i = 0; i < events.length; ) {
    const head = events[i]!;
    let opened = 0;
    let fixed = 0;
    let last = 0;
    let j = i;
    for (; j < events.length && compareEvents(head, events[j]!, scheme) === 0; j++) {
      const kind = events[j]!.kind;
      if (kind === 'introduced') opened++;
      else if (kind === 'fixed') fixed++;
      else last++;
    }
    // An opening and a closing at one version cancel out; only a surplus changes the state.
    const atNet = opened - fixed;
    const aboveNet = opened - fixed - last;
    const atVersion = atNet !== 0 ? atNet > 0 : state;
    state = aboveNet !== 0 ? aboveNet > 0 : state;
    groups.push({ version: isZero(head) ? null : head.version, atVersion, above: state });
    i = j;
  }
  return { groups, limits: all.filter((e) => e.kind === 'limit') };
}

/**
 * The spec compares `versions` entries by string; equal-but-differently-written versions
 * (`1.0` and `1.0.0` in Maven, `v0.17.0` and `0.17.0` in Go) count too when the scheme accepts both,
 * since strings it rejects compare by code units and would otherwise never be "equal".
 */
function listed(version: string, versions: string[], scheme: VersionScheme): boolean {
  if (versions.length === 0) return false;
  if (versions.includes(version)) return true;
  if (!scheme.isValid(version)) return false;
  // The valid entries, sorted once per list and ordering; then a bisection per question.
  const sorted = memoized(sortedLists, versions, scheme, () => versions.filter((v) => scheme.isValid(v)).sort((a, b) => scheme.compare(a, b)));
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = scheme.compare(sorted[mid]!, version);
    if (c === 0) return true;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const sortedLists = new WeakMap<string[], Map<VersionScheme, string[]>>();
const fixedLists = new WeakMap<AffectedPackage, Map<VersionScheme, string[]>>();

/** A value derived from an immutable record part once per ordering, kept while the part lives. */
function memoized<K extends object, V>(cache: WeakMap<K, Map<VersionScheme, V>>, key: K, scheme: VersionScheme, make: () => V): V {
  let byScheme = cache.get(key);
  const hit = byScheme?.get(scheme);
  if (hit !== undefined) return hit;
  const value = make();
  if (!byScheme) cache.set(key, (byScheme = new Map<VersionScheme, V>()));
  byScheme.set(scheme, value);
  return value;
}

/** The ordering a range's event versions follow. */
function schemeForRange(range: AffectedRange, scheme: VersionScheme): VersionScheme | undefined {
  if (range.type === 'SEMVER') return SEMVER_SCHEME;
  if (range.type === 'ECOSYSTEM') return scheme;
  return undefined;
}

/** Whether `version` of the package is affected, per the OSV evaluation algorithm, and why. */
export function affects(pkg: AffectedPackage, version: string, scheme: VersionScheme = schemeForEcosystem(pkg.ecosystem)): Verdict {
  if (listed(version, pkg.versions, scheme)) return { affected: true, by: 'versions', unevaluated: false };
  if (inAnyRange(pkg, version, scheme)) return { affected: true, by: 'range', unevaluated: false };
  return { affected: false, by: null, unevaluated: pkg.ranges.some((r) => r.type === 'GIT') };
}

/**
 * Whether the package's only evidence is GIT ranges: commits, which a version string cannot be placed
 * among. Such an entry is never found affecting a version, and a scan says it was not evaluated.
 */
export function onlyCommitRanges(pkg: AffectedPackage): boolean {
  return pkg.versions.length === 0 && pkg.ranges.length > 0 && pkg.ranges.every((r) => r.type === 'GIT');
}

/** `affects(…).affected` without building a verdict: the matching loop asks this millions of times. */
export function isAffected(pkg: AffectedPackage, version: string, scheme: VersionScheme): boolean {
  return listed(version, pkg.versions, scheme) || inAnyRange(pkg, version, scheme);
}

function inAnyRange(pkg: AffectedPackage, version: string, scheme: VersionScheme): boolean {
  for (const range of pkg.ranges) {
    const order = schemeForRange(range, scheme);
    if (order && inRange(version, range, order)) return true;
  }
  return false;
}

/**
 * Every version the evaluation of `pkg` (affects, isAffected, closestUpgrade) compares a queried
 * version with, by the ordering it compares in. A version's answer depends only on how it compares
 * with these, so versions that compare alike with all of them share one answer: the matching index
 * finds a version's place among them by bisection and evaluates each place once.
 */
export function comparedVersions(pkg: AffectedPackage, scheme: VersionScheme, visit: (order: VersionScheme, version: string) => void): void {
  for (const range of pkg.ranges) {
    const order = schemeForRange(range, scheme);
    if (!order) continue;
    for (const raw of range.events) {
      const e = eventOf(raw);
      if (!e || isZero(e) || (e.kind === 'limit' && e.version.includes('*'))) continue;
      visit(order, e.version);
    }
  }
  for (const version of pkg.versions) if (scheme.isValid(version)) visit(scheme, version);
  for (const version of fixedVersions(pkg, scheme)) visit(scheme, version);
}

/** Sorts by the scheme and drops versions the scheme calls equal (the first spelling stays). */
export function sortedUnique(versions: Iterable<string>, scheme: VersionScheme): string[] {
  const sorted = [...new Set(versions)].sort((a, b) => scheme.compare(a, b));
  return sorted.filter((v, i) => i === 0 || scheme.compare(sorted[i - 1]!, v) !== 0);
}

/** Every `fixed` version of the package's SEMVER and ECOSYSTEM ranges, ascending, without duplicates. */
export function fixedVersions(pkg: AffectedPackage, scheme: VersionScheme = schemeForEcosystem(pkg.ecosystem)): string[] {
  return memoized(fixedLists, pkg, scheme, () => {
    const fixed = pkg.ranges
      .filter((r) => r.type !== 'GIT')
      .flatMap((r) => r.events.flatMap((e) => (e.fixed === undefined ? [] : [e.fixed])));
    return sortedUnique(fixed, scheme);
  });
}

/**
 * The lowest fixed version above `version` that none of the entries (one package, possibly from
 * many vulnerabilities) affects; null when there is none. Only `fixed` events are candidates:
 * the release after a `last_affected` is unknown, and GIT fixes are commits, not versions.
 */
export function closestUpgrade(version: string, pkgs: AffectedPackage[], scheme: VersionScheme): string | null {
  const candidates = sortedUnique(pkgs.flatMap((p) => fixedVersions(p, scheme)), scheme);
  // The entry that ruled out the last candidate usually rules out the next one too: ask it first.
  const order = [...pkgs];
  for (const candidate of candidates) {
    if (scheme.compare(candidate, version) <= 0) continue;
    const blocker = order.findIndex((p) => isAffected(p, candidate, scheme));
    if (blocker === -1) return candidate;
    if (blocker > 0) order.unshift(...order.splice(blocker, 1));
  }
  return null;
}
