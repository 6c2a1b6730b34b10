/**
 * Cross-reporter deduplication, in memory: every added finding joins a case — an existing one when
 * a rule ties it to a finding already there, a new one otherwise — and the decision says why in a
 * sentence an analyst can check.
 *
 * Rules, strongest first (the first that matches decides; weaker matches to *other* cases are
 * listed in `otherCases` for an analyst to merge, never merged automatically):
 * 1. `fingerprint` — a shared fingerprint key (keys.ts: scoped by scheme, target, file).     score 1
 * 2. `alias` — a shared CVE/GHSA/… id.                                                          score 1
 * 3. `location` — same target + file (location.ts): the same symbol (score 0.95), a function
 *    both name in their symbol or text (0.9), or start lines within `lineTolerance` when neither
 *    contradicts the other's symbol (0.85); CWE classes must meet (keys.ts `cweClass`), or, when
 *    a side names none, the texts must share a fifth of their words. Targets are widened by what
 *    the index has learnt: a finding naming both a package and a repository links the two, so a
 *    later purl-only report meets an earlier repository-only one; until such a link is known, a
 *    purl-only and a repository-only report meet when the package and repository names agree.
 * 4. `similar-text` — estimated Jaccard of title + description + PoC ≥ `similarityThreshold`
 *    (default 0.6) with a compatible finding: sharing a target (widened) when both name one, and
 *    not naming different symbols of the same file.                                    score = J
 * 5. `new` — a case of its own; the score is the best similarity seen below the threshold.
 * Text similarity is consulted only when no stronger rule decided, so `otherCases` lists the other
 * cases fingerprints, aliases and locations pointed to.
 *
 * Keys point to findings, not cases: each key remembers the first finding that carried it (its
 * owner), and a match joins the case the owner is in *now*. So after `merge` every key of the
 * absorbed case leads to the surviving case, and after `split(f)` the keys `f` owns go with `f`
 * to its new case (later findings carrying them follow it there), while keys `f` merely shared
 * stay with their owners in the old case.
 */
