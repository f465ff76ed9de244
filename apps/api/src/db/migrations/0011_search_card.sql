ALTER TABLE "product_search" ADD COLUMN "card" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- A product's card (slug, name, status, compare-at price of its cheapest active variant, first
-- image), kept in product_search by the indexer so list pages read one row per product.
-- Shared by the indexer (search.indexer.ts), this backfill and the benchmark's bulk load.
CREATE FUNCTION product_card(id uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('slug', p.slug, 'name', p.name, 'status', p.status,
    'compareAt', (SELECT v.compare_at_minor FROM variants v WHERE v.product_id = p.id AND v.status = 'active'
      ORDER BY v.price_minor, v.sort_order LIMIT 1),
    'image', (SELECT jsonb_build_object('key', i.storage_key, 'base', i.public_base, 'widths', i.widths, 'width', i.width)
      FROM product_images i WHERE i.product_id = p.id ORDER BY i.sort_order, i.created_at LIMIT 1))
  FROM products p WHERE p.id = $1
$$;--> statement-breakpoint
UPDATE "product_search" SET "card" = product_card("product_id");
