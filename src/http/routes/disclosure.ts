import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { acknowledge, addParticipant, allocateId, identifiers, listMessages, listParticipants, postMessage, setCve, setVendorStatus, timeline } from '../../app/disclosure.js';
import { agreeExtension, getEmbargo, releaseEarly, requestExtension, setEmbargo, setExploited } from '../../app/disclosure-embargo.js';
import { VENDOR_STATUSES } from '../../domain/disclosure.js';
import { TLP_LABELS } from '../../domain/tlp.js';
import { errors } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const CaseId = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) });
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
const tags = ['disclosure'];
const strict = { additionalProperties: false } as const;

const Zoned = Type.Object({ at: Type.String({ description: 'UTC' }), local: Type.String({ description: '2027-03-02T15:00:00-05:00 (America/New_York)' }) });
const Ack = Type.Object({ status: Type.String({ description: 'pending | acknowledged | overdue | escalated' }), dueAt: Zoned, escalatesAt: Zoned, acknowledgedAt: Nullable(Type.String()) });
const Participant = Type.Object({
  org: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
  role: Type.String({ description: 'reporter | vendor | coordinator' }),
  source: Type.String({ description: 'auto | manual' }),
  addedAt: Type.String(),
  addedBy: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  releasedAt: Nullable(Type.String()),
  ack: Nullable(Ack),
  status: Nullable(Type.Object({ status: Type.String(), statement: Nullable(Type.String()), at: Nullable(Type.String()) })),
});
const Participants = Type.Object({ items: Type.Array(Participant) });
const Message = Type.Object({
  id: Type.Integer(),
  thread: Type.String({ description: 'all, or the vendor slug of a private thread' }),
  tlp: Type.String(),
  body: Type.String(),
  author: Type.Object({ org: Nullable(Type.String()), role: Type.String(), actor: Nullable(Type.String()) }),
  createdAt: Type.String(),
});
const Extension = Type.Object({
  id: Type.String(), status: Type.String(), from: Zoned, until: Zoned, reason: Type.String(), requestedAt: Type.String(),
  agreed: Type.Array(Type.String()), awaiting: Type.Array(Type.String()),
});
const EmbargoAnswer = Type.Object({
  embargo: Nullable(Type.Object({
    publicAt: Type.String({ description: '2027-03-02T15:00:00-05:00 (America/New_York)' }),
    at: Type.String(), zone: Type.String(), utcOffset: Type.String(), basis: Type.String(), reason: Type.String(), agreedBy: Type.Array(Type.String()),
    notifiedAt: Nullable(Zoned), setAt: Type.String(), lifted: Type.Boolean(), exploited: Type.Boolean(), extension: Nullable(Extension),
  })),
  policy: Type.Object({ days: Type.Integer(), exploitedDays: Type.Integer(), releaseTime: Type.String(), timeZone: Type.String() }),
});
const Identifiers = Type.Object({ id: Nullable(Type.String()), cve: Nullable(Type.String()) });
const Reason = Type.String({ minLength: 1, maxLength: 4000 });
const Until = Type.String({ minLength: 16, maxLength: 40, description: 'YYYY-MM-DD HH:MM in the embargo zone, or an ISO 8601 instant with Z or an offset' });

