// Search on the demo catalog that `npm start` / `npm run seed` load, only
// through HTTP and only in terms a shopper notices. What a product "shows" (names, brand,
// breadcrumbs, attribute labels, variants) is read from its detail page and the facet labels,
// never from the search index, so these tests hold whatever the search internals become.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../app.js';
import { createTestDatabase, TEST_JWT_SECRET, testConfig, type TestDatabase } from '../../../../test/harness.js';
import { seedDemoCatalog } from '../index.js';

interface Summary {
  id: string;
  slug: string;
  name: string;
  brand: string | null;
  priceMinor: number;
  stock: string;
  highlight: string | null;
}
interface Facet {
  value: string;
  label: string;
  count: number;
}
interface Facets {
  categories: Facet[];
  brands: Facet[];
  attributes: Array<{ code: string; label: string; values: Facet[] }>;
  prices: Array<{ min: number; max: number | null; count: number }>;
}
interface ListBody {
  items: Summary[];
  total: number;
  page: number;
  pageSize: number;
  facets: Facets;
  correctedQuery: string | null;
}
interface Named {
  id: string;
  slug: string;
  name: string;
}
interface Detail {
  id: string;
  slug: string;
  name: string;
  brand: Named | null;
  priceMinor: number;
  stock: string;
  attributes: Array<{ code: string; label: string; value: string }>;
  variants: Array<{ salesAttributes: Record<string, string> }>;
  breadcrumbs: Named[];
}
interface SuggestBody {
  products: Array<{ slug: string; name: string; highlight: string }>;
  categories: Named[];
  brands: Named[];
}

/** A visible demo product as a shopper sees it, in both languages. */
interface Shown {
  id: string;
  slug: string;
  zh: string;
  en: string;
  brandId: string | null;
  categoryIds: string[];
  /** `code:value` of its variants' sales attributes. */
  sales: Set<string>;
  /** `code:value` of its basic and sales attributes (what `attr=` filters on). */
  attrs: Set<string>;
  priceMinor: number;
  stock: string;
  /** Name, brand, category path and attribute labels/values in both languages, NFKC + lower case. */
  texts: string[];
}

type Pairs = Array<[string, string]>;

const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const wordsOf = (p: Shown) => p.texts.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
const shows = (p: Shown, q: string) => p.texts.some((t) => t.includes(norm(q)));
const hasWordStarting = (p: Shown, prefix: string) => wordsOf(p).some((w) => w.startsWith(norm(prefix)));
const sorted = (xs: string[]) => [...xs].sort();
const sum = (xs: Array<{ count: number }>) => xs.reduce((s, x) => s + x.count, 0);

