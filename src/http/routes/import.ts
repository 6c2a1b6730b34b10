import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app/context.js';
import { importDocument, importPaths, FORMATS } from '../../app/knowledge.js';
import { AppError } from '../../domain/errors.js';
import { errors, ImportResult } from '../schemas.js';

const ACCEPTED = ['application/json', 'text/csv', 'text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml', 'application/zip'];
const NAMES: Record<string, string> = { 'text/csv': 'upload.csv', 'application/yaml': 'upload.yaml', 'application/x-yaml': 'upload.yaml', 'text/yaml': 'upload.yaml' };

/** Import takes raw bodies (JSON, CSV, YAML, zip) up to its own, larger limit. */
export const importRoutes = (ctx: AppContext): FastifyPluginCallbackTypebox => (app, _opts, done) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ctx.config.importLimit }, (_req, body, done) => done(null, body));

  app.post(
    '/import',
    {
      bodyLimit: ctx.config.importLimit,
      schema: {
        tags: ['import'],
        querystring: Type.Object(
          { format: Type.Optional(Type.Union([Type.Literal('auto'), ...FORMATS.map((f) => Type.Literal(f))])) },
          { additionalProperties: false },
        ),
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED.includes(type)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `import accepts ${ACCEPTED.join(', ')}; got '${type || 'none'}'`);
      }
      const body = request.body as Buffer;
      const format = request.query.format ?? 'auto';
      if (type === 'application/zip') {
        // Archives are imported entry by entry, as the CLI does; the summary lists rejected entries.
        const dir = await mkdtemp(join(tmpdir(), 'aicc-import-'));
        try {
          const file = join(dir, 'upload.zip');
          await writeFile(file, body);
          const summary = await importPaths(ctx, request.actor, [file], { format });
          // Problems name the client's upload, never the server's temporary path.
          const hide = (s: string) => s.split(file).join('upload.zip');
          summary.problems = summary.problems.map((p) => ({ ...p, message: hide(p.message), ...(p.file ? { file: hide(p.file) } : {}) }));
          return { summary };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
      const name = NAMES[type] ?? (type === 'text/csv' || type === 'text/plain' ? 'upload.csv' : 'upload.json');
      return { summary: await importDocument(ctx, request.actor, name, body.toString('utf8'), format) };
    },
  );
  done();
};
