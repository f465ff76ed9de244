// The storefront catalog routes on the API's own server (createHttpServer: Fastify options, zod
// compilers, error handling, request hooks) with app.ts's /api plugins (cookie, formbody, rate
// limit, auth), but with the catalog cache switchable: buildApp always caches.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import pino from 'pino';
import type { Db } from '../../apps/api/src/db/client.js';
import { executePrepared } from '../../apps/api/src/db/pg.js';
import { catalogStorefrontRoutes } from '../../apps/api/src/modules/catalog/index.js';
import { postgresRevocations } from '../../apps/api/src/modules/identity/index.js';
import { authPlugin, createAccessTokens } from '../../apps/api/src/platform/auth.js';
import { notFoundProblem } from '../../apps/api/src/platform/http-errors.js';
import { createHttpServer } from '../../apps/api/src/platform/http-server.js';
import { createCatalogCache } from './internals.js';

async function serverWith(db: Db, routes: FastifyPluginAsync) {
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
      await api.register(routes);
      for (const url of ['/', '/*']) api.all(url, { schema: { hide: true } }, async (req, reply) => notFoundProblem(req, reply));
    },
    { prefix: '/api' },
  );
  app.setNotFoundHandler((req, reply) => notFoundProblem(req, reply));
  return app;
}

export function buildCatalogApp(db: Db, opts: { cache: boolean }) {
  return serverWith(db, async (api) => api.register(catalogStorefrontRoutes, { db, cache: opts.cache }));
}

/**
 * The ceiling of an uncached read on this machine: the same server, plugins and response path
 * (the catalog cache turned off: ETag, headers), but each URL's body is one row read by primary
 * key from `table (url text PRIMARY KEY, body text)` holding the very bytes the shop answered.
 * The most any design that reads the database once per request could do here.
 */
export function buildOneReadApp(db: Db, table: string) {
  const cache = createCatalogCache({ db, enabled: false });
  const statement = (url: string) => sql`SELECT body FROM ${sql.identifier(table)} WHERE url = ${url}`;
  return serverWith(db, async (api) => {
    api.get('/products', async (req, reply) =>
      cache.reply(req, reply, {
        locale: 'zh-TW',
        compute: async () => (await executePrepared<{ body: string }>(db, statement(req.url)))[0]?.body ?? '{}',
      }),
    );
  });
}
