ALTER TABLE "product_images" ADD COLUMN "widths" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "public_base" text;