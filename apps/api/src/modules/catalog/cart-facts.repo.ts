// What the cart needs to know of the variants it holds, in one read: the catalog's SQL, the
// catalog's rules (what a buyer may see, the image a card shows), plain values out.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  attributeDefinitions,
  categories,
  productCategories,
  productImages,
  products,
  variants,
  type Translations,
} from './catalog.tables.js';
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

/** Facts of the given variants, by variant id; an id the catalog does not know is absent. A plain read. */
export async function variantsForCart(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, CartVariantFacts>> {
  const out = new Map<string, CartVariantFacts>();
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      variantId: variants.id,
      productId: variants.productId,
      sku: variants.sku,
      variantStatus: variants.status,
      price: variants.priceMinor,
      weightGrams: variants.weightGrams,
      salesAttributes: variants.salesAttributes,
      productStatus: products.status,
      deletedAt: products.deletedAt,
      name: products.name,
      slug: products.slug,
      brandId: products.brandId,
      primaryCategoryId: products.primaryCategoryId,
      type: products.type,
      excluded: products.excludedFromOrderDiscounts,
      pickup: products.storePickupEligible,
      coolingOffExempt: products.coolingOffExempt,
    })
    .from(variants)
    .innerJoin(products, eq(variants.productId, products.id))
    .where(inArray(variants.id, ids));
  if (rows.length === 0) return out;
  const productIds = [...new Set(rows.map((r) => r.productId))];

  const extra = await db
    .select({ productId: productCategories.productId, categoryId: productCategories.categoryId })
    .from(productCategories)
    .where(inArray(productCategories.productId, productIds));
  const direct = new Map<string, Set<string>>(productIds.map((id) => [id, new Set<string>()]));
  for (const r of rows) if (r.primaryCategoryId) direct.get(r.productId)!.add(r.primaryCategoryId);
  for (const e of extra) direct.get(e.productId)!.add(e.categoryId);
  const allDirect = [...new Set([...direct.values()].flatMap((s) => [...s]))];
  const paths =
    allDirect.length === 0
      ? []
      : await db.select({ id: categories.id, path: categories.path }).from(categories).where(inArray(categories.id, allDirect));
  const pathOf = new Map(paths.map((p) => [p.id, p.path]));

  // Sales attributes of the primary categories and their ancestors, for the option labels.
  const ancestorIds = [...new Set(rows.flatMap((r) => (r.primaryCategoryId ? idsOfPath(pathOf.get(r.primaryCategoryId) ?? '') : [])))];
  const defs =
    ancestorIds.length === 0
      ? []
      : await db
          .select({
            categoryId: attributeDefinitions.categoryId,
            code: attributeDefinitions.code,
            kind: attributeDefinitions.kind,
            label: attributeDefinitions.label,
            allowedValues: attributeDefinitions.allowedValues,
            sortOrder: attributeDefinitions.sortOrder,
          })
          .from(attributeDefinitions)
          .where(inArray(attributeDefinitions.categoryId, ancestorIds))
          .orderBy(asc(attributeDefinitions.sortOrder), asc(attributeDefinitions.code));

  const images = await db
    .select({
      productId: productImages.productId,
      variantId: productImages.variantId,
      storageKey: productImages.storageKey,
      publicBase: productImages.publicBase,
    })
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(asc(productImages.sortOrder), asc(productImages.createdAt), asc(productImages.id));

  for (const r of rows) {
    const categoryIds = new Set<string>();
    for (const c of direct.get(r.productId) ?? []) for (const id of idsOfPath(pathOf.get(c) ?? `/${c}/`)) categoryIds.add(id);
    const lineage = new Set(r.primaryCategoryId ? idsOfPath(pathOf.get(r.primaryCategoryId) ?? '') : []);
    const sales = defs.filter((d) => d.kind === 'sales' && lineage.has(d.categoryId));
    const options = Object.entries(r.salesAttributes).map(([code, value]) => {
      const def = sales.find((d) => d.code === code);
      const label = def?.allowedValues?.find((v) => v.value === value)?.label;
      return { name: named(def?.label ?? { 'zh-TW': code }), value: named(label ?? { 'zh-TW': value }) };
    });
    const image =
      images.find((i) => i.productId === r.productId && i.variantId === r.variantId) ??
      images.find((i) => i.productId === r.productId && i.variantId === null) ??
      images.find((i) => i.productId === r.productId);
    out.set(r.variantId, {
      variantId: r.variantId,
      productId: r.productId,
      sku: r.sku,
      active: r.variantStatus === 'active',
      buyerVisible: (r.productStatus === 'on_shelf' || r.productStatus === 'sold_out') && r.deletedAt === null,
      productStatus: r.productStatus,
      price: r.price,
      productName: named(r.name),
      slug: r.slug,
      options,
      imageUrl: image ? imageUrl(image) : null,
      categoryIds: [...categoryIds].sort(),
      brandId: r.brandId,
      weightGrams: r.weightGrams,
      fulfilment: r.type,
      excludedFromOrderDiscounts: r.excluded,
      storePickupEligible: r.pickup,
      coolingOffExempt: r.coolingOffExempt,
    });
  }
  return out;
}
