// Variant references (sku ↔ variant id ↔ product id) for other modules: stock lists, counts and imports.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { likeLiteral } from '../../db/pg.js';

export interface VariantRef {
  variantId: string;
  productId: string;
  sku: string;
}

interface Row extends Record<string, unknown> {
  id: string;
  product_id: string;
  sku: string;
}

const toRef = (r: Row): VariantRef => ({ variantId: r.id, productId: r.product_id, sku: r.sku });

export async function variantsByIds(db: Db | Tx, ids: readonly string[]): Promise<Map<string, VariantRef>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<Row>(sql`SELECT id, product_id, sku FROM variants WHERE id = ANY(${sql.param([...ids])}::uuid[])`);
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}

export async function variantsBySkus(db: Db | Tx, skus: readonly string[]): Promise<Map<string, VariantRef>> {
  if (skus.length === 0) return new Map();
  const { rows } = await db.execute<Row>(sql`SELECT id, product_id, sku FROM variants WHERE sku = ANY(${sql.param([...skus])}::text[])`);
  return new Map(rows.map((r) => [r.sku, toRef(r)]));
}

/** Variants whose SKU contains `q` (case-insensitive), at most `limit`. */
export async function variantsMatchingSku(db: Db | Tx, q: string, limit: number): Promise<VariantRef[]> {
  const pattern = `%${likeLiteral(q)}%`;
  const { rows } = await db.execute<Row>(
    sql`SELECT id, product_id, sku FROM variants WHERE sku ILIKE ${pattern} ORDER BY sku LIMIT ${limit}`,
  );
  return rows.map(toRef);
}

/**
 * The sold variants of a product shoppers can see (on the shelf or sold out, not deleted), in the
 * catalog's order; null when shoppers cannot see the product (or there is no such product).
 */
export async function shopperVariantIds(db: Db | Tx, productId: string): Promise<string[] | null> {
  const { rows } = await db.execute<{ id: string | null }>(sql`
    SELECT v.id FROM products p LEFT JOIN variants v ON v.product_id = p.id AND v.status = 'active'
    WHERE p.id = ${productId} AND p.status IN ('on_shelf', 'sold_out') AND p.deleted_at IS NULL
    ORDER BY v.sort_order, v.created_at`);
  if (rows.length === 0) return null;
  return rows.flatMap((r) => (r.id ? [r.id] : []));
}
