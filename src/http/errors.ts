import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../shared/app-error.js';

export type ErrorBody = {
  error: { code: string; message: string; detail?: Record<string, string | number> };
};

export const errorBody = (
  code: string,
  message: string,
  detail?: Record<string, string | number>,
): ErrorBody => ({ error: { code, message, ...(detail ? { detail } : {}) } });

const FASTIFY_STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * Errors Fastify raises before routing (a path that is not valid percent-encoding, such as %ED%A0%80
 * or a bare %): the same `{"error":{"code","message"}}` as everything else, never Fastify's own shape.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid percent-encoded text' : error.message;
  return reply.status(status).send(errorBody(FASTIFY_STATUS_CODES[status] ?? 'BAD_REQUEST', message));
}

/** One place maps every failure to `{"error":{"code","message"}}` and its status. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const details = error.validation
        .slice(0, 5)
        .map((v) => {
          const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
          return path ? `${path}: ${v.message}` : (v.message ?? 'invalid');
        })
        .join('; ');
      return reply.status(400).send(errorBody('VALIDATION_FAILED', `invalid ${where}: ${details}`));
    }
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.status).send(errorBody(error.code, error.message, error.detail));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = FASTIFY_STATUS_CODES[status] ?? 'BAD_REQUEST';
      const message =
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'malformed JSON body'
          : error.message;
      return reply.status(status).send(errorBody(code, message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'internal error'));
  });
}
