import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { envelope } from './errors.js';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Serves the built web UI with a strict CSP, and index.html for client-side routes. */
export async function installWeb(app: FastifyInstance, webDir: string): Promise<void> {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    if (!request.url.startsWith('/docs')) reply.header('Content-Security-Policy', CSP);
    return payload;
  });
  const haveUi = existsSync(join(webDir, 'index.html'));
  if (haveUi) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !haveUi) {
      return reply.status(404).send(envelope('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
