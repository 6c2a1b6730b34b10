import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { searchVulns, vulnDetailJson } from '../../app/vulnerabilities.js';
import { errors, SearchResult } from '../schemas.js';

const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    id: Type.Optional(Type.String({ maxLength: 100 })),
    purl: Type.Optional(Type.String({ maxLength: 500 })),
    ecosystem: Type.Optional(Type.String({ maxLength: 100 })),
    kev: Type.Optional(Type.Boolean()),
    epssMin: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    severity: Type.Optional(Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low'), Type.Literal('none')])),
    includeWithdrawn: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);

export const vulnerabilityRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/vulnerabilities', { schema: { tags: ['vulnerabilities'], querystring: SearchQuery, response: { 200: SearchResult, ...errors } } }, (request) => searchVulns(ctx, request.actor, request.query));

  app.get(
    '/vulnerabilities/:id',
    {
      schema: {
        tags: ['vulnerabilities'],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        // Sent pre-serialized from the detail cache; the shape is VulnDetail in docs/API.md.
        response: { 200: Type.Unknown({ description: 'VulnDetail (docs/API.md)' }), ...errors },
      },
    },
    async (request, reply) => reply.type('application/json; charset=utf-8').send(await vulnDetailJson(ctx, request.actor, request.params.id)),
  );
  done();
};
