// Each query class uses an index at 100,000 products (issue 4 acceptance). Rows go straight into
// product_search (the products rows they reference exist too, minimal), then ANALYZE.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { planQuery } from './cjk.js';
import { searchItemsSql, type SearchCriteria } from './search.repo.js';

const N = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

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
    await t.db.execute(sql`UPDATE product_search SET document = document || ' 鬱金香 tulip', cjk_grams = cjk_grams || ARRAY['鬱','金','香','鬱金','金香'],
      tsv = tsv || to_tsvector('simple', 'tulip') WHERE product_id IN (SELECT md5(g::text)::uuid FROM generate_series(1, ${N}, 5000) g)`);
    await t.db.execute(sql`ANALYZE product_search`);
  }, 120_000);
  afterAll(() => t?.destroy());

  const explain = async (c: SearchCriteria, opts: { fuzzy?: boolean } = {}) => {
    return t.db.transaction(async (tx) => {
      if (opts.fuzzy) await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)`);
      const r = await tx.execute<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(sql`EXPLAIN (FORMAT JSON) ${searchItemsSql(c, 'relevance')}`);
      return nodes(r.rows[0]!['QUERY PLAN'][0]!.Plan);
    });
  };
  const criteria = (q: string | undefined, extra: Partial<SearchCriteria> = {}): SearchCriteria => ({
    plan: q === undefined ? undefined : planQuery(q),
    attributes: new Map(),
    inStockOnly: false,
    ...extra,
  });
  const onSearch = (plan: PlanNode[]) => plan.filter((n) => n['Relation Name'] === 'product_search' || n['Index Name']?.startsWith('product_search'));
  const expectIndex = (plan: PlanNode[], index: string) => {
    const mine = onSearch(plan);
    expect(mine.some((n) => n['Node Type'] === 'Seq Scan'), JSON.stringify(mine)).toBe(false);
    expect(mine.map((n) => n['Index Name']).filter(Boolean)).toContain(index);
  };

  it('1-char Chinese uses the gram index', async () => {
    expectIndex(await explain(criteria('鬱')), 'product_search_grams_idx');
  });
  it('2-char and 4-char Chinese use the gram index', async () => {
    expectIndex(await explain(criteria('金香')), 'product_search_grams_idx');
    expectIndex(await explain(criteria('鬱金香')), 'product_search_grams_idx');
  });
  it('an English prefix uses the tsvector index', async () => {
    expectIndex(await explain(criteria('tuli')), 'product_search_tsv_idx');
  });
  it('an English typo uses the trigram index (and the tsvector index for swaps)', async () => {
    // The typo pass, which runs when exact and prefix matching find nothing.
    const plan = await explain(criteria('tulpi', { fuzzy: true }), { fuzzy: true });
    expectIndex(plan, 'product_search_trgm_idx');
    expectIndex(plan, 'product_search_tsv_idx');
  });
  // Browsing a category or brand (newest first) may walk the partial created_at index and stop at
  // a page, or bitmap-scan the category GIN index: either is index-backed; a Seq Scan is not.
  it('category and brand filters never scan the table', async () => {
    for (const c of [criteria(undefined, { categoryId: cat.leaf }), criteria(undefined, { brandId: '6f1f4f8e-2d7e-4c1e-9a57-2a9a5d1bd0d5' })]) {
      const mine = onSearch(await explain(c));
      expect(mine.some((n) => n['Node Type'] === 'Seq Scan'), JSON.stringify(mine)).toBe(false);
      expect(mine.some((n) => n['Index Name']?.startsWith('product_search_')), JSON.stringify(mine)).toBe(true);
    }
    expectIndex(await explain(criteria('tulip', { categoryId: cat.leaf })), 'product_search_tsv_idx');
  });
});
