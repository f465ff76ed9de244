// The storefront catalog routes on the API's own server (createHttpServer: Fastify options, zod
// compilers, error handling, request hooks) with app.ts's /api plugins (cookie, formbody, rate
// limit, auth), but with the catalog cache switchable: buildApp always caches.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import pino from 'pino';
import type { Db } from '../../apps/api/src/db/client.js';
import { catalogStorefrontRoutes } from '../../apps/api/src/modules/catalog/index.js';
import { postgresRevocations } from '../../apps/api/src/modules/identity/index.js';
import { authPlugin, createAccessTokens } from '../../apps/api/src/platform/auth.js';
import { notFoundProblem } from '../../apps/api/src/platform/http-errors.js';
import { createHttpServer } from '../../apps/api/src/platform/http-server.js';

export async function buildCatalogApp(db: Db, opts: { cache: boolean }) {
  const app = createHttpServer({ logger: pino({ level: 'warn' }) });
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
