/**
 * Cross-reporter deduplication, in memory: every added finding joins a case — an existing one when
 * a rule ties it to a finding already there, a new one otherwise — and the decision says why in a
 * sentence an analyst can check.
 *
 * Rules, strongest first (the first that matches decides; weaker matches to *other* cases are
 * listed in `otherCases` for an analyst to merge, never merged automatically):
 * 1. `fingerprint` — a shared fingerprint key (keys.ts: scoped by scheme, target, file).     score 1
 * 2. `alias` — a shared CVE/GHSA/… id.                                                          score 1
 * 3. `location` — same target + file, CWE classes in common (keys.ts `cweClass`), and
 *    - the same symbol (score 0.95; also allowed when either side names no CWE), or
 *    - one side names no symbol and its title/description/PoC names the other's (score 0.9), or
 *    - one side names no symbol and the start lines are within `lineTolerance` (score 0.85).
 *    Two findings naming different symbols never match by location. Targets are widened by what
 *    the index has learnt: a finding naming both a package and a repository links the two, so a
 *    later purl-only report meets an earlier repository-only one.
 * 4. `similar-text` — estimated Jaccard of title + description + PoC ≥ `similarityThreshold`
 *    (default 0.6) with a compatible finding: sharing a target (widened) when both name one, and
 *    not naming different symbols of the same file.                                    score = J
 * 5. `new` — a case of its own; the score is the best similarity seen below the threshold.
 *
 * Keys point to findings, not cases: each key remembers the first finding that carried it (its
 * owner), and a match joins the case the owner is in *now*. So after `merge` every key of the
 * absorbed case leads to the surviving case, and after `split(f)` the keys `f` owns go with `f`
 * to its new case (later findings carrying them follow it there), while keys `f` merely shared
 * stay with their owners in the old case.
 */
import type { Finding } from '../../domain/finding.js';
import { describeScope, exactKeys, locationKeys, targetsOf, type ExactKey } from './keys.js';
import { bandKeys, estimatedJaccard, findingText, fnv1a32, LshIndex, minhash, shingleHashes, tokenHashes } from './similarity.js';

export type DedupReason = 'fingerprint' | 'alias' | 'location' | 'similar-text' | 'new';

export interface DedupDecision {
  caseId: string;
  /** 0..1: 1 for exact keys, 0.95/0.85 for location by symbol/line, the estimated Jaccard otherwise */
  score: number;
  reason: DedupReason;
  matchedFindingId: string | null;
  explanation: string;
  /** other cases a weaker rule also pointed to (candidates for an analyst's merge) */
  otherCases: string[];
}

export interface DedupOptions {
  /** minimum estimated Jaccard for `similar-text` (default 0.6) */
  similarityThreshold?: number;
  /** start lines this close match by location when a symbol is missing (default 5) */
  lineTolerance?: number;
  /** LSH bucket cap (default 64): see LshIndex */
  maxBucket?: number;
  /** case ids are `${casePrefix}${n}` (default `C-`) */
  casePrefix?: string;
}

export interface CaseMember {
  findingId: string;
  reporterId: string;
  seenAt: Date;
}

export interface ReporterCredit {
  reporterId: string;
  /** the earliest `seenAt` of this reporter's findings in the case */
  firstSeen: Date;
  findingId: string;
}

export interface CaseMembers {
  caseId: string;
  /** in the order they were added */
  findings: CaseMember[];
  /** one per reporter, earliest first */
  reporters: ReporterCredit[];
}

interface Item {
  id: string;
  reporterId: string;
  seenAt: Date;
  caseId: string;
  targets: string[];
  file: string | null;
  symbol: string | null;
  sig: Int32Array | null;
}

/** One located finding inside a scope (target + file). */
interface LocEntry {
  item: number;
  line: number | null;
  symbol: string | null;
  /** the symbol's last segment, lowercased and hashed like a text word */
  symbolWord: number | null;
  cwes: string[];
  /** the finding's text words (hashes), to see whether it names another's symbol */
  words: Set<number>;
}