/** Edit distance with adjacent swaps counted as one edit (optimal string alignment). */
function typoDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('search on the demo catalog', () => {
  let h: { app: App; database: TestDatabase; redis: Redis | undefined; mediaDir: string };
  /** Every visible product, from its detail page. */
  let shown: Shown[];
  let byId: Map<string, Shown>;
  let topLevel: Set<string>;
  /** Category slug → id, every level; brand slug → id. */
  let categoryIds: Map<string, string>;
  let brandIds: Map<string, string>;

  const get = async <T>(url: string, headers: Record<string, string> = {}): Promise<T> => {
    const res = await h.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<T>();
  };
  const qs = (pairs: Pairs) => new URLSearchParams(pairs).toString();
  const list = (pairs: Pairs, headers: Record<string, string> = {}) => get<ListBody>(`/api/products?${qs(pairs)}`, headers);
  const totalOf = async (pairs: Pairs) => (await list([...pairs, ['pageSize', '1']])).total;
  /** Every page at the largest page size; `total` must equal the items returned. */
  const all = async (pairs: Pairs) => {
    const first = await list([...pairs, ['pageSize', '100']]);
    const items = [...first.items];
    for (let page = 2; (page - 1) * 100 < first.total; page++) {
      const next = await list([...pairs, ['pageSize', '100'], ['page', String(page)]]);
      expect(next.total, `${qs(pairs)} page ${page}`).toBe(first.total);
      items.push(...next.items);
    }
    const label = qs(pairs);
    expect(items.length, `${label}: total vs items`).toBe(first.total);
    expect(new Set(items.map((i) => i.id)).size, `${label}: an item on two pages`).toBe(items.length);
    return { items, total: first.total, facets: first.facets };
  };
  const ids = (items: Array<{ id: string }>) => sorted(items.map((i) => i.id));
  const q = (text: string, ...more: Pairs): Pairs => [['q', text], ...more];

  beforeAll(async () => {
    const mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-search-demo-'));
    const config = testConfig({ MEDIA_DIR: mediaDir });
    const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
    const database = await createTestDatabase();
    const app = await buildApp({
      config,
      db: database.db,
      pool: database.pool,
      logger: pino({ level: 'silent' }),
      jwtSecret: TEST_JWT_SECRET,
      redis,
    });
    await app.ready();
    h = { app, database, redis, mediaDir };
    const seeded = await seedDemoCatalog({ db: database.db, media: config.media });
    expect(seeded.status).toBe('seeded');

    // What every visible product shows, in both languages: names and brands from the listing,
    // category names from the tree, attribute labels from the catalog-wide facets, and the
    // product's own categories, attributes and variants from its zh-TW detail page.
    type Node = Named & { children: Node[] };
    const flat = (ns: Node[]): Node[] => ns.flatMap((n) => [n, ...flat(n.children)]);
    const [zhList, enList, zhTree, enTree, zhFacets, enFacets, brands] = await Promise.all([
      all([]),
      all([['locale', 'en']]),
      get<{ items: Node[] }>('/api/categories'),
      get<{ items: Node[] }>('/api/categories?locale=en'),
      list([['pageSize', '1']]),
      list([
        ['pageSize', '1'],
        ['locale', 'en'],
      ]),
      get<{ items: Named[] }>('/api/brands'),
    ]);
    brandIds = new Map(brands.items.map((b) => [b.slug, b.id]));
    expect(zhList.total).toBe(seeded.products);
    const enItem = new Map(enList.items.map((i) => [i.id, i]));
    topLevel = new Set(zhTree.items.map((c) => c.id));
    categoryIds = new Map(flat(zhTree.items).map((c) => [c.slug, c.id]));
    const categoryNames = new Map<string, string[]>();
    for (const c of [...flat(zhTree.items), ...flat(enTree.items)]) categoryNames.set(c.id, [...(categoryNames.get(c.id) ?? []), c.name]);
    /** `code:value` → its labels; and a (code, zh-TW label) shown on a detail page → `code:value`. */
    const labels = new Map<string, string[]>();
    const valueOf = new Map<string, string>();
    for (const a of zhFacets.facets.attributes) for (const v of a.values) valueOf.set(`${a.code}\u0000${v.label}`, v.value);
    for (const a of [...zhFacets.facets.attributes, ...enFacets.facets.attributes]) {
      for (const v of a.values) labels.set(v.value, [...(labels.get(v.value) ?? []), v.label]);
    }
    const labelled = (av: string) => [av.slice(av.indexOf(':') + 1), ...(labels.get(av) ?? [])];

    shown = await Promise.all(
      zhList.items.map(async (item) => {
        const d = await get<Detail>(`/api/products/${item.id}`);
        const en = enItem.get(item.id)!;
        const sales = new Set(d.variants.flatMap((v) => Object.entries(v.salesAttributes).map(([code, value]) => `${code}:${value}`)));
        const basic = d.attributes.map((a) => valueOf.get(`${a.code}\u0000${a.value}`) ?? `${a.code}:${a.value}`);
        const texts = [
          item.name,
          en.name,
          item.brand ?? '',
          en.brand ?? '',
          ...d.breadcrumbs.flatMap((b) => categoryNames.get(b.id) ?? []),
          ...[...basic, ...sales].flatMap(labelled),
        ];
        return {
          id: item.id,
          slug: item.slug,
          zh: item.name,
          en: en.name,
          brandId: d.brand?.id ?? null,
          categoryIds: d.breadcrumbs.map((b) => b.id),
          sales,
          attrs: new Set([...basic, ...sales]),
          priceMinor: item.priceMinor,
          stock: item.stock,
          texts: texts.filter(Boolean).map(norm),
        };
      }),
    );
    byId = new Map(shown.map((p) => [p.id, p]));
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.redis?.quit();
    await h?.database.destroy();
    if (h?.mediaDir) await rm(h.mediaDir, { recursive: true, force: true });
  });

  /** 3 exact name, 2 name starts with it, 1 name contains it, 0 found by another field. */
  const nameRank = (p: Shown, text: string) => {
    const n = norm(text);
    const names = [norm(p.zh), norm(p.en)];
    return names.includes(n) ? 3 : names.some((x) => x.startsWith(n)) ? 2 : names.some((x) => x.includes(n)) ? 1 : 0;
  };
  const expectBestNamesFirst = (items: Summary[], text: string) => {
    const ranks = items.map((i) => nameRank(byId.get(i.id)!, text));
    expect(ranks, `${text}: ranks in result order`).toEqual([...ranks].sort((a, b) => b - a));
  };

  describe('two Chinese characters', () => {
    it.each(['圓領', '短褲', '手機', '運動', '藍牙'])(
      '%s finds exactly the products that show it, best name matches first',
      async (text) => {
        const res = await all(q(text));
        const expected = shown.filter((p) => shows(p, text));
        expect(
          shown.some((p) => p.zh.includes(text)),
          'the demo data has names with it',
        ).toBe(true);
        expect(ids(res.items)).toEqual(ids(expected));
        expectBestNamesFirst(res.items, text);
        for (const item of res.items.filter((i) => i.name.includes(text))) expect(item.highlight).toContain(`<mark>${text}</mark>`);
      },
    );

    it('ranks names starting with the word (運動真無線藍牙耳機) above names containing it (經典運動短褲)', async () => {
      const res = await all(q('運動'));
      const starting = shown.filter((p) => p.zh.startsWith('運動'));
      expect(starting.length).toBeGreaterThan(0);
      expect(shown.some((p) => p.zh.includes('運動') && !p.zh.startsWith('運動'))).toBe(true);
      expect(sorted(res.items.slice(0, starting.length).map((i) => i.name))).toEqual(sorted(starting.map((p) => p.zh)));
    });

    it('ranks names containing 手機 (phone cases) above products found by their category (chargers in 手機配件)', async () => {
      const res = await all(q('手機'));
      const byName = shown.filter((p) => p.zh.includes('手機'));
      expect(res.total).toBeGreaterThan(byName.length);
      expect(sorted(res.items.slice(0, byName.length).map((i) => i.id))).toEqual(ids(byName));
    });
  });

  describe('one Chinese character', () => {
    it.each(['褲', '杯', '帽', '藍'])(
      '%s finds every visible product with it in its name, and only products that show it',
      async (text) => {
        const res = await all(q(text));
        const named = shown.filter((p) => p.zh.includes(text));
        expect(named.length).toBeGreaterThan(0);
        expect(ids(res.items)).toEqual(expect.arrayContaining(ids(named)));
        expect(ids(res.items)).toEqual(ids(shown.filter((p) => shows(p, text))));
        expectBestNamesFirst(res.items, text);
      },
    );
  });

  describe('brand, category and attribute labels', () => {
    const matches = (p: Shown, text: string) => {
      const n = norm(text);
      const cjk = n.match(/[\p{Script=Han}]+/gu) ?? [];
      const latin = n
        .replace(/[\p{Script=Han}]+/gu, ' ')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      return cjk.every((run) => shows(p, run)) && latin.every((w) => hasWordStarting(p, w));
    };
    it.each([
      '光點',
      '中華電信',
      'Nike',
      '吃到飽',
      'unlimited',
      '短袖',
      'short sleeve',
      '藏青',
      'navy',
      '電腦周邊',
      'electronics',
      '林志明',
      '陶瓷',
    ])('%s finds exactly the products showing it', async (text) => {
      const res = await all(q(text));
      const expected = shown.filter((p) => matches(p, text));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(shown.length);
      expect(ids(res.items)).toEqual(ids(expected));
    });
  });

  describe('English', () => {
    it.each(['shi', 'sho', 'key', 'keyb', 'keyboar', 'wirel', 'mech', 'post', 'ＰＯＳＴ'])(
      '%s, typed so far, finds every product with a word starting so',
      async (text) => {
        const res = await all(q(text, ['locale', 'en']));
        const expected = shown.filter((p) => hasWordStarting(p, text));
        expect(expected.length).toBeGreaterThan(0);
        expect(ids(res.items)).toEqual(ids(expected));
        expectBestNamesFirst(res.items, text);
      },
    );

    it('does not mix shirts and shorts while typing', async () => {
      const shi = (await all(q('shi'))).items.map((i) => byId.get(i.id)!);
      expect(shi.some((p) => p.en.endsWith(' Shirt'))).toBe(true);
      expect(shi.filter((p) => p.en.endsWith(' Shorts'))).toEqual([]);
      const shor = (await all(q('shor'))).items.map((i) => byId.get(i.id)!);
      expect(shor.some((p) => p.en.endsWith(' Shorts'))).toBe(true);
      // a shirt only when it shows "Short sleeve"
      for (const p of shor.filter((x) => x.en.endsWith(' Shirt'))) expect(p.texts).toContain('short sleeve');
    });

    // Fails at 53d1d10: "T-shirt" is searched as "t" AND "shirt", and "t" is a prefix of Tops,
    // so every Oxford and Linen shirt matches too, interleaved with the tees ("tshirt" finds only tees).
    it('T-shirt, typed with its hyphen, finds the T-shirts before any other shirt', async () => {
      const res = await all(q('T-shirt', ['locale', 'en']));
      const tees = shown.filter((p) => p.categoryIds.includes(categoryIds.get('t-shirts')!));
      expect(res.items.slice(0, tees.length).map((i) => i.name)).toEqual(expect.arrayContaining(tees.map((p) => p.en)));
    });

    it.each([
      ['shrit', 'shirt'], // two letters swapped
      ['keybaord', 'keyboard'],
      ['keybord', 'keyboard'], // a letter missing
      ['chager', 'charger'],
      ['pilow', 'pillow'],
      ['keyboerd', 'keyboard'], // a wrong letter
      ['mehcanical', 'mechanical'],
      ['shirtt', 'shirt'], // a letter too many
      ['keyboardd', 'keyboard'],
    ])('forgives the typo %s (%s)', async (typo, word) => {
      const res = await all(q(typo));
      const intended = shown.filter((p) => wordsOf(p).some((w) => w.startsWith(word)));
      expect(intended.length).toBeGreaterThan(0);
      expect(ids(res.items)).toEqual(expect.arrayContaining(ids(intended)));
      // and nothing unrelated: every hit shows a word one or two edits from what was typed
      for (const item of res.items) {
        const p = byId.get(item.id)!;
        expect(
          Math.min(...wordsOf(p).map((w) => typoDistance(typo, w.slice(0, typo.length + 1)))),
          `${typo} → ${p.en}`,
        ).toBeLessThanOrEqual(2);
      }
    });

    // Two edits from the vocabulary's "tshirts" (the category T-shirts): a swap and a missing
    // letter, or two missing letters. One edit away there is no word at all.
    it.each(['tshrit', 'tshrt'])('finds the T-shirts for %s, two edits off, and says it searched for T-shirts', async (typo) => {
      const res = await all(q(typo, ['locale', 'en']));
      const tees = shown.filter((p) => p.categoryIds.includes(categoryIds.get('t-shirts')!));
      expect(tees.length).toBeGreaterThan(0);
      expect(ids(res.items)).toEqual(ids(tees));
      expect((await list(q(typo, ['locale', 'en']))).correctedQuery).toBe('tshirts');
      const suggested = await get<SuggestBody>(`/api/search/suggest?${qs(q(typo, ['locale', 'en']))}`);
      expect(suggested.products.length).toBeGreaterThan(0);
      for (const p of suggested.products) expect(tees.map((t) => t.en)).toContain(p.name);
    });

    it.each([
      ['wireless keybord', ['wireless', 'keyboard']],
      ['keybord wireless', ['wireless', 'keyboard']],
      ['mechanical keyboard', ['mechanical', 'keyboard']],
    ])('every word must match, a typo in one of them too: %s', async (text, words) => {
      const res = await all(q(text as string));
      const expected = shown.filter((p) => (words as string[]).every((w) => wordsOf(p).includes(w)));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(res.items)).toEqual(ids(expected));
    });

    it.each(['TiDB 馬克杯', 'HTAP 實戰手冊', '經典圓領男士T恤', 'Handmade Ceramic Mug', 'tidb logo tee'])(
      'the full name %s puts that product first',
      async (text) => {
        const res = await all(q(text));
        const named = shown.filter((p) => norm(p.zh) === norm(text) || norm(p.en) === norm(text));
        expect(named.length).toBeGreaterThan(0);
        expect(sorted(res.items.slice(0, named.length).map((i) => i.id))).toEqual(ids(named));
        expectBestNamesFirst(res.items, text);
      },
    );

    it.each(['zzzzqqq', 'xylophone', 'tshxyz', 'qwertyuiop', '火箭', 'keyboard 火箭'])(
      '%s: no hit, total 0 and no facets',
      async (text) => {
        const res = await list(q(text));
        expect(res.items).toEqual([]);
        expect(res.total).toBe(0);
        expect(res.facets).toMatchObject({ categories: [], brands: [], attributes: [] });
        expect(sum(res.facets.prices)).toBe(0);
      },
    );
  });

  describe('literal % and _', () => {
    it.each(['%', '_', '%%', '%_%', '__', '\\'])('%s alone matches nothing', async (text) => {
      const res = await list(q(text));
      expect(res).toMatchObject({ items: [], total: 0, facets: { categories: [], brands: [], attributes: [] } });
      expect(sum(res.facets.prices)).toBe(0);
      const suggest = await get<SuggestBody>(`/api/search/suggest?${qs(q(text))}`);
      expect(suggest).toEqual({ products: [], categories: [], brands: [] });
    });

    it.each([
      ['60%', '60'],
      ['100%', '100'],
      ['20W%', '20w'],
    ])('%s finds what shows %s, not everything', async (text, word) => {
      const res = await all(q(text));
      const expected = shown.filter((p) => hasWordStarting(p, word));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(shown.length / 10);
      expect(ids(res.items)).toEqual(ids(expected));
    });

    it.each(['鍵盤%', '%鍵盤_', '_鍵盤'])('%s finds the same as 鍵盤', async (text) => {
      expect(ids((await all(q(text))).items)).toEqual(ids((await all(q('鍵盤'))).items));
    });
  });

  describe('filters and facets agree with the result set', () => {
    const without = (pairs: Pairs, ...keys: string[]) => pairs.filter(([k]) => !keys.includes(k));
    const withoutAttr = (pairs: Pairs, code: string) => pairs.filter(([k, v]) => !(k === 'attr' && v.startsWith(`${code}:`)));
    const has = (pairs: Pairs, key: string) => pairs.some(([k]) => k === key);

    /**
     * Pages through `pairs`, checks every item against its filters, and every facet value against
     * the total a shopper gets by choosing it. A dimension already filtered is counted without its
     * own filter (choosing a brand still shows the other brands' counts); attribute values of a
     * chosen code are counted without that code's filter but with the other codes'.
     */
    async function expectAgreement(pairs: Pairs) {
      const label = qs(pairs);
      const res = await all(pairs);
      const items = res.items.map((i) => byId.get(i.id)!);
      const param = (key: string) => pairs.filter(([k]) => k === key).map(([, v]) => v);

      // every item satisfies every filter
      for (const p of items) {
        for (const c of param('category')) expect(p.categoryIds, `${label}: ${p.slug}`).toContain(categoryIds.get(c) ?? c);
        for (const b of param('brand')) expect(p.brandId, `${label}: ${p.slug}`).toBe(brandIds.get(b) ?? b);
        if (has(pairs, 'priceMin')) expect(p.priceMinor, label).toBeGreaterThanOrEqual(Number(param('priceMin')[0]));
        if (has(pairs, 'priceMax')) expect(p.priceMinor, label).toBeLessThanOrEqual(Number(param('priceMax')[0]));
        if (param('inStock')[0] === 'true') expect(p.stock, label).toBe('in_stock');
        const codes = new Map<string, string[]>();
        for (const av of param('attr')) codes.set(av.split(':')[0]!, [...(codes.get(av.split(':')[0]!) ?? []), av]);
        for (const values of codes.values())
          expect(
            values.some((v) => p.attrs.has(v)),
            `${label}: ${p.slug} has ${values.join('|')}`,
          ).toBe(true);
      }

      // Each facet value against the total after choosing it (requests run side by side), and,
      // for a dimension not filtered, against the items themselves.
      const checks: Array<Promise<void>> = [];
      const expectTotal = (pq: Pairs, expected: number, what: string) =>
        checks.push(totalOf(pq).then((n) => expect(n, `${label}: ${what} (${qs(pq)})`).toBe(expected)));
      const expectItems = (pred: (p: Shown) => boolean, expected: number, what: string) =>
        expect(items.filter(pred).length, `${label}: ${what} among the items`).toBe(expected);

      // categories: counted with descendants; the facet lists the top level and the chosen category's children
      const catBase = without(pairs, 'category');
      for (const f of res.facets.categories) {
        expectTotal([...catBase, ['category', f.value]], f.count, `category ${f.label}`);
        if (!has(pairs, 'category')) expectItems((p) => p.categoryIds.includes(f.value), f.count, `category ${f.label}`);
      }
      const tops = sum(res.facets.categories.filter((f) => topLevel.has(f.value)));
      if (has(pairs, 'category')) expectTotal(catBase, tops, 'top-level categories');
      else expect(tops, `${label}: top-level categories`).toBe(res.total);

      // brands
      const brandBase = without(pairs, 'brand');
      for (const f of res.facets.brands) {
        expectTotal([...brandBase, ['brand', f.value]], f.count, `brand ${f.label}`);
        if (!has(pairs, 'brand')) expectItems((p) => p.brandId === f.value, f.count, `brand ${f.label}`);
      }
      if (has(pairs, 'brand')) expectTotal(brandBase, sum(res.facets.brands), 'brands');
      else expect(sum(res.facets.brands), `${label}: brands`).toBe(res.total);

      // attributes: a chosen code's values are counted without that code's filter
      for (const a of res.facets.attributes) {
        const base = withoutAttr(pairs, a.code);
        for (const v of a.values) {
          expectTotal([...base, ['attr', v.value]], v.count, v.value);
          if (base.length === pairs.length) expectItems((p) => p.attrs.has(v.value), v.count, v.value);
        }
      }

      // prices, on the "from" price a card shows
      const priceBase = without(pairs, 'priceMin', 'priceMax');
      for (const b of res.facets.prices) {
        const range: Pairs = [['priceMin', String(b.min)], ...(b.max === null ? [] : ([['priceMax', String(b.max)]] as Pairs))];
        expectTotal([...priceBase, ...range], b.count, `price ${b.min}-${b.max}`);
        if (priceBase.length === pairs.length)
          expectItems((p) => p.priceMinor >= b.min && (b.max === null || p.priceMinor <= b.max), b.count, `price ${b.min}-${b.max}`);
      }
      if (priceBase.length === pairs.length) expect(sum(res.facets.prices), `${label}: prices`).toBe(res.total);
      else expectTotal(priceBase, sum(res.facets.prices), 'prices');

      await Promise.all(checks);
      return res;
    }

    it('the whole catalog and one category (browsing without a query)', async () => {
      const everything = await expectAgreement([]);
      expect(everything.total).toBe(shown.length);
      const electronics = await expectAgreement([['category', '3c']]);
      const id = electronics.facets.categories.find((c) => c.label === '3C')!.value;
      expect(ids(electronics.items)).toEqual(ids(shown.filter((p) => p.categoryIds.includes(id))));
      // the chosen category's children are listed, with their descendants counted
      expect(electronics.facets.categories.map((c) => c.label)).toEqual(expect.arrayContaining(['手機配件', '電腦周邊', '影音']));
    });

    it('a query and a category (by slug or id)', async () => {
      const tops = await expectAgreement(q('經典', ['category', 'tops']));
      expect(tops.total).toBeGreaterThan(0);
      expect(tops.items.every((i) => byId.get(i.id)!.zh.includes('經典'))).toBe(true);
      expect(ids((await all(q('經典', ['category', categoryIds.get('tops')!]))).items)).toEqual(ids(tops.items));
      // the facet lists the top level and the chosen category's children
      expect(tops.facets.categories.map((c) => c.label)).toEqual(expect.arrayContaining(['服飾', 'T恤', '襯衫', '帽T']));
      // the category facet is counted without the category filter: other top levels keep their counts
      const unfiltered = await all(q('經典'));
      expect(tops.facets.categories.filter((c) => topLevel.has(c.value))).toEqual(
        unfiltered.facets.categories.filter((c) => topLevel.has(c.value)),
      );
    });

    it('a query and a brand: the brand facet still shows the other brands', async () => {
      const lumen = await expectAgreement(q('wireless', ['brand', 'lumen']));
      expect(lumen.total).toBeGreaterThan(0);
      const unfiltered = await all(q('wireless'));
      expect(lumen.facets.brands).toEqual(unfiltered.facets.brands);
      expect(lumen.facets.brands.length).toBeGreaterThan(1);
      expect(lumen.total).toBe(unfiltered.facets.brands.find((b) => b.label === '光點')!.count);
    });

    it('a category and sizes: OR within a code, AND across codes', async () => {
      await expectAgreement([
        ['category', 'apparel'],
        ['attr', 'size:M'],
      ]);
      await expectAgreement([
        ['category', 't-shirts'],
        ['attr', 'neckline:crew'],
        ['attr', 'sleeve:short'],
      ]);
      const some = await expectAgreement([
        ['category', 'bottoms'],
        ['attr', 'size:S'],
        ['attr', 'size:XL'],
        ['attr', 'color:black'],
      ]);
      const bottoms = (await all([['category', 'bottoms']])).items.map((i) => byId.get(i.id)!);
      const expected = bottoms.filter((p) => (p.sales.has('size:S') || p.sales.has('size:XL')) && p.sales.has('color:black'));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids(some.items)).toEqual(ids(expected));
    });

    it('a price range, alone and with a query', async () => {
      const mid = await expectAgreement([
        ['priceMin', '500'],
        ['priceMax', '999'],
      ]);
      expect(ids(mid.items)).toEqual(ids(shown.filter((p) => p.priceMinor >= 500 && p.priceMinor <= 999)));
      await expectAgreement(q('鍵盤', ['priceMin', '1000']));
      await expectAgreement(q('tee', ['priceMax', '499'], ['attr', 'color:white']));
    });

    it('in stock only, with a query', async () => {
      const inStock = await expectAgreement(q('襯衫', ['inStock', 'true']));
      const any = await all(q('襯衫'));
      expect(ids(inStock.items)).toEqual(ids(any.items.filter((i) => i.stock === 'in_stock')));
    });

    it('a Chinese query alone, and an English one with several filters', async () => {
      await expectAgreement(q('無線'));
      await expectAgreement(q('shi', ['locale', 'en'], ['category', 'apparel'], ['brand', 'aoki'], ['attr', 'size:L']));
    });

    it('a typo, alone and with a brand', async () => {
      const typo = await expectAgreement(q('keybord'));
      expect(typo.total).toBeGreaterThan(0);
      expect((await expectAgreement(q('chager', ['brand', 'lumen']))).total).toBeGreaterThan(0);
    }, 30_000); // every facet value is a request of its own: slow on a busy machine
  });

  describe('English locale', () => {
    it('returns English names, brands and highlights with ?locale=en', async () => {
      const res = await all(q('keyboard', ['locale', 'en']));
      expect(res.total).toBeGreaterThan(0);
      for (const item of res.items) {
        const p = byId.get(item.id)!;
        expect(item.name).toBe(p.en);
        expect(item.name).not.toBe(p.zh);
        expect(item.highlight).toContain('<mark>Keyboard</mark>');
      }
      expect(res.items.map((i) => i.brand)).toEqual(expect.arrayContaining(['Geekery', 'Lumen']));
      expect(res.facets.categories.map((c) => c.label)).toContain('Electronics');
      const mech = await list(q('mech', ['locale', 'en']));
      expect(mech.items[0]!.highlight).toMatch(/^<mark>Mech<\/mark>anical /);
    });

    it('a Chinese query in English shows English names; without a locale, names are zh-TW', async () => {
      const en = await all(q('鍵盤', ['locale', 'en']));
      const zh = await all(q('鍵盤'));
      expect(ids(en.items)).toEqual(ids(zh.items));
      for (const item of en.items) expect(item.name).toBe(byId.get(item.id)!.en);
      for (const item of zh.items) expect(item.name).toBe(byId.get(item.id)!.zh);
      expect(zh.items[0]!.highlight).toContain('<mark>鍵盤</mark>');
    });
  });

  describe('suggest', () => {
    it('suggests products, categories and brands as one types', async () => {
      const keyb = await get<SuggestBody>('/api/search/suggest?q=keyb&locale=en');
      expect(keyb.products.length).toBeGreaterThan(0);
      expect(keyb.products.length).toBeLessThanOrEqual(8);
      for (const p of keyb.products) expect(p.highlight).toContain('<mark>Keyb</mark>oard');
      expect(keyb.categories.map((c) => c.slug)).toEqual(['keyboards']);
      const cup = await get<SuggestBody>(`/api/search/suggest?q=${encodeURIComponent('杯')}`);
      expect(cup.categories.map((c) => c.slug)).toEqual(['mugs']);
      for (const p of cup.products) expect(p.highlight).toContain('<mark>杯</mark>');
      const lumen = await get<SuggestBody>(`/api/search/suggest?q=${encodeURIComponent('光點')}`);
      expect(lumen.brands.map((b) => b.slug)).toEqual(['lumen']);
      const phone = await get<SuggestBody>(`/api/search/suggest?q=${encodeURIComponent('手機')}`);
      expect(phone.categories.map((c) => c.slug).sort()).toEqual(['phone-accessories', 'phone-cases']);
      expect(phone.products.length).toBeGreaterThan(0);
      for (const p of phone.products) expect(p.name).toContain('手機');
    });

    it('suggests the intended products for a typo', async () => {
      const res = await get<SuggestBody>('/api/search/suggest?q=keybord&locale=en');
      expect(res.products.length).toBeGreaterThan(0);
      for (const p of res.products) expect(p.name).toMatch(/ Keyboard$/);
    });
  });
});
