import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { PROVIDER_PREFIX, providerDocumentFile, providerIndexFiles, providerKeyFile, type ServedFile } from '../../app/csaf-provider.js';
import { AppError } from '../../domain/errors.js';

/** Index files change with every publication: a minute. A document's files change only with a new revision at the same path. */
const MAX_AGE = { index: 60, document: 300, key: 3600 } as const;

function send(reply: FastifyReply, file: ServedFile, shared: boolean) {
  // what a reader sees depends on who asks (TLP): shared caches keep only what anyone may read
  return reply
    .header('content-type', file.mediaType)
    .header('cache-control', `${shared ? 'public' : 'private'}, max-age=${MAX_AGE[file.kind]}`)
    .header('vary', 'Authorization, Cookie')
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

const missing = (path: string) => new AppError('NOT_FOUND', `no file '${PROVIDER_PREFIX}/${path}'`);

/**
 * The CSAF 2.0 trusted provider under /.well-known/csaf (registered at the root, not under /api/v1):
 * provider-metadata.json, the TLP trees' documents with their .sha256/.sha512/.asc, ROLIE feeds,
 * index.txt, changes.csv, and the public keys at openpgp/<FPR>.asc. No directory listings; a file the
 * reader may not read answers 404 like one that does not exist.
 */
export const csafProviderRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  const schema = { tags: ['csaf'] };

  app.get(`${PROVIDER_PREFIX}/provider-metadata.json`, { schema }, async (request, reply) => {
    const file = (await providerIndexFiles(ctx, request.actor)).get('provider-metadata.json');
    if (!file) throw missing('provider-metadata.json');
    return send(reply, file, request.actor.kind === 'anonymous');
  });

  app.get(`${PROVIDER_PREFIX}/*`, { schema }, async (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('openpgp/')) {
      const key = await providerKeyFile(ctx, path.slice('openpgp/'.length));
      if (!key) throw missing(path);
      return send(reply, key, true);
    }
    const white = path.startsWith('white/');
    const document = await providerDocumentFile(ctx, request.actor, path);
    if (document) return send(reply, document, white);
    const index = (await providerIndexFiles(ctx, request.actor)).get(path);
    if (!index) throw missing(path);
    return send(reply, index, white);
  });
  done();
};
