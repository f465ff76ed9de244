CREATE TABLE "payment_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"kind" text NOT NULL,
	"raw_body" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"merchant_trade_no" text,
	"payment_id" uuid,
	"outcome" text,
	"detail" text
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "merchant_trade_no" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "provider_trade_no" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "ecpay_method" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "code_info" jsonb;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payment_notifications_trade_idx" ON "payment_notifications" USING btree ("merchant_trade_no","received_at");--> statement-breakpoint
CREATE INDEX "payment_notifications_payment_idx" ON "payment_notifications" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_merchant_trade_no_uq" ON "payments" USING btree ("merchant_trade_no");--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_merchant_trade_no_ck" CHECK ("payments"."merchant_trade_no" ~ '^[A-Za-z0-9]{1,20}$');--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_ecpay_ck" CHECK (("payments"."provider" = 'ecpay') = ("payments"."merchant_trade_no" IS NOT NULL AND "payments"."ecpay_method" IS NOT NULL));