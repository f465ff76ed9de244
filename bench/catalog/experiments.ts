// `--experiments`: changed copies of the search statements, timed next to copies of the current
// ones on the same data, so a proposed fix comes with its measured effect (nothing in apps/ changes).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../apps/api/src/db/client.js';
import { countsSql, itemsSql, textCondition } from './explain.js';
import { planQuery, WORD_SIMILARITY, type QueryPlan } from './internals.js';

async function best(db: Db, stmt: SQL, fuzzy: boolean, runs = 5): Promise<number> {
  let b = Infinity;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await db.transaction(async (tx) => {
      if (fuzzy) await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
      await tx.execute(stmt);
    });
    b = Math.min(b, performance.now() - t);
  }
  return Math.round(b * 100) / 100;
}

const pairs = (inner: SQL) => sql`(SELECT coalesce(json_agg(json_build_array(k, n)), '[]'::json) FROM (${inner}) x)`;
const bucket = sql.raw(`CASE WHEN price_min >= 5000 THEN 4 WHEN price_min >= 2000 THEN 3 WHEN price_min >= 1000 THEN 2 WHEN price_min >= 500 THEN 1 ELSE 0 END`);
const uuids = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::uuid[]`;

/** search.repo.ts countsQuery for `?category=<id>` (no q): the CTE holds every visible row. */
function listCountsCurrent(catId: string, facetCats: string[]): SQL {
  const f = sql`category_ids @> ARRAY[${catId}]::uuid[]`;
  return sql`
    WITH m AS MATERIALIZED (SELECT brand_id, category_ids, attribute_values, price_min, in_stock FROM product_search WHERE visible)
    SELECT (SELECT count(*) FROM m WHERE ${f})::int AS total,
      ${pairs(sql`SELECT k, count(*)::int AS n FROM m, unnest(category_ids) k WHERE true AND k = ANY(${uuids(facetCats)}) GROUP BY k`)} AS categories,
      ${pairs(sql`SELECT brand_id AS k, count(*)::int AS n FROM m WHERE ${f} AND brand_id IS NOT NULL GROUP BY brand_id`)} AS brands,
      ${pairs(sql`SELECT av AS k, count(*)::int AS n FROM m, unnest(attribute_values) av WHERE ${f} GROUP BY av`)} AS attributes,
      ${pairs(sql`SELECT ${bucket} AS k, count(*)::int AS n FROM m WHERE ${f} GROUP BY 1`)} AS prices`;
}

/**
 * Proposed: the CTE takes every filter (so the GIN index on category_ids drives it); only a facet
 * whose own dimension is filtered needs rows outside it. For the category facet of an unfiltered
 * catalog (no q, no other filter) that is "products per category", which depends on the catalog
 * version only: computed once per version (`categoryCountsSql`) and kept next to the response cache.
 */
function listCountsProposed(catId: string): SQL {
  const f = sql`category_ids @> ARRAY[${catId}]::uuid[]`;
  return sql`
    WITH m AS MATERIALIZED (SELECT brand_id, attribute_values, price_min, in_stock FROM product_search WHERE visible AND ${f})
    SELECT (SELECT count(*) FROM m)::int AS total,
      ${pairs(sql`SELECT brand_id AS k, count(*)::int AS n FROM m WHERE brand_id IS NOT NULL GROUP BY brand_id`)} AS brands,
      ${pairs(sql`SELECT av AS k, count(*)::int AS n FROM m, unnest(attribute_values) av GROUP BY av`)} AS attributes,
      ${pairs(sql`SELECT ${bucket} AS k, count(*)::int AS n FROM m GROUP BY 1`)} AS prices`;
}
const categoryCountsSql = sql`SELECT k, count(*)::int AS n FROM product_search, unnest(category_ids) k WHERE visible GROUP BY k`;

/**
 * Proposed for broad text queries: rank and count a bounded candidate set. The items take the
 * 2,000 best-selling matches and rank those; the total is exact up to 10,000 and "10,000+" above;
 * facets are counted over the same 2,000 candidates when the match set is larger than that.
 */
function itemsCapped(plan: QueryPlan, cap: number): SQL {
  const n = plan.normalized;
  return sql`
    SELECT c.product_id, c.price_min, c.sold_count,
      CASE WHEN c.name_zh = ${n} OR c.name_en = ${n} THEN 3
        WHEN starts_with(c.name_zh, ${n}) OR starts_with(c.name_en, ${n}) THEN 2
        WHEN strpos(c.name_zh, ${n}) > 0 OR strpos(c.name_en, ${n}) > 0 THEN 1 ELSE 0 END AS rank,
      word_similarity(${n}, c.document) AS sim
    FROM (SELECT product_id, price_min, sold_count, name_zh, name_en, document FROM product_search
          WHERE visible AND ${textCondition(plan)} ORDER BY sold_count DESC LIMIT ${cap}) c
    ORDER BY rank DESC, sim DESC, sold_count DESC, product_id LIMIT 24`;
}
function countsCapped(plan: QueryPlan, cap: number, topCats: string[]): SQL {
  return sql`
    WITH m AS MATERIALIZED (SELECT brand_id, category_ids, attribute_values, price_min FROM product_search
      WHERE visible AND ${textCondition(plan)} LIMIT ${cap})
    SELECT (SELECT count(*) FROM (SELECT 1 FROM product_search WHERE visible AND ${textCondition(plan)} LIMIT 10001) t)::int AS total,
      ${pairs(sql`SELECT k, count(*)::int AS n FROM m, unnest(category_ids) k WHERE k = ANY(${uuids(topCats)}) GROUP BY k`)} AS categories,
      ${pairs(sql`SELECT brand_id AS k, count(*)::int AS n FROM m WHERE brand_id IS NOT NULL GROUP BY brand_id`)} AS brands,
      ${pairs(sql`SELECT av AS k, count(*)::int AS n FROM m, unnest(attribute_values) av GROUP BY av`)} AS attributes,
      ${pairs(sql`SELECT ${bucket} AS k, count(*)::int AS n FROM m GROUP BY 1`)} AS prices`;
}

export interface ExperimentRow {
  experiment: string;
  current: number;
  proposed: number;
  note: string;
}

export async function runExperiments(db: Db, queries: Record<string, string[]>, log: (m: string) => void): Promise<ExperimentRow[]> {
  const out: ExperimentRow[] = [];
  const tops = (await db.execute<{ id: string }>(sql`SELECT id FROM categories WHERE parent_id IS NULL`)).rows.map((r) => r.id);
  const { rows: leaves } = await db.execute<{ id: string; slug: string; parent_id: string }>(
    sql`SELECT id, slug, parent_id FROM categories WHERE depth = 2 ORDER BY md5(slug) LIMIT 5`,
  );
  // 1. category list facets
  for (const leaf of leaves.slice(0, 3)) {
    const cur = await best(db, listCountsCurrent(leaf.id, tops), false, 1);
    const prop = await best(db, listCountsProposed(leaf.id), false, 5);
    out.push({ experiment: `list facets ?category=${leaf.slug}`, current: cur, proposed: prop, note: 'filters inside the CTE; category facet per catalog version' });
    log(`  ${out.at(-1)!.experiment}: ${cur} → ${prop} ms`);
  }
  const once = await best(db, categoryCountsSql, false, 1);
  out.push({ experiment: 'products per category (once per catalog version)', current: 0, proposed: once, note: 'the cost moved out of every request' });
  // 2. broad searches: the slowest-looking query of each class
  for (const [cls, qs] of Object.entries(queries)) {
    for (const q of qs.slice(0, 1)) {
      const plan = planQuery(q);
      const fuzzy = plan.words.some((w) => w.fuzzy);
      const cur = (await best(db, itemsSql(plan), fuzzy, 1)) + (await best(db, countsSql(plan, tops), fuzzy, 1));
      const prop = (await best(db, itemsCapped(plan, 2000), fuzzy, 3)) + (await best(db, countsCapped(plan, 2000, tops), fuzzy, 3));
      out.push({ experiment: `search ${cls} "${q}" items+counts`, current: cur, proposed: prop, note: 'rank 2,000 best sellers; total capped at 10,000; facets over candidates' });
      log(`  ${out.at(-1)!.experiment}: ${cur} → ${prop} ms`);
    }
  }
  return out;
}
