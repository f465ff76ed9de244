// Bulk load of the benchmark catalog: categories, brands, attribute definitions, N products with
// 2–4 variants, one image, stats, and their `product_search` rows built with the indexer's own
// text rules (cjk.ts) in the indexer's order (search.indexer.ts). Rows go in as JSON batches
// (json_populate_recordset), secondary indexes are dropped during the load and rebuilt after it.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { cjkGrams, indexWords, normalizeText } from './internals.js';
import { BRAND_EN, BRAND_EN_END, BRAND_ZH, BRAND_ZH_END, COLOURS, FORMATS, MATERIALS, PREFIXES, SIZES, TOPS, type Pair } from './vocab.js';

/** Bump when the generated data changes: a kept database of another version is rebuilt. */
export const DATA_VERSION = 4; // 2: search_postings, search_terms (migration 0008); 3: search_facet_counts (0010); 4: card (0011; its successor product_cards of 0013 is backfilled by that migration)
const BATCH = 5000;
const TOP_WEIGHTS = [0.3, 0.15, 0.15, 0.15, 0.15, 0.1];
const BRANDS = 500;

type Tr = { 'zh-TW': string; en?: string };
const tr = ([zh, en]: Pair): Tr => ({ 'zh-TW': zh, en });
const textsOf = (t: Tr | null | undefined): string[] => (t ? [t['zh-TW'], t.en ?? ''].filter(Boolean) : []);

