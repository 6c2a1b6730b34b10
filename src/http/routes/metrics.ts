import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { metricsCsv, metricsReport, prometheusMetrics } from '../../app/metrics.js';
import { errors } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Counts = Type.Record(Type.String(), Type.Integer());
const Interval = Type.Object({ count: Type.Integer(), medianHours: Nullable(Type.Number()), p90Hours: Nullable(Type.Number()) });
const Funnel = Type.Object({
  findings: Type.Integer(), cases: Type.Integer(), confirmed: Type.Integer(), advisories: Type.Integer(),
  notifications: Type.Integer(), exposures: Type.Integer(), remediated: Type.Integer(),
});
const ScopeMetrics = Type.Object({
  scope: Type.Union([Type.Literal('overall'), Type.Literal('sector'), Type.Literal('subscriber')]),
  key: Type.String(),
  intervals: Type.Object({
    validation: Interval, acknowledgement: Interval, fix: Interval, advisory: Interval, notification: Interval, remediation: Interval,
  }),
  exposures: Type.Object({
    total: Type.Integer(), open: Type.Integer(), overdue: Type.Integer(), remediated: Type.Integer(),
    dueTracked: Type.Integer(), remediatedWithinDue: Type.Integer(), shareWithinDue: Nullable(Type.Number()),
    openExposureDays: Type.Number(), overdueExposureDays: Type.Number(), daysPastDue: Type.Integer(),
    byStatus: Counts, byCisa: Counts, byBod: Counts,
  }),
  funnel: Funnel,
});
const MetricsReport = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  view: Type.Union([Type.Literal('all'), Type.Literal('organization')]),
  overall: Nullable(ScopeMetrics),
  bySector: Type.Array(ScopeMetrics),
  bySubscriber: Type.Array(ScopeMetrics),
  funnel: Funnel,
  distribution: Type.Object({
    notificationsByUrgency: Counts,
    channels: Type.Array(Type.Object({ kind: Type.String(), total: Type.Integer(), active: Type.Integer(), failing: Type.Integer(), lagMax: Type.Integer(), lagTotal: Type.Integer() })),
    deadLettersByStatus: Counts,
  }),
});

const CsvQuery = Type.Object(
  { table: Type.Union([Type.Literal('intervals'), Type.Literal('exposures'), Type.Literal('breakdown'), Type.Literal('funnel')]) },
  { additionalProperties: false },
);

/** Outcome metrics under /api/v1: JSON, and CSV tables for spreadsheets. */
export const metricsRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const tags = ['metrics'];
  app.get('/metrics', { schema: { tags, response: { 200: MetricsReport, ...errors } } }, (request) => metricsReport(ctx, request.actor));

  app.get('/metrics.csv', { schema: { tags, querystring: CsvQuery, produces: ['text/csv'] } }, async (request, reply) => {
    const report = await metricsReport(ctx, request.actor);
    const { table } = request.query;
    return reply
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="aicc-metrics-${table}-${report.generatedAt.slice(0, 10)}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(metricsCsv(report, table));
  });
  done();
};

/** Prometheus text exposition at the root (/metrics), operators only. */
export const prometheusRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/metrics', { schema: { tags: ['metrics'], produces: ['text/plain'] } }, async (request, reply) => {
    const { contentType, text } = await prometheusMetrics(ctx, request.actor);
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(text);
  });
  done();
};
