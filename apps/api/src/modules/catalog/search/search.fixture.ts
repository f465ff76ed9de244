// A small catalog for the search tests, inserted with SQL and indexed with reindexProduct.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { reindexProduct } from './search.indexer.js';

type Status = 'on_shelf' | 'sold_out' | 'draft' | 'pending_review' | 'off_shelf';
export interface FixtureProduct {
  id: string;
  slug: string;
  zh: string;
  en: string | undefined;
  category: string;
  brand: string;
  prices: number[];
  sizes: string[];
  colors: string[];
  status: Status;
  sold: number;
}

export interface Fixture {
  cat: Record<string, string>;
  brand: Record<string, string>;
  products: FixtureProduct[];
  bySlug: (slug: string) => FixtureProduct;
  visible: FixtureProduct[];
}

const CATEGORIES: Array<[key: string, parent: string | null, slug: string, zh: string, en: string]> = [
  ['apparel', null, 'apparel', '服飾', 'Apparel'],
  ['tops', 'apparel', 'tops', '上衣', 'Tops'],
  ['tees', 'tops', 'tees', 'T恤', 'T-shirts'],
  ['shirts', 'tops', 'shirts', '襯衫', 'Shirts'],
  ['bottoms', 'apparel', 'bottoms', '下身', 'Bottoms'],
  ['trousers', 'bottoms', 'trousers', '褲子', 'Trousers'],
  ['living', null, 'living', '生活', 'Living'],
  ['drinkware', 'living', 'drinkware', '杯瓶', 'Drinkware'],
  ['footwear', null, 'footwear', '鞋履', 'Footwear'],
  ['sneakers', 'footwear', 'sneakers', '休閒鞋', 'Sneakers'],
];

const BRANDS: Array<[slug: string, zh: string, en: string]> = [
  ['uniqlo', '優衣庫', 'Uniqlo'],
  ['levis', '李維斯', "Levi's"],
  ['converse', '匡威', 'Converse'],
  ['thermos', '膳魔師', 'Thermos'],
  ['muji', '無印良品', 'Muji'],
];

