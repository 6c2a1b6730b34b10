import type { Vulnerability } from '../domain/vulnerability.js';
import { VulnIndex } from '../engine/vuln-index.js';
import type { VulnRow } from '../store/vulnerability-row.js';
import { indexableRecords } from '../store/vulnerabilities.js';
import type { AppContext } from './context.js';

/** The process's matching index: built on first use (or at server start), then kept current. */
export class IndexHolder {
  private index: VulnIndex | null = null;
  private building: Promise<VulnIndex> | null = null;
  /** bumped by every write that reaches no index, so a build that overlapped it is not kept */
  private generation = 0;

  get(ctx: AppContext): Promise<VulnIndex> {
    if (this.index) return Promise.resolve(this.index);
    if (this.building) return this.building;
    const started = this.generation;
    const build = (async () => {
      const index = new VulnIndex();
      for await (const page of indexableRecords(ctx.conn.db)) for (const v of page) index.add(v);
      // A write during the build may have been read or missed: keep the index only if none came.
      if (this.generation === started) this.index = index;
      return index;
    })().finally(() => {
      if (this.building === build) this.building = null;
    });
    this.building = build;
    return build;
  }

  /** Written rows reach the index at once when it exists; otherwise the next build reads them. */
  update(rows: Iterable<VulnRow>): void {
    if (!this.index) {
      this.generation++;
      this.building = null;
      return;
    }
    for (const row of rows) this.index.add((JSON.parse(row.json) as { record: Vulnerability }).record);
  }
}