interface Match {
  reason: Exclude<DedupReason, 'new'>;
  item: number;
  score: number;
  detail: string;
}

/** At most this many entries of one scope are compared (the most recent). */
const MAX_SCOPE_SCAN = 256;

export class DedupIndex {
  private readonly threshold: number;
  private readonly tolerance: number;
  private readonly prefix: string;
  private readonly items: Item[] = [];
  private readonly byId = new Map<string, number>();
  private readonly cases = new Map<string, number[]>();
  private readonly exact = new Map<string, number>();
  private readonly byScope = new Map<string, LocEntry[]>();
  private readonly links = new Map<string, Set<string>>();
  private readonly lsh: LshIndex;
  private nextCase = 0;

  constructor(options: DedupOptions = {}) {
    this.threshold = options.similarityThreshold ?? 0.6;
    this.tolerance = options.lineTolerance ?? 5;
    this.prefix = options.casePrefix ?? 'C-';
    this.lsh = new LshIndex(options.maxBucket ?? 64);
    if (!(this.threshold > 0 && this.threshold <= 1)) throw new RangeError('similarityThreshold must be in (0, 1]');
    if (!(this.tolerance >= 0)) throw new RangeError('lineTolerance must be ≥ 0');
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * `known` puts the finding in a case decided earlier (rebuilding from the store, where analysts'
   * merges and splits live too) instead of deciding again; its keys are registered all the same.
   */
  add(findingId: string, finding: Finding, reporterId: string, seenAt: Date, known?: string): DedupDecision {
    if (this.byId.has(findingId)) throw new Error(`finding ${findingId} was already added`);
    const own = targetsOf(finding);
    this.link(own);
    const targets = this.widen(own);
    const exact = exactKeys(finding, targets);
    const loc = locationKeys(finding, targets);
    const words = tokenHashes(findingText(finding));
    const sig = minhash(shingleHashes(words));
    const item: Item = { id: findingId, reporterId, seenAt, caseId: '', targets: own, file: loc.file, symbol: loc.symbol, sig };
    const n = this.items.length;
    const entry: LocEntry | null = loc.scopes.length
      ? { item: n, line: loc.line, symbol: loc.symbol, symbolWord: loc.symbol ? symbolWord(loc.symbol) : null, cwes: loc.cwes, words: new Set(words) }
      : null;

    const matches: Match[] = [];
    this.matchExact(exact, matches);
    if (entry) this.matchLocation(loc.scopes, entry, matches);
    const bands = sig ? bandKeys(sig) : null;
    let best: Match | null = null;
    let bestBelow: Match | null = null;
    if (sig && bands) {
      this.lsh.candidates(bands, (other) => {
        const o = this.items[other]!;
        if (!o.sig || !compatible(item, targets, o)) return;
        const score = estimatedJaccard(sig, o.sig);
        const m: Match = { reason: 'similar-text', item: other, score, detail: '' };
        if (score >= this.threshold) {
          if (!best || score > best.score) best = m;
        } else if (!bestBelow || score > bestBelow.score) bestBelow = m;
      });
    }
    if (best) matches.push(best);

    const decided = matches[0];
    const caseId = known ?? (decided ? this.items[decided.item]!.caseId : `${this.prefix}${++this.nextCase}`);
    if (known?.startsWith(this.prefix)) this.nextCase = Math.max(this.nextCase, Number(known.slice(this.prefix.length)) || 0);
    item.caseId = caseId;
    this.items.push(item);
    this.byId.set(findingId, n);
    const members = this.cases.get(caseId);
    if (members) members.push(n);
    else this.cases.set(caseId, [n]);

    // Register: first carrier owns a key; every located finding is a line entry; every text is banded.
    for (const k of exact) if (!this.exact.has(k.key)) this.exact.set(k.key, n);
    if (entry) {
      for (const scope of loc.scopes) {
        const entries = this.byScope.get(scope);
        if (entries) entries.push(entry);
        else this.byScope.set(scope, [entry]);
      }
    }
    if (bands) this.lsh.add(n, bands);

    const otherCases = [...new Set(matches.map((m) => this.items[m.item]!.caseId))].filter((c) => c !== caseId);
    if (!decided) {
      const below = bestBelow as Match | null;
      const explanation =
        `no fingerprint, alias or location match, and no compatible text ${pct(this.threshold)} similar` +
        (below ? ` (closest: ${pct(below.score)} to ${this.who(below.item)})` : '') +
        '; new case';
      return { caseId, score: below ? below.score : 0, reason: 'new', matchedFindingId: null, explanation, otherCases };
    }
    return {
      caseId,
      score: decided.score,
      reason: decided.reason,
      matchedFindingId: this.items[decided.item]!.id,
      explanation: this.explain(decided),
      otherCases,
    };
  }

  /** The case a finding is in, or null for an unknown finding. */
  caseOf(findingId: string): string | null {
    const n = this.byId.get(findingId);
    return n === undefined ? null : this.items[n]!.caseId;
  }

  /** A case's findings and each reporter's first-seen time (credit); null for an unknown case. */
  members(caseId: string): CaseMembers | null {
    const list = this.cases.get(caseId);
    if (!list) return null;
    const findings = [...list].sort((a, b) => a - b).map((n) => {
      const it = this.items[n]!;
      return { findingId: it.id, reporterId: it.reporterId, seenAt: it.seenAt };
    });
    const credit = new Map<string, ReporterCredit>();
    for (const f of findings) {
      const c = credit.get(f.reporterId);
      if (!c || f.seenAt.getTime() < c.firstSeen.getTime()) credit.set(f.reporterId, { reporterId: f.reporterId, firstSeen: f.seenAt, findingId: f.findingId });
    }
    const reporters = [...credit.values()].sort((a, b) => a.firstSeen.getTime() - b.firstSeen.getTime() || (a.reporterId < b.reporterId ? -1 : 1));
    return { caseId, findings, reporters };
  }

  /** Every case id in creation order. */
  caseIds(): string[] {
    return [...this.cases.keys()];
  }

  /** Moves every finding of `caseB` into `caseA`; `caseA` survives and is returned. */
  merge(caseA: string, caseB: string): string {
    const a = this.cases.get(caseA);
    const b = this.cases.get(caseB);
    if (!a) throw new Error(`unknown case ${caseA}`);
    if (!b) throw new Error(`unknown case ${caseB}`);
    if (caseA === caseB) return caseA;
    for (const n of b) {
      this.items[n]!.caseId = caseA;
      a.push(n);
    }
    this.cases.delete(caseB);
    return caseA;
  }

  /**
   * Moves a finding to a new case of its own and returns that case (a finding already alone keeps
   * its case). The keys it owns go with it (see the module comment).
   */
  split(findingId: string): string {
    const n = this.byId.get(findingId);
    if (n === undefined) throw new Error(`unknown finding ${findingId}`);
    const item = this.items[n]!;
    const list = this.cases.get(item.caseId)!;
    if (list.length === 1) return item.caseId;
    list.splice(list.indexOf(n), 1);
    item.caseId = `${this.prefix}${++this.nextCase}`;
    this.cases.set(item.caseId, [n]);
    return item.caseId;
  }

  private matchExact(keys: ExactKey[], out: Match[]): void {
    // fingerprints come before aliases in `keys`, so the first hit is the strongest
    for (const k of keys) {
      const owner = this.exact.get(k.key);
      if (owner !== undefined) out.push({ reason: k.kind, item: owner, score: 1, detail: k.label });
    }
  }

  private matchLocation(scopes: string[], x: LocEntry, out: Match[]): void {
    let best: Match | null = null;
    let bestDistance = Infinity;
    for (const scope of scopes) {
      const entries = this.byScope.get(scope);
      if (!entries) continue;
      for (let i = entries.length - 1; i >= Math.max(0, entries.length - MAX_SCOPE_SCAN); i--) {
        const e = entries[i]!;
        const m = this.locate(x, e);
        if (!m) continue;
        const distance = x.line !== null && e.line !== null ? Math.abs(x.line - e.line) : Infinity;
        if (!best || m.score > best.score || (m.score === best.score && distance < bestDistance)) {
          best = { reason: 'location', item: e.item, score: m.score, detail: `${describeScope(scope)}, ${m.detail}` };
          bestDistance = distance;
        }
      }
    }
    if (best) out.push(best);
  }

  /** Whether two located findings of one scope are one place (see the module comment). */
  private locate(x: LocEntry, e: LocEntry): { score: number; detail: string } | null {
    const cweShared = x.cwes.some((c) => e.cwes.includes(c));
    const cweUnknown = x.cwes.length === 0 || e.cwes.length === 0;
    if (x.symbol && e.symbol) {
      if (x.symbol !== e.symbol || !(cweShared || cweUnknown)) return null;
      return { score: 0.95, detail: `symbol ${x.symbol}${cweShared ? `, ${x.cwes.filter((c) => e.cwes.includes(c)).join(', ')}` : ''}` };
    }
    if (!cweShared) return null;
    const cwe = x.cwes.filter((c) => e.cwes.includes(c)).join(', ');
    if (e.symbolWord !== null && x.words.has(e.symbolWord)) return { score: 0.9, detail: `its text names ${e.symbol ?? ''}, ${cwe}` };
    if (x.symbolWord !== null && e.words.has(x.symbolWord)) return { score: 0.9, detail: `the text of ${this.items[e.item]!.id} names ${x.symbol ?? ''}, ${cwe}` };
    if (x.line !== null && e.line !== null && Math.abs(x.line - e.line) <= this.tolerance) {
      return { score: 0.85, detail: `line ${x.line} vs ${e.line}, ${cwe}` };
    }
    return null;
  }

  /** Records that the targets one finding names are the same project. */
  private link(targets: string[]): void {
    if (targets.length < 2) return;
    for (const t of targets) {
      let set = this.links.get(t);
      if (!set) this.links.set(t, (set = new Set()));
      for (const u of targets) if (u !== t) set.add(u);
    }
  }

  /** A finding's targets plus those linked to them. */
  private widen(targets: string[]): string[] {
    if (!targets.some((t) => this.links.has(t))) return targets;
    const out = new Set(targets);
    for (const t of targets) for (const u of this.links.get(t) ?? []) out.add(u);
    return [...out];
  }

  private who(n: number): string {
    const it = this.items[n]!;
    return `${it.id} (reporter ${it.reporterId})`;
  }

  private explain(m: Match): string {
    switch (m.reason) {
      case 'fingerprint':
        return `same ${m.detail} as ${this.who(m.item)}`;
      case 'alias':
        return `shares ${m.detail} with ${this.who(m.item)}`;
      case 'location':
        return `same location as ${this.who(m.item)}: ${m.detail}`;
      case 'similar-text':
        return `title, description and PoC text ${pct(m.score)} similar to ${this.who(m.item)} (estimated Jaccard of word 3-shingles, threshold ${pct(this.threshold)})`;
    }
  }
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** `Foo.getUser` → the hash of the text word `getuser`. */
const symbolWord = (symbol: string): number | null => {
  const last = symbol.slice(symbol.lastIndexOf('.') + 1).toLowerCase();
  return last.length >= 3 && /^[\p{L}\p{N}_]+$/u.test(last) ? fnv1a32(last) : null;
};

/**
 * Whether text similarity may join two findings: when both name targets, they must share one
 * (templated reports about different projects read alike); and never different symbols of one file.
 */
function compatible(a: Item, aTargets: string[], b: Item): boolean {
  if (aTargets.length && b.targets.length && !b.targets.some((t) => aTargets.includes(t))) return false;
  if (a.symbol && b.symbol && a.symbol !== b.symbol && a.file !== null && a.file === b.file) return false;
  return true;
}
