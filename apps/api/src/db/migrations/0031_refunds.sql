CREATE TABLE "refund_lines" (
	"refund_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"amount_minor" integer NOT NULL,
	CONSTRAINT "refund_lines_refund_id_item_id_pk" PRIMARY KEY("refund_id","item_id"),
	CONSTRAINT "refund_lines_quantity_ck" CHECK ("refund_lines"."quantity" > 0 AND "refund_lines"."amount_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"whole" boolean NOT NULL,
	"amount_minor" integer NOT NULL,
	"shipping_minor" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"route" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_id" uuid,
	"order_status_before" text NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"restock" boolean DEFAULT false NOT NULL,
	"bank_account" jsonb,
	"provider_calls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "refunds_amount_ck" CHECK ("refunds"."amount_minor" > 0 AND "refunds"."shipping_minor" >= 0 AND "refunds"."shipping_minor" <= "refunds"."amount_minor")
);
--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refunds_status_created_idx" ON "refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_one_open_per_order_uq" ON "refunds" USING btree ("order_id") WHERE "refunds"."status" IN ('requested', 'approved', 'processing');