import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { signIn, signOut } from '../../app/identity.js';
import { SignInThrottle } from '../../app/sign-in-throttle.js';
import { AppError } from '../../domain/errors.js';
import { SESSION_COOKIE } from '../auth.js';
import { errors, SessionUser } from '../schemas.js';

export const sessionRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const throttle = new SignInThrottle();
  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        body: Type.Object({ email: Type.String({ maxLength: 320 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ user: SessionUser }), ...errors },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      throttle.check(request.ip, email);
      let signedIn;
      try {
        signedIn = await signIn(ctx, email, password);
      } catch (err) {
        throttle.fail(request.ip, email);
        throw err;
      }
      throttle.succeed(request.ip, email);
      const { session, user } = signedIn;
      reply.setCookie(SESSION_COOKIE, session, {
        path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: ctx.config.sessionHours * 3600,
      });
      return { user };
    },
  );

  app.get('/session', { schema: { tags: ['session'], response: { 200: Type.Object({ user: SessionUser }), ...errors } } }, (request) => {
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
