/**
 * The location rule of deduplication: whether two findings of one scope (target + file) are the
 * same place in the code. Evidence, strongest first:
 *
 * - `symbol` — both name the same symbol (score 0.95);
 * - `named` — a function one of them names (its symbol, or a symbol some report of this scope gave
 *   and its text mentions) is named by the other too, in its symbol or its text (score 0.9). Tools
 *   disagree on the symbol (the caller, the enclosing method) and on lines far more than on the
 *   function their text is about;
 * - `line` — neither contradicts the other's symbol and the start lines are within the tolerance
 *   (score 0.85).
 *
 * CWE classes must meet. When one side names no CWE, the weakness is unknown: the two texts must
 * then also share at least {@link UNKNOWN_CWE_OVERLAP} of their words, or two weaknesses found in
 * one function would join.
 */
export interface LocEntry {
  item: number;
  line: number | null;
  symbol: string | null;
  /** the symbol's last segment, lowercased and hashed like a text word; -1 when none */
  symbolWord: number;
  /** CWE classes */
  cwes: readonly string[];
  /** the finding's text words: `words.data[from…to)`, sorted, each once */
  from: number;
  to: number;
  /** symbol words this finding names: its own symbol's, and those of its scopes' symbols its text mentions */
  named: readonly number[];
}

export interface Located {
  score: number;
  detail: string;
}

/** Share of common words two texts need when a side names no CWE. */
export const UNKNOWN_CWE_OVERLAP = 0.2;

/** The located findings' word sets, back to back in one growing array (no typed array per finding). */
export class WordSets {
  data = new Int32Array(1 << 16);
  private used = 0;

  /** Stores the distinct words, sorted; returns where they start (they end at `end`). */
  add(words: readonly number[]): number {
    const from = this.used;
    if (from + words.length > this.data.length) {
      const grown = new Int32Array(Math.max(from + words.length, this.data.length * 2));
      grown.set(this.data.subarray(0, from));
      this.data = grown;
    }
    const d = this.data;
    for (let i = 0; i < words.length; i++) d[from + i] = words[i]!;
    d.subarray(from, from + words.length).sort();
    let n = from;
    for (let i = from; i < from + words.length; i++) if (i === from || d[i] !== d[n - 1]) d[n++] = d[i]!;
    this.used = n;
    return from;
  }

  get end(): number {
    return this.used;
  }

  has(from: number, to: number, w: number): boolean {
    const d = this.data;
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = d[mid]!;
      if (v === w) return true;
      if (v < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Jaccard similarity of two stored sets. */
  overlap(a: LocEntry, b: LocEntry): number {
    const d = this.data;
    let i = a.from;
    let j = b.from;
    let both = 0;
    while (i < a.to && j < b.to) {
      const x = d[i]!;
      const y = d[j]!;
      if (x === y) {
        both++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    const union = a.to - a.from + (b.to - b.from) - both;
    return union === 0 ? 0 : both / union;
  }
}

/** A symbol word `x` names that `e` names too (in its symbol or its text), or -1. */
function sharedName(x: LocEntry, e: LocEntry, words: WordSets): number {
  for (const w of x.named) if (w === e.symbolWord || words.has(e.from, e.to, w)) return w;
  for (const w of e.named) if (w === x.symbolWord || words.has(x.from, x.to, w)) return w;
  return -1;
}

export interface LocateContext {
  words: WordSets;
  tolerance: number;
  /** a symbol word's spelling, for the explanation */
  names(w: number): string;
  idOf(item: number): string;
}

/**
 * Whether `x` and `e`, of one scope, are one place: the score, or 0. The sentence saying why is
 * written only when asked for (`explain`), as a scope's scan compares hundreds of entries and
 * keeps one.
 */
export function locate(x: LocEntry, e: LocEntry, c: LocateContext): number;
export function locate(x: LocEntry, e: LocEntry, c: LocateContext, explain: true): Located | null;
export function locate(x: LocEntry, e: LocEntry, c: LocateContext, explain = false): number | Located | null {
  const found = (score: number, detail: () => string): number | Located => (explain ? { score, detail: detail() } : score);
  const none = explain ? null : 0;
  let anyShared = false;
  for (const cwe of x.cwes) if (e.cwes.includes(cwe)) anyShared = true;
  if (!anyShared) {
    if (x.cwes.length && e.cwes.length) return none;
    if (c.words.overlap(x, e) < UNKNOWN_CWE_OVERLAP) return none;
  }
  const cwe = (): string => (anyShared ? `, ${x.cwes.filter((k) => e.cwes.includes(k)).join(', ')}` : '');
  if (x.symbol !== null && x.symbol === e.symbol) return found(0.95, () => `symbol ${x.symbol ?? ''}${cwe()}`);
  const w = sharedName(x, e, c.words);
  if (w !== -1) {
    return found(0.9, () => {
      if (w === e.symbolWord) return `its text names ${e.symbol ?? ''}${cwe()}`;
      if (w === x.symbolWord) return `the text of ${c.idOf(e.item)} names ${x.symbol ?? ''}${cwe()}`;
      return `both texts name ${c.names(w)}${cwe()}`;
    });
  }
  if (x.symbol !== null && e.symbol !== null) return none;
  if (x.line !== null && e.line !== null && Math.abs(x.line - e.line) <= c.tolerance) return found(0.85, () => `line ${x.line ?? ''} vs ${e.line ?? ''}${cwe()}`);
  return none;
}
