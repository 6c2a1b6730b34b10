import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.js';
import { scanSbom } from '../../app/scan.js';
import { AppError } from '../../domain/errors.js';
import { errors, ScanOutput } from '../schemas.js';

export const SBOM_TYPES = ['application/json', 'application/vnd.cyclonedx+json', 'application/spdx+json', 'application/xml', 'text/xml', 'application/vnd.cyclonedx+xml', 'text/plain', 'text/spdx'];

/** POST an SBOM, get the matches: the same JSON as `aicc scan --format json`. */
export const scanRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: ctx.config.importLimit }, (_req, body, next) => next(null, body));
  app.post('/scan', { bodyLimit: ctx.config.importLimit, schema: { tags: ['scan'], response: { 200: ScanOutput, ...errors } } }, async (request) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!SBOM_TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `scan accepts ${SBOM_TYPES.join(', ')}; got '${type || 'none'}'`);
    return scanSbom(ctx, request.actor, 'upload', request.body as string);
  });
  done();
};
