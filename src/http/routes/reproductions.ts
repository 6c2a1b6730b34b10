import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { caseReproductions, getReproduction, listTargets, putTarget, requestReproduction, TARGET_LIMITS } from '../../app/reproductions.js';
import { jobsFor } from '../../jobs/index.js';
import { errors } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const TargetFields = { name: Type.String(), sha256: Type.String(), files: Type.Integer(), bytes: Type.Integer(), createdAt: Type.String() };
const Target = Type.Object(TargetFields);
const TargetPut = Type.Object({ ...TargetFields, status: Type.String({ description: 'created | unchanged' }) });

const Oracle = Type.Union([
  Type.Object({ kind: Type.Literal('exit-code'), expected: Type.Integer() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('marker'), text: Type.String() }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('crash'), signature: Type.Optional(Type.String()) }, { additionalProperties: false }),
]);
const limitFields = ['wallMs', 'cpuSeconds', 'memoryBytes', 'outputBytes', 'processes'] as const;
const Limits = Type.Object(Object.fromEntries(limitFields.map((k) => [k, Type.Integer()])) as Record<(typeof limitFields)[number], ReturnType<typeof Type.Integer>>);

const Run = Type.Object({
  exitCode: Nullable(Type.Integer()),
  signal: Nullable(Type.String()),
  timedOut: Type.Boolean(),
  killedFor: Nullable(Type.String({ description: 'time | output | memory | processes' })),
  wallMs: Type.Integer(),
  judgement: Type.String({ description: 'triggered | not-triggered | inconclusive' }),
  stdout: Type.String(),
  stderr: Type.String(),
  outputTruncated: Type.Boolean(),
});

const Reproduction = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  findingId: Type.String(),
  status: Type.String({ description: 'queued | running | done | error' }),
  verdict: Nullable(Type.String({ description: 'reproduced | fixed-version-clean | not-reproduced | inconclusive' })),
  reason: Nullable(Type.String()),
  spec: Type.Object({
    affected: Type.String(),
    fixed: Nullable(Type.String()),
    oracle: Oracle,
    command: Type.Array(Type.String()),
    limits: Limits,
    pocs: Type.Array(Type.String()),
  }),
  runs: Nullable(Type.Object({ affected: Run, fixed: Nullable(Run) })),
  error: Nullable(Type.String()),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

const TargetBody = Type.Object(
  {
    files: Type.Array(
      Type.Object({ path: Type.String(), content: Type.String({ description: 'base64' }), executable: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      { maxItems: TARGET_LIMITS.files },
    ),
  },
  { additionalProperties: false },
);

const RequestBody = Type.Object(
  {
    findingId: Type.String({ format: 'uuid' }),
    affected: Type.String({ minLength: 1, maxLength: 256 }),
    fixed: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 256 }))),
    oracle: Oracle,
    command: Type.Optional(Type.Array(Type.String())),
    limits: Type.Optional(Type.Partial(Limits, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

const CaseId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
/** JSON of 32 MiB of base64 content with paths and punctuation for 2,000 files. */
const TARGET_BODY_LIMIT = Math.ceil((TARGET_LIMITS.bytes * 4) / 3) + TARGET_LIMITS.files * (TARGET_LIMITS.pathLength + 100);

/** Proof-of-concept reproductions in the sandbox, and the target versions they run against (scope `triage`). */
export const reproductionRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const tags = ['reproductions'];

  app.put(
    '/repro-targets/:name',
    { bodyLimit: TARGET_BODY_LIMIT, schema: { tags, params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }) }), body: TargetBody, response: { 200: TargetPut, 201: TargetPut, ...errors } } },
    async (request, reply) => {
      const out = await putTarget(ctx, request.actor, request.params.name, request.body.files);
      return reply.code(out.status === 'created' ? 201 : 200).send(out);
    },
  );

  app.get('/repro-targets', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Target) }), ...errors } } }, async (request) => ({
    items: await listTargets(ctx, request.actor),
  }));

  app.post(
    '/cases/:id/reproductions',
    { schema: { tags, params: CaseId, body: RequestBody, response: { 202: Reproduction, ...errors } } },
    async (request, reply) => reply.code(202).send(await requestReproduction(ctx, request.actor, request.params.id, request.body, jobsFor(ctx))),
  );

  app.get('/cases/:id/reproductions', { schema: { tags, params: CaseId, response: { 200: Type.Object({ items: Type.Array(Reproduction) }), ...errors } } }, async (request) => ({
    items: await caseReproductions(ctx, request.actor, request.params.id),
  }));

  app.get('/reproductions/:id', { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 200: Reproduction, ...errors } } }, (request) =>
    getReproduction(ctx, request.actor, request.params.id),
  );
  done();
};
