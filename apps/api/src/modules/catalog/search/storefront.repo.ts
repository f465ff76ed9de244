// The storefront's lookups around the search: attribute definitions, a product by id or slug (or a
// former slug), its active variants, images and search row. Categories and brands are the catalog's
// own lists (`listCategories`, `listBrands` through ../shared.ts).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import type { BasicAttributeValue, Translations } from '../shared.js';

export interface AttributeDefinitionRow {
  /** The defining category (definitions apply to it and its descendants). */
  categoryId: string;
  code: string;
  label: Translations;
  allowedValues: Array<{ value: string; label: Translations }> | null;
}

/** Every attribute definition, by code and then sort order. */
export async function allAttributeDefinitions(db: DbOrTx): Promise<AttributeDefinitionRow[]> {
  const r = await db.execute<AttributeDefinitionRow & Record<string, unknown>>(sql`
    SELECT category_id AS "categoryId", code, label, allowed_values AS "allowedValues" FROM attribute_definitions ORDER BY code, sort_order, id`);
  return r.rows;
}

export interface ProductRow {
  id: string;
  slug: string;
  name: Translations;
  description: Translations | null;
  status: string;
  deletedAt: Date | null;
  brandId: string | null;
  primaryCategoryId: string | null;
  basicAttributes: Record<string, BasicAttributeValue>;
  coolingOffExempt: boolean;
}

const productColumns = sql`id, slug, name, description, status, deleted_at AS "deletedAt", brand_id AS "brandId",
  primary_category_id AS "primaryCategoryId", basic_attributes AS "basicAttributes", cooling_off_exempt AS "coolingOffExempt"`;

export async function findProductById(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const r = await db.execute<ProductRow & Record<string, unknown>>(sql`SELECT ${productColumns} FROM products WHERE id = ${id}`);
  return r.rows[0];
}

export async function findProductBySlug(db: DbOrTx, slug: string): Promise<ProductRow | undefined> {
  const r = await db.execute<ProductRow & Record<string, unknown>>(sql`SELECT ${productColumns} FROM products WHERE slug = ${slug}`);
  return r.rows[0];
}

/** The product a former slug belonged to. */
export async function findProductIdByOldSlug(db: DbOrTx, slug: string): Promise<string | undefined> {
  const r = await db.execute<{ product_id: string }>(sql`SELECT product_id FROM product_slug_history WHERE slug = ${slug}`);
  return r.rows[0]?.product_id;
}

export interface VariantRow {
  id: string;
  sku: string;
  salesAttributes: Record<string, string>;
  priceMinor: number;
  compareAtMinor: number | null;
}

export async function activeVariants(db: DbOrTx, productId: string): Promise<VariantRow[]> {
  const r = await db.execute<VariantRow & Record<string, unknown>>(sql`
    SELECT id, sku, sales_attributes AS "salesAttributes", price_minor AS "priceMinor", compare_at_minor AS "compareAtMinor"
    FROM variants WHERE product_id = ${productId} AND status = 'active' ORDER BY sort_order, created_at`);
  return r.rows;
}

export interface ImageRow {
  id: string;
  variantId: string | null;
  storageKey: string;
  publicBase: string | null;
  widths: number[];
  width: number;
  height: number;
  alt: Translations | null;
}

export async function productImages(db: DbOrTx, productId: string): Promise<ImageRow[]> {
  const r = await db.execute<ImageRow & Record<string, unknown>>(sql`
    SELECT id, variant_id AS "variantId", storage_key AS "storageKey", public_base AS "publicBase", widths, width, height, alt
    FROM product_images WHERE product_id = ${productId} ORDER BY sort_order, created_at`);
  return r.rows;
}

export async function findSearchRow(
  db: DbOrTx,
  productId: string,
): Promise<{ inStock: boolean; priceMin: number; priceMax: number } | undefined> {
  const r = await db.execute<{ inStock: boolean; priceMin: number; priceMax: number }>(sql`
    SELECT in_stock AS "inStock", price_min AS "priceMin", price_max AS "priceMax" FROM product_search WHERE product_id = ${productId}`);
  return r.rows[0];
}
