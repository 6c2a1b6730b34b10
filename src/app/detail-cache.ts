/**
 * Serialized public (TLP:CLEAR) vulnerability details, kept in memory because detail reads
 * are the hottest path. Imports in this process clear it; the TTL bounds staleness when
 * several processes share one PostgreSQL.
 */
export class DetailCache {
  private readonly entries = new Map<string, { json: string; at: number }>();

  constructor(
    private readonly maxEntries = 20_000,
    private readonly ttlMs = 30_000,
  ) {}

  get(id: string, now = Date.now()): string | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs) {
      this.entries.delete(id);
      return undefined;
    }
    return e.json;
  }

  /** A cache of size 0 keeps nothing (benchmarks compare with and without it). */
  set(id: string, json: string, now = Date.now()): void {
    if (this.maxEntries === 0) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(id, { json, at: now });
  }

  clear(): void {
    this.entries.clear();
  }
}
