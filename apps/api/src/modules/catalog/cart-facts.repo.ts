// What the cart needs to know of the variants it holds, in one read: the catalog's SQL, the
// catalog's rules (what a buyer may see, the image a card shows), plain values out.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { arrayParam } from '../../db/pg.js';
import type { Translations } from './catalog.tables.js';
import { imageUrl } from './media.js';

/** One variant as the cart sees it. Names: zh-TW always, English falling back to zh-TW. */
export interface CartVariantFacts {
  variantId: string;
  productId: string;
  sku: string;
  /** The variant itself is sold (status `active`). */
  active: boolean;
  /** The product is on the shelf or sold out and not deleted: a buyer may see (and order) it. */
  buyerVisible: boolean;
  productStatus: string;
  /** The current price in minor units. */
  price: number;
  productName: { 'zh-TW': string; en: string };
  slug: string;
  /** The variant's sales options in the order of its attributes: `{ name: 顏色, value: 黑 }`. */
  options: Array<{ name: { 'zh-TW': string; en: string }; value: { 'zh-TW': string; en: string } }>;
  /** The variant's first image, else the product's first; null without images. */
  imageUrl: string | null;
  /** The product's categories (primary and extra) with all their ancestors. */
  categoryIds: string[];
  brandId: string | null;
  weightGrams: number | null;
  fulfilment: 'physical' | 'virtual';
  excludedFromOrderDiscounts: boolean;
  storePickupEligible: boolean;
  coolingOffExempt: boolean;
}

const named = (t: Translations): { 'zh-TW': string; en: string } => ({ 'zh-TW': t['zh-TW'], en: t.en ?? t['zh-TW'] });
/** `/a/b/c/` → `[a, b, c]`. */
const idsOfPath = (path: string) => path.split('/').filter(Boolean);

interface FactsRow {
  variant_id: string;
  product_id: string;
  sku: string;
  variant_status: string;
  price: number;
  weight_grams: number | null;
  sales_attributes: Record<string, string>;
  product_status: string;
  deleted: boolean;
  name: Translations;
  slug: string;
  brand_id: string | null;
  type: 'physical' | 'virtual';
  excluded: boolean;
  pickup: boolean;
  cooling_off_exempt: boolean;
  /** The primary category's path ('' without one, or when the category is gone). */
  primary_path: string;
  /** Each direct category's path (its own `/id/` when the category row is gone). */
  category_paths: string[];
  /** Sales attributes of the primary category's lineage, by sort order then code. */
  sales: Array<{ code: string; label: Translations; allowedValues: Array<{ value: string; label: Translations }> | null }> | null;
  image_key: string | null;
  image_base: string | null;
}

// One statement: the variant and its product, the paths of the product's categories, the sales
// attributes of the primary category's lineage, and the card image (the variant's own first, else
// the product's, else any of the product's), each by a correlated subquery.
const factsQuery = (ids: readonly string[]) => sql`
  SELECT v.id AS variant_id, v.product_id, v.sku, v.status AS variant_status, v.price_minor AS price,
    v.weight_grams, v.sales_attributes, p.status AS product_status, p.deleted_at IS NOT NULL AS deleted,
    p.name, p.slug, p.brand_id, p.type, p.excluded_from_order_discounts AS excluded,
    p.store_pickup_eligible AS pickup, p.cooling_off_exempt,
    coalesce(pc.path, '') AS primary_path,
    ARRAY(
      SELECT coalesce(c.path, '/' || d.id || '/')
      FROM (SELECT p.primary_category_id AS id WHERE p.primary_category_id IS NOT NULL
            UNION SELECT x.category_id FROM product_categories x WHERE x.product_id = p.id) d
      LEFT JOIN categories c ON c.id = d.id
    ) AS category_paths,
    (SELECT json_agg(json_build_object('code', a.code, 'label', a.label, 'allowedValues', a.allowed_values)
                     ORDER BY a.sort_order, a.code)
     FROM attribute_definitions a
     WHERE a.kind = 'sales' AND pc.path IS NOT NULL
       AND a.category_id::text = ANY (string_to_array(pc.path, '/'))) AS sales,
    img.storage_key AS image_key, img.public_base AS image_base
  FROM variants v
  JOIN products p ON p.id = v.product_id
  LEFT JOIN categories pc ON pc.id = p.primary_category_id
  LEFT JOIN LATERAL (
    SELECT i.storage_key, i.public_base FROM product_images i
    WHERE i.product_id = v.product_id
    ORDER BY CASE WHEN i.variant_id = v.id THEN 0 WHEN i.variant_id IS NULL THEN 1 ELSE 2 END,
             i.sort_order, i.created_at, i.id
    LIMIT 1
  ) img ON true
  WHERE v.id = ANY (${arrayParam(ids, 'uuid')})`;

/** Facts of the given variants, by variant id; an id the catalog does not know is absent. A plain read, one statement. */
export async function variantsForCart(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, CartVariantFacts>> {
  const out = new Map<string, CartVariantFacts>();
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return out;
  const { rows } = await db.execute<FactsRow & Record<string, unknown>>(factsQuery(ids));
  for (const r of rows) {
    const categoryIds = new Set<string>();
    for (const path of r.category_paths) for (const id of idsOfPath(path)) categoryIds.add(id);
    const sales = r.sales ?? [];
    const options = Object.entries(r.sales_attributes).map(([code, value]) => {
      const def = sales.find((d) => d.code === code);
      const label = def?.allowedValues?.find((v) => v.value === value)?.label;
      return { name: named(def?.label ?? { 'zh-TW': code }), value: named(label ?? { 'zh-TW': value }) };
    });
    out.set(r.variant_id, {
      variantId: r.variant_id,
      productId: r.product_id,
      sku: r.sku,
      active: r.variant_status === 'active',
      buyerVisible: (r.product_status === 'on_shelf' || r.product_status === 'sold_out') && !r.deleted,
      productStatus: r.product_status,
      price: r.price,
      productName: named(r.name),
      slug: r.slug,
      options,
      imageUrl: r.image_key === null ? null : imageUrl({ storageKey: r.image_key, publicBase: r.image_base }),
      categoryIds: [...categoryIds].sort(),
      brandId: r.brand_id,
      weightGrams: r.weight_grams,
      fulfilment: r.type,
      excludedFromOrderDiscounts: r.excluded,
      storePickupEligible: r.pickup,
      coolingOffExempt: r.cooling_off_exempt,
    });
  }
  return out;
}
