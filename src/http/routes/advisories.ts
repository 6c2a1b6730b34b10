import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { advisoryOfCase, draftFromCase, exportAdvisory, getAdvisory, markReady, reopen, updateAdvisory } from '../../app/advisories.js';
import { PRODUCT_STATUSES } from '../../domain/advisory.js';
import type { AppContext } from '../../app/context.js';
import { TLP_LABELS } from '../../domain/tlp.js';
import { errors } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** null first: Fastify's ajv coerces types, and would turn a null into "" against a string branch tried first */
const NullOr = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const Id = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) });
const tags = ['advisories'];
const strict = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ maxLength });

const JUSTIFICATIONS = ['component_not_present', 'vulnerable_code_not_present', 'vulnerable_code_cannot_be_controlled_by_adversary', 'vulnerable_code_not_in_execute_path', 'inline_mitigations_already_exist'] as const;
const REMEDIATIONS = ['vendor_fix', 'workaround', 'mitigation', 'no_fix_planned', 'none_available'] as const;

const Product = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }), vendor: Text(500), name: Text(500), purl: NullOr(Text(2000)), cpe: NullOr(Text(2000)),
  versions: Type.String({ minLength: 1, maxLength: 2000, description: 'a vers range (vers:npm/>=2.0.0|<2.3.1) or one plain version' }),
  status: Type.Enum(PRODUCT_STATUSES), justification: Type.Optional(Type.Enum(JUSTIFICATIONS)),
}, strict);
const Score = (input: boolean) => Type.Object({
  version: input ? Type.Optional(Type.String()) : Type.String(),
  vector: Type.String({ maxLength: 300 }),
  baseScore: input ? Type.Optional(Type.Number({ description: 'ignored: computed from the vector' })) : Type.Number(),
  severity: input ? Type.Optional(Type.String({ description: 'ignored: computed from the vector' })) : Type.String(),
}, strict);
const Publisher = Type.Object({ name: Type.String(), namespace: Type.String(), contactDetails: NullOr(Type.String()) }, strict);
const advisoryFields = (input: boolean) => ({
  id: Type.String({ maxLength: 64 }),
  title: Text(500), summary: Text(4000), details: Text(100_000),
  tlp: Type.Enum(TLP_LABELS), status: Type.Enum(['draft', 'interim', 'final'] as const),
  initialReleaseDate: Text(64), currentReleaseDate: Text(64),
  revisions: Type.Array(Type.Object({ number: Text(20), date: Text(64), summary: Text(2000) }, strict), { maxItems: 1000 }),
  cve: NullOr(Text(30)),
  aliases: Type.Array(Text(200), { maxItems: 100 }),
  cwes: Type.Array(Type.Object({ id: Text(20), name: Type.String({ maxLength: 500, description: 'filled from the CWE catalogue' }) }, strict), { maxItems: 50 }),
  scores: Type.Array(Score(input), { maxItems: 4 }),
  products: Type.Array(Product, { maxItems: 1000 }),
  remediations: Type.Array(Type.Object({ category: Type.Enum(REMEDIATIONS), details: Text(20_000), url: NullOr(Text(2000)), productIds: Type.Array(Text(200), { maxItems: 1000 }) }, strict), { maxItems: 200 }),
  references: Type.Array(Type.Object({ url: Text(2000), summary: Text(2000), category: Type.Enum(['self', 'external'] as const) }, strict), { maxItems: 500 }),
  acknowledgments: Type.Array(Type.Object({ name: Text(500), organization: NullOr(Text(500)), summary: NullOr(Text(2000)) }, strict), { maxItems: 500 }),
});
const AdvisoryIn = Type.Object({ ...advisoryFields(true), publisher: Type.Optional(Publisher) }, strict);
const AdvisoryOut = Type.Object({ ...advisoryFields(false), publisher: Publisher });
const Problem = Type.Object({
  source: Type.String({ description: 'csaf: CSAF 2.0 validation of the export (pointer into the CSAF document); aicc: ours (pointer into the advisory)' }),
  test: Type.String(), pointer: Type.String(), message: Type.String(),
});
const View = {
  advisory: AdvisoryOut, caseId: Type.String(), status: Type.String({ description: 'draft | ready | published' }), tlp: Type.String(),
  publishAt: Nullable(Type.String({ description: 'null: at the case\'s embargo end' })), updatedAt: Type.String({ description: 'send back with the next edit' }),
  problems: Type.Array(Problem),
};
const AdvisoryView = Type.Object(View);
const Draft = Type.Object({ ...View, warnings: Type.Array(Type.String(), { description: 'what the case held that the draft could not carry over' }) });
const PublishAt = Type.Optional(NullOr(Type.String({ maxLength: 40, description: 'YYYY-MM-DD HH:MM in the embargo zone, or an ISO 8601 instant; null: at the embargo end' })));
const FORMATS = ['csaf', 'osv', 'cve5', 'vex'] as const;

/** Advisories: a draft from a confirmed case, edited by the coordinators, read by the case's participants, exported, approved for publication. */
export const advisoryRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.post('/cases/:id/advisory', { schema: { tags, params: Id, response: { 201: Draft, ...errors } } }, async (request, reply) =>
    reply.status(201).send(await draftFromCase(ctx, request.actor, request.params.id)));

  app.get('/cases/:id/advisory', { schema: { tags, params: Id, response: { 200: AdvisoryView, ...errors } } }, async (request) => advisoryOfCase(ctx, request.actor, request.params.id));

  app.get('/advisories/:id', { schema: { tags, params: Id, response: { 200: AdvisoryView, ...errors } } }, async (request) => getAdvisory(ctx, request.actor, request.params.id));

  app.put(
    '/advisories/:id',
    { schema: { tags, params: Id, body: Type.Object({ advisory: AdvisoryIn, updatedAt: Type.String({ maxLength: 40 }), publishAt: PublishAt }, strict), response: { 200: AdvisoryView, ...errors } } },
    async (request) => updateAdvisory(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/advisories/:id/ready',
    { schema: { tags, params: Id, body: Type.Optional(Type.Object({ publishAt: PublishAt }, strict)), response: { 200: AdvisoryView, ...errors } } },
    async (request) => markReady(ctx, request.actor, request.params.id, request.body ?? {}),
  );

  app.post('/advisories/:id/reopen', { schema: { tags, params: Id, response: { 200: AdvisoryView, ...errors } } }, async (request) => reopen(ctx, request.actor, request.params.id));

  app.get(
    '/advisories/:id/export',
    { schema: { tags, params: Id, querystring: Type.Object({ format: Type.Enum(FORMATS) }, strict), response: { 200: Type.Unknown({ description: 'the document' }), ...errors } } },
    async (request, reply) => {
      const { id } = request.params;
      const { format } = request.query;
      const doc = await exportAdvisory(ctx, request.actor, id, format);
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${id}.${format}.json"`)
        .send(doc);
    },
  );
  done();
};
