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
CREATE TABLE "coupon_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"batch_id" uuid,
	"code" text NOT NULL,
	"single_use" boolean DEFAULT false NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_codes_upper" CHECK ("coupon_codes"."code" = upper("coupon_codes"."code")),
	CONSTRAINT "coupon_codes_uses" CHECK ("coupon_codes"."uses" >= 0 AND (NOT "coupon_codes"."single_use" OR "coupon_codes"."uses" <= 1))
);
--> statement-breakpoint
CREATE TABLE "pricing_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"stacking_policy" text DEFAULT 'automatic_then_coupon' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_settings_single_row" CHECK ("pricing_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "promotion_customer_uses" (
	"promotion_id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "promotion_customer_uses_promotion_id_customer_key_pk" PRIMARY KEY("promotion_id","customer_key"),
	CONSTRAINT "promotion_customer_uses_nonnegative" CHECK ("promotion_customer_uses"."uses" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"coupon_code_id" uuid,
	"customer_key" text NOT NULL,
	"reference" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "promotion_redemptions_amount_nonnegative" CHECK ("promotion_redemptions"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"rule" jsonb NOT NULL,
	"scope" jsonb DEFAULT '{"type":"all"}'::jsonb NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"exclusive" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"is_coupon" boolean DEFAULT false NOT NULL,
	"total_limit" integer,
	"per_customer_limit" integer,
	"uses" integer DEFAULT 0 NOT NULL,
	"discount_given" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "promotions_uses_within_limit" CHECK ("promotions"."uses" >= 0 AND ("promotions"."total_limit" IS NULL OR "promotions"."uses" <= "promotions"."total_limit")),
	CONSTRAINT "promotions_discount_given_nonnegative" CHECK ("promotions"."discount_given" >= 0),
	CONSTRAINT "promotions_dates_ordered" CHECK ("promotions"."starts_at" IS NULL OR "promotions"."ends_at" IS NULL OR "promotions"."ends_at" > "promotions"."starts_at"),
	CONSTRAINT "promotions_limits_positive" CHECK (("promotions"."total_limit" IS NULL OR "promotions"."total_limit" > 0) AND ("promotions"."per_customer_limit" IS NULL OR "promotions"."per_customer_limit" > 0))
);
--> statement-breakpoint
ALTER TABLE "coupon_codes" ADD CONSTRAINT "coupon_codes_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_customer_uses" ADD CONSTRAINT "promotion_customer_uses_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_redemptions" ADD CONSTRAINT "promotion_redemptions_coupon_code_id_coupon_codes_id_fk" FOREIGN KEY ("coupon_code_id") REFERENCES "public"."coupon_codes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shipping_methods_code_uq" ON "shipping_methods" USING btree ("code");--> statement-breakpoint
CREATE INDEX "shipping_methods_active_idx" ON "shipping_methods" USING btree ("active","sort_order");--> statement-breakpoint
CREATE UNIQUE INDEX "coupon_codes_code_uq" ON "coupon_codes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "coupon_codes_promotion_idx" ON "coupon_codes" USING btree ("promotion_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_redemptions_reference_uq" ON "promotion_redemptions" USING btree ("promotion_id","reference");--> statement-breakpoint
CREATE INDEX "promotion_redemptions_reference_idx" ON "promotion_redemptions" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "promotions_status_idx" ON "promotions" USING btree ("status","is_coupon","created_at");