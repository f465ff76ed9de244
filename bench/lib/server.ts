// The API's own server for a benchmark: createHttpServer (Fastify options, zod compilers, error
// handling, request hooks) with app.ts's /api plugins (cookie, formbody, rate limit, auth) around the
// routes under test. The rate limit is lifted: the load comes from one IP (the plugin's per-request
// work stays).
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import pino from 'pino';
import type { Db } from '../../apps/api/src/db/client.js';
import { postgresRevocations } from '../../apps/api/src/modules/identity/index.js';
import { authPlugin, createAccessTokens } from '../../apps/api/src/platform/auth.js';
import { notFoundProblem } from '../../apps/api/src/platform/http-errors.js';
import { createHttpServer } from '../../apps/api/src/platform/http-server.js';

export async function benchServer(db: Db, routes: FastifyPluginAsync, opts: { logLevel?: string } = {}) {
  const app = createHttpServer({ logger: pino({ level: opts.logLevel ?? 'warn' }) });
  const tokens = createAccessTokens({ secret: 'bench-catalog-secret-bench-catalog-secret', ttlSec: 900 });
  await app.register(
    async (api) => {
      await api.register(cookie);
      await api.register(formbody);
      // app.ts allows RATE_LIMIT_PER_MINUTE per IP; the load comes from one IP, so the limit is lifted
      // (the plugin's per-request work stays).
      await api.register(rateLimit, { max: 1e9, timeWindow: '1 minute', nameSpace: 'shop:rl:' });
      await api.register(authPlugin, { tokens, isRevoked: postgresRevocations(db).isRevoked, publicUrl: undefined });
      await api.register(routes);
      for (const url of ['/', '/*']) api.all(url, { schema: { hide: true } }, async (req, reply) => notFoundProblem(req, reply));
    },
    { prefix: '/api' },
  );
  app.setNotFoundHandler((req, reply) => notFoundProblem(req, reply));
  return app;
}