/** A deterministic uuid (v4 layout) from a key: the same N gives the same ids on every rebuild. */
function uuidOf(key: string): string {
  const h = createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cat {
  id: string;
  name: Tr;
  slug: string;
  path: string;
  depth: number;
  parentId: string | null;
  sortOrder: number;
}
interface Leaf {
  top: number;
  mid: number;
  noun: Pair;
  /** top, mid, leaf: the rows reindexProduct finds for the product (own category and ancestors). */
  chain: [Cat, Cat, Cat];
}
interface AttrDef {
  categoryId: string;
  code: string;
  kind: 'basic' | 'sales';
  label: Tr;
  allowed: Array<{ value: string; label: Tr }>;
}
interface Brand {
  id: string;
  slug: string;
  name: Tr;
  top: number;
}

export interface Catalog {
  all: Cat[];
  tops: Cat[];
  leaves: Leaf[];
  attrs: AttrDef[];
  brands: Brand[];
}

export function buildCatalogShape(): Catalog {
  const tops: Cat[] = [];
  const leaves: Leaf[] = [];
  const all: Cat[] = [];
  TOPS.forEach((t, ti) => {
    const top: Cat = { id: uuidOf(`cat:${t.slug}`), name: tr(t.name), slug: t.slug, path: '', depth: 0, parentId: null, sortOrder: ti };
    top.path = `/${top.id}/`;
    tops.push(top);
    all.push(top);
    t.mids.forEach((m, mi) => {
      const slug = `${t.slug}-${mi + 1}`;
      const mid: Cat = { id: uuidOf(`cat:${slug}`), name: tr(m.name), slug, path: '', depth: 1, parentId: top.id, sortOrder: mi };
      mid.path = `${top.path}${mid.id}/`;
      all.push(mid);
      let li = 0;
      for (const noun of m.nouns) {
        for (const seg of t.segments) {
          const lslug = `${slug}-${++li}`;
          const name: Tr = { 'zh-TW': seg[0] + noun[0], en: `${seg[1]} ${noun[1]}` };
          const leaf: Cat = { id: uuidOf(`cat:${lslug}`), name, slug: lslug, path: '', depth: 2, parentId: mid.id, sortOrder: li };
          leaf.path = `${mid.path}${leaf.id}/`;
          all.push(leaf);
          leaves.push({ top: ti, mid: mi, noun, chain: [top, mid, leaf] });
        }
      }
    });
  });
  const enumOf = (xs: Array<[string, string, string]>) => xs.map(([value, zh, en]) => ({ value, label: { 'zh-TW': zh, en } }));
  const colour = (categoryId: string): AttrDef => ({
    categoryId,
    code: 'color',
    kind: 'sales',
    label: { 'zh-TW': '顏色', en: 'Colour' },
    allowed: enumOf(COLOURS),
  });
  const attrs: AttrDef[] = [
    {
      categoryId: tops[0]!.id,
      code: 'size',
      kind: 'sales',
      label: { 'zh-TW': '尺寸', en: 'Size' },
      allowed: SIZES.map((s) => ({ value: s, label: { 'zh-TW': s, en: s } })),
    },
    { categoryId: tops[0]!.id, code: 'material', kind: 'basic', label: { 'zh-TW': '材質', en: 'Material' }, allowed: enumOf(MATERIALS) },
    ...tops.slice(0, 5).map((t) => colour(t.id)),
    { categoryId: tops[5]!.id, code: 'format', kind: 'sales', label: { 'zh-TW': '版本', en: 'Format' }, allowed: enumOf(FORMATS) },
  ];
  const brands: Brand[] = [];
  for (let i = 0; brands.length < BRANDS; i++) {
    // two syllables for the first 300, then three
    const a = i % BRAND_EN.length;
    const e = Math.floor(i / BRAND_EN.length) % BRAND_EN_END.length;
    const mid = Math.floor(i / (BRAND_EN.length * BRAND_EN_END.length));
    const m = mid === 0 ? -1 : (mid - 1 + a) % BRAND_EN.length;
    const en = BRAND_EN[a]! + (m >= 0 ? BRAND_EN[m]!.toLowerCase() : '') + BRAND_EN_END[e]!;
    const zh = BRAND_ZH[a]! + (m >= 0 ? BRAND_ZH[m]! : '') + BRAND_ZH_END[e]!;
    brands.push({ id: uuidOf(`brand:${en}`), slug: en.toLowerCase(), name: { 'zh-TW': zh, en }, top: i % TOPS.length });
  }
  return { all, tops, leaves, attrs, brands };
}

async function insertJson(client: pg.PoolClient, table: string, rows: unknown[]) {
  if (rows.length === 0) return;
  // the first row's keys name the columns; columns not given take their defaults
  const cols = Object.keys(rows[0] as object)
    .map((c) => `"${c}"`)
    .join(', ');
  await client.query(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(null::${table}, $1::json)`, [
    JSON.stringify(rows),
  ]);
}

/** Secondary indexes of the loaded tables (not constraints): dropped before, rebuilt after the load. */
const LOADED = ['products', 'variants', 'product_categories', 'product_images', 'product_stats', 'product_search'];
const POSTINGS_KEY = 'search_postings_term_sold_count_product_id_pk';

export interface LoadReport {
  products: number;
  variants: number;
  seconds: { rows: number; indexes: number; postings: number; analyze: number; total: number };
  indexes: Array<{ name: string; seconds: number }>;
  sizes: Record<string, string>;
}

export async function loadCatalog(pool: pg.Pool, n: number, log: (m: string) => void): Promise<LoadReport> {
  const t0 = performance.now();
  const cat = buildCatalogShape();
  const client = await pool.connect();
  const report: LoadReport = {
    products: n,
    variants: 0,
    seconds: { rows: 0, indexes: 0, postings: 0, analyze: 0, total: 0 },
    indexes: [],
    sizes: {},
  };
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '1GB'`);
    // Skip per-row foreign-key triggers while loading rows that are consistent by construction
    // (superuser only; without it the load is just slower).
    await client.query(`SET session_replication_role = replica`).catch(() => log('(not superuser: foreign keys checked per row)'));

    await insertJson(
      client,
      'categories',
      cat.all.map((c) => ({
        id: c.id,
        parent_id: c.parentId,
        path: c.path,
        depth: c.depth,
        slug: c.slug,
        name: c.name,
        description: null,
        sort_order: c.sortOrder,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })),
    );
    await insertJson(
      client,
      'brands',
      cat.brands.map((b) => ({
        id: b.id,
        slug: b.slug,
        name: b.name,
        logo_url: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })),
    );
    await insertJson(
      client,
      'attribute_definitions',
      cat.attrs.map((a, i) => ({
        id: uuidOf(`attr:${i}`),
        category_id: a.categoryId,
        code: a.code,
        kind: a.kind,
        type: 'enum',
        required: false,
        label: a.label,
        allowed_values: a.allowed,
        sort_order: i,
      })),
    );

    const { rows: idx } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [LOADED],
    );
    for (const i of idx) await client.query(`DROP INDEX "${i.name}"`);

    // defs by code, as reindexProduct reads them (WHERE code IN …)
    const defsByCode = new Map<string, AttrDef[]>();
    for (const a of cat.attrs) defsByCode.set(a.code, [...(defsByCode.get(a.code) ?? []), a]);
    const leavesByTop = TOPS.map((_, ti) => cat.leaves.filter((l) => l.top === ti));
    const brandsByTop = TOPS.map((_, ti) => cat.brands.filter((b) => b.top === ti));
    const rnd = mulberry32(20260101);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const now = Date.now();
    const threeYears = 3 * 365 * 86_400_000;

    let pending: Promise<void> | undefined;
    const tRows = performance.now();
    for (let start = 1; start <= n; start += BATCH) {
      const products: unknown[] = [];
      const variants: unknown[] = [];
      const pcats: unknown[] = [];
      const images: unknown[] = [];
      const stats: unknown[] = [];
      const search: unknown[] = [];
      for (let g = start; g < Math.min(start + BATCH, n + 1); g++) {
        let r = rnd();
        let ti = 0;
        while (ti < TOP_WEIGHTS.length - 1 && r >= TOP_WEIGHTS[ti]!) r -= TOP_WEIGHTS[ti++]!;
        const top = TOPS[ti]!;
        const leaf = pick(leavesByTop[ti]!);
        const mid = top.mids[leaf.mid]!;
        const tb = brandsByTop[ti]!;
        const brand = tb[Math.floor(rnd() * rnd() * tb.length)]!; // a few big brands, a long tail
        // name: [prefix] + one or two modifiers (list order) + noun
        const parts: Pair[] = [];
        if (rnd() < 0.3) parts.push(pick(PREFIXES));
        const i = Math.floor(rnd() * mid.mods.length);
        const j = Math.floor(rnd() * mid.mods.length);
        if (rnd() < 0.2 || i === j) parts.push(mid.mods[i]!);
        else parts.push(mid.mods[Math.min(i, j)]!, mid.mods[Math.max(i, j)]!);
        parts.push(leaf.noun);
        const name: Tr = { 'zh-TW': parts.map((x) => x[0]).join(''), en: parts.map((x) => x[1]).join(' ') };
        const id = uuidOf(`p:${g}`);
        const slug = `${name
          .en!.toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}-${g.toString(36)}`;
        const created = new Date(now - Math.floor(rnd() * threeYears)).toISOString();
        const sold = Math.floor(Math.exp(rnd() * 9.2)) - 1;

        // variants and attributes
        const [lo, hi] = top.price;
        const base = Math.max(lo, Math.round((lo + rnd() * rnd() * (hi - lo)) / 100) * 100 - 10);
        const nv = 2 + Math.floor(rnd() * 3);
        const basic: Record<string, string> = {};
        const sales: Array<Record<string, string>> = [];
        const prices: number[] = [];
        if (ti === 0) {
          basic.material = pick(MATERIALS)[0];
          const colour = pick(COLOURS)[0];
          const s0 = Math.floor(rnd() * (SIZES.length - nv + 1));
          for (let k = 0; k < nv; k++) {
            sales.push({ size: SIZES[s0 + k]!, color: colour });
            prices.push(base + (SIZES[s0 + k] === 'XL' ? 100 : 0));
          }
        } else if (ti === 5) {
          const f0 = Math.floor(rnd() * 2);
          for (let k = 0; k < Math.min(nv, FORMATS.length - f0); k++) {
            const f = FORMATS[f0 + k]![0];
            sales.push({ format: f });
            prices.push(f === 'hardcover' ? base + 200 : f === 'ebook' ? Math.max(99, base - 100) : base);
          }
        } else {
          const c0 = Math.floor(rnd() * COLOURS.length);
          for (let k = 0; k < nv; k++) {
            sales.push({ color: COLOURS[(c0 + k) % COLOURS.length]![0] });
            prices.push(base + (rnd() < 0.2 ? 100 : 0));
          }
        }
        const compare = rnd() < 0.25 ? Math.round((base * 1.25) / 10) * 10 : null;
        sales.forEach((sa, k) => {
          variants.push({
            id: uuidOf(`v:${g}:${k}`),
            product_id: id,
            sku: `BC${g.toString(36).toUpperCase()}-${k + 1}`,
            sales_attributes: sa,
            price_minor: prices[k],
            compare_at_minor: compare,
            status: 'active',
            weight_grams: 100 + Math.floor(rnd() * 1900),
            sort_order: k,
            created_at: created,
            updated_at: created,
          });
        });
        products.push({
          id,
          slug,
          name,
          description: { 'zh-TW': `${name['zh-TW']}，${brand.name['zh-TW']}出品，品質保證。`, en: `${name.en} by ${brand.name.en}.` },
          brand_id: brand.id,
          primary_category_id: leaf.chain[2].id,
          type: 'physical',
          basic_attributes: basic,
          status: 'on_shelf',
          version: 1,
          review_note: null,
          created_by: null,
          created_at: created,
          updated_at: created,
          first_on_shelf_at: created,
          deleted_at: null,
        });
        pcats.push({ product_id: id, category_id: leaf.chain[2].id });
        images.push({
          id: uuidOf(`i:${g}`),
          product_id: id,
          variant_id: null,
          storage_key: `bench/${g % 1000}.webp`,
          content_type: 'image/webp',
          width: 800,
          height: 800,
          bytes: 24_000,
          alt: null,
          widths: [400, 800],
          sort_order: 0,
          created_at: created,
        });
        stats.push({ product_id: id, sold_count: sold, view_count: sold * 20 });

        // product_search, as reindexProduct builds it
        const attrValues = new Set<string>();
        for (const [code, value] of Object.entries(basic)) attrValues.add(`${code}:${String(value)}`);
        for (const sa of sales) for (const [code, value] of Object.entries(sa)) attrValues.add(`${code}:${value}`);
        const labelTexts: string[] = [];
        for (const av of attrValues) {
          const c = av.indexOf(':');
          const [code, value] = [av.slice(0, c), av.slice(c + 1)];
          labelTexts.push(value);
          for (const d of defsByCode.get(code) ?? []) {
            const allowed = d.allowed.find((a) => a.value === value);
            if (allowed) labelTexts.push(...textsOf(allowed.label));
          }
        }
        const document = normalizeText(
          [...textsOf(name), ...textsOf(brand.name), ...leaf.chain.flatMap((c) => textsOf(c.name)), ...new Set(labelTexts)].join(' '),
        );
        search.push({
          product_id: id,
          document,
          cjk_grams: cjkGrams(document),
          words: indexWords(document).join(' '),
          name_zh: normalizeText(name['zh-TW']),
          name_en: normalizeText(name.en ?? ''),
          brand_id: brand.id,
          category_ids: leaf.chain.map((c) => c.id),
          attribute_values: [...attrValues],
          price_min: Math.min(...prices),
          price_max: Math.max(...prices),
          sold_count: sold,
          created_at: created,
        });
      }
      report.variants += variants.length;
      const batch = async () => {
        await client.query('BEGIN');
        await insertJson(client, 'products', products);
        await insertJson(client, 'variants', variants);
        await insertJson(client, 'product_categories', pcats);
        await insertJson(client, 'product_images', images);
        await insertJson(client, 'product_stats', stats);
        await client.query(
          `INSERT INTO product_search (product_id, visible, document, cjk_grams, tsv, name_zh, name_en, brand_id, category_ids,
             attribute_values, price_min, price_max, in_stock, sold_count, created_at)
           SELECT product_id, true, document, cjk_grams, to_tsvector('simple', words), name_zh, name_en, brand_id, category_ids,
             attribute_values, price_min, price_max, true, sold_count, created_at
           FROM json_to_recordset($1::json) AS x(product_id uuid, document text, cjk_grams text[], words text, name_zh text,
             name_en text, brand_id uuid, category_ids uuid[], attribute_values text[], price_min int, price_max int,
             sold_count int, created_at timestamptz)`,
          [JSON.stringify(search)],
        );
        await client.query('COMMIT');
      };
      // generate the next batch while the database writes this one
      if (pending) await pending;
      pending = batch();
      const done = Math.min(start + BATCH - 1, n);
      if (done % 100_000 < BATCH || done === n)
        log(`  ${done.toLocaleString('en')} products (${((performance.now() - tRows) / 1000).toFixed(0)} s)`);
    }
    await pending;
    report.seconds.rows = (performance.now() - tRows) / 1000;

    const tIdx = performance.now();
    for (const i of idx) {
      const t = performance.now();
      await client.query(i.def);
      const s = (performance.now() - t) / 1000;
      report.indexes.push({ name: i.name, seconds: Math.round(s * 10) / 10 });
      log(`  index ${i.name}: ${s.toFixed(1)} s`);
    }
    report.seconds.indexes = (performance.now() - tIdx) / 1000;

    // The postings, by the same SQL function the indexer uses; the key built after the rows.
    const tPost = performance.now();
    await client.query(`ALTER TABLE search_postings DROP CONSTRAINT IF EXISTS ${POSTINGS_KEY}`);
    await client.query(`INSERT INTO search_postings (term, sold_count, product_id)
      SELECT t, s.sold_count, s.product_id FROM product_search s,
        unnest(product_search_terms(s.visible, s.cjk_grams, s.tsv, s.category_ids, s.brand_id, s.attribute_values)) t`);
    log(`  postings: ${((performance.now() - tPost) / 1000).toFixed(1)} s`);
    await client.query(`ALTER TABLE search_postings ADD CONSTRAINT ${POSTINGS_KEY} PRIMARY KEY (term, sold_count, product_id)`);
    await client.query(`INSERT INTO search_terms (term, doc_count) SELECT term, count(*) FROM search_postings GROUP BY term`);
    // facet counts of browsing, by the indexer's SQL function
    await client.query(`INSERT INTO search_facet_counts (scope, facet, n)
      SELECT f.scope, f.facet, count(*) FROM product_search s,
        product_search_facets(s.visible, s.brand_id, s.price_min, s.category_ids, s.attribute_values) f
      GROUP BY f.scope, f.facet`);
    // the cards list pages show, by the indexer's SQL function
    const tCards = performance.now();
    await client.query(`INSERT INTO product_cards (product_id, zh, en)
      SELECT s.product_id, t.zh, t.en FROM product_search s, product_card_texts(s.product_id) t`);
    log(`  cards: ${((performance.now() - tCards) / 1000).toFixed(1)} s`);
    report.seconds.postings = (performance.now() - tPost) / 1000;
    log(`  postings key, terms, facet counts and cards: ${report.seconds.postings.toFixed(1)} s`);
    const tAn = performance.now();
    await client.query(
      `VACUUM (ANALYZE) categories, brands, attribute_definitions, search_postings, search_terms, search_facet_counts, product_cards, ${LOADED.join(', ')}`,
    );
    report.seconds.analyze = (performance.now() - tAn) / 1000;
    const { rows: sizes } = await client.query<{ t: string; s: string }>(
      `SELECT relname AS t, pg_size_pretty(pg_total_relation_size(oid)) AS s FROM pg_class WHERE relname = ANY($1)`,
      [[...LOADED, 'search_postings', 'search_terms', 'search_facet_counts', 'product_cards']],
    );
    for (const s of sizes) report.sizes[s.t] = s.s;
  } finally {
    client.release();
  }
  report.seconds.total = (performance.now() - t0) / 1000;
  for (const k of Object.keys(report.seconds) as Array<keyof LoadReport['seconds']>)
    report.seconds[k] = Math.round(report.seconds[k] * 10) / 10;
  return report;
}
