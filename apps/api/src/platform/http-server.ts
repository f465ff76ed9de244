// The Fastify instance every HTTP server of the API starts from (the app, and the catalog
// benchmark's copy of the storefront routes): options, Zod compilers, problem documents,
// X-Request-Id and one log line per request.
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemBody, registerErrorHandling, sendProblem } from './http-errors.js';
import type { Logger } from './logger.js';
import { requestIdFor } from './request-id.js';

export function createHttpServer(opts: { logger: Logger; bodyLimit?: number | undefined; trustProxy?: boolean | undefined }) {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    genReqId: requestIdFor,
    // One line per request, written by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    ...(opts.bodyLimit === undefined ? {} : { bodyLimit: opts.bodyLimit }),
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    // A path that does not percent-decode (`/api/products/%ZZ`) never reaches a route: answer it
    // with a problem document like every other bad request.
    frameworkErrors: (err, req, reply) => {
      reply.header('x-request-id', req.id);
      const status = err.statusCode ?? 400;
      const code = err.code === 'FST_ERR_BAD_URL' ? 'MALFORMED_URL' : 'BAD_REQUEST';
      const detail = err.code === 'FST_ERR_BAD_URL' ? 'The address is not validly percent-encoded.' : err.message;
      return sendProblem(reply, problemBody(req, { status, code, detail }));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // Callback-style hooks: no promise per request on the hot path.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info(
      { method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
  return app;
}
