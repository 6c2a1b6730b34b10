import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { deleteInventory, getInventory, inventoriesAffectedBy, listInventories, putInventory } from '../../app/inventories.js';
import { AppError } from '../../domain/errors.js';
import { AffectedInventories, errors, Inventory, InventoryDetail, InventoryPut } from '../schemas.js';
import { SBOM_TYPES } from './scan.js';

const Name = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) });
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 63 })) }, { additionalProperties: false });

/** An organization's stored SBOMs, and the reverse match from a vulnerability to them. */
export const inventoryRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.config.importLimit }, (_req, body, next) => next(null, body));
  const tags = ['inventories'];

  app.get('/inventories', { schema: { tags, querystring: OrgQuery, response: { 200: Type.Object({ items: Type.Array(Inventory) }), ...errors } } }, async (request) => ({
    items: await listInventories(ctx, request.actor, request.query.org),
  }));

  app.put('/inventories/:name', { bodyLimit: ctx.config.importLimit, schema: { tags, params: Name, querystring: OrgQuery, response: { 200: InventoryPut, ...errors } } }, async (request) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!SBOM_TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `an inventory is an SBOM: ${SBOM_TYPES.join(', ')}; got '${type || 'none'}'`);
    return putInventory(ctx, request.actor, { name: request.params.name, org: request.query.org, text: request.body as string });
  });

  app.get('/inventories/:name', { schema: { tags, params: Name, querystring: OrgQuery, response: { 200: InventoryDetail, ...errors } } }, (request) =>
    getInventory(ctx, request.actor, request.params.name, request.query.org),
  );

  app.delete('/inventories/:name', { schema: { tags, params: Name, querystring: OrgQuery, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await deleteInventory(ctx, request.actor, request.params.name, request.query.org);
    return reply.code(204).send(null);
  });

  app.get(
    '/vulnerabilities/:id/inventories',
    { schema: { tags, params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }), response: { 200: AffectedInventories, ...errors } } },
    async (request) => ({ items: await inventoriesAffectedBy(ctx, request.actor, request.params.id) }),
  );
  done();
};
