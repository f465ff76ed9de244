CREATE TABLE "order_addresses" (
	"order_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"mobile" text,
	"email" text,
	"zip" text,
	"city" text,
	"district" text,
	"line" text,
	"store_id" text,
	"brand" text,
	CONSTRAINT "order_addresses_order_id_role_pk" PRIMARY KEY("order_id","role")
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"variant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"product_name" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"image_url" text,
	"quantity" integer NOT NULL,
	"unit_price_minor" integer NOT NULL,
	"line_subtotal_minor" integer NOT NULL,
	"line_discount_minor" integer NOT NULL,
	"allocated_order_discount_minor" integer NOT NULL,
	"line_total_minor" integer NOT NULL,
	"promotion_id" uuid,
	CONSTRAINT "order_items_quantity_ck" CHECK ("order_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "order_number_counters" (
	"instance_id" smallint NOT NULL,
	"bucket" smallint NOT NULL,
	"second" bigint NOT NULL,
	"seq" integer NOT NULL,
	CONSTRAINT "order_number_counters_instance_id_bucket_pk" PRIMARY KEY("instance_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "order_status_history" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_status_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"order_number" text NOT NULL,
	"user_id" uuid,
	"status" text DEFAULT 'pending_payment' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"payment_method" text NOT NULL,
	"needs_shipping" boolean NOT NULL,
	"shipping_method_id" uuid,
	"coupon_code" text,
	"note" text,
	"marketing_opt_in" boolean DEFAULT false NOT NULL,
	"currency" text DEFAULT 'TWD' NOT NULL,
	"subtotal_minor" integer NOT NULL,
	"line_discounts_minor" integer NOT NULL,
	"order_discounts_minor" integer NOT NULL,
	"shipping_minor" integer NOT NULL,
	"shipping_discount_minor" integer NOT NULL,
	"total_minor" integer NOT NULL,
	"reservation_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_number_uq" UNIQUE("order_number"),
	CONSTRAINT "orders_number_ck" CHECK ("orders"."order_number" ~ '^[0-9]{19}$'),
	CONSTRAINT "orders_total_ck" CHECK ("orders"."total_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"method" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_amount_ck" CHECK ("payments"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"order_id" uuid NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_scope_key_pk" PRIMARY KEY("scope","key")
);
--> statement-breakpoint
ALTER TABLE "order_addresses" ADD CONSTRAINT "order_addresses_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_status_history" ADD CONSTRAINT "order_status_history_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_addresses_email_idx" ON "order_addresses" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "order_addresses_mobile_idx" ON "order_addresses" USING btree ("mobile");--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "order_items" USING btree ("order_id","position");--> statement-breakpoint
CREATE INDEX "order_status_history_order_idx" ON "order_status_history" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_expiry_idx" ON "orders" USING btree ("reservation_expires_at") WHERE "orders"."status" = 'pending_payment';--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expiry_idx" ON "idempotency_keys" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_order_idx" ON "idempotency_keys" USING btree ("order_id");