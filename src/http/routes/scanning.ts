import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { claimTarget, coverage, listTargets, registerTarget, releaseClaim, submitScanReport, weighTarget } from '../../app/scanning.js';
import { Claim, Coverage, errors, ScanReport, ScanTarget } from '../schemas.js';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['scanning'];

/** Scan coordination: targets by criticality, claims under leases, reports, coverage. */
export const scanningRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/scan-targets', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(ScanTarget) }), ...errors } } }, async (request) => ({
    items: await listTargets(ctx, request.actor),
  }));

  app.post(
    '/scan-targets',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('package'), Type.Literal('repository'), Type.Literal('product')]),
            purl: Type.Optional(Type.String({ maxLength: 1000 })),
            url: Type.Optional(Type.String({ maxLength: 1000 })),
            vendor: Type.Optional(Type.String({ maxLength: 200 })),
            product: Type.Optional(Type.String({ maxLength: 200 })),
            weight: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ScanTarget, 201: ScanTarget, ...errors },
      },
    },
    async (request, reply) => {
      const { created, ...target } = await registerTarget(ctx, request.actor, request.body);
      return reply.code(created ? 201 : 200).send(target);
    },
  );

  app.patch(
    '/scan-targets/:id',
    { schema: { tags, params: Id, body: Type.Object({ weight: Type.Integer({ minimum: 0, maximum: 10 }) }, { additionalProperties: false }), response: { 200: ScanTarget, ...errors } } },
    (request) => weighTarget(ctx, request.actor, request.params.id, request.body.weight),
  );

  app.post(
    '/scan-targets/:id/claims',
    {
      schema: {
        tags,
        params: Id,
        body: Type.Object(
          { scope: Type.String({ minLength: 1, maxLength: 500 }), method: Type.String({ minLength: 1, maxLength: 200 }), hours: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: { 201: Claim, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await claimTarget(ctx, request.actor, request.params.id, request.body)),
  );

  app.delete('/claims/:id', { schema: { tags, params: Id, response: { 200: Claim, ...errors } } }, (request) => releaseClaim(ctx, request.actor, request.params.id));

  app.post(
    '/scan-reports',
    {
      schema: {
        tags,
        body: Type.Object(
          {
            targetId: Type.String({ format: 'uuid' }),
            claimId: Type.Optional(Type.String({ format: 'uuid' })),
            revision: Type.String({ minLength: 1, maxLength: 200, description: 'the version or commit scanned' }),
            tool: Type.String({ minLength: 1, maxLength: 200, description: 'tool or model' }),
            toolVersion: Type.String({ minLength: 1, maxLength: 100 }),
            runId: Type.String({ minLength: 1, maxLength: 200, description: 'the idempotency key: a retry with the same run id changes nothing' }),
            durationSeconds: Type.Integer({ minimum: 0 }),
            findings: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ScanReport, 201: ScanReport, ...errors },
      },
    },
    async (request, reply) => {
      const { report, created } = await submitScanReport(ctx, request.actor, request.body);
      return reply.code(created ? 201 : 200).send(report);
    },
  );

  app.get('/coverage', { schema: { tags, response: { 200: Coverage, ...errors } } }, (request) => coverage(ctx, request.actor));
  done();
};
