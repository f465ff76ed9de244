CREATE TABLE "product_cards" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_cards" ADD CONSTRAINT "product_cards_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_search" DROP COLUMN "card";--> statement-breakpoint
-- A product card as the storefront API's ProductSummary JSON (compact, `highlight` null), in
-- zh-TW and English, kept in product_cards by the indexer (search.indexer.ts), this backfill and
-- the benchmark's bulk load, so a list page concatenates stored texts instead of building them.
-- Image URLs follow media.ts (imageUrl, renditionKey, imageSizes/srcsetOf); search.cards.int.test.ts
-- compares the two.
CREATE FUNCTION localized_text(t jsonb, loc text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN loc = 'en' AND coalesce(t->>'en', '') <> '' THEN t->>'en' ELSE t->>'zh-TW' END
$$;--> statement-breakpoint
CREATE FUNCTION product_card_texts(pid uuid, OUT zh text, OUT en text) LANGUAGE sql STABLE AS $$
  WITH c AS (
    SELECT p.id, p.slug, p.name, b.name AS brand, p.status, coalesce(v.lo, 0) AS lo, coalesce(v.hi, 0) AS hi,
      cv.compare_at_minor AS compare_at, img.url, img.srcset
    FROM products p
    LEFT JOIN brands b ON b.id = p.brand_id
    CROSS JOIN LATERAL (SELECT min(price_minor) AS lo, max(price_minor) AS hi FROM variants WHERE product_id = p.id AND status = 'active') v
    LEFT JOIN LATERAL (SELECT compare_at_minor FROM variants WHERE product_id = p.id AND status = 'active'
      ORDER BY price_minor, sort_order LIMIT 1) cv ON true
    LEFT JOIN LATERAL (
      SELECT base || '/' || i.storage_key AS url,
        concat_ws(', ',
          (SELECT string_agg(base || '/' || regexp_replace(i.storage_key, '\.[a-z0-9]+$', '-w' || w || '.webp') || ' ' || w || 'w', ', ' ORDER BY k)
            FROM unnest(i.widths) WITH ORDINALITY AS r(w, k)),
          base || '/' || i.storage_key || ' ' || i.width || 'w') AS srcset
      FROM product_images i, LATERAL (SELECT coalesce(i.public_base, '/media') AS base) pb
      WHERE i.product_id = p.id ORDER BY i.sort_order, i.created_at LIMIT 1) img ON true
    WHERE p.id = pid
  )
  SELECT max(j) FILTER (WHERE loc = 'zh-TW'), max(j) FILTER (WHERE loc = 'en') FROM (
    SELECT l.loc, row_to_json(x)::text AS j
    FROM c, (VALUES ('zh-TW'), ('en')) AS l(loc),
    LATERAL (SELECT c.id, c.slug, localized_text(c.name, l.loc) AS name,
      CASE WHEN c.brand IS NULL THEN NULL ELSE localized_text(c.brand, l.loc) END AS brand,
      c.lo AS "priceMinor", c.hi AS "priceMaxMinor", c.compare_at AS "compareAtMinor", c.url AS "imageUrl",
      c.srcset AS "imageSrcset", c.status, CASE WHEN c.status = 'sold_out' THEN 'out' ELSE 'in_stock' END AS stock,
      NULL::text AS highlight) x
  ) y
$$;--> statement-breakpoint
INSERT INTO "product_cards" ("product_id", "zh", "en")
  SELECT s.product_id, t.zh, t.en FROM product_search s, product_card_texts(s.product_id) t;--> statement-breakpoint
DROP FUNCTION product_card(uuid);--> statement-breakpoint
-- Browsing reads a scope's counts by index-only scans (the rows of a scope lie on many pages).
ALTER TABLE "search_facet_counts" DROP CONSTRAINT "search_facet_counts_scope_facet_pk";--> statement-breakpoint
ALTER TABLE "search_facet_counts" ADD CONSTRAINT "search_facet_counts_scope_facet_pk" PRIMARY KEY ("scope", "facet") INCLUDE ("n");
