CREATE TABLE "read_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- Versions never repeat (one sequence for all names), so a set truncated and written again is a new version.
CREATE SEQUENCE "read_version_seq";
--> statement-breakpoint
INSERT INTO "read_versions" ("name", "version") VALUES ('pricing', nextval('read_version_seq')), ('shipping', nextval('read_version_seq'));
--> statement-breakpoint
CREATE FUNCTION "bump_read_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "read_versions" ("name", "version") VALUES (TG_ARGV[0], nextval('read_version_seq'))
  ON CONFLICT ("name") DO UPDATE SET "version" = excluded."version";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "promotions_read_version" AFTER INSERT OR DELETE OR TRUNCATE ON "promotions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_read_version"('pricing');
--> statement-breakpoint
-- Every column but the use counters, which checkouts move and no cached read holds.
CREATE TRIGGER "promotions_read_version_update" AFTER UPDATE OF
  "id", "kind", "name", "description", "rule", "scope", "priority", "exclusive", "starts_at", "ends_at", "status",
  "is_coupon", "total_limit", "per_customer_limit", "created_by", "updated_by", "created_at", "updated_at", "version"
  ON "promotions" FOR EACH STATEMENT EXECUTE FUNCTION "bump_read_version"('pricing');
--> statement-breakpoint
CREATE TRIGGER "pricing_settings_read_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "pricing_settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_read_version"('pricing');
--> statement-breakpoint
CREATE TRIGGER "shipping_methods_read_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "shipping_methods"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_read_version"('shipping');
