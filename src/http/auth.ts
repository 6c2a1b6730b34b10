import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Actor } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import { actorForToken, sessionUser, type SessionUser } from '../app/identity.js';
import type { AppContext } from '../app/context.js';

export const SESSION_COOKIE = 'aicc_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    sessionUser: SessionUser | null;
  }
}

/**
 * Every request gets an actor before any route runs: a bearer token (a bad one is refused),
 * else a live session cookie, else anonymous. Routes ask the policy, never the headers.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionUser', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = ANONYMOUS;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m?.[1]) throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
      request.actor = await actorForToken(ctx, m[1]);
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) {
      const found = await sessionUser(ctx, session);
      if (found) {
        request.actor = found.actor;
        request.sessionUser = found.user;
      }
    }
  });
}
