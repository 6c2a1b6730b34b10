import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { MIGRATIONS } from '../../store/migrations/index.js';
import { envelope } from '../errors.js';

export const healthRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/health', { schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, () => ({ status: 'ok' as const }));

  app.get('/ready', { schema: { tags: ['health'] } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(ctx.conn.db);
      return { status: 'ready', database: ctx.conn.kind, schemaVersion: MIGRATIONS.at(-1)?.version ?? 0 };
    } catch (err) {
      ctx.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send(envelope('INTERNAL', 'database unreachable'));
    }
  });
  done();
};