import type { Finding } from '../../domain/finding.js';
import { bridgeTargets, describeScope, exactKeys, locationKeys, targetsOf, type ExactKey } from './keys.js';
import { locate, WordSets, type LocateContext, type LocEntry } from './location.js';
import { LshIndex } from './lsh.js';
import { Signatures } from './signatures.js';
import { findingWords, fnv1a32 } from './similarity.js';

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
  /** the slot of its text's signature (Signatures), -1 for no text */
  sig: number;
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
  /** per scope, the symbol words its reports gave (to recognize a function named only in text) */
  private readonly scopeSymbols = new Map<string, Set<number>>();
  /** a symbol word's first spelling, for explanations */
  private readonly symbolNames = new Map<number, string>();
  private readonly links = new Map<string, Set<string>>();
  private readonly lsh: LshIndex;
  private readonly sigs = new Signatures();
  private readonly words = new WordSets();
  private readonly locating: LocateContext;
  private nextCase = 0;

  constructor(options: DedupOptions = {}) {
    this.threshold = options.similarityThreshold ?? 0.6;
    this.tolerance = options.lineTolerance ?? 5;
    this.prefix = options.casePrefix ?? 'C-';
    this.lsh = new LshIndex(options.maxBucket ?? 64);
    this.locating = { words: this.words, tolerance: this.tolerance, names: (w) => this.symbolNames.get(w) ?? '', idOf: (item) => this.items[item]!.id };
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
    const words = findingWords(finding);
    const sig = this.sigs.add(words);
    const item: Item = { id: findingId, reporterId, seenAt, caseId: '', targets: own, file: loc.file, symbol: loc.symbol, sig };
    const n = this.items.length;

    const matches: Match[] = [];
    this.matchExact(exact, matches);
    let located: { entry: LocEntry; store: string[] } | null = null;
    if (loc.scopes.length) {
      const bridge = bridgeTargets(targets);
      const inFile = (t: string) => `${t}\u0000${loc.file ?? '-'}`;
      const lookup = bridge.lookup.length ? [...loc.scopes, ...bridge.lookup.map(inFile)] : loc.scopes;
      const from = this.words.add(words);
      const sw = loc.symbol ? symbolWord(loc.symbol) : -1;
      const entry: LocEntry = { item: n, line: loc.line, symbol: loc.symbol, symbolWord: sw, cwes: loc.cwes, from, to: this.words.end, named: [] };
      entry.named = this.named(lookup, entry);
      located = { entry, store: bridge.store.length ? [...loc.scopes, ...bridge.store.map(inFile)] : loc.scopes };
      this.matchLocation(lookup, entry, matches);
    }
    let bestBelow: Match | null = null;
    if (!matches.length && sig !== -1) {
      let best: Match | null = null;
      this.lsh.candidates(this.sigs.bands, (other) => {
        const o = this.items[other]!;
        if (o.sig === -1 || !compatible(item, targets, o)) return;
        const score = this.sigs.similarity(sig, o.sig);
        // Ties go to the earliest finding, whatever order the buckets hand them out in.
        if (score >= this.threshold) {
          if (!best || score > best.score || (score === best.score && other < best.item)) best = { reason: 'similar-text', item: other, score, detail: '' };
        } else if (!bestBelow || score > bestBelow.score || (score === bestBelow.score && other < bestBelow.item)) bestBelow = { reason: 'similar-text', item: other, score, detail: '' };
      });
      if (best) matches.push(best);
    }

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
    if (located) this.register(located.store, located.entry);
    if (sig !== -1) this.lsh.add(n, this.sigs.bands);

    const otherCases = matches.length < 2 ? [] : [...new Set(matches.map((m) => this.items[m.item]!.caseId))].filter((c) => c !== caseId);
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
    let best: { entry: LocEntry; scope: string; score: number; distance: number } | null = null;
    for (const scope of scopes) {
      const entries = this.byScope.get(scope);
      if (!entries) continue;
      for (let i = entries.length - 1; i >= Math.max(0, entries.length - MAX_SCOPE_SCAN); i--) {
        const e = entries[i]!;
        const score = locate(x, e, this.locating);
        if (!score) continue;
        const distance = x.line !== null && e.line !== null ? Math.abs(x.line - e.line) : Infinity;
        if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { entry: e, scope, score, distance };
      }
    }
    if (!best) return;
    const located = locate(x, best.entry, this.locating, true)!;
    out.push({ reason: 'location', item: best.entry.item, score: best.score, detail: `${describeScope(best.scope)}, ${located.detail}` });
  }

  /** The symbol words a finding names: its own, and those its scopes' reports gave that its text mentions. */
  private named(scopes: string[], x: LocEntry): number[] {
    const out = x.symbolWord === -1 ? [] : [x.symbolWord];
    const words = this.words.data;
    for (const scope of scopes) {
      const symbols = this.scopeSymbols.get(scope);
      if (!symbols) continue;
      // Walk the smaller side: a busy file's reports name hundreds of symbols, a text has tens of words.
      if (symbols.size <= x.to - x.from) {
        for (const w of symbols) if (!out.includes(w) && this.words.has(x.from, x.to, w)) out.push(w);
      } else {
        for (let i = x.from; i < x.to; i++) if (symbols.has(words[i]!) && !out.includes(words[i]!)) out.push(words[i]!);
      }
    }
    return out;
  }

  private register(scopes: string[], entry: LocEntry): void {
    if (entry.symbolWord !== -1 && !this.symbolNames.has(entry.symbolWord)) this.symbolNames.set(entry.symbolWord, entry.symbol ?? '');
    for (const scope of scopes) {
      const entries = this.byScope.get(scope);
      if (entries) entries.push(entry);
      else this.byScope.set(scope, [entry]);
      if (entry.symbolWord === -1) continue;
      const symbols = this.scopeSymbols.get(scope);
      if (!symbols) this.scopeSymbols.set(scope, new Set([entry.symbolWord]));
      else symbols.add(entry.symbolWord);
    }
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

/** `Foo.getUser` → the hash of the text word `getuser`; -1 for a symbol no text word can spell. */
const symbolWord = (symbol: string): number => {
  const last = symbol.slice(symbol.lastIndexOf('.') + 1).toLowerCase();
  return last.length >= 3 && /^[\p{L}\p{N}_]+$/u.test(last) ? fnv1a32(last) | 0 : -1;
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
