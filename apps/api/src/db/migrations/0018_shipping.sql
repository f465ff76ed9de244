CREATE TABLE "shipping_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"carrier" text NOT NULL,
	"name" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"fee" jsonb NOT NULL,
	"free_shipping_threshold" integer,
	"island_surcharge" integer DEFAULT 0 NOT NULL,
	"max_weight_grams" integer,
	"max_size_cm" integer,
	"min_order_amount" integer DEFAULT 0 NOT NULL,
	"max_order_amount" integer,
	"unknown_item_weight_grams" integer DEFAULT 500 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_methods_kind_ck" CHECK ("shipping_methods"."kind" IN ('home_delivery', 'store_pickup')),
	CONSTRAINT "shipping_methods_amounts_ck" CHECK ("shipping_methods"."island_surcharge" >= 0 AND "shipping_methods"."min_order_amount" >= 0 AND ("shipping_methods"."free_shipping_threshold" IS NULL OR "shipping_methods"."free_shipping_threshold" > 0)
        AND ("shipping_methods"."max_order_amount" IS NULL OR "shipping_methods"."max_order_amount" >= "shipping_methods"."min_order_amount")),
	CONSTRAINT "shipping_methods_limits_ck" CHECK ("shipping_methods"."unknown_item_weight_grams" > 0 AND ("shipping_methods"."max_weight_grams" IS NULL OR "shipping_methods"."max_weight_grams" > 0) AND ("shipping_methods"."max_size_cm" IS NULL OR "shipping_methods"."max_size_cm" > 0)),
	CONSTRAINT "shipping_methods_fee_ck" CHECK (jsonb_typeof("shipping_methods"."fee") = 'object' AND "shipping_methods"."fee"->>'type' IN ('flat', 'weight'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_methods_code_uq" ON "shipping_methods" USING btree ("code");--> statement-breakpoint
CREATE INDEX "shipping_methods_active_idx" ON "shipping_methods" USING btree ("active","sort_order");