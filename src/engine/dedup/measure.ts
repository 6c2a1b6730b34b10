/**
 * Pairwise quality of deduplication on labelled findings: a pair of findings is *predicted* when
 * the index put both in one case and *actual* when they share a root cause. Precision = correct /
 * predicted pairs, recall = correct / actual pairs (1 when there are no pairs to find or to get
 * wrong). Counted per case and root cause in O(n), never over all pairs.
 */
import { DedupIndex, type DedupDecision, type DedupOptions, type DedupReason } from './index.js';
import type { LabelledFinding } from './synthetic.js';

export interface DedupMeasure {
  precision: number;
  recall: number;
  pairs: { predicted: number; actual: number; correct: number };
  /** wall time of the `add` calls */
  ms: number;
  /** decisions by reason */
  reasons: Record<DedupReason, number>;
  cases: number;
  rootCauses: number;
}

const pairsOf = (n: number): number => (n * (n - 1)) / 2;

export function measureDedup(findings: readonly LabelledFinding[], options: DedupOptions = {}): DedupMeasure {
  const index = new DedupIndex(options);
  const decisions: DedupDecision[] = new Array<DedupDecision>(findings.length);
  const started = performance.now();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    decisions[i] = index.add(f.findingId, f.finding, f.reporterId, f.seenAt);
  }
  const ms = performance.now() - started;
  const reasons: Record<DedupReason, number> = { fingerprint: 0, alias: 0, location: 0, 'similar-text': 0, new: 0 };
  for (const d of decisions) reasons[d.reason]++;
  return { ...scorePairs(findings.map((f) => [index.caseOf(f.findingId)!, f.rootCause])), ms, reasons };
}

/** Pairwise precision/recall of (predicted case, true root cause) labels. */
export function scorePairs(labels: ReadonlyArray<readonly [string, string]>): Omit<DedupMeasure, 'ms' | 'reasons'> {
  const byCase = new Map<string, number>();
  const byRoot = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const [c, r] of labels) {
    byCase.set(c, (byCase.get(c) ?? 0) + 1);
    byRoot.set(r, (byRoot.get(r) ?? 0) + 1);
    const both = `${c}\u0000${r}`;
    byBoth.set(both, (byBoth.get(both) ?? 0) + 1);
  }
  let predicted = 0;
  let actual = 0;
  let correct = 0;
  for (const n of byCase.values()) predicted += pairsOf(n);
  for (const n of byRoot.values()) actual += pairsOf(n);
  for (const n of byBoth.values()) correct += pairsOf(n);
  return {
    precision: predicted === 0 ? 1 : correct / predicted,
    recall: actual === 0 ? 1 : correct / actual,
    pairs: { predicted, actual, correct },
    cases: byCase.size,
    rootCauses: byRoot.size,
  };
}
