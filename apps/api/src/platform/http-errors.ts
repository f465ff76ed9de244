import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ValidationError, type ErrorCode, type FieldIssue } from './errors.js';
import { isPoolTimeout, sqlState } from './tx.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own error codes that are the client's fault, with our stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_BODY', detail: 'The body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_BODY',
    detail: "The body is empty but Content-Type is 'application/json'.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'MALFORMED_BODY',
    detail: 'Content-Length does not match the body.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The body is larger than allowed.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'This content type is not accepted here; send application/json.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    detail: 'The Content-Type header is missing or invalid.',
  },
  // @fastify/multipart
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than allowed.' },
  FST_FILES_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'Send one file per request.' },
  FST_PARTS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'Too many parts in the form.' },
  FST_FIELDS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'Too many fields in the form.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send multipart/form-data.' },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED', detail: 'The request has invalid fields.' },
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  traceId: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

export function problemBody(
  req: FastifyRequest,
  p: { status: number; code: ErrorCode; detail?: string; errors?: FieldIssue[]; extra?: Record<string, unknown> },
): ProblemBody {
  return {
    ...p.extra,
    type: `about:blank`,
    title: TITLES[p.status] ?? (p.status >= 500 ? 'Server Error' : 'Client Error'),
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: req.url.split('?')[0],
    code: p.code,
    traceId: req.id,
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** A schema refinement names its reason in `params.code` (`district_not_in_city`); Zod calls it all `custom`. */
function refinementCode(params: unknown): string | undefined {
  const inner = (params as { params?: { code?: unknown } } | undefined)?.params;
  return typeof inner?.code === 'string' ? inner.code : undefined;
}

/**
 * Lock wait past the transaction's lock_timeout (55P03), a serialization failure / deadlock left
 * after withTx's retries, or every pooled connection busy past the pool's wait.
 */
function isContention(err: unknown): boolean {
  const state = sqlState(err);
  return state === '55P03' || state === '40001' || state === '40P01' || isPoolTimeout(err);
}

/** The one error handler: every failure leaves as an RFC 9457 problem document. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
        code: refinementCode(v.params) ?? v.keyword,
      }));
      return sendProblem(
        reply,
        problemBody(req, { status: 400, code: 'VALIDATION_FAILED', detail: 'The request has invalid fields.', errors }),
      );
    }
    if (err instanceof ValidationError) {
      return sendProblem(reply, problemBody(req, { status: 400, code: err.code, detail: err.message, errors: err.errors }));
    }
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'request failed');
      if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      return sendProblem(reply, problemBody(req, { status: err.status, code: err.code, detail: err.message, extra: err.extra }));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return sendProblem(reply, problemBody(req, known));
    if (err.statusCode === 429) {
      return sendProblem(reply, problemBody(req, { status: 429, code: 'RATE_LIMITED', detail: 'Too many requests; try again later.' }));
    }
    if (!isResponseSerializationError(err) && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Another client error raised by Fastify or a plugin: keep its status, give it a stable code.
      req.log.info({ err }, 'client error');
      const code = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST';
      return sendProblem(reply, problemBody(req, { status: err.statusCode, code, detail: err.message }));
    }
    if (isContention(err)) {
      // The database gave up waiting for a lock, or the retries of a conflicting transaction ran out:
      // nothing was written, and the same request may well pass in a moment.
      req.log.warn({ err, sqlState: sqlState(err) }, 'database contention');
      reply.header('retry-after', '1');
      return sendProblem(
        reply,
        problemBody(req, { status: 503, code: 'BUSY', detail: 'The shop is busy with the same data; try again in a moment.' }),
      );
    }
    req.log.error({ err }, 'unexpected error');
    return sendProblem(
      reply,
      problemBody(req, { status: 500, code: 'INTERNAL', detail: 'Something went wrong on our side. Quote the traceId if you contact us.' }),
    );
  });
}

export function notFoundProblem(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(
    reply,
    problemBody(req, { status: 404, code: 'NOT_FOUND', detail: `No route ${req.method} ${req.url.split('?')[0]}.` }),
  );
}
