// The sitemap's SQL: categories with on-shelf products, and on-shelf products by keyset pages.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';

export interface SlugRow {
  id: string;
  slug: string;
  updatedAt: Date;
}

/**
 * Shopper-visible products (on the shelf or sold out, not deleted), from the search index's kept
 * count of scope `*`: one key read whatever the catalog's size.
 */
export async function countVisibleProducts(db: Db): Promise<number> {
  const r = await db.execute<{ n: number }>(
    sql`SELECT coalesce((SELECT n FROM search_facet_counts WHERE scope = '*' AND facet = '#n'), 0)::int AS n`,
  );
  return r.rows[0]!.n;
}

/** Categories with at least one visible product (kept counts of their scope), by slug. */
export async function visibleCategories(db: Db): Promise<SlugRow[]> {
  const r = await db.execute<{ id: string; slug: string; updated_at: string | Date }>(sql`
    SELECT c.id, c.slug, c.updated_at FROM categories c
      JOIN search_facet_counts f ON f.scope = 'c:' || c.id::text AND f.facet = '#n' AND f.n > 0
     ORDER BY c.slug`);
  return r.rows.map((x) => ({ id: x.id, slug: x.slug, updatedAt: new Date(x.updated_at) }));
}

/**
 * Visible products in product id order: the first `limit` after `after` (keyset: one index range
 * of the search index's covering key, then the products' own key), or, without `after`, those from
 * position `offset` (an index-only walk of the same key, only to find where a sitemap file starts).
 */
export async function visibleProductsPage(
  db: Db,
  input: { after?: string | undefined; offset?: number; limit: number },
): Promise<SlugRow[]> {
  const r = await db.execute<{ id: string; slug: string; updated_at: string | Date }>(visibleProductsPageSql(input));
  return r.rows.map((x) => ({ id: x.id, slug: x.slug, updatedAt: new Date(x.updated_at) }));
}

/** The statement of `visibleProductsPage` (its plan is checked at scale). */
export function visibleProductsPageSql(input: { after?: string | undefined; offset?: number; limit: number }): SQL {
  const from = input.after === undefined ? sql`TRUE` : sql`s.product_id > ${input.after}::uuid`;
  // OFFSET and LIMIT inside, on the visible ids' own index alone; then each page row's product by its
  // key (LIMIT 1 keeps that a per-row lookup: never a hash join over every product).
  return sql`
    SELECT s.product_id AS id, p.slug, p.updated_at
      FROM (SELECT product_id FROM product_search s WHERE s.visible AND ${from}
             ORDER BY product_id OFFSET ${input.after === undefined ? (input.offset ?? 0) : 0} LIMIT ${input.limit}) s
      CROSS JOIN LATERAL (SELECT slug, updated_at FROM products WHERE id = s.product_id LIMIT 1) p
     ORDER BY s.product_id`;
}
