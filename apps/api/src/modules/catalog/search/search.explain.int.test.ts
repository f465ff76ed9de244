// Each query class uses an index at 100,000 products. Rows go straight into
// product_search (the products rows they reference exist too, minimal), their postings and terms
// are built by the same SQL as migration 0008 / the benchmark load, then ANALYZE.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/harness.js';
import { planQuery } from './cjk.js';
import { visibleProductsPageSql } from './sitemap.repo.js';
import { searchItemsSql, searchWindowSql, type SearchCriteria } from './search.repo.js';
import { twoEditCandidatesSql, twoEditThreshold } from './search.terms.js';

const N = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const md5uuid = (g: number) =>
  createHash('md5')
    .update(String(g))
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

describe(`search plans at ${N.toLocaleString('en')} products`, () => {
  let t: TestDatabase;
  const cat = { root: '11111111-1111-4111-8111-111111111111', leaf: '22222222-2222-4222-8222-222222222222' };

  beforeAll(async () => {
    t = await createTestDatabase();
    // Vocabulary: Chinese product words and English words, combined per row by generate_series.
    await t.db.execute(sql`
      CREATE TEMP TABLE zh_words AS SELECT * FROM unnest(ARRAY['圓領短袖T恤','短褲','牛仔褲','帆布鞋','保溫杯','襯衫','外套','洋裝','背包','毛衣',
        '運動鞋','馬克杯','長褲','涼鞋','帽子','圍巾','手套','襪子','皮帶','錢包']) WITH ORDINALITY AS w(word, i)`);
    await t.db.execute(sql`
      CREATE TEMP TABLE en_words AS SELECT * FROM unnest(ARRAY['crew tee','shorts','jeans','canvas sneakers','tumbler','shirt','jacket','dress',
        'backpack','sweater','running shoes','mug','trousers','sandals','cap','scarf','gloves','socks','belt','wallet']) WITH ORDINALITY AS w(word, i)`);
    await t.db.execute(sql`INSERT INTO products (id, slug, name, status)
      SELECT md5(g::text)::uuid, 'p' || g, '{"zh-TW":"x"}'::jsonb, 'on_shelf' FROM generate_series(1, ${N}) g`);
    // grams: the word's characters and bigrams (SQL mirror of cjk.ts for these simple words)
    await t.db.execute(sql`
      INSERT INTO product_search (product_id, visible, document, cjk_grams, tsv, name_zh, name_en, brand_id, category_ids,
        attribute_values, price_min, price_max, in_stock, sold_count, created_at)
      SELECT md5(g::text)::uuid, g % 10 <> 0, lower(z.word || ' 款式' || g % 997 || ' ' || e.word || ' model' || g % 997),
        (SELECT array_agg(DISTINCT gr) FROM (
           SELECT substr(z.word, k, 1) AS gr FROM generate_series(1, char_length(z.word)) k WHERE substr(z.word, k, 1) !~ '[A-Za-z0-9]'
           UNION SELECT substr(z.word, k, 2) FROM generate_series(1, char_length(z.word) - 1) k WHERE substr(z.word, k, 2) !~ '[A-Za-z0-9]'
           UNION SELECT unnest(ARRAY['款','式','款式'])) s),
        to_tsvector('simple', e.word || ' model' || g % 997), lower(z.word || ' 款式' || g % 997), e.word || ' model' || g % 997,
        md5('brand' || g % 200)::uuid,
        CASE WHEN g % 50 = 0 THEN ARRAY[${cat.root}::uuid, ${cat.leaf}::uuid] ELSE ARRAY[md5('cat' || g % 40)::uuid] END,
        ARRAY['size:' || (ARRAY['S','M','L'])[1 + g % 3], 'color:c' || g % 12], 100 + g % 5000, 100 + g % 5000 + 200, g % 17 <> 0,
        g % 1000, now() - g * interval '1 minute'
      FROM generate_series(1, ${N}) g
      JOIN zh_words z ON z.i = 1 + (g * 7) % 20
      JOIN en_words e ON e.i = 1 + (g * 13) % 20`);
    // rare words, as a real catalog has: a few rows with a distinctive word
    await t.db
      .execute(sql`UPDATE product_search SET document = document || ' 鬱金香 tulip', cjk_grams = cjk_grams || ARRAY['鬱','金','香','鬱金','金香'],
      tsv = tsv || to_tsvector('simple', 'tulip') WHERE product_id IN (SELECT md5(g::text)::uuid FROM generate_series(1, ${N}, 5000) g)`);
    await t.db.execute(sql`INSERT INTO search_postings (term, sold_count, product_id)
      SELECT t, s.sold_count, s.product_id FROM product_search s,
        unnest(product_search_terms(s.visible, s.cjk_grams, s.tsv, s.category_ids, s.brand_id, s.attribute_values)) t`);
    await t.db.execute(sql`INSERT INTO search_terms (term, doc_count) SELECT term, count(*) FROM search_postings GROUP BY term`);
    // a vocabulary of a real catalog's size (tens of thousands of words), so the planner sees a big table
    await t.db.execute(sql`INSERT INTO search_terms (term, doc_count) SELECT 'w' || md5(g::text), 1 FROM generate_series(1, 50000) g`);
    // cards: only their key matters to the plans (the real texts come from product_card_texts)
    await t.db.execute(sql`INSERT INTO product_cards (product_id, zh, en) SELECT product_id, '{}', '{}' FROM product_search`);
    await t.db.execute(sql`ANALYZE product_search, search_postings, search_terms, product_cards`);
  }, 120_000);
  afterAll(() => t?.destroy());

  /** The plan of the statement a search runs: the window for a query, the browse statement without. */
  const explain = async (c: SearchCriteria) => {
    const stmt = c.plan ? await searchWindowSql(t.db, c) : searchItemsSql(c, 'newest');
    expect(stmt, 'every term of the query is indexed').not.toBeNull();
    const r = await t.db.execute<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(sql`EXPLAIN (FORMAT JSON) ${stmt!}`);
    return nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
  };
  /** The plan of the typo-correction lookup (search_terms). */
  const explainTerms = async (word: string) => {
    const r = await t.db.execute<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      sql`EXPLAIN (FORMAT JSON) SELECT term FROM search_terms WHERE doc_count > 0 AND lower(term) % ${word} AND similarity(lower(term), ${word}) >= 0.5`,
    );
    return nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
  };
  const criteria = (q: string | undefined, extra: Partial<SearchCriteria> = {}): SearchCriteria => ({
    plan: q === undefined ? undefined : planQuery(q),
    attributes: new Map(),
    inStockOnly: false,
    ...extra,
  });
  const POSTINGS = 'search_postings_term_sold_count_product_id_pk';
  /** No table is scanned whole; the postings are read through their key, product rows by id. */
  const expectIndexed = (plan: PlanNode[], index = POSTINGS) => {
    expect(
      plan.filter((n) => n['Node Type'] === 'Seq Scan'),
      JSON.stringify(plan.map((n) => n['Node Type'])),
    ).toEqual([]);
    expect(plan.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
  };

  it('1-char Chinese reads the postings by key', async () => {
    expectIndexed(await explain(criteria('鬱')));
  });
  it('2-char and 4-char Chinese read the postings by key (one term walked, the others probed)', async () => {
    expectIndexed(await explain(criteria('金香')));
    const plan = await explain(criteria('鬱金香'));
    expectIndexed(plan);
    expect(plan.filter((n) => n['Index Name'] === POSTINGS).length).toBeGreaterThanOrEqual(2);
  });
  it('an English word and prefix read the postings by key', async () => {
    expectIndexed(await explain(criteria('tulip')));
    expectIndexed(await explain(criteria('tuli')));
    expectIndexed(await explain(criteria('model1')));
  });
  it('an English typo is corrected through the trigram index of the terms, then read by key', async () => {
    expectIndexed(await explainTerms('tulpi'), 'search_terms_trgm_idx');
    expectIndexed(await explain(criteria('tulip')));
  });
  it('a two-edit typo takes its candidates from the trigram index of the terms, at the looser threshold', async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(twoEditThreshold);
      const r = await tx.execute<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(sql`EXPLAIN (FORMAT JSON) ${twoEditCandidatesSql('tluip')}`);
      return nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
    });
    expectIndexed(plan, 'search_terms_trgm_idx');
  });
  it('a sitemap file finds its start and reads its keyset pages by index, never scanning products or the search rows', async () => {
    for (const input of [
      { offset: 40_000, limit: 2_000 },
      { after: md5uuid(5), limit: 2_000 },
    ]) {
      const r = await t.db.execute<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        sql`EXPLAIN (FORMAT JSON) ${visibleProductsPageSql(input)}`,
      );
      const plan = nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
      expect(
        plan.filter((n) => n['Node Type'] === 'Seq Scan'),
        JSON.stringify(plan.map((n) => [n['Node Type'], n['Index Name']])),
      ).toEqual([]);
      expect(plan.map((n) => n['Index Name'])).toEqual(expect.arrayContaining(['product_search_visible_id_idx', 'products_pkey']));
    }
  });
  it('the exact-name tier reads product_search by name', async () => {
    const plan = await explain(criteria('shirt model5'));
    expect(plan.map((n) => n['Index Name'])).toEqual(expect.arrayContaining(['product_search_name_zh_idx', 'product_search_name_en_idx']));
  });
  // Browsing a category or brand (newest first) may walk the partial created_at index and stop at
  // a page, or bitmap-scan the category GIN index: either is index-backed; a Seq Scan is not.
  it('category and brand filters never scan the table', async () => {
    const onSearch = (plan: PlanNode[]) =>
      plan.filter((n) => n['Relation Name'] === 'product_search' || n['Index Name']?.startsWith('product_search'));
    for (const c of [
      criteria(undefined, { categoryId: cat.leaf }),
      criteria(undefined, { brandId: '6f1f4f8e-2d7e-4c1e-9a57-2a9a5d1bd0d5' }),
    ]) {
      const mine = onSearch(await explain(c));
      expect(
        mine.some((n) => n['Node Type'] === 'Seq Scan'),
        JSON.stringify(mine),
      ).toBe(false);
      expect(
        mine.some((n) => n['Index Name']?.startsWith('product_search_')),
        JSON.stringify(mine),
      ).toBe(true);
    }
    const brand = createHash('md5')
      .update('brand1')
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
    expectIndexed(await explain(criteria('tulip', { brandId: brand })));
  });
});
