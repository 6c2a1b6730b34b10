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
  flags: { port?: number; host?: string } = {},
): Promise<T> {
  const config = loadConfig(process.env, { ...(options.data ? { dataDir: options.data } : {}), ...flags });
  const ctx = await openContext(config, cliLogger(), purpose);
  try {
    return await body(ctx);
  } finally {
    await ctx.conn.close();
  }
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

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a non-negative integer, got '${value}'`);
    return n;
  };
}

export { AppError };
