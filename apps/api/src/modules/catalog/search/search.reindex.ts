// Reindexing the products a category or brand change reaches (a rename changes their search text,
// a move their ancestor categories). The staff write appends `catalog.reindex_requested`; this
// outbox handler rewrites the products' search rows a batch per event, appending the next batch
// as a new event, so no transaction grows with the size of the category.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../../db/client.js';
import { appendEvent, defineEvent, defineHandler } from '../../../platform/events.js';
import type { EventHandler } from '../../../platform/outbox.js';
import { bumpCatalogVersion, type CatalogCacheDeps } from './catalog.cache.js';
import { reindexProduct } from './search.indexer.js';

/**
 * Reindexing the products a category or brand change reaches (a rename changes their search text,
 * a move their ancestor categories). `after`: products with a greater id are left to the next event.
 * The aggregate is the category or the brand (`scope`).
 */
export const ReindexRequest = z.object({ scope: z.enum(['category', 'brand']), id: z.guid(), after: z.guid().optional() });
export type ReindexRequest = z.infer<typeof ReindexRequest>;

export const CatalogEvents = {
  reindexRequested: defineEvent('catalog.reindex_requested', ReindexRequest),
} as const;

/** Products per event. */
export const REINDEX_BATCH = 500;

/** Appends the request in the staff write's transaction (delivered only if it commits). */
export async function requestReindex(tx: Tx, request: ReindexRequest): Promise<void> {
  await appendEvent(tx, CatalogEvents.reindexRequested, { aggregateType: request.scope, aggregateId: request.id, payload: request });
}

/**
 * `cache`: the catalog cache's deps (the app's Redis, when there is one), so that each committed
 * batch bumps the catalog version and cached reads computed from the old rows are not served again.
 */
export function catalogReindexHandler(opts: { batch?: number; cache?: CatalogCacheDeps | undefined } = {}): EventHandler {
  const batch = opts.batch ?? REINDEX_BATCH;
  const { cache } = opts;
  return defineHandler({
    name: 'catalog.reindex',
    events: [CatalogEvents.reindexRequested],
    async handle(tx, r) {
      // Every product row that names the category (or a descendant: category_ids lists ancestors) or the brand.
      const where = r.scope === 'category' ? sql`category_ids @> ARRAY[${r.id}]::uuid[]` : sql`brand_id = ${r.id}`;
      const { rows } = await tx.execute<{ id: string }>(sql`
        SELECT product_id AS id FROM product_search WHERE ${where} ${r.after ? sql`AND product_id > ${r.after}` : sql``}
        ORDER BY product_id LIMIT ${batch}`);
      for (const { id } of rows) await reindexProduct(tx, id);
      if (rows.length === batch) await requestReindex(tx, { ...r, after: rows.at(-1)!.id });
    },
    ...(cache ? { afterCommit: () => bumpCatalogVersion(cache) } : {}),
  });
}
