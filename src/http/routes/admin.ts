import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import {
  createOrg, createToken, createUser, getOrg, listOrgs, listTokens, listUsers, revokeToken, setUserDisabled,
} from '../../app/identity.js';
import { auditLog, verifyAuditLog } from '../../app/audit.js';
import { errors, Org, Token, User } from '../schemas.js';

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const adminRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/orgs', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(Org) }), ...errors } } }, async (request) => ({ items: await listOrgs(ctx, request.actor) }));
  app.get('/orgs/:id', { schema: { tags: ['admin'], params: Id, response: { 200: Org, ...errors } } }, (request) => getOrg(ctx, request.actor, request.params.id));
  app.post(
    '/orgs',
    {
      schema: {
        tags: ['admin'],
        body: Type.Object(
          { slug: Type.String({ maxLength: 63 }), name: Type.String({ maxLength: 200 }), roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 6 }) },
          { additionalProperties: false },
        ),
        response: { 201: Org, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrg(ctx, request.actor, request.body)),
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['admin'],
        querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(User) }), ...errors },
      },
    },
    async (request) => ({ items: await listUsers(ctx, request.actor, request.query.org) }),
  );
  app.post(
    '/users',
    {
      schema: {
        tags: ['admin'],
        body: Type.Object(
          {
            orgId: Type.String({ maxLength: 64 }),
            email: Type.String({ maxLength: 320 }),
            name: Type.String({ maxLength: 200 }),
            password: Type.String({ maxLength: 1024 }),
            isAdmin: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(ctx, request.actor, { ...request.body, isAdmin: request.body.isAdmin ?? false })),
  );
  app.patch(
    '/users/:id',
    { schema: { tags: ['admin'], params: Id, body: Type.Object({ disabled: Type.Boolean() }, { additionalProperties: false }), response: { 200: User, ...errors } } },
    (request) => setUserDisabled(ctx, request.actor, request.params.id, request.body.disabled),
  );

  app.get('/tokens', { schema: { tags: ['admin'], response: { 200: Type.Object({ items: Type.Array(Token) }), ...errors } } }, async (request) => ({ items: await listTokens(ctx, request.actor) }));
  app.post(
    '/tokens',
    {
      schema: {
        tags: ['admin'],
        body: Type.Object(
          {
            name: Type.String({ maxLength: 200 }),
            scopes: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
            orgId: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Intersect([Token, Type.Object({ token: Type.String() })]), ...errors },
      },
    },
    async (request, reply) => {
      const { token, view } = await createToken(ctx, request.actor, request.body);
      return reply.status(201).header('Cache-Control', 'no-store').send({ ...view, token });
    },
  );
  app.delete('/tokens/:id', { schema: { tags: ['admin'], params: Id } }, async (request, reply) => {
    await revokeToken(ctx, request.actor, request.params.id);
    return reply.status(204).send();
  });

  app.get(
    '/audit',
    { schema: { tags: ['admin'], querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }) } },
    async (request) => ({ items: await auditLog(ctx, request.actor, request.query.limit ?? 50) }),
  );
  app.get('/audit/verify', { schema: { tags: ['admin'] } }, (request) => verifyAuditLog(ctx, request.actor));
  done();
};
