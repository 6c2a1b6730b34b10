import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { mergeCases, recordTriage, replyToCase, setVerdict, splitCase, VERDICTS } from '../../app/case-actions.js';
import { findingAttachment, getCase, listCases } from '../../app/cases.js';
import type { AppContext } from '../../app/context.js';
import { COORDINATOR_TRIAGE, decisionTable, describeTable, listDecisionTables, loadDecisionTable } from '../../app/decision-tables.js';
import { listVendors, setVendor } from '../../app/releases.js';
import { listReporters, mySubmissions, requireAnalyst } from '../../app/reporters.js';
import { AppError } from '../../domain/errors.js';
import { CaseDetail, CaseSummary, DecisionTableInfo, ReporterRecord, SubmissionSummary, VendorSchedule } from '../case-schemas.js';
import { errors } from '../schemas.js';

const CaseId = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) });
const tags = ['cases'];
const strict = { additionalProperties: false } as const;

/** Cases for analysts (triage queue, verdicts, SSVC triage, merge/split), their reporters and vendors. */
export const caseRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get(
    '/cases',
    {
      schema: {
        tags,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(['open', 'all', 'new', 'needs-info', 'confirmed', 'not-a-vulnerability'].map((s) => Type.Literal(s)))),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        }, strict),
        response: { 200: Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer() }), ...errors },
      },
    },
    (request) => listCases(ctx, request.actor, (request.query.status ?? 'open') as 'open', request.query.limit ?? 200),
  );

  app.get('/cases/:id', { schema: { tags, params: CaseId, response: { 200: CaseDetail, ...errors } } }, (request) => getCase(ctx, request.actor, request.params.id));

  app.post(
    '/cases/:id/verdict',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({
          verdict: Type.Union(VERDICTS.map((v) => Type.Literal(v))),
          reason: Type.String({ minLength: 1, maxLength: 4000 }),
          duplicateOf: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' })),
        }, strict),
        response: { 200: CaseDetail, ...errors },
      },
    },
    (request) => setVerdict(ctx, request.actor, request.params.id, request.body),
  );

  app.put(
    '/cases/:id/triage',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({
          inputs: Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 }), { maxProperties: 50 }),
          indicators: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 })),
          tableId: Type.Optional(Type.String({ maxLength: 200 })),
        }, strict),
        response: { 200: CaseDetail, ...errors },
      },
    },
    (request) => recordTriage(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/cases/:id/merge',
    { schema: { tags, params: CaseId, body: Type.Object({ from: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }), reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })) }, strict), response: { 200: CaseDetail, ...errors } } },
    (request) => mergeCases(ctx, request.actor, request.params.id, request.body.from, request.body.reason),
  );

  app.post(
    '/cases/:id/split',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({ findingIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 10_000 }) }, strict),
        response: { 200: Type.Object({ from: CaseDetail, to: CaseDetail }), ...errors },
      },
    },
    (request) => splitCase(ctx, request.actor, request.params.id, request.body.findingIds),
  );

  app.post(
    '/cases/:id/replies',
    { schema: { tags, params: CaseId, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 20_000 }) }, strict), response: { 200: CaseDetail, ...errors } } },
    (request) => replyToCase(ctx, request.actor, request.params.id, request.body.text),
  );

  app.get(
    '/findings/:id/attachments/:name',
    { schema: { tags, params: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ minLength: 1, maxLength: 255 }) }) } },
    async (request, reply) => {
      const a = await findingAttachment(ctx, request.actor, request.params.id, request.params.name);
      // Reporter-supplied bytes: never rendered by the browser in our origin.
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${a.name.replace(/[^\w.-]/g, '_')}"`)
        .header('x-content-type-options', 'nosniff')
        .header('x-content-sha256', a.sha256)
        .send(a.content);
    },
  );

  app.get('/reporters', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(ReporterRecord) }), ...errors } } }, async (request) => ({ items: await listReporters(ctx, request.actor) }));

  app.get(
    '/submissions',
    { schema: { tags, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, strict), response: { 200: Type.Object({ items: Type.Array(SubmissionSummary) }), ...errors } } },
    async (request) => ({ items: await mySubmissions(ctx, request.actor, request.query.limit ?? 100) }),
  );

  app.get('/vendors', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(VendorSchedule) }), ...errors } } }, async (request) => ({ items: await listVendors(ctx, request.actor) }));

  app.put(
    '/vendors/:slug',
    {
      schema: {
        tags,
        params: Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }) }),
        body: Type.Object({ prefixes: Type.Array(Type.String({ minLength: 5, maxLength: 500 }), { maxItems: 1000 }), casesPerWeek: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()])) }, strict),
        response: { 200: VendorSchedule, ...errors },
      },
    },
    (request) => setVendor(ctx, request.actor, request.params.slug, request.body),
  );

  app.get(
    '/decision-tables',
    { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), loadedBy: Type.String(), loadedAt: Type.String() })) }), ...errors } } },
    async (request) => ({ items: await listDecisionTables(ctx, request.actor) }),
  );

  app.get(
    '/decision-tables/:id',
    { schema: { tags, params: Type.Object({ id: Type.String({ maxLength: 200 }) }), response: { 200: DecisionTableInfo, ...errors } } },
    async (request) => {
      requireAnalyst(request.actor);
      const id = request.params.id === 'coordinator-triage' ? COORDINATOR_TRIAGE : request.params.id;
      const table = await decisionTable(ctx, id);
      if (!table) throw new AppError('NOT_FOUND', `decision table ${id} is not loaded`);
      return describeTable(table);
    },
  );

  app.put(
    '/decision-tables',
    { bodyLimit: 16 * 1024 * 1024, schema: { tags, body: Type.Unknown(), response: { 200: Type.Object({ id: Type.String(), name: Type.String(), rows: Type.Integer() }), ...errors } } },
    (request) => loadDecisionTable(ctx, request.actor, JSON.stringify(request.body), 'decision table'),
  );
  done();
};
