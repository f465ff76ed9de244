// The demo catalog: built deterministically from catalog.seed-data.ts with a
// seeded PRNG, inserted through the import path (validation, log, index), then put on the shelf
// through the lifecycle, with a small generated image per product. One transaction.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { MediaConfig } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import * as repo from './catalog.repo.js';
import type { CatalogDeps } from './catalog.types.js';
import { catalogWrite } from './catalog.write.js';
import { BRANDS, COLOURS, SIZES, TREE, type AttrSpec, type CategorySpec, type LeafSpec } from './catalog.seed-data.js';
import type { ImportItem, ParsedImport } from './import.parse.js';
import { importParsed } from './import.service.js';
import { inspectImage, storeLocally } from './media.js';
import { advanceProduct } from './products.service.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    sample: <T>(xs: readonly T[], n: number): T[] => {
      const copy = [...xs];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
  };
}
type Rng = ReturnType<typeof prng>;

interface DemoProduct {
  item: ImportItem;
  soldCount: number;
  tile: { text: string; colour: string };
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim();
const twd = (n: number) => Math.max(10, Math.round(n / 10) * 10 - 10);

function leafProducts(leaf: LeafSpec, attrs: readonly AttrSpec[], rng: Rng): DemoProduct[] {
  const out: DemoProduct[] = [];
  const salesCodes = new Set(attrs.filter((a) => a.kind === 'sales').map((a) => a.code));
  for (let i = 0; i < leaf.count; i++) {
    const a = leaf.first[i % leaf.first.length]!;
    const b = leaf.second[Math.floor(i / leaf.first.length) % leaf.second.length]!;
    const zh = tidy(`${a[0]}${b[0]}${leaf.noun[0]}`);
    const en = tidy(`${a[1]} ${b[1]} ${leaf.noun[1]}`);
    const price = Math.max(leaf.price[0], twd(rng.int(leaf.price[0], leaf.price[1])));
    const compareAt = rng.next() < 0.3 ? twd(price * 1.25) : null;
    const basic: Record<string, string | number> = {};
    for (const [code, values] of Object.entries(leaf.basic)) basic[code] = rng.pick(values);
    if (attrs.some((x) => x.code === 'neckline')) basic.neckline = b[0] === '圓領' ? 'crew' : 'v';
    const colours = salesCodes.has('color') ? rng.sample(COLOURS, rng.int(1, 3)) : [undefined];
    const sizeStart = rng.int(0, 2);
    const sizes = salesCodes.has('size') ? SIZES.slice(sizeStart, sizeStart + rng.int(2, 3)) : [undefined];
    const formats = salesCodes.has('format') ? (rng.next() < 0.5 ? ['paperback', 'ebook'] : ['paperback']) : [undefined];
    // `shorts` → SHOR; `short-sleeve-tees` → SST (its first four letters would be SHOR too)
    const parts = leaf.slug.split('-');
    const prefix = parts.length > 2 ? parts.map((w) => w[0]).join('') : leaf.slug.replace(/[^a-z]/g, '').slice(0, 4);
    const code = `${prefix.toUpperCase()}${String(i + 1).padStart(3, '0')}`;
    const skus: ImportItem['skus'] = [];
    for (const c of colours) {
      for (const s of sizes) {
        for (const f of formats) {
          const sales: Record<string, string> = {};
          if (c) sales.color = c[0];
          if (s) sales.size = s;
          if (f) sales.format = f;
          skus.push({
            skuCode: [code, c?.[0].toUpperCase(), s, f === 'ebook' ? 'EB' : f ? 'PB' : undefined].filter(Boolean).join('-'),
            priceMinor: f === 'ebook' ? twd(price * 0.7) : price,
            compareAtPrice: f === 'ebook' ? null : compareAt,
            weightGrams: f === 'ebook' ? null : rng.int(80, 1500),
            salesAttributes: sales,
          });
        }
      }
    }
    out.push({
      item: {
        category: leaf.slug,
        spu: {
          name: { 'zh-TW': zh, en },
          description: { 'zh-TW': `${zh}，${leaf.name[0]}精選。`, en: `${en}: a ${leaf.name[1].toLowerCase()} favourite.` },
          brand: rng.pick(leaf.brands),
        },
        basicAttributes: basic,
        skus,
      },
      soldCount: rng.int(0, 400),
      tile: { text: en, colour: colours[0]?.[3] ?? rng.pick(['#3b6ea5', '#a5673b', '#5a3ba5', '#3ba57a']) },
    });
  }
  return out;
}

/** The TiDB goods and the two JSON import examples, plus Taiwanese data packs. */
function featuredProducts(): DemoProduct[] {
  const tee = (sku: string, colour: string, size: string, price: number) => ({
    skuCode: sku,
    priceMinor: price,
    weightGrams: 200,
    salesAttributes: { color: colour, size },
  });
  const pack = (sku: string, capacity: string, validity: string, price: number) => ({
    skuCode: sku,
    priceMinor: price,
    salesAttributes: { capacity, validity, scope: 'national' },
  });
  const roaming = (sku: string, capacity: string, validity: string, price: number) => ({
    skuCode: sku,
    price,
    salesAttributes: [
      { attributeName: '流量容量', value: capacity },
      { attributeName: '有效期', value: validity },
      { attributeName: '流量類型', value: '國際漫遊' },
    ],
  });
  const p = (item: ImportItem, soldCount: number, text: string, colour: string): DemoProduct => ({
    item,
    soldCount,
    tile: { text, colour },
  });
  return [
    p(
      {
        category: 'short-sleeve-tees',
        spu: {
          name: { 'zh-TW': 'TiDB 標誌圓領T恤', en: 'TiDB Logo Tee' },
          description: { 'zh-TW': 'TiDB 社群限定，純棉圓領短袖。', en: 'TiDB community edition, cotton crew-neck tee.' },
          brand: 'pingcap',
        },
        basicAttributes: { material: '棉', sleeve: 'short', neckline: 'crew', origin: '台灣' },
        skus: ['S', 'M', 'L', 'XL'].flatMap((s) => [tee(`TIDB-TEE-BLK-${s}`, 'black', s, 590), tee(`TIDB-TEE-WHT-${s}`, 'white', s, 590)]),
      },
      980,
      'TiDB',
      '#e0483e',
    ),
    p(
      {
        category: 'databases',
        spu: {
          name: { 'zh-TW': 'HTAP 實戰手冊', en: 'HTAP Handbook' },
          description: {
            'zh-TW': '用 TiDB 與 TiFlash 在交易資料上即時分析。',
            en: 'Real-time analytics on live transactions with TiDB and TiFlash.',
          },
          brand: 'pingcap',
        },
        basicAttributes: { author: 'PingCAP 團隊' },
        skus: [
          { skuCode: 'HTAP-BOOK-PB', priceMinor: 680, weightGrams: 600, salesAttributes: { format: 'paperback' } },
          { skuCode: 'HTAP-BOOK-EB', priceMinor: 480, salesAttributes: { format: 'ebook' } },
        ],
      },
      870,
      'HTAP',
      '#1f6feb',
    ),
    p(
      {
        category: 'mugs',
        spu: { name: { 'zh-TW': 'TiDB 馬克杯', en: 'TiDB Mug' }, brand: 'pingcap' },
        basicAttributes: { material: '陶瓷' },
        skus: [{ skuCode: 'TIDB-MUG-WHT', priceMinor: 350, salesAttributes: { color: 'white' } }],
      },
      640,
      'TiDB',
      '#e0483e',
    ),
    p(
      {
        category: 'hoodies',
        spu: { name: { 'zh-TW': 'TiDB 連帽帽T', en: 'TiDB Hoodie' }, brand: 'pingcap' },
        basicAttributes: { material: '棉', sleeve: 'long' },
        skus: ['M', 'L', 'XL'].map((s) => tee(`TIDB-HOOD-NVY-${s}`, 'navy', s, 1290)),
      },
      520,
      'TiDB',
      '#22305a',
    ),
    // JSON import example 1 (physical), in its shape, priced for Taiwan.
    p(
      {
        categoryId: 'short-sleeve-tees',
        spu: {
          name: { 'zh-TW': '經典圓領男士T恤', en: "Classic Crew-neck Men's Tee" },
          brandId: 'nike',
          description: { 'zh-TW': '柔軟舒適，100%純棉', en: 'Soft and comfortable, 100% cotton.' },
        },
        basicAttributes: [
          { attributeId: 102, attributeName: '材質', value: '棉' },
          { attributeId: 103, attributeName: '產地', value: '中國' },
          { attributeId: 104, attributeName: '袖型', value: '短袖' },
        ],
        skus: [
          {
            skuCode: 'SPU004-TEE-BLK-L',
            skuName: '黑色 L',
            price: 490,
            stock: 100,
            salesAttributes: [
              { attributeName: '顏色', value: '黑色' },
              { attributeName: '尺寸', value: 'L' },
            ],
          },
          {
            skuCode: 'SPU004-TEE-WHT-M',
            skuName: '白色 M',
            price: 490,
            stock: 150,
            salesAttributes: [
              { attributeName: '顏色', value: '白色' },
              { attributeName: '尺寸', value: 'M' },
            ],
          },
        ],
      },
      300,
      'Nike',
      '#2d2d2d',
    ),
    // JSON import example 2 (virtual), in its shape, for a Taiwanese carrier.
    p(
      {
        categoryId: 'data-packs',
        type: 'virtual',
        spu: {
          name: { 'zh-TW': '中華電信 國際漫遊上網包', en: 'Chunghwa Telecom Roaming Data Pack' },
          brandId: 'chunghwa-telecom',
          description: { 'zh-TW': '出國上網免換卡，開通即可使用', en: 'Data abroad on your own SIM, active once enabled.' },
        },
        basicAttributes: [
          { attributeName: '電信業者', value: '中華電信' },
          { attributeName: '適用網路', value: '4G/5G' },
        ],
        skus: [
          roaming('CHT-ROAM-1GB-7D', '1GB', '7d', 299),
          roaming('CHT-ROAM-5GB-30D', '5GB', '30d', 899),
          roaming('CHT-ROAM-10GB-90D', '10GB', '90d', 1490),
        ],
      },
      150,
      'CHT',
      '#0a7cc1',
    ),
    ...(
      [
        ['chunghwa-telecom', '中華電信', 'Chunghwa Telecom', 'CHT'],
        ['taiwan-mobile', '台灣大哥大', 'Taiwan Mobile', 'TWM'],
        ['fetnet', '遠傳電信', 'FarEasTone', 'FET'],
      ] as const
    ).map(([brand, zh, en, code], i) =>
      p(
        {
          category: 'data-packs',
          type: 'virtual',
          spu: { name: { 'zh-TW': `${zh} 上網儲值包`, en: `${en} Data Pack` }, brand },
          basicAttributes: { carrier: zh, network: '4G/5G' },
          skus: [
            pack(`${code}-1GB-7D`, '1GB', '7d', 50),
            pack(`${code}-5GB-30D`, '5GB', '30d', 180),
            pack(`${code}-UNL-30D`, 'unlimited', '30d', 499),
          ],
        },
        200 - i * 40,
        code,
        ['#00a0e9', '#ff6a00', '#e60012'][i]!,
      ),
    ),
  ];
}

/** The attribute definitions in force at each category: its own and its ancestors'. */
function attrsBySlug(): Map<string, AttrSpec[]> {
  const out = new Map<string, AttrSpec[]>();
  const walk = (node: CategorySpec, inherited: AttrSpec[]) => {
    const here = [...inherited, ...(node.attributes ?? [])];
    out.set(node.slug, here);
    for (const leaf of node.leaves ?? []) out.set(leaf.slug, here);
    for (const c of node.children ?? []) walk(c, here);
  };
  for (const root of TREE) walk(root, []);
  return out;
}

/** Every demo product, in a fixed order. Exported for the test of the demo data itself. */
export function demoProducts(seed = 20260401): DemoProduct[] {
  const rng = prng(seed);
  const out = featuredProducts();
  const attrs = attrsBySlug();
  const walk = (node: CategorySpec) => {
    for (const leaf of node.leaves ?? []) out.push(...leafProducts(leaf, attrs.get(leaf.slug) ?? [], rng));
    for (const c of node.children ?? []) walk(c);
  };
  for (const root of TREE) walk(root);
  return out;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A 320×320 WebP tile: the product's colour and its initials (Latin, so no CJK font is needed). */
async function tile(t: DemoProduct['tile']): Promise<Buffer> {
  const initials =
    t.text.length <= 4 && /^[A-Za-z]+$/.test(t.text)
      ? t.text
      : t.text
          .split(/[\s-]+/)
          .filter((w) => /^[A-Za-z0-9]/.test(w))
          .slice(0, 2)
          .map((w) => w[0]!.toUpperCase())
          .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="${t.colour}"/><circle cx="160" cy="160" r="112" fill="#ffffff" fill-opacity="0.14"/><text x="160" y="160" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="${initials.length > 2 ? 72 : 104}" font-weight="700" fill="#ffffff">${escapeXml(initials)}</text></svg>`;
  return sharp(Buffer.from(svg)).webp({ quality: 70 }).toBuffer();
}

export interface SeedResult {
  status: 'seeded' | 'skipped';
  reason?: string;
  products: number;
  ms: number;
  /** Units to receive per demo SKU (the stock module's business: the caller hands it over). Empty when skipped. */
  stock: Array<{ sku: string; quantity: number }>;
}

/**
 * The demo's units per SKU: the listed figure, else 20–199 from the SKU (the same every run), and
 * every 19th SKU only 1–4 units so that the storefront shows 「僅剩 N 件」 somewhere.
 */
export function demoStock(products: readonly DemoProduct[]): Array<{ sku: string; quantity: number }> {
  return products.flatMap((p) =>
    p.item.skus.flatMap((s) => {
      if (!s.skuCode) return [];
      const h = [...s.skuCode].reduce((n, c) => (n * 31 + c.charCodeAt(0)) >>> 0, 7);
      const quantity = typeof s.stock === 'number' ? s.stock : h % 19 === 0 ? 1 + (h % 4) : 20 + (h % 180);
      return [{ sku: s.skuCode, quantity }];
    }),
  );
}

async function ensureTaxonomy(tx: Tx): Promise<void> {
  const existing = new Map((await repo.listCategories(tx)).map((c) => [c.slug, c]));
  const add = async (spec: { slug: string; name: [string, string] }, parent: repo.CategoryRow | undefined, sortOrder: number) => {
    const found = existing.get(spec.slug);
    if (found) return found;
    const id = randomUUID();
    const row = await repo.insertCategory(tx, {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      slug: spec.slug,
      name: { 'zh-TW': spec.name[0], en: spec.name[1] },
      sortOrder,
    });
    await repo.insertOperationLog(tx, { actorId: null, entityType: 'category', entityId: id, operation: 'seed', diff: {} });
    return row;
  };
  const defs = await repo.listAllAttributeDefs(tx);
  const walk = async (node: CategorySpec, parent: repo.CategoryRow | undefined, i: number) => {
    const row = await add(node, parent, i);
    for (const [j, a] of (node.attributes ?? []).entries()) {
      if (defs.some((d) => d.categoryId === row.id && d.code === a.code)) continue;
      await repo.insertAttributeDef(tx, {
        categoryId: row.id,
        code: a.code,
        kind: a.kind,
        type: a.type,
        required: a.required ?? false,
        label: { 'zh-TW': a.label[0], en: a.label[1] },
        allowedValues: a.values ? a.values.map(([value, zh, en]) => ({ value, label: { 'zh-TW': zh, ...(en ? { en } : {}) } })) : null,
        sortOrder: j,
      });
    }
    for (const [j, c] of (node.children ?? []).entries()) await walk(c, row, j);
    const before = node.children?.length ?? 0;
    for (const [j, leaf] of (node.leaves ?? []).entries()) await add(leaf, row, before + j);
  };
  for (const [i, root] of TREE.entries()) await walk(root, undefined, i);
  const brandSlugs = new Set((await repo.listBrands(tx)).map((b) => b.slug));
  for (const [slug, zh, en] of BRANDS)
    if (!brandSlugs.has(slug)) await repo.insertBrand(tx, { slug, name: { 'zh-TW': zh, en }, logoUrl: null });
}

/**
 * Loads the demo catalog when the catalog is empty: no products and (unless `force`) no categories.
 * Otherwise does nothing. Safe with several processes starting at once (advisory lock, re-checked inside).
 */
export async function seedDemoCatalog(
  deps: CatalogDeps & { media: Pick<MediaConfig, 'dir'> },
  opts: { force?: boolean } = {},
): Promise<SeedResult> {
  const started = Date.now();
  const skip = (reason: string): SeedResult => ({ status: 'skipped', reason, products: 0, ms: Date.now() - started, stock: [] });
  const empty = async (db: Db | Tx) => {
    const n = await repo.countProducts(db);
    if (n.products > 0) return 'the catalog has products';
    if (n.categories > 0 && !opts.force) return 'the catalog has categories (use --force to seed into it)';
    return undefined;
  };
  const before = await empty(deps.db);
  if (before) return skip(before);

  const products = demoProducts();
  // Tiles first, outside the transaction: content-addressed files, harmless if the seed is skipped.
  const tiles = await Promise.all(
    products.map(async (p) => {
      const buf = await tile(p.tile);
      const img = await inspectImage(buf, {});
      return { ...(await storeLocally(deps.media, buf, img)), img };
    }),
  );

  // No lock timeout: a second process starting at once waits for the first one's seed (advisory lock).
  const count = await catalogWrite(
    deps,
    async (tx) => {
      await repo.lockDemoSeed(tx);
      if (await empty(tx)) return 0;
      await ensureTaxonomy(tx);
      const parsed: ParsedImport = {
        format: 'json',
        items: products.map((p) => p.item),
        origins: products.map((_, i) => ({ row: i + 1, skuRows: [] })),
        fileErrors: [],
      };
      const created = await importParsed(tx, { actorId: null, parsed });
      for (const [i, c] of created.entries()) {
        const t = tiles[i]!;
        await repo.insertImage(tx, {
          productId: c.id,
          variantId: null,
          storageKey: t.key,
          contentType: 'image/webp',
          width: t.img.width,
          height: t.img.height,
          bytes: t.img.bytes,
          alt: products[i]!.item.spu.name as { 'zh-TW': string; en?: string },
          widths: t.widths,
          publicBase: null,
        });
        await repo.setSoldCount(tx, c.id, products[i]!.soldCount);
        await advanceProduct(tx, { productId: c.id, actions: ['submit', 'approve', 'put_on_shelf'], actorId: null });
      }
      return created.length;
    },
    { lockTimeoutMs: 0 },
  );
  return count
    ? { status: 'seeded', products: count, ms: Date.now() - started, stock: demoStock(products) }
    : skip('another process seeded meanwhile');
}
