import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { arrayParam } from '../../../db/pg.js';
import { cjkGrams, indexWords, normalizeText } from './cjk.js';
import { attributeKey, attributeTexts, type BasicAttributeValue, type Translations } from '../shared.js';

interface ProductSource {
  id: string;
  name: Translations;
  status: string;
  deleted_at: string | null;
  brand_id: string | null;
  brand_name: Translations | null;
  primary_category_id: string | null;
  basic_attributes: Record<string, BasicAttributeValue>;
  created_at: Date | string;
  sold_count: number;
}

/** The row's postings terms, by the SQL function the benchmark's bulk load uses too (migration 0008). */
const TERMS = sql`product_search_terms(visible, cjk_grams, tsv, category_ids, brand_id, attribute_values)`;

const textsOf = (t: Translations | null | undefined): string[] => (t ? [t['zh-TW'], t.en ?? ''].filter(Boolean) : []);

/**
 * Rewrites the product's row in `product_search` and its card in `product_cards` from the catalog
 * tables, in the caller's transaction, so the index never disagrees with a committed catalog
 * write. Call it after every write that changes what the index or a card holds (names, brand,
 * categories, attributes, variants, images, status, stats). A product that no longer exists loses
 * its rows.
 *
 * - `visible`: status on_shelf or sold_out and not soft-deleted.
 * - `in_stock`: status is not sold_out (inventory refines this later: a stock change that flips it must
 *   come through here too, or the stored cards show a stale stock state).
 * - `price_min`/`price_max`: over active variants (0 when none).
 */
export async function reindexProduct(tx: Tx, productId: string): Promise<void> {
  const { rows } = await tx.execute<ProductSource & Record<string, unknown>>(sql`
    SELECT p.id, p.name, p.status, p.deleted_at, p.brand_id, b.name AS brand_name, p.primary_category_id,
           p.basic_attributes, p.created_at, coalesce(s.sold_count, 0) AS sold_count
    FROM products p
    LEFT JOIN brands b ON b.id = p.brand_id
    LEFT JOIN product_stats s ON s.product_id = p.id
    WHERE p.id = ${productId}`);
  const p = rows[0];
  const before = await tx.execute<{ terms: string[]; sold_count: number }>(sql`
    SELECT ${TERMS} AS terms, sold_count FROM product_search WHERE product_id = ${productId} FOR UPDATE`);
  const old = before.rows[0] ?? { terms: [], sold_count: 0 };
  const oldFacets = await facetsOf(tx, productId);
  if (!p) {
    await tx.execute(sql`DELETE FROM product_search WHERE product_id = ${productId}`);
    await tx.execute(sql`DELETE FROM product_cards WHERE product_id = ${productId}`);
    await syncPostings(tx, productId, old, { terms: [], sold_count: 0 });
    await syncFacetCounts(tx, oldFacets, []);
    return;
  }

  // The product's categories and every ancestor (path is "/root/…/self/").
  const cats = await tx.execute<{ id: string; name: Translations }>(sql`
    WITH own AS (
      SELECT category_id AS id FROM product_categories WHERE product_id = ${productId}
      UNION SELECT ${p.primary_category_id}::uuid WHERE ${p.primary_category_id}::uuid IS NOT NULL
    )
    SELECT DISTINCT a.id, a.name
    FROM own JOIN categories c ON c.id = own.id
    JOIN categories a ON starts_with(c.path, a.path)`);

  const variantRows = await tx.execute<{ sales_attributes: Record<string, string>; price_minor: number }>(sql`
    SELECT sales_attributes, price_minor FROM variants WHERE product_id = ${productId} AND status = 'active'`);

  // code:value pairs of basic and sales attributes, and the labels shoppers type.
  const attrValues = new Set<string>();
  const labelTexts: string[] = [];
  for (const [code, value] of Object.entries(p.basic_attributes ?? {})) {
    attrValues.add(`${code}:${attributeKey(value)}`);
    // The English text of a translated value is searchable too (the zh-TW text is the value itself).
    labelTexts.push(...attributeTexts(value).slice(1));
  }
  for (const v of variantRows.rows) for (const [code, value] of Object.entries(v.sales_attributes)) attrValues.add(`${code}:${value}`);
  const codes = [...new Set([...attrValues].map((av) => av.slice(0, av.indexOf(':'))))];
  if (codes.length > 0) {
    const defs = await tx.execute<{ code: string; allowed_values: Array<{ value: string; label: Translations }> | null }>(sql`
      SELECT code, allowed_values FROM attribute_definitions
      WHERE code IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`);
    for (const av of attrValues) {
      const i = av.indexOf(':');
      const [code, value] = [av.slice(0, i), av.slice(i + 1)];
      labelTexts.push(value);
      for (const d of defs.rows) {
        if (d.code !== code) continue;
        const allowed = d.allowed_values?.find((a) => a.value === value);
        if (allowed) labelTexts.push(...textsOf(allowed.label));
      }
    }
  }

  const prices = variantRows.rows.map((v) => v.price_minor);
  const nameZh = p.name['zh-TW'];
  const nameEn = p.name.en ?? '';
  const document = normalizeText(
    [...textsOf(p.name), ...textsOf(p.brand_name), ...cats.rows.flatMap((c) => textsOf(c.name)), ...new Set(labelTexts)].join(' '),
  );
  const grams = cjkGrams(document);
  const words = indexWords(document);
  const visible = (p.status === 'on_shelf' || p.status === 'sold_out') && p.deleted_at === null;

  const after = await tx.execute<{ terms: string[]; sold_count: number }>(sql`
    INSERT INTO product_search (product_id, visible, document, cjk_grams, tsv, name_zh, name_en, brand_id, category_ids,
      attribute_values, price_min, price_max, in_stock, sold_count, created_at)
    VALUES (${p.id}, ${visible}, ${document}, ${arrayParam(grams, 'text')}, to_tsvector('simple', ${words.join(' ')}),
      ${normalizeText(nameZh)}, ${normalizeText(nameEn)}, ${p.brand_id}, ${arrayParam(
        cats.rows.map((c) => c.id),
        'uuid',
      )},
      ${arrayParam([...attrValues], 'text')}, ${prices.length ? Math.min(...prices) : 0}, ${prices.length ? Math.max(...prices) : 0},
      ${p.status !== 'sold_out'}, ${p.sold_count}, ${p.created_at}::timestamptz)
    ON CONFLICT (product_id) DO UPDATE SET visible = excluded.visible, document = excluded.document,
      cjk_grams = excluded.cjk_grams, tsv = excluded.tsv, name_zh = excluded.name_zh, name_en = excluded.name_en,
      brand_id = excluded.brand_id, category_ids = excluded.category_ids, attribute_values = excluded.attribute_values,
      price_min = excluded.price_min, price_max = excluded.price_max, in_stock = excluded.in_stock,
      sold_count = excluded.sold_count, created_at = excluded.created_at
    RETURNING ${TERMS} AS terms, sold_count`);
  // The card list pages show, as API JSON per locale (SQL function of migration 0013).
  await tx.execute(sql`
    INSERT INTO product_cards (product_id, zh, en) SELECT ${p.id}, zh, en FROM product_card_texts(${p.id})
    ON CONFLICT (product_id) DO UPDATE SET zh = excluded.zh, en = excluded.en`);
  await syncPostings(tx, productId, old, after.rows[0]!);
  await syncFacetCounts(tx, oldFacets, await facetsOf(tx, productId));
}

