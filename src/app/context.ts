import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { connect, type Connection } from '../store/connection.js';
import { lockDataDir } from '../store/lock.js';
import { migrate } from '../store/migrate.js';
import { DetailCache } from './detail-cache.js';
import type { InventoryIndex } from '../engine/inventory-index.js';
import type { VulnIndex } from '../engine/vuln-index.js';
import type { DedupIndex } from '../engine/dedup/index.js';
import { buildDedupIndex } from './intake.js';
import { IndexHolder, inventoryIndexHolder, vulnIndexHolder } from './matching.js';

/** Everything a use case needs, built once at start. */
export interface AppContext {
  readonly config: Config;
  readonly conn: Connection;
  readonly log: Logger;
  readonly details: DetailCache;
  readonly matching: IndexHolder<VulnIndex>;
  readonly inventories: IndexHolder<InventoryIndex>;
  /** cross-reporter deduplication of submitted findings */
  readonly dedup: IndexHolder<DedupIndex>;
}

/** Opens the database (locking an embedded data directory to this process) and migrates it. */
export async function openContext(config: Config, log: Logger, purpose: string): Promise<AppContext> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, purpose);
  let conn: Connection;
  try {
    conn = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    unlock();
    throw err;
  }
  const opened = conn;
  conn = {
    ...opened,
    close: async () => {
      try {
        await opened.close();
      } finally {
        unlock();
      }
    },
  };
  try {
    const report = await migrate(conn);
    if (report.applied.length) log.info({ applied: report.applied }, 'database migrated');
  } catch (err) {
    await conn.close();
    throw err;
  }
  return { config, conn, log, details: new DetailCache(), matching: vulnIndexHolder(), inventories: inventoryIndexHolder(), dedup: new IndexHolder(buildDedupIndex) };
}

export function contextFor(conn: Connection, config: Config, log: Logger): AppContext {
  return { config, conn, log, details: new DetailCache(), matching: vulnIndexHolder(), inventories: inventoryIndexHolder(), dedup: new IndexHolder(buildDedupIndex) };
}
