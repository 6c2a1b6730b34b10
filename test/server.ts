import pino from 'pino';
import { contextFor, type AppContext } from '../src/app/context.js';
import { DEMO_PASSWORD } from '../src/app/demo-data.js';
import { seedDemo } from '../src/app/demo.js';
import { loadConfig } from '../src/config.js';
import { buildServer, type Server } from '../src/http/server.js';
import { testDatabase, type Backend } from './db.js';

export interface TestServer {
  url: string;
  app: Server;
  ctx: AppContext;
  close(): Promise<void>;
  demo: {
    operator: { email: string; password: string };
    subscriber: { email: string; password: string };
    reporter: { email: string; password: string };
  };
}

/** The full server on a fresh demo-seeded database, on a random loopback port. */
export async function startTestServer(options: { backend?: Backend; env?: Record<string, string>; listen?: boolean } = {}): Promise<TestServer> {
  const conn = await testDatabase(options.backend ?? 'pglite');
  const config = loadConfig({ ...options.env, AICC_PORT: '0', AICC_LOG_LEVEL: 'warn' });
  const ctx = contextFor(conn, config, pino({ level: 'silent' }));
  await seedDemo(ctx);
  const app = await buildServer(ctx, { logger: false });
  const url = options.listen === false ? 'http://127.0.0.1' : await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    ctx,
    close: async () => {
      await app.close();
      await conn.close();
    },
    demo: {
      operator: { email: 'operator@aicc.example', password: DEMO_PASSWORD },
      subscriber: { email: 'subscriber@hospital.example', password: DEMO_PASSWORD },
      reporter: { email: 'reporter@lab.example', password: DEMO_PASSWORD },
    },
  };
}
