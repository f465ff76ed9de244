CREATE TABLE "legal_pages" (
	"slug" text PRIMARY KEY NOT NULL,
	"body" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_pages_slug_ck" CHECK ("legal_pages"."slug" IN ('terms', 'privacy', 'returns')),
	CONSTRAINT "legal_pages_version_ck" CHECK ("legal_pages"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "store_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" jsonb NOT NULL,
	"contact_email" text,
	"phone" text,
	"service_line" text,
	"address" text,
	"business_hours" jsonb NOT NULL,
	"company_name" text,
	"tax_id" text,
	"representative" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_settings_single_row" CHECK ("store_settings"."id" = 1),
	CONSTRAINT "store_settings_tax_id_ck" CHECK ("store_settings"."tax_id" IS NULL OR "store_settings"."tax_id" ~ '^[0-9]{8}$'),
	CONSTRAINT "store_settings_version_ck" CHECK ("store_settings"."version" >= 1)
);
