import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { importVex, remediationHistory, REMEDIATION_STATUSES, reportRemediation } from '../../app/remediation.js';
import { AppError } from '../../domain/errors.js';
import { errors } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Exposure = Type.Object({
  id: Type.Integer(), org: Type.String(), asset: Type.String(), vulnId: Type.String(), status: Type.String(), statusAt: Type.String(),
  remediatedAt: Nullable(Type.String()), dueDate: Nullable(Type.String()), resolvedAt: Nullable(Type.String()),
});
const Report = Type.Object({
  id: Type.Integer(), status: Type.String(), justification: Nullable(Type.String()), statement: Type.String(), source: Type.String(),
  reportedBy: Type.String(), reportedAt: Type.String(),
});
const VexImport = Type.Object({
  format: Type.String(),
  statements: Type.Integer(),
  applied: Type.Array(Type.Object({ exposureId: Type.Integer(), vulnId: Type.String(), asset: Type.String(), status: Type.String(), changed: Type.Boolean() })),
  unmatched: Type.Array(Type.Object({ vulnerability: Type.String(), product: Nullable(Type.String()), reason: Type.String() })),
});

const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })) }, { additionalProperties: false });
const ReportBody = Type.Object(
  {
    status: Type.Union(REMEDIATION_STATUSES.map((s) => Type.Literal(s))),
    justification: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    statement: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

/** A document is read as text (its own parser limits depth and names the line of an error); any JSON type. */
const isJson = (type: string) => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

/**
 * Subscribers' remediation: where one exposure stands (a report, kept as its history), and a whole
 * VEX document applied to their exposures at once. Sessions report as `ui`, tokens as `api`.
 */
export const remediationRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const tags = ['remediation'];

  app.put(
    '/exposures/:id/remediation',
    { schema: { tags, params: Id, querystring: OrgQuery, body: ReportBody, response: { 200: Type.Object({ exposure: Exposure, report: Report }), ...errors } } },
    (request) => reportRemediation(ctx, request.actor, request.params.id, request.body, request.actor.kind === 'user' ? 'ui' : 'api', request.query.org),
  );

  app.get(
    '/exposures/:id/remediation',
    { schema: { tags, params: Id, querystring: OrgQuery, response: { 200: Type.Object({ exposure: Exposure, items: Type.Array(Report) }), ...errors } } },
    (request) => remediationHistory(ctx, request.actor, request.params.id, request.query.org),
  );

  // the server's body limit applies: a VEX document is a statement about one's own assets, not a feed
  void app.register((raw, _o, next) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, parsed) => parsed(null, body));
    raw.post(
      '/remediation/vex',
      {
        schema: {
          tags,
          querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })), name: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
          response: { 200: VexImport, ...errors },
        },
      },
      async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!isJson(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `a VEX document is JSON (CycloneDX, OpenVEX or CSAF); got '${type || 'none'}'`);
        const query = request.query as { org?: string; name?: string };
        return importVex(ctx, request.actor, { text: request.body as string, name: query.name ?? 'VEX document', org: query.org });
      },
    );
    next();
  });
  done();
};