/** Coordinated disclosure on a case: participants, threads, vendor status, acknowledgement, embargo, identifiers, timeline. */
export const disclosureRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.get('/cases/:id/participants', { schema: { tags, params: CaseId, response: { 200: Participants, ...errors } } }, async (request) => ({ items: await listParticipants(ctx, request.actor, request.params.id) }));

  app.post(
    '/cases/:id/participants',
    { schema: { tags, params: CaseId, body: Type.Object({ org: Slug, role: Type.Union([Type.Literal('vendor'), Type.Literal('coordinator')]), reason: Reason }, strict), response: { 201: Participants, ...errors } } },
    async (request, reply) => reply.status(201).send({ items: await addParticipant(ctx, request.actor, request.params.id, request.body) }),
  );

  app.get(
    '/cases/:id/messages',
    { schema: { tags, params: CaseId, querystring: Type.Object({ thread: Type.Optional(Type.Union([Type.Literal('all'), Slug])) }, strict), response: { 200: Type.Object({ items: Type.Array(Message) }), ...errors } } },
    async (request) => ({ items: await listMessages(ctx, request.actor, request.params.id, request.query.thread) }),
  );

  app.post(
    '/cases/:id/messages',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({ thread: Type.Optional(Type.Union([Type.Literal('all'), Slug])), tlp: Type.Union(TLP_LABELS.map((l) => Type.Literal(l))), body: Type.String({ minLength: 1, maxLength: 20_000 }) }, strict),
        response: { 201: Message, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await postMessage(ctx, request.actor, request.params.id, { ...request.body, thread: request.body.thread ?? 'all' })),
  );

  app.get('/cases/:id/vendor-status', { schema: { tags, params: CaseId, response: { 200: Participants, ...errors } } }, async (request) => ({
    items: (await listParticipants(ctx, request.actor, request.params.id)).filter((p) => p.role === 'vendor'),
  }));

  app.put(
    '/cases/:id/vendor-status',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({ vendor: Type.Optional(Slug), status: Type.Union(VENDOR_STATUSES.map((s) => Type.Literal(s))), statement: Type.Optional(Type.String({ maxLength: 4000 })) }, strict),
        response: { 200: Participants, ...errors },
      },
    },
    async (request) => ({ items: (await setVendorStatus(ctx, request.actor, request.params.id, request.body)).filter((p) => p.role === 'vendor') }),
  );

  app.post(
    '/cases/:id/acknowledge',
    { schema: { tags, params: CaseId, response: { 200: Type.Object({ vendor: Type.String(), ...Ack.properties }), ...errors } } },
    (request) => acknowledge(ctx, request.actor, request.params.id),
  );

  app.get('/cases/:id/embargo', { schema: { tags, params: CaseId, response: { 200: EmbargoAnswer, ...errors } } }, (request) => getEmbargo(ctx, request.actor, request.params.id));

  app.put(
    '/cases/:id/embargo',
    { schema: { tags, params: CaseId, body: Type.Object({ until: Until, zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })), reason: Reason }, strict), response: { 200: EmbargoAnswer, ...errors } } },
    (request) => setEmbargo(ctx, request.actor, request.params.id, request.body),
  );

  app.post(
    '/cases/:id/embargo/extensions',
    {
      schema: {
        tags, params: CaseId,
        body: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })), until: Type.Optional(Until), reason: Reason }, strict),
        response: { 201: EmbargoAnswer, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await requestExtension(ctx, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/cases/:id/embargo/extensions/:extension/agree',
    { schema: { tags, params: Type.Object({ id: CaseId.properties.id, extension: Type.String({ format: 'uuid' }) }), response: { 200: EmbargoAnswer, ...errors } } },
    (request) => agreeExtension(ctx, request.actor, request.params.id, request.params.extension),
  );

  app.post(
    '/cases/:id/embargo/early-release',
    { schema: { tags, params: CaseId, body: Type.Object({ reason: Type.Union([Type.Literal('fixed'), Type.Literal('exploited')]), at: Type.Optional(Until) }, strict), response: { 200: EmbargoAnswer, ...errors } } },
    (request) => releaseEarly(ctx, request.actor, request.params.id, request.body),
  );

  app.put(
    '/cases/:id/exploited',
    { schema: { tags, params: CaseId, body: Type.Object({ exploited: Type.Boolean(), reason: Reason }, strict), response: { 200: EmbargoAnswer, ...errors } } },
    (request) => setExploited(ctx, request.actor, request.params.id, request.body),
  );

  app.get('/cases/:id/id', { schema: { tags, params: CaseId, response: { 200: Identifiers, ...errors } } }, (request) => identifiers(ctx, request.actor, request.params.id));

  app.post('/cases/:id/id', { schema: { tags, params: CaseId, response: { '2xx': Identifiers, ...errors } } }, async (request, reply) => {
    const { created, ...ids } = await allocateId(ctx, request.actor, request.params.id);
    return reply.status(created ? 201 : 200).send(ids);
  });

  app.put(
    '/cases/:id/cve',
    { schema: { tags, params: CaseId, body: Type.Object({ cve: Type.String({ pattern: '^CVE-\\d{4}-\\d{4,}$', maxLength: 32 }) }, strict), response: { 200: Identifiers, ...errors } } },
    (request) => setCve(ctx, request.actor, request.params.id, request.body.cve),
  );

  app.get(
    '/cases/:id/timeline',
    { schema: { tags, params: CaseId, response: { 200: Type.Object({ items: Type.Array(Type.Object({ at: Type.String(), kind: Type.String(), by: Type.String(), details: Type.Unknown() })) }), ...errors } } },
    async (request) => ({ items: await timeline(ctx, request.actor, request.params.id) }),
  );
  done();
};
