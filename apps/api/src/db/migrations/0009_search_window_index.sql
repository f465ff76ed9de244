-- What a search window reads per product (search.repo.ts windowCte), readable by index-only scans
-- without touching the wide product_search row. Not in the Drizzle schema: it has no INCLUDE.
CREATE INDEX "product_search_window_idx" ON "product_search" ("product_id")
  INCLUDE ("visible", "brand_id", "price_min", "price_max", "in_stock", "sold_count", "created_at", "name_zh", "name_en", "category_ids", "attribute_values");
