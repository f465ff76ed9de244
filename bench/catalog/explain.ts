// Copies of the two statements `GET /api/products?q=…` runs (search.repo.ts itemsQuery and
// countsQuery, for a query without filters, sort=relevance, page 1 of 24, the top-level category
// facet), for EXPLAIN ANALYZE of slow classes and for trying index/query changes without editing
// the app. `variant` selects a changed copy (see the report).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../apps/api/src/db/client.js';
import { planQuery, prefixTsQuery, WORD_SIMILARITY, type QueryPlan } from './internals.js';

const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

export function textCondition(plan: QueryPlan): SQL {
  if (plan.empty) return sql`false`;
  const parts: SQL[] = [];
  if (plan.grams.length > 0) parts.push(sql`cjk_grams @> ${textArray(plan.grams)}`);
  for (const w of plan.words) {
    const prefix = sql`tsv @@ to_tsquery('simple', ${prefixTsQuery(w)})`;
    parts.push(w.fuzzy ? sql`(${prefix} OR document %> ${w.word})` : prefix);
  }
  return sql.join(parts, sql` AND `);
}

export function itemsSql(plan: QueryPlan): SQL {
  const n = plan.normalized;
  return sql`
    SELECT ps.product_id AS "productId", p.slug, p.name, p.status, b.name AS "brandName", ps.price_min AS "priceMin",
      ps.price_max AS "priceMax", ps.in_stock AS "inStock",
      (SELECT v.compare_at_minor FROM variants v WHERE v.product_id = p.id AND v.status = 'active'
        ORDER BY v.price_minor, v.sort_order LIMIT 1) AS "compareAt",
      (SELECT json_build_object('key', i.storage_key, 'base', i.public_base, 'widths', i.widths, 'width', i.width)
        FROM product_images i WHERE i.product_id = p.id ORDER BY i.sort_order, i.created_at LIMIT 1) AS "image"
    FROM (
      SELECT product_id, price_min, price_max, in_stock, sold_count, created_at, name_zh,
        coalesce(nullif(name_en, ''), name_zh) AS sort_name,
        CASE WHEN name_zh = ${n} OR name_en = ${n} THEN 3
          WHEN starts_with(name_zh, ${n}) OR starts_with(name_en, ${n}) THEN 2
          WHEN strpos(name_zh, ${n}) > 0 OR strpos(name_en, ${n}) > 0 THEN 1 ELSE 0 END AS rank,
        word_similarity(${n}, document) AS sim
      FROM product_search
      WHERE visible AND ${textCondition(plan)}
      ORDER BY rank DESC, sim DESC, sold_count DESC, product_id
      LIMIT 24 OFFSET 0
    ) ps
    JOIN products p ON p.id = ps.product_id
    LEFT JOIN brands b ON b.id = p.brand_id
    ORDER BY ps.rank DESC, ps.sim DESC, ps.sold_count DESC, ps.product_id`;
}

export function countsSql(plan: QueryPlan, topCategoryIds: string[]): SQL {
  const cats = sql`ARRAY[${sql.join(topCategoryIds.map((x) => sql`${x}`), sql`, `)}]::uuid[]`;
  const pairs = (inner: SQL) => sql`(SELECT coalesce(json_agg(json_build_array(k, n)), '[]'::json) FROM (${inner}) x)`;
  return sql`
    WITH m AS MATERIALIZED (
      SELECT brand_id, category_ids, attribute_values, price_min, in_stock FROM product_search WHERE visible AND ${textCondition(plan)}
    )
    SELECT
      (SELECT count(*) FROM m WHERE true)::int AS total,
      ${pairs(sql`SELECT k, count(*)::int AS n FROM m, unnest(category_ids) k WHERE true AND k = ANY(${cats}) GROUP BY k`)} AS categories,
      ${pairs(sql`SELECT brand_id AS k, count(*)::int AS n FROM m WHERE true AND brand_id IS NOT NULL GROUP BY brand_id`)} AS brands,
      ${pairs(sql`SELECT av AS k, count(*)::int AS n FROM m, unnest(attribute_values) av WHERE true GROUP BY av`)} AS attributes,
      ${pairs(sql`SELECT CASE WHEN price_min >= 5000 THEN 4 WHEN price_min >= 2000 THEN 3 WHEN price_min >= 1000 THEN 2
        WHEN price_min >= 500 THEN 1 WHEN price_min >= 0 THEN 0 END AS k, count(*)::int AS n FROM m WHERE true GROUP BY 1`)} AS prices`;
}

async function inTx<T>(db: Db, fuzzy: boolean, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    if (fuzzy) await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
    return fn(tx as unknown as Db);
  });
}

async function topIds(db: Db) {
  return (await db.execute<{ id: string }>(sql`SELECT id FROM categories WHERE parent_id IS NULL`)).rows.map((r) => r.id);
}

/** EXPLAIN (ANALYZE, BUFFERS) of both statements of the search request for `q`, as text. */
export async function explainSlowest(db: Db, q: string): Promise<string> {
  const plan = planQuery(q);
  const tops = await topIds(db);
  return inTx(db, plan.words.some((w) => w.fuzzy), async (tx) => {
    const out: string[] = [];
    for (const [label, stmt] of [['items', itemsSql(plan)], ['counts', countsSql(plan, tops)]] as const) {
      const r = await tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN (ANALYZE, BUFFERS) ${stmt}`);
      out.push(`-- ${label}\n${r.rows.map((x) => x['QUERY PLAN']).join('\n')}`);
    }
    return out.join('\n');
  });
}

/** Time of each statement alone (ms) for `q`, best of `runs`. */
export async function timeStatements(db: Db, q: string, runs = 3, variant?: (plan: QueryPlan) => SQL): Promise<{ items: number; counts: number; variant?: number }> {
  const plan = planQuery(q);
  const tops = await topIds(db);
  const best = async (stmt: SQL) => {
    let b = Infinity;
    for (let k = 0; k < runs; k++) {
      const t = performance.now();
      await inTx(db, plan.words.some((w) => w.fuzzy), (tx) => tx.execute(stmt));
      b = Math.min(b, performance.now() - t);
    }
    return Math.round(b * 100) / 100;
  };
  return { items: await best(itemsSql(plan)), counts: await best(countsSql(plan, tops)), ...(variant ? { variant: await best(variant(plan)) } : {}) };
}
