// The storefront catalog routes on a Fastify instance built the way app.ts builds the API
// (same Fastify options, zod compilers, error handling, request hooks, /api plugins: cookie,
// formbody, rate limit, auth), but with the catalog cache switchable: buildApp always caches.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino from 'pino';
import type { Db } from '../../apps/api/src/db/client.js';
import { catalogStorefrontRoutes } from '../../apps/api/src/modules/catalog/index.js';
import { postgresRevocations } from '../../apps/api/src/modules/identity/index.js';
import { authPlugin, createAccessTokens } from '../../apps/api/src/platform/auth.js';
import { notFoundProblem, registerErrorHandling } from '../../apps/api/src/platform/http-errors.js';
import { requestIdFor } from '../../apps/api/src/platform/request-id.js';

export async function buildCatalogApp(db: Db, opts: { cache: boolean }) {
  const app = Fastify({
    loggerInstance: pino({ level: 'warn' }) as FastifyBaseLogger,
    genReqId: requestIdFor,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info({ method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
    done();
  });
  const tokens = createAccessTokens({ secret: 'bench-catalog-secret-bench-catalog-secret', ttlSec: 900 });
  await app.register(
    async (api) => {
      await api.register(cookie);
      await api.register(formbody);
      // app.ts allows RATE_LIMIT_PER_MINUTE per IP; the load comes from one IP, so the limit is lifted
      // (the plugin's per-request work stays).
      await api.register(rateLimit, { max: 1e9, timeWindow: '1 minute', nameSpace: 'shop:rl:' });
      await api.register(authPlugin, { tokens, isRevoked: postgresRevocations(db).isRevoked, publicUrl: undefined });
      await api.register(catalogStorefrontRoutes, { db, cache: opts.cache });
      for (const url of ['/', '/*']) api.all(url, { schema: { hide: true } }, async (req, reply) => notFoundProblem(req, reply));
    },
    { prefix: '/api' },
  );
  app.setNotFoundHandler((req, reply) => notFoundProblem(req, reply));
  return app;
}
