CREATE TABLE "search_facet_counts" (
	"scope" text COLLATE "C" NOT NULL,
	"facet" text COLLATE "C" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "search_facet_counts_scope_facet_pk" PRIMARY KEY("scope","facet")
);
--> statement-breakpoint
-- The (scope, facet) pairs a product_search row counts in search_facet_counts; none when not
-- visible. Buckets as search.repo.ts PRICE_BUCKETS (0, 500, 1000, 2000, 5000). Shared by the
-- indexer (search.indexer.ts) and the benchmark's bulk load.
CREATE FUNCTION product_search_facets(visible boolean, brand_id uuid, price_min integer, category_ids uuid[], attribute_values text[])
RETURNS TABLE(scope text, facet text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT s.scope COLLATE "C", f.facet COLLATE "C"
  FROM (SELECT '*' AS scope UNION ALL SELECT 'c:' || c FROM unnest(category_ids) c) s
  CROSS JOIN (
    SELECT '#n' AS facet
    UNION ALL SELECT '#b' || brand_id WHERE brand_id IS NOT NULL
    UNION ALL SELECT '#p' || width_bucket(price_min, ARRAY[500, 1000, 2000, 5000])
    UNION ALL SELECT '#c' || c FROM unnest(category_ids) c
    UNION ALL SELECT a FROM unnest(attribute_values) a
  ) f
  WHERE visible
$$;--> statement-breakpoint
INSERT INTO "search_facet_counts" ("scope", "facet", "n")
  SELECT f.scope, f.facet, count(*) FROM "product_search" s,
    product_search_facets(s.visible, s.brand_id, s.price_min, s.category_ids, s.attribute_values) f
  GROUP BY f.scope, f.facet;
