import { BANDS, fmix32 } from './similarity.js';

/**
 * LSH buckets over numbered items. A bucket that fills up (`maxBucket` items) is a stop bucket: it
 * takes no more items and queries skip it. A band value that many findings share comes from
 * boilerplate (a tool's help text, a template), not from one root cause, and scanning it would
 * compare every new finding with hundreds of unrelated ones. True duplicates share many bands, so
 * losing the crowded ones costs little.
 *
 * One open-addressing table over all bands, each slot's key, count and latest posting side by side
 * (one cache line per probe), postings chained through a typed array: a Map of arrays per band
 * costs ~80 bytes and several pointer chases per posting, and every finding adds one posting per band.
 * A slot's key is the band value mixed with the band number: two (band, value) pairs that mix to one
 * key (a 2⁻³² chance) only add a candidate, which the similarity check then rejects.
 */
export class LshIndex {
  private capacity = 1 << 18;
  /** per slot: [key, count (0: empty), latest posting (item × BANDS + band)] */
  private table = new Int32Array(this.capacity * SLOT);
  /** posting → the previous posting of its bucket, or -1 */
  private next = new Int32Array(1 << 16);
  private used = 0;
  private stamp = new Uint32Array(1024);
  private query = 0;
  /** candidates' buckets (table offsets), sparsest first */
  private readonly order = new Int32Array(BANDS);

  constructor(private readonly maxBucket = 64) {
    if (!(maxBucket >= 1)) throw new RangeError('maxBucket must be ≥ 1');
  }

  add(item: number, keys: Int32Array): void {
    if ((item + 1) * BANDS > this.next.length) {
      const grown = new Int32Array(Math.max((item + 1) * BANDS, this.next.length * 2));
      grown.set(this.next);
      this.next = grown;
    }
    for (let b = 0; b < BANDS; b++) {
      if (this.used * 10 >= this.capacity * 7) this.grow();
      const t = this.table;
      const k = slotKey(keys[b]!, b);
      const s = this.find(k);
      if (t[s + 1] === 0) {
        t[s] = k;
        t[s + 2] = -1;
        this.used++;
      } else if (t[s + 1]! >= this.maxBucket) continue;
      const posting = item * BANDS + b;
      this.next[posting] = t[s + 2]!;
      t[s + 2] = posting;
      t[s + 1] = t[s + 1]! + 1;
    }
  }

  /**
   * Distinct items sharing at least one band with `keys`, each once (latest first within a bucket).
   * The least crowded buckets are walked first and at most `budget` postings in all: when every band
   * is crowded (one scanner's identical boilerplate across thousands of targets), the walk would
   * otherwise pass thousands of postings per query, while a true duplicate shares several bands and
   * almost always a sparse one.
   */
  candidates(keys: Int32Array, visit: (item: number) => void, budget = 128): void {
    this.query = (this.query + 1) >>> 0 || 1;
    if (this.query === 1) this.stamp.fill(0);
    const t = this.table;
    const order = this.order;
    let n = 0;
    for (let b = 0; b < BANDS; b++) {
      const s = this.find(slotKey(keys[b]!, b));
      if (t[s + 1] === 0 || t[s + 1]! >= this.maxBucket) continue;
      // insertion sort by count: at most BANDS entries
      let i = n++;
      while (i > 0 && t[order[i - 1]! + 1]! > t[s + 1]!) {
        order[i] = order[i - 1]!;
        i--;
      }
      order[i] = s;
    }
    let walked = 0;
    for (let k = 0; k < n; k++) {
      for (let p = t[order[k]! + 2]!; p !== -1; p = this.next[p]!) {
        if (walked++ >= budget) return;
        const item = (p / BANDS) | 0;
        if (item >= this.stamp.length) {
          const grown = new Uint32Array(Math.max(item + 1, this.stamp.length * 2));
          grown.set(this.stamp);
          this.stamp = grown;
        }
        if (this.stamp[item] === this.query) continue;
        this.stamp[item] = this.query;
        visit(item);
      }
    }
  }

  /** The table offset of the slot holding `key`, or of the empty slot where it would go. */
  private find(key: number): number {
    const t = this.table;
    const mask = this.capacity - 1;
    // keys are murmur-mixed already: their low bits are the home slot
    for (let s = key & mask; ; s = (s + 1) & mask) {
      const at = s * SLOT;
      if (t[at + 1] === 0 || t[at] === key) return at;
    }
  }

  private grow(): void {
    const old = this.table;
    this.capacity *= 2;
    this.table = new Int32Array(this.capacity * SLOT);
    for (let i = 0; i < old.length; i += SLOT) {
      if (old[i + 1] === 0) continue;
      const s = this.find(old[i]!);
      this.table[s] = old[i]!;
      this.table[s + 1] = old[i + 1]!;
      this.table[s + 2] = old[i + 2]!;
    }
  }
}

const SLOT = 3;
const slotKey = (value: number, band: number): number => fmix32(value ^ Math.imul(band + 1, 0x9e3779b1)) | 0;
