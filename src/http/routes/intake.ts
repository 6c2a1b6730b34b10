import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { getReceipt, submitFindings } from '../../app/intake.js';
import { AppError } from '../../domain/errors.js';
import { errors, Receipt } from '../schemas.js';

const TYPES = ['application/json', 'application/sarif+json'];

/** Reporters' findings in (SARIF, OSV, native JSON), a receipt per finding out. */
export const intakeRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.config.importLimit }, (_req, body, next) => next(null, body));
  const tags = ['intake'];

  app.post(
    '/submissions',
    {
      bodyLimit: ctx.config.importLimit,
      schema: {
        tags,
        querystring: Type.Object({ format: Type.Optional(Type.Union(['auto', 'sarif', 'osv', 'native'].map((f) => Type.Literal(f)))), name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
        headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Receipt, 201: Receipt, ...errors },
      },
    },
    async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `findings are JSON: ${TYPES.join(', ')}; got '${type || 'none'}'`);
      const out = await submitFindings(ctx, request.actor, {
        text: request.body as string,
        name: request.query.name ?? 'submission',
        format: request.query.format ?? 'auto',
        clientKey: request.headers['idempotency-key'],
      });
      return reply.code(out.status === 'accepted' ? 201 : 200).send(out);
    },
  );

  app.get('/submissions/:id', { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: Receipt, ...errors } } }, (request) =>
    getReceipt(ctx, request.actor, request.params.id),
  );
  done();
};
