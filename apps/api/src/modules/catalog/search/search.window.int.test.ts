// The postings behind text search: kept exact by the indexer, and the window a broad search ranks
// (README "Index design"). The window is made small here so the fixture overflows it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.js';
import { planQuery } from './cjk.js';
import { insertSearchFixture, type Fixture } from './search.fixture.js';
import { reindexProduct } from './search.indexer.js';
import { browseCategory, searchProducts, windowSearch, type FacetCounts, type SearchCriteria } from './search.repo.js';

describe('search postings and the ranked window', () => {
  let t: TestDatabase;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestDatabase();
    f = await insertSearchFixture(t.db);
  });
  afterAll(() => t?.destroy());

  const criteria = (q: string, extra: Partial<SearchCriteria> = {}): SearchCriteria => ({
    plan: planQuery(q),
    attributes: new Map(),
    inStockOnly: false,
    ...extra,
  });
  const search = (c: SearchCriteria, size?: number, offset = 0) =>
    windowSearch(t.db, {
      criteria: c,
      sort: 'bestselling',
      locale: 'zh-TW',
      limit: 2,
      offset,
      facetCategoryIds: null,
      ...(size ? { size } : {}),
    });
  const docCount = async (term: string) =>
    (await t.db.execute<{ n: number }>(sql`SELECT doc_count AS n FROM search_terms WHERE term = ${term}`)).rows[0]?.n ?? 0;
  const postings = async (term: string) =>
    (
      await t.db.execute<{ product_id: string; sold_count: number }>(
        sql`SELECT product_id, sold_count FROM search_postings WHERE term = ${term} ORDER BY sold_count DESC`,
      )
    ).rows;

  it('has a posting per visible product and term, and term counts that match', async () => {
    const withShirt = await postings('shirt');
    expect(withShirt.length).toBeGreaterThan(0);
    expect(await docCount('shirt')).toBe(withShirt.length);
    const visible = new Set(f.visible.map((p) => p.id));
    expect(withShirt.every((p) => visible.has(p.product_id))).toBe(true);
    const { rows } = await t.db.execute<{ bad: number }>(sql`
      SELECT count(*)::int AS bad FROM search_terms t WHERE doc_count <> (SELECT count(*) FROM search_postings p WHERE p.term = t.term)`);
    expect(rows[0]!.bad).toBe(0);
  });

  it('moves postings when a product leaves the shelf, comes back, and sells', async () => {
    const p = (await postings('shirt'))[0]!;
    const before = await docCount('shirt');
    await t.db.execute(sql`UPDATE products SET status = 'off_shelf' WHERE id = ${p.product_id}`);
    await t.db.transaction((tx) => reindexProduct(tx, p.product_id));
    expect((await postings('shirt')).map((x) => x.product_id)).not.toContain(p.product_id);
    expect(await docCount('shirt')).toBe(before - 1);

    await t.db.execute(sql`UPDATE products SET status = 'on_shelf' WHERE id = ${p.product_id}`);
    await t.db.execute(sql`UPDATE product_stats SET sold_count = 100000 WHERE product_id = ${p.product_id}`);
    await t.db.transaction((tx) => reindexProduct(tx, p.product_id));
    const after = await postings('shirt');
    expect(after[0]).toEqual({ product_id: p.product_id, sold_count: 100000 });
    expect(after.filter((x) => x.product_id === p.product_id)).toHaveLength(1);
    expect(await docCount('shirt')).toBe(before);
    // and every search finds it first by sales
    const r = await search(criteria('shirt'));
    expect((JSON.parse(r.items) as Array<{ id: string }>)[0]!.id).toBe(p.product_id);
  });

  it('counts exactly when every match fits the window', async () => {
    const all = await search(criteria('圓領'));
    expect(all.exact).toBe(true);
    expect(all.counts.total).toBe(await docCount('圓領'));
    expect(all.pages).toBe(Math.ceil(all.counts.total / 2));
    // a prefix: every completion (shirt, shirts, …), each product once
    const shi = await search(criteria('shirt'));
    expect(shi.exact).toBe(true);
    expect(shi.counts.total).toBeGreaterThanOrEqual(await docCount('shirt'));
  });

  it('ranks only the window of a broad search: total estimated, pages capped, facets over the window', async () => {
    // a CJK gram on at least 4 products (a gram is one term, no completions)
    const { rows } = await t.db.execute<{ term: string; n: number }>(sql`
      SELECT term, doc_count AS n FROM search_terms WHERE doc_count >= 4 AND term ~ '^[一-龥]{2}$' ORDER BY doc_count DESC, term LIMIT 1`);
    const { term: gram, n } = rows[0]!;
    const r = await search(criteria(gram), 3);
    expect(r.exact).toBe(false);
    // one term, no other condition: the estimate is the term's count
    expect(r.counts.total).toBe(n);
    expect(r.pages).toBe(2); // 3 ranked results, 2 per page
    const brands = r.counts.brands.reduce((s, [, c]) => s + c, 0);
    expect(brands).toBeLessThanOrEqual(4);
    const page2 = await search(criteria(gram), 3, 2);
    expect(JSON.parse(page2.items)).toHaveLength(1);
    expect((await search(criteria(gram), 3, 4)).items).toBe('[]');
    // a prefix with several completions: an estimate from their counts, at least the true number
    const shi = await search(criteria('shirt'), 3);
    expect(shi.exact).toBe(false);
    expect(shi.counts.total).toBeGreaterThanOrEqual((await search(criteria('shirt'))).counts.total);
  });

  it('answers a word that matches no term with nothing, and corrects a typo to existing words', async () => {
    expect((await search(criteria('zzzzqq'))).counts.total).toBe(0);
    const fixed = await search(criteria('shrit'));
    expect(fixed.corrections.get('shrit')).toContain('shirt');
    expect(fixed.counts.total).toBeGreaterThan(0);
  });

  describe('kept facet counts of browsing', () => {
    const sorted = (c: FacetCounts) => ({
      total: c.total,
      categories: [...c.categories].sort(),
      brands: [...c.brands].sort(),
      attributes: [...c.attributes].sort(),
      prices: [...c.prices].sort(),
    });
    /** The kept counts against counting the rows (the path filtered browsing takes). */
    const expectKeptEqualsCounted = async (categoryId: string | undefined) => {
      const facetCategoryIds = Object.values(f.cat);
      const kept = await browseCategory(t.db, {
        categoryId,
        sort: 'bestselling',
        locale: 'zh-TW',
        limit: 100,
        offset: 0,
        facetCategoryIds,
      });
      const counted = await searchProducts(t.db, {
        criteria: { categoryId, attributes: new Map(), inStockOnly: false },
        sort: 'bestselling',
        locale: 'zh-TW',
        limit: 100,
        offset: 0,
        facetCategoryIds,
      });
      const c = sorted(counted.counts!);
      const k = sorted(kept.counts);
      // the category facet is counted without the category filter (over everything)
      expect({ ...k, categories: [] }).toEqual({ ...c, categories: [] });
      // the same cards in the same order
      expect(kept.items).toEqual(counted.items);
      return kept;
    };

    it('agree with counting the rows, for everything and for a category', async () => {
      const all = await expectKeptEqualsCounted(undefined);
      expect(all.counts.total).toBe(f.visible.length);
      for (const id of Object.values(f.cat)) await expectKeptEqualsCounted(id);
    });

    it('follow writes: a product leaving the shelf, changing brand and price', async () => {
      const [a, b] = f.visible;
      await t.db.execute(sql`UPDATE products SET status = 'off_shelf' WHERE id = ${a!.id}`);
      await t.db.execute(sql`UPDATE products SET brand_id = ${Object.values(f.brand).find((x) => x !== b!.brand)!} WHERE id = ${b!.id}`);
      await t.db.execute(sql`UPDATE variants SET price_minor = 99999 WHERE product_id = ${b!.id}`);
      await t.db.transaction(async (tx) => {
        await reindexProduct(tx, a!.id);
        await reindexProduct(tx, b!.id);
      });
      const all = await expectKeptEqualsCounted(undefined);
      expect(all.counts.total).toBe(f.visible.length - 1);
      for (const id of Object.values(f.cat)) await expectKeptEqualsCounted(id);
    });
  });
});
