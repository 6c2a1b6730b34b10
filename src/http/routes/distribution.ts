import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { assetSbom, getAsset, importAssets, listAssets, putAsset } from '../../app/assets.js';
import type { AppContext } from '../../app/context.js';
import { deleteInventory } from '../../app/inventories.js';
import { sendPreNotice, setPreNotifyPolicy } from '../../app/pre-notices.js';
import {
  createChannel, deleteChannel, getSettings, listChannels, listDeadLetters, listExposures, notificationFeed, putSettings, replayDeadLetters, setChannelActive,
} from '../../app/subscribers.js';
import { AppError } from '../../domain/errors.js';
import { errors } from '../schemas.js';
import { SBOM_TYPES } from './scan.js';

// null first: with the string first, Fastify's coercion would turn a null into ""
const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })) }, { additionalProperties: false });
const Name = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const strict = { additionalProperties: false } as const;

const AssetBody = Type.Object({
  type: Type.Optional(Type.String({ description: 'application | host | device | service' })),
  exposed: Type.Optional(Type.Boolean()),
  missionPrevalence: Type.Optional(Type.String({ description: 'minimal | support | essential (SSVC Mission Prevalence)' })),
  wellBeing: Type.Optional(Type.String({ description: 'minimal | material | irreversible (SSVC Public Well-Being Impact)' })),
  sector: Type.Optional(Nullable(Type.String())),
  federal: Type.Optional(Nullable(Type.Boolean())),
  owners: Type.Optional(Type.Array(Type.String())),
  cpes: Type.Optional(Type.Array(Type.String())),
  vendor: Type.Optional(Nullable(Type.String())),
  product: Type.Optional(Nullable(Type.String())),
  version: Type.Optional(Nullable(Type.String())),
  sbom: Type.Optional(Type.Unknown({ description: 'a CycloneDX or SPDX JSON document, or the text of an XML or tag-value SBOM' })),
}, strict);

const Asset = Type.Object({
  id: Type.String(), org: Type.String(), name: Type.String(), type: Type.String(), exposed: Type.Boolean(), missionPrevalence: Type.String(), wellBeing: Type.String(),
  sector: Nullable(Type.String()), federal: Nullable(Type.Boolean()), owners: Type.Array(Type.String()), cpes: Type.Array(Type.String()),
  vendor: Nullable(Type.String()), product: Nullable(Type.String()), version: Nullable(Type.String()),
  sbom: Nullable(Type.Object({ format: Type.String(), specVersion: Type.String(), sha256: Type.String(), components: Type.Integer(), unmatchable: Type.Integer(), version: Type.Integer() })),
  updatedAt: Type.String(),
});
const AssetDetail = Type.Intersect([Asset, Type.Object({
  sbomVersions: Type.Array(Type.Object({ version: Type.Integer(), format: Type.String(), specVersion: Type.String(), sha256: Type.String(), components: Type.Integer(), uploadedBy: Type.String(), uploadedAt: Type.String() })),
})]);

const Exposure = Type.Object({
  id: Type.String(), org: Type.String(), asset: Type.String(), assetType: Type.String(), exposed: Type.Boolean(), vulnId: Type.String(), summary: Nullable(Type.String()),
  detectedAt: Type.String(), kevAdded: Nullable(Type.String()), clockStart: Type.String(), dueDate: Nullable(Type.String()), binding: Type.Boolean(),
  cisa: Nullable(Type.String()), deployer: Nullable(Type.String()), bod: Nullable(Type.String()), priority: Type.Unknown(), components: Type.Unknown(),
  status: Type.String(), statusAt: Type.String(), remediatedAt: Nullable(Type.String()), resolvedAt: Nullable(Type.String()), notifiedAt: Nullable(Type.String()),
});

const Settings = Type.Object({
  org: Type.String(), sector: Type.String(), federal: Type.Boolean(), digestHours: Type.Integer(), immediateCap: Type.Integer(), preNotify: Type.Boolean(), lastDigestAt: Nullable(Type.String()),
});
const Channel = Type.Object({
  id: Type.String(), kind: Type.String(), target: Type.String(), assets: Type.Array(Type.String()), active: Type.Boolean(), cursor: Type.String(), attempts: Type.Integer(), nextAttemptAt: Type.String(),
  lastError: Nullable(Type.String()), lastSuccessAt: Nullable(Type.String()), delivered: Type.String(), createdAt: Type.String(),
});
const Notification = Type.Object({
  id: Type.String(), org: Type.String(), kind: Type.String(), urgency: Type.String(), tlp: Type.String(), title: Type.String(), vulnId: Nullable(Type.String()),
  createdAt: Type.String(), body: Type.Unknown(),
});
const DeadLetter = Type.Object({
  id: Type.String(), org: Type.String(), channel_id: Type.String(), kind: Type.String(), target: Type.String(), notification_id: Type.String(), title: Type.String(), attempts: Type.Integer(),
  last_error: Type.String(), status: Type.String(), created_at: Type.String(), replayed_by: Nullable(Type.String()), replayed_at: Nullable(Type.String()), delivered_at: Nullable(Type.String()),
});

