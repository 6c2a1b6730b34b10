import type { Command } from 'commander';
import { demoLogins, seedDemo } from '../app/demo.js';
import { buildServer } from '../http/server.js';
import { startJobs } from '../jobs/index.js';
import { integer, withContext, type GlobalOptions } from './runtime.js';

interface ServeOptions extends GlobalOptions {
  port?: number;
  host?: string;
  demo?: boolean;
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API server and web UI')
    .option('--port <n>', 'port to listen on (AICC_PORT, default 8080)', integer('--port'))
    .option('--host <addr>', 'address to bind (AICC_HOST, default 127.0.0.1)')
    .option('--data <dir>', 'embedded database directory (AICC_DATA_DIR, default ./.aicc)')
    .option('--demo', 'seed demo organizations, users and advisories into an empty database')
    .action(async (options: ServeOptions) => {
      const started = performance.now();
      const flags = { ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}) };
      await withContext(
        options,
        'aicc serve',
        async (ctx) => {
          const seeded = options.demo ? await seedDemo(ctx, { cases: true, tablesBeside: true }) : false;
          const app = await buildServer(ctx);
          // the queue exists before the first request can add to it; the server runs the workers itself
          const jobs = await startJobs(ctx, { workers: true });
          let address: string;
          try {
            address = await app.listen({ port: ctx.config.port, host: ctx.config.host });
          } catch (err) {
            await jobs.stop();
            throw err;
          }
          // The matching indexes build in the background once the server is ready; requests wait for them.
          ctx.matching
            .get(ctx)
            .then(() => ctx.inventories.get(ctx))
            .catch((err: unknown) => ctx.log.error({ err }, 'building the matching indexes failed'));
          const url = address.replace('127.0.0.1', 'localhost');
          const where = ctx.conn.kind === 'pglite' ? `embedded PostgreSQL in ${ctx.config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
          process.stdout.write(`AICC ready at ${url} in ${Math.round(performance.now() - started)} ms (${where})\n`);
          process.stdout.write(`API docs: ${url}/docs\n`);
          if (options.demo) {
            process.stdout.write(seeded ? 'Demo data seeded. Demo logins:\n' : 'Demo logins (seeded earlier):\n');
            for (const l of demoLogins()) process.stdout.write(`  ${l.email.padEnd(30)} ${l.password}   (${l.org}: ${l.roles.join(', ')})\n`);
          }
          await new Promise<void>((resolve) => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
          await app.close();
          // after the last request: running reproductions finish (bounded by their wall clocks), then the database closes
          await jobs.stop();
        },
        flags,
      );
    });
}
