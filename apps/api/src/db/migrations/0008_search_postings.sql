CREATE TABLE "search_postings" (
	"term" text COLLATE "C" NOT NULL,
	"sold_count" integer NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "search_postings_term_sold_count_product_id_pk" PRIMARY KEY("term","sold_count","product_id")
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text COLLATE "C" PRIMARY KEY NOT NULL,
	"doc_count" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "product_search_grams_idx";--> statement-breakpoint
DROP INDEX "product_search_trgm_idx";--> statement-breakpoint
DROP INDEX "product_search_tsv_idx";--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "product_search_name_zh_idx" ON "product_search" USING btree ("name_zh") WHERE "product_search"."visible";--> statement-breakpoint
CREATE INDEX "product_search_name_en_idx" ON "product_search" USING btree ("name_en") WHERE "product_search"."visible";--> statement-breakpoint
-- The terms a product_search row puts into search_postings: none when the product is not visible.
-- Shared by the indexer (search.indexer.ts) and the benchmark's bulk load, so both agree.
CREATE FUNCTION product_search_terms(visible boolean, grams text[], tsv tsvector, category_ids uuid[], brand_id uuid, attribute_values text[])
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN NOT visible THEN '{}'::text[] ELSE ARRAY(SELECT DISTINCT t COLLATE "C" FROM unnest(
    grams || tsvector_to_array(tsv)
      || ARRAY(SELECT 'c:' || c FROM unnest(category_ids) c)
      || CASE WHEN brand_id IS NULL THEN '{}'::text[] ELSE ARRAY['b:' || brand_id] END
      || ARRAY(SELECT 'a:' || a FROM unnest(attribute_values) a)) t ORDER BY 1) END
$$;--> statement-breakpoint
INSERT INTO "search_postings" ("term", "sold_count", "product_id")
  SELECT t, s.sold_count, s.product_id FROM "product_search" s,
    unnest(product_search_terms(s.visible, s.cjk_grams, s.tsv, s.category_ids, s.brand_id, s.attribute_values)) t;--> statement-breakpoint
INSERT INTO "search_terms" ("term", "doc_count") SELECT "term", count(*) FROM "search_postings" GROUP BY "term";