/** Subscribers' assets, exposures, settings, channels, the pull feed and dead letters. */
export const distributionRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const tags = ['distribution'];

  app.get('/assets', { schema: { tags, querystring: OrgQuery, response: { 200: Type.Object({ items: Type.Array(Asset) }), ...errors } } }, async (request) => ({
    items: await listAssets(ctx, request.actor, request.query.org),
  }));
  app.put('/assets/:name', { bodyLimit: ctx.config.importLimit, schema: { tags, params: Name, querystring: OrgQuery, body: AssetBody, response: { 200: Type.Intersect([Asset, Type.Object({ status: Type.String() })]), ...errors } } }, (request) =>
    putAsset(ctx, request.actor, request.params.name, request.body, request.query.org),
  );
  app.post('/assets/import', { bodyLimit: ctx.config.importLimit, schema: { tags, querystring: OrgQuery, body: Type.Object({ assets: Type.Array(Type.Unknown(), { maxItems: 10_000 }) }, strict), response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer(), assets: Type.Array(Asset) }), ...errors } } }, (request) =>
    importAssets(ctx, request.actor, request.body, request.query.org),
  );
  app.get('/assets/:name', { schema: { tags, params: Name, querystring: OrgQuery, response: { 200: AssetDetail, ...errors } } }, (request) => getAsset(ctx, request.actor, request.params.name, request.query.org));
  app.delete('/assets/:name', { schema: { tags, params: Name, querystring: OrgQuery, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await deleteInventory(ctx, request.actor, request.params.name, request.query.org);
    return reply.code(204).send(null);
  });
  app.get('/assets/:name/sboms/:version', { schema: { tags, params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), version: Type.Integer({ minimum: 1 }) }), querystring: OrgQuery } }, async (request, reply) => {
    const text = await assetSbom(ctx, request.actor, request.params.name, request.params.version, request.query.org);
    return reply.type(text.trimStart().startsWith('<') ? 'application/xml' : text.trimStart().startsWith('{') ? 'application/json' : 'text/plain').header('x-content-type-options', 'nosniff').send(text);
  });
  // A new SBOM version for an asset: the raw document, as for inventories.
  app.register((sub, _o, next) => {
    sub.removeAllContentTypeParsers();
    sub.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.config.importLimit }, (_req, body, cb) => cb(null, body));
    sub.put<{ Params: { name: string }; Querystring: { org?: string } }>('/assets/:name/sbom', { bodyLimit: ctx.config.importLimit, schema: { tags, params: Name, querystring: OrgQuery } }, (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!SBOM_TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `an SBOM is ${SBOM_TYPES.join(', ')}; got '${type || 'none'}'`);
      return putAsset(ctx, request.actor, request.params.name, { sbom: request.body }, request.query.org);
    });
    next();
  });

  app.get('/exposures', {
    schema: { tags, querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('all')])), asset: Type.Optional(Type.String({ maxLength: 200 })), vuln: Type.Optional(Type.String({ maxLength: 100 })) }, strict), response: { 200: Type.Object({ items: Type.Array(Exposure) }), ...errors } },
  }, async (request) => {
    const q = request.query;
    const rows = await listExposures(ctx, request.actor, { open: q.status !== 'all', ...(q.asset ? { asset: q.asset } : {}), ...(q.vuln ? { vuln: q.vuln } : {}) }, q.org);
    return {
      items: rows.map((r) => ({
        id: String(r.id), org: r.org_slug, asset: r.asset, assetType: r.asset_type, exposed: r.exposed, vulnId: r.vuln_id, summary: r.summary, detectedAt: r.detected_at,
        kevAdded: r.kev_added, clockStart: r.clock_start, dueDate: r.due_date, binding: r.binding, cisa: r.cisa, deployer: r.deployer, bod: r.bod, priority: r.priority,
        components: r.components, status: r.status, statusAt: r.status_at, remediatedAt: r.remediated_at, resolvedAt: r.resolved_at, notifiedAt: r.notified_at,
      })),
    };
  });

  app.get('/subscriber/settings', { schema: { tags, querystring: OrgQuery, response: { 200: Settings, ...errors } } }, (request) => getSettings(ctx, request.actor, request.query.org));
  app.put('/subscriber/settings', {
    schema: { tags, querystring: OrgQuery, body: Type.Object({ sector: Type.Optional(Type.String({ maxLength: 63 })), federal: Type.Optional(Type.Boolean()), digestHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 168 })), immediateCap: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })), preNotify: Type.Optional(Type.Boolean()) }, strict), response: { 200: Settings, ...errors } },
  }, (request) => putSettings(ctx, request.actor, request.body, request.query.org));

  app.get('/subscriber/channels', { schema: { tags, querystring: OrgQuery, response: { 200: Type.Object({ items: Type.Array(Channel) }), ...errors } } }, async (request) => ({ items: await listChannels(ctx, request.actor, request.query.org) }));
  app.post('/subscriber/channels', {
    schema: { tags, querystring: OrgQuery, body: Type.Object({ kind: Type.Union([Type.Literal('webhook'), Type.Literal('email')]), target: Type.String({ minLength: 3, maxLength: 2048 }), assets: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, description: 'only notifications about these assets (an owner’s channel); none: all' })) }, strict), response: { 201: Type.Intersect([Channel, Type.Object({ secret: Nullable(Type.String({ description: 'the webhook HMAC secret: shown once' })) })]), ...errors } },
  }, async (request, reply) => reply.code(201).send(await createChannel(ctx, request.actor, request.body, request.query.org)));
  app.patch('/subscriber/channels/:id', { schema: { tags, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: OrgQuery, body: Type.Object({ active: Type.Boolean() }, strict), response: { 200: Channel, ...errors } } }, (request) =>
    setChannelActive(ctx, request.actor, request.params.id, request.body.active, request.query.org),
  );
  app.delete('/subscriber/channels/:id', { schema: { tags, params: Type.Object({ id: Type.String({ maxLength: 64 }) }), querystring: OrgQuery, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await deleteChannel(ctx, request.actor, request.params.id, request.query.org);
    return reply.code(204).send(null);
  });

  app.get('/notifications', {
    schema: {
      tags,
      querystring: Type.Object({
        org: Type.Optional(Type.String({ maxLength: 63 })), after: Type.Optional(Type.String({ maxLength: 20 })), before: Type.Optional(Type.String({ maxLength: 20 })),
        order: Type.Optional(Type.Union([Type.Literal('oldest'), Type.Literal('newest')])), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }, strict),
      response: { 200: Type.Object({ items: Type.Array(Notification), next: Type.String({ description: 'pass as after= (oldest first) or before= (newest first) for what comes next' }) }), ...errors },
    },
  }, (request) => {
    const { org, ...q } = request.query;
    return notificationFeed(ctx, request.actor, q, org);
  });

  const CaseId = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) });
  const Reason = Type.String({ minLength: 1, maxLength: 4000 });
  app.put('/cases/:id/pre-notify', { schema: { tags, params: CaseId, body: Type.Object({ allowed: Type.Boolean(), reason: Reason }, strict), response: { 200: Type.Object({ caseId: Type.String(), preNotify: Type.Boolean() }), ...errors } } }, (request) =>
    setPreNotifyPolicy(ctx, request.actor, request.params.id, request.body),
  );
  app.post('/cases/:id/pre-notices', { schema: { tags, params: CaseId, body: Type.Object({ reason: Reason }, strict), response: { 202: Type.Object({ caseId: Type.String(), advisoryId: Type.String(), queued: Type.Boolean() }), ...errors } } }, async (request, reply) =>
    reply.code(202).send(await sendPreNotice(ctx, request.actor, request.params.id, request.body)),
  );

  app.get('/dead-letters', { schema: { tags, querystring: Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })), status: Type.Optional(Type.Union([Type.Literal('dead'), Type.Literal('replaying'), Type.Literal('delivered')])) }, strict), response: { 200: Type.Object({ items: Type.Array(DeadLetter) }), ...errors } } }, async (request) => ({
    items: await listDeadLetters(ctx, request.actor, request.query.status, request.query.org),
  }));
  app.post('/dead-letters/replay', { schema: { tags, querystring: OrgQuery, body: Type.Object({ channelId: Type.Optional(Type.String({ maxLength: 64 })), ids: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 1000 })) }, strict), response: { 200: Type.Object({ replaying: Type.Integer() }), ...errors } } }, (request) =>
    replayDeadLetters(ctx, request.actor, request.body, request.query.org),
  );
  done();
};
