import { VulnIndex } from '../engine/vuln-index.js';
import type { VulnRow } from '../store/vulnerability-row.js';
import { indexableRecords } from '../store/vulnerabilities.js';
import type { Vulnerability } from '../domain/vulnerability.js';
import type { AppContext } from './context.js';

/** The process's matching index: built on first use (or at server start), then kept current. */
export class IndexHolder {
  private index: VulnIndex | null = null;
  private building: Promise<VulnIndex> | null = null;

  get(ctx: AppContext): Promise<VulnIndex> {
    if (this.index) return Promise.resolve(this.index);
    this.building ??= (async () => {
      const index = new VulnIndex();
      for await (const page of indexableRecords(ctx.conn.db)) for (const v of page) index.add(v);
      this.index = index;
      this.building = null;
      return index;
    })();
    return this.building;
  }

  /** Written rows reach the index at once when it exists; otherwise the next build reads them. */
  update(rows: Iterable<VulnRow>): void {
    if (!this.index) {
      this.building = null; // a build in flight may have read before these rows were committed
      return;
    }
    for (const row of rows) this.index.add((JSON.parse(row.json) as { record: Vulnerability }).record);
  }
}
