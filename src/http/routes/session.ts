import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { signIn, signOut } from '../../app/identity.js';
import { AppError } from '../../domain/errors.js';
import { SESSION_COOKIE } from '../auth.js';

export const sessionRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { session, user } = await signIn(ctx, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, session, {
        path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: ctx.config.sessionHours * 3600,
      });
      return { user };
    },
  );

  app.get('/session', { schema: { tags: ['session'] } }, (request) => {
    if (!request.sessionUser) throw new AppError('UNAUTHENTICATED', 'not signed in');
    return { user: request.sessionUser };
  });

  app.delete('/session', { schema: { tags: ['session'] } }, async (request, reply) => {
    const session = request.cookies[SESSION_COOKIE];
    if (session) await signOut(ctx, session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
  done();
};
