// The storefront catalog routes on the API's own server (../lib/server.ts: createHttpServer with
// app.ts's /api plugins), but with the catalog cache switchable: buildApp always caches.
import { sql } from 'drizzle-orm';
import type { Db } from '../../apps/api/src/db/client.js';
import { executePrepared } from '../../apps/api/src/db/pg.js';
import { catalogStorefrontRoutes } from '../../apps/api/src/modules/catalog/index.js';
import { benchServer } from '../lib/server.js';
import { createCatalogCache } from './internals.js';

export function buildCatalogApp(db: Db, opts: { cache: boolean }) {
  return benchServer(db, async (api) => api.register(catalogStorefrontRoutes, { db, cache: opts.cache }));
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
  return benchServer(db, async (api) => {
    api.get('/products', async (req, reply) =>
      cache.reply(req, reply, {
        locale: 'zh-TW',
        compute: async () => (await executePrepared<{ body: string }>(db, statement(req.url)))[0]?.body ?? '{}',
      }),
    );
  });
}
