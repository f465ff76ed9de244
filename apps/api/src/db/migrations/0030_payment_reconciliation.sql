ALTER TABLE "payment_notifications" ADD COLUMN "payment_status_before" text;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD COLUMN "payment_status_after" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "reconcile_after" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payment_notifications_kind_received_idx" ON "payment_notifications" USING btree ("kind","received_at");