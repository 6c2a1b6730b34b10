import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { openContext, type AppContext } from '../app/context.js';
import { loadConfig } from '../config.js';
import { AppError, formatProblem, isAppError } from '../domain/errors.js';

export interface GlobalOptions {
  data?: string;
}

export function cliLogger(level = process.env.AICC_LOG_LEVEL ?? 'warn'): Logger {
  return pino({ level }, pino.destination(2));
}

/** Runs a command body on an opened context and always closes it. */
export async function withContext<T>(
  options: GlobalOptions,
  purpose: string,
  body: (ctx: AppContext) => Promise<T>,
  flags: { port?: number; host?: string; existing?: boolean } = {},
): Promise<T> {
  const { existing, ...listen } = flags;
  const config = loadConfig(process.env, { ...(options.data ? { dataDir: options.data } : {}), ...listen });
  // Commands that only read must not create an empty database behind a mistyped --data.
  if (existing && !config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    throw new AppError('NOT_FOUND', `no AICC database in ${config.dataDir} (check --data or AICC_DATA_DIR)`);
  }
  const ctx = await openContext(config, cliLogger(), purpose);
  try {
    return await body(ctx);
  } finally {
    await ctx.conn.close();
  }
}

/** For commands that only read: refuses a data directory that holds no database yet. */
export function withDatabase<T>(options: GlobalOptions, purpose: string, body: (ctx: AppContext) => Promise<T>): Promise<T> {
  return withContext(options, purpose, body, { existing: true });
}

/** Usage errors exit 2; everything else that fails exits 1, with a message and no stack. */
export class UsageError extends Error {}

export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`aicc: ${err.message}\n`);
    return 2;
  }
  if (isAppError(err)) {
    process.stderr.write(`aicc: ${err.message}\n`);
    for (const p of err.problems.slice(0, 50)) process.stderr.write(`  ${formatProblem(p)}\n`);
    return err.code === 'BAD_REQUEST' ? 2 : 1;
  }
  process.stderr.write(`aicc: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.env.AICC_DEBUG) process.stderr.write(`${err instanceof Error ? (err.stack ?? '') : ''}\n`);
  return 1;
}

export function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function integer(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer of at least ${min}, got '${value}'`);
    return n;
  };
}

export { AppError };
