// The demo catalog as a merchant reads it: every name once, one spelling per brand, Taiwanese
// carriers and prices, and each product on the shelf its name says.
import { describe, expect, it } from 'vitest';
import { demoProducts } from './catalog.seed.js';
import { BRANDS, TREE, type CategorySpec, type LeafSpec } from './catalog.seed-data.js';

type Item = ReturnType<typeof demoProducts>[number]['item'];
type Names = { 'zh-TW': string; en: string };

const products = demoProducts().map((p) => p.item);
const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();
const namesOf = (i: Item) => i.spu.name as Names;
const categoryOf = (i: Item) => String(i.category ?? i.categoryId);

/** Every leaf of the tree with the slugs of its ancestors. */
const leaves = new Map<string, { leaf: LeafSpec; path: string[] }>();
const walk = (n: CategorySpec, path: string[]) => {
  for (const leaf of n.leaves ?? []) leaves.set(leaf.slug, { leaf, path: [...path, n.slug] });
  for (const c of n.children ?? []) walk(c, [...path, n.slug]);
};
for (const root of TREE) walk(root, []);

/** A basic attribute's value, in either shape the import takes (`{ code: value }` or the JSON format's list with labels). */
function basicValue(i: Item, code: string, label: string): string | undefined {
  const attrs = i.basicAttributes as unknown;
  if (Array.isArray(attrs)) {
    const found = (attrs as Array<{ code?: string; attributeName?: string; value: unknown }>).find(
      (a) => a.code === code || a.attributeName === label,
    );
    return found === undefined ? undefined : String(found.value);
  }
  const v = (attrs as Record<string, unknown> | undefined)?.[code];
  return v === undefined ? undefined : String(v);
}
const SLEEVE: Record<string, string> = { 短袖: 'short', 長袖: 'long' };
const sleeveOf = (i: Item) => {
  const v = basicValue(i, 'sleeve', '袖型');
  return v === undefined ? undefined : (SLEEVE[v] ?? v);
};
/** Prices of what is sold physically (e-books are cheaper by design). */
const pricesOf = (i: Item) =>
  (i.skus as Array<{ priceMinor?: number; price?: number; salesAttributes?: unknown }>)
    .filter((s) => (s.salesAttributes as Record<string, string> | undefined)?.format !== 'ebook')
    .map((s) => Number(s.priceMinor ?? s.price));

describe('demo catalog data', () => {
  it('names every product once, in each language', () => {
    for (const locale of ['zh-TW', 'en'] as const) {
      const names = products.map((p) => norm(namesOf(p)[locale]));
      const repeated = names.filter((n, i) => names.indexOf(n) !== i);
      expect(repeated, locale).toEqual([]);
    }
  });

  it('gives every SKU its own code (the import refuses a repeated one)', () => {
    const codes = products.flatMap((p) => (p.skus as Array<{ skuCode?: string }>).map((s) => s.skuCode!.toUpperCase()));
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('spells each brand one way: no two brands, nor one brand’s two names, differ only in case', () => {
    const spellings = new Map<string, Set<string>>();
    for (const [slug, zh, en] of BRANDS) {
      for (const name of new Set([zh, en])) spellings.set(norm(name), new Set([...(spellings.get(norm(name)) ?? []), `${slug}:${name}`]));
    }
    const clashes = [...spellings.values()].filter((s) => s.size > 1).map((s) => [...s]);
    expect(clashes).toEqual([]);
  });

  it('sells data packs of Taiwanese carriers only, each one a brand of the shop', () => {
    const taiwanese = ['中華電信', '台灣大哥大', '遠傳電信', '亞太電信', '台灣之星'];
    const brandNames = new Map(BRANDS.map(([slug, zh]) => [slug, zh]));
    const packs = products.filter((p) => categoryOf(p) === 'data-packs');
    expect(packs.length).toBeGreaterThan(0);
    for (const p of packs) {
      const brand = String(p.spu.brand ?? p.spu.brandId);
      expect(taiwanese, namesOf(p)['zh-TW']).toContain(brandNames.get(brand));
      expect(basicValue(p, 'carrier', '電信業者')).toBe(brandNames.get(brand));
    }
  });

  it('shelves each product where its name says: the leaf’s noun ends the name, and 長袖 never among short sleeves', () => {
    for (const p of products) {
      const at = leaves.get(categoryOf(p));
      if (categoryOf(p) === 'data-packs') continue;
      expect(at, `${namesOf(p)['zh-TW']} sits in a leaf category`).toBeDefined();
      const { leaf } = at!;
      if (leaf.noun[0]) expect(namesOf(p)['zh-TW'], leaf.slug).toMatch(new RegExp(`${leaf.noun[0]}$`));
      if (leaf.noun[1]) expect(namesOf(p).en, leaf.slug).toMatch(new RegExp(`${leaf.noun[1]}$`));
    }
    const tees = products.filter((p) => leaves.get(categoryOf(p))?.path.includes('t-shirts'));
    const short = tees.filter((p) => categoryOf(p) === 'short-sleeve-tees');
    const long = tees.filter((p) => categoryOf(p) === 'long-sleeve-tees');
    expect(short.length).toBeGreaterThan(0);
    expect(long.length).toBeGreaterThan(0);
    expect(short.length + long.length).toBe(tees.length);
    for (const p of short) {
      expect(namesOf(p)['zh-TW']).not.toContain('長袖');
      expect(sleeveOf(p), namesOf(p)['zh-TW']).toBe('short');
    }
    for (const p of long) {
      expect(namesOf(p)['zh-TW']).toContain('長袖');
      expect(namesOf(p).en).toContain('Long-sleeve');
      expect(sleeveOf(p), namesOf(p)['zh-TW']).toBe('long');
    }
    // everywhere else too: a product whose name says 長袖 has long sleeves
    for (const p of products.filter((x) => namesOf(x)['zh-TW'].includes('長袖'))) expect(sleeveOf(p)).toBe('long');
  });

  it('prices in New Taiwan dollars as a Taiwanese shop would: T-shirts 290–990, every product within its category’s band', () => {
    for (const p of products) {
      const at = leaves.get(categoryOf(p));
      if (!at) continue;
      const [min, max] = at.leaf.price;
      for (const price of pricesOf(p)) {
        expect(price, namesOf(p)['zh-TW']).toBeGreaterThanOrEqual(min);
        expect(price, namesOf(p)['zh-TW']).toBeLessThanOrEqual(max);
        if (at.path.includes('t-shirts')) {
          expect(price, namesOf(p)['zh-TW']).toBeGreaterThanOrEqual(290);
          expect(price, namesOf(p)['zh-TW']).toBeLessThanOrEqual(990);
        }
      }
    }
  });
});
