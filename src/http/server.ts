import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/context.js';
import { AppError } from '../domain/errors.js';
import { parseJson } from '../formats/json.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './errors.js';
import { adminRoutes } from './routes/admin.js';
import { advisoryRoutes } from './routes/advisories.js';
import { distributionRoutes } from './routes/distribution.js';
import { metricsRoutes, prometheusRoutes } from './routes/metrics.js';
import { remediationRoutes } from './routes/remediation.js';
import { caseRoutes } from './routes/cases.js';
import { csafProviderRoutes } from './routes/csaf-provider.js';
import { disclosureRoutes } from './routes/disclosure.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/import.js';
import { intakeRoutes } from './routes/intake.js';
import { reproductionRoutes } from './routes/reproductions.js';
import { inventoryRoutes } from './routes/inventories.js';
import { scanRoutes } from './routes/scan.js';
import { scanningRoutes } from './routes/scanning.js';
import { sessionRoutes } from './routes/session.js';
import { vulnerabilityRoutes } from './routes/vulnerabilities.js';
import { installWeb } from './web.js';

export type Server = FastifyInstance;

/** JSON bodies go through our parser: depth-limited, with the line of a syntax error. */
function installJsonParser(app: FastifyInstance, maxDepth: number): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const parsed = parseJson(text, 'request body', { maxDepth });
    if (parsed.ok) return done(null, parsed.value);
    const problem = parsed.problems[0];
    done(new AppError(problem?.code ?? 'INVALID_JSON', problem?.message ?? 'invalid JSON', { problems: parsed.problems }), undefined);
  });
}

export async function buildServer(ctx: AppContext, options: { logger?: boolean } = {}): Promise<Server> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: ctx.config.bodyLimit,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // Per-request lines only when debugging: at thousands of requests a second they cost more than they tell.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installJsonParser(app, ctx.config.maxJsonDepth);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'AICC — AI Cybersecurity Clearinghouse API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'aicc_session' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  installAuth(app, ctx);

  await app.register(
    async (api) => {
      await api.register(healthRoutes(ctx));
      await api.register(sessionRoutes(ctx));
      await api.register(vulnerabilityRoutes(ctx));
      await api.register(adminRoutes(ctx));
      await api.register(importRoutes(ctx));
      await api.register(scanRoutes(ctx));
      await api.register(inventoryRoutes(ctx));
      await api.register(scanningRoutes(ctx));
      await api.register(intakeRoutes(ctx));
      await api.register(reproductionRoutes(ctx));
      await api.register(caseRoutes(ctx));
      await api.register(disclosureRoutes(ctx));
      await api.register(advisoryRoutes(ctx));
      await api.register(distributionRoutes(ctx));
      await api.register(metricsRoutes(ctx));
      await api.register(remediationRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  // CSAF 2.0 puts the provider at /.well-known/csaf/ on the server's own origin
  await app.register(csafProviderRoutes(ctx));
  await app.register(prometheusRoutes(ctx));
  await installWeb(app, ctx.config.webDir);
  return app;
}