// slug, zh, en, category, brand, prices, sizes, colours, status, sold
const PRODUCTS: Array<[string, string, string | undefined, string, string, number[], string[], string[], Status, number]> = [
  ['crew-tee', '圓領短袖T恤', 'Crew-neck Tee', 'tees', 'uniqlo', [390, 390, 390], ['S', 'M', 'L'], ['red', 'blue'], 'on_shelf', 120],
  ['v-tee', 'V領短袖T恤', 'V-neck Tee', 'tees', 'uniqlo', [490, 490], ['M', 'L'], ['black'], 'on_shelf', 80],
  ['striped-tee', '圓領條紋T恤', 'Striped Crew Tee', 'tees', 'muji', [590], ['M'], ['blue'], 'sold_out', 40],
  ['long-tee', '素色長袖T恤', 'Plain Long-sleeve T-shirt', 'tees', 'muji', [690], ['S', 'M'], ['black'], 'on_shelf', 30],
  ['graphic-tee', '印花T恤', 'Graphic T-shirt', 'tees', 'uniqlo', [450], ['L'], ['red'], 'on_shelf', 65],
  ['oxford-shirt', '牛津襯衫', 'Oxford Shirt', 'shirts', 'uniqlo', [990, 1090], ['M', 'L'], ['blue'], 'on_shelf', 55],
  ['flannel-shirt', '法蘭絨襯衫', 'Flannel Shirt', 'shirts', 'levis', [1290], ['L'], ['red'], 'on_shelf', 25],
  ['linen-shirt', '亞麻襯衫', 'Linen Shirt', 'shirts', 'muji', [1490], ['M'], ['white'], 'on_shelf', 10],
  ['denim-shirt', '丹寧襯衫', 'Denim Shirt', 'shirts', 'levis', [1890], ['M', 'L'], ['blue'], 'on_shelf', 15],
  ['sport-shorts', '運動短褲', 'Sport Shorts', 'trousers', 'uniqlo', [590], ['S', 'M'], ['black'], 'on_shelf', 70],
  ['shorts', '短褲', 'Shorts', 'trousers', 'levis', [790], ['M'], ['blue'], 'on_shelf', 35],
  ['jeans', '牛仔褲', 'Jeans', 'trousers', 'levis', [1990, 2290], ['M', 'L'], ['blue'], 'on_shelf', 150],
  ['straight-jeans', '直筒牛仔褲', 'Straight Jeans', 'trousers', 'levis', [2490], ['L'], ['black'], 'on_shelf', 90],
  ['chinos', '卡其長褲', 'Chino Trousers', 'trousers', 'muji', [1290], ['M'], ['white'], 'on_shelf', 20],
  ['jogger', '束口運動褲', 'Jogger Pants', 'trousers', 'uniqlo', [890], ['S', 'M', 'L'], ['black'], 'on_shelf', 45],
  ['canvas-sneakers', '帆布鞋', 'Canvas Sneakers', 'sneakers', 'converse', [1880], ['M'], ['black', 'white'], 'on_shelf', 110],
  ['hi-canvas', '高筒帆布鞋', 'High-top Canvas Shoes', 'sneakers', 'converse', [2280], ['L'], ['red'], 'on_shelf', 60],
  ['slip-on', '懶人鞋', 'Slip-on Shoes', 'sneakers', 'muji', [1590], ['M'], ['white'], 'on_shelf', 12],
  ['tumbler', '保溫杯', 'Insulated Tumbler', 'drinkware', 'thermos', [890], [], ['blue'], 'on_shelf', 130],
  ['flask', '保溫瓶', 'Vacuum Flask', 'drinkware', 'thermos', [1290], [], ['black'], 'on_shelf', 75],
  ['mug', '馬克杯', 'Mug', 'drinkware', 'muji', [350], [], ['white'], 'on_shelf', 50],
  ['kids-cup', '兒童水杯', undefined, 'drinkware', 'thermos', [690], [], ['red'], 'on_shelf', 5],
  ['percent-cup', '100%純棉托特包', '100% Cotton Tote_Bag', 'living', 'muji', [290], [], ['white'], 'on_shelf', 8],
  ['glass', '玻璃杯', 'Glass Cup', 'drinkware', 'muji', [250], [], [], 'on_shelf', 18],
  ['wool-socks', '羊毛襪', 'Wool Socks', 'apparel', 'uniqlo', [290], ['M'], ['black'], 'on_shelf', 22],
  ['big-coat', '大衣', 'Overcoat', 'tops', 'uniqlo', [5990], ['L'], ['black'], 'on_shelf', 3],
  // never shown to shoppers
  ['draft-tee', '圓領背心', 'Crew-neck Tank', 'tees', 'uniqlo', [290], ['M'], ['red'], 'draft', 0],
  ['pending-shorts', '工作短褲', 'Cargo Shorts', 'trousers', 'levis', [990], ['M'], ['black'], 'pending_review', 0],
  ['off-jeans', '破洞牛仔褲', 'Ripped Jeans', 'trousers', 'levis', [2190], ['M'], ['blue'], 'off_shelf', 0],
];

const COLOUR_LABELS: Record<string, [string, string]> = {
  red: ['紅', 'Red'],
  blue: ['藍', 'Blue'],
  black: ['黑', 'Black'],
  white: ['白', 'White'],
};