/** The (scope, facet) keys the product counts in (SQL function of migration 0010), as `scope facet`. */
async function facetsOf(tx: Tx, productId: string): Promise<string[]> {
  const r = await tx.execute<{ scope: string; facet: string }>(sql`
    SELECT f.scope, f.facet FROM product_search s,
      product_search_facets(s.visible, s.brand_id, s.price_min, s.category_ids, s.attribute_values) f
    WHERE s.product_id = ${productId}`);
  return r.rows.map((x) => `${x.scope} ${x.facet}`);
}

/** +1 for keys the product gained, −1 for keys it lost; counters updated in key order (no deadlocks). */
async function syncFacetCounts(tx: Tx, before: string[], after: string[]): Promise<void> {
  const was = new Set(before);
  const is = new Set(after);
  const deltas = [
    ...after.filter((k) => !was.has(k)).map((k) => [k, 1] as const),
    ...before.filter((k) => !is.has(k)).map((k) => [k, -1] as const),
  ];
  if (deltas.length === 0) return;
  const split = deltas.map(([k, d]) => ({ scope: k.slice(0, k.indexOf(' ')), facet: k.slice(k.indexOf(' ') + 1), d }));
  await tx.execute(sql`INSERT INTO search_facet_counts (scope, facet, n)
    SELECT scope, facet, d FROM unnest(${arrayParam(
      split.map((x) => x.scope),
      'text',
    )}, ${arrayParam(
      split.map((x) => x.facet),
      'text',
    )},
      ${arrayParam(
        split.map((x) => x.d),
        'int',
      )}) AS x(scope, facet, d)
    ORDER BY scope COLLATE "C", facet COLLATE "C"
    ON CONFLICT (scope, facet) DO UPDATE SET n = search_facet_counts.n + excluded.n`);
}

/**
 * Moves the product's postings from its old terms and sales figure to the new ones, and keeps
 * `search_terms.doc_count` exact. Term counters are updated in term order, so two writers never
 * wait on each other in opposite orders.
 */
async function syncPostings(
  tx: Tx,
  productId: string,
  old: { terms: string[]; sold_count: number },
  now: { terms: string[]; sold_count: number },
): Promise<void> {
  const oldSet = new Set(old.terms);
  const newSet = new Set(now.terms);
  const gone = old.terms.filter((t) => !newSet.has(t));
  const added = now.terms.filter((t) => !oldSet.has(t));
  // A sales change moves every posting (sold_count is part of the key).
  const resort = old.sold_count !== now.sold_count;
  const remove = resort ? old.terms : gone;
  const insert = resort ? now.terms : added;
  if (remove.length > 0) {
    await tx.execute(sql`DELETE FROM search_postings
      WHERE term = ANY(${arrayParam(remove, 'text')}) AND sold_count = ${old.sold_count} AND product_id = ${productId}`);
  }
  if (insert.length > 0) {
    await tx.execute(sql`INSERT INTO search_postings (term, sold_count, product_id)
      SELECT t, ${now.sold_count}, ${productId} FROM unnest(${arrayParam(insert, 'text')}) t ON CONFLICT DO NOTHING`);
  }
  const deltas = [...added.map((t) => [t, 1] as const), ...gone.map((t) => [t, -1] as const)].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  if (deltas.length > 0) {
    await tx.execute(sql`INSERT INTO search_terms (term, doc_count)
      SELECT t, d FROM unnest(${arrayParam(
        deltas.map(([t]) => t),
        'text',
      )}, ${arrayParam(
        deltas.map(([, d]) => d),
        'int',
      )}) AS x(t, d)
      ORDER BY t COLLATE "C"
      ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count`);
  }
}
