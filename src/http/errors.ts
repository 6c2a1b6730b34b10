import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorCode, type Problem } from '../domain/errors.js';

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details: Problem[] };
}

export function envelope(code: ErrorCode, message: string, details: Problem[] = []): ErrorEnvelope {
  return { error: { code, message, details } };
}

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * The one error mapper: known errors keep their code and details; anything else is a
 * generic 500 whose cause goes to the log, never to the client.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.retryAfterSeconds !== undefined) void reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(ERROR_STATUS[err.code]).send(envelope(err.code, err.message, err.problems));
    }
    if (err.validation) {
      const where = err.validationContext ?? 'request';
      const details = err.validation.map((v) => ({
        pointer: v.instancePath || '',
        message: `${where}${v.instancePath} ${v.message ?? 'is invalid'}${v.keyword === 'additionalProperties' ? `: '${String((v.params as { additionalProperty?: unknown }).additionalProperty)}'` : ''}`,
      }));
      const code: ErrorCode = where === 'body' ? 'VALIDATION_FAILED' : 'BAD_REQUEST';
      return reply.status(ERROR_STATUS[code]).send(envelope(code, details[0]?.message ?? 'invalid request', details));
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.status(ERROR_STATUS[mapped]).send(envelope(mapped, err.message));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(envelope('BAD_REQUEST', err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(envelope('INTERNAL', 'internal error; it has been logged'));
  });
}