export async function insertSearchFixture(db: Db): Promise<Fixture> {
  const cat: Record<string, string> = {};
  for (const [key, parent, slug, zh, en] of CATEGORIES) {
    const id = randomUUID();
    cat[key] = id;
    const parentRow = parent
      ? await db.execute<{ path: string; depth: number }>(sql`SELECT path, depth FROM categories WHERE id = ${cat[parent]}`)
      : undefined;
    const path = `${parentRow?.rows[0]?.path ?? '/'}${id}/`;
    await db.execute(sql`INSERT INTO categories (id, parent_id, path, depth, slug, name, sort_order)
      VALUES (${id}, ${parent ? cat[parent]! : null}, ${path}, ${(parentRow?.rows[0]?.depth ?? -1) + 1}, ${slug},
        ${JSON.stringify({ 'zh-TW': zh, en })}::jsonb, ${Object.keys(cat).length})`);
  }
  await db.execute(sql`INSERT INTO attribute_definitions (category_id, code, kind, type, label, allowed_values, sort_order) VALUES
    (${cat.apparel}, 'size', 'sales', 'enum', ${JSON.stringify({ 'zh-TW': '尺寸', en: 'Size' })}::jsonb,
      ${JSON.stringify(['S', 'M', 'L'].map((v) => ({ value: v, label: { 'zh-TW': v, en: v } })))}::jsonb, 1),
    (${cat.apparel}, 'color', 'sales', 'enum', ${JSON.stringify({ 'zh-TW': '顏色', en: 'Colour' })}::jsonb,
      ${JSON.stringify(Object.entries(COLOUR_LABELS).map(([v, [zh, en]]) => ({ value: v, label: { 'zh-TW': zh, en } })))}::jsonb, 2)`);
  const brand: Record<string, string> = {};
  for (const [slug, zh, en] of BRANDS) {
    const id = randomUUID();
    brand[slug] = id;
    await db.execute(sql`INSERT INTO brands (id, slug, name) VALUES (${id}, ${slug}, ${JSON.stringify({ 'zh-TW': zh, en })}::jsonb)`);
  }

  const products: FixtureProduct[] = [];
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (const [i, [slug, zh, en, category, brandSlug, prices, sizes, colors, status, sold]] of PRODUCTS.entries()) {
    const id = randomUUID();
    products.push({ id, slug, zh, en, category: cat[category]!, brand: brand[brandSlug]!, prices, sizes, colors, status, sold });
    await db.execute(sql`INSERT INTO products (id, slug, name, description, brand_id, primary_category_id, status, created_at)
      VALUES (${id}, ${slug}, ${JSON.stringify(en ? { 'zh-TW': zh, en } : { 'zh-TW': zh })}::jsonb,
        ${JSON.stringify({ 'zh-TW': `${zh}的說明`, ...(en ? { en: `About ${en}` } : {}) })}::jsonb,
        ${brand[brandSlug]!}, ${cat[category]!}, ${status}, ${new Date(start + i * 3_600_000).toISOString()}::timestamptz)`);
    await db.execute(sql`INSERT INTO product_categories (product_id, category_id) VALUES (${id}, ${cat[category]!})`);
    await db.execute(sql`INSERT INTO product_stats (product_id, sold_count) VALUES (${id}, ${sold})`);
    // one variant per price; sizes and colours spread over them (every listed value appears)
    const n = Math.max(prices.length, sizes.length, colors.length, 1);
    for (let v = 0; v < n; v++) {
      const attrs: Record<string, string> = {};
      if (sizes.length) attrs.size = sizes[v % sizes.length]!;
      if (colors.length) attrs.color = colors[v % colors.length]!;
      await db.execute(sql`INSERT INTO variants (product_id, sku, sales_attributes, price_minor, sort_order)
        VALUES (${id}, ${`${slug}-${v}`.toUpperCase()}, ${JSON.stringify(attrs)}::jsonb, ${prices[v % prices.length]!}, ${v})`);
    }
    await db.execute(sql`INSERT INTO product_images (product_id, storage_key, content_type, width, height, bytes, sort_order)
      VALUES (${id}, ${`products/${slug}.webp`}, 'image/webp', 800, 800, 1000, 0)`);
  }
  for (const p of products) await db.transaction(async (tx) => reindexProduct(tx, p.id));

  const bySlug = (slug: string) => products.find((p) => p.slug === slug)!;
  return { cat, brand, products, bySlug, visible: products.filter((p) => p.status === 'on_shelf' || p.status === 'sold_out') };
}
