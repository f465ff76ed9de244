-- Reviewing products is a separate duty (seed 004): operations staff edit the catalog, admins approve.
UPDATE "abac_policies" SET "actions" = ARRAY['read','create','update','delete','admin'],
  "description" = 'Operations staff manage catalog, stock, orders, shipments and returns (approving products is for admins).'
 WHERE "name" = 'ops-operations' AND "built_in";
--> statement-breakpoint
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('ops-approve-non-catalog', 'Operations staff approve what is not a product (refund decisions come later).', 'allow',
  ARRAY['approve'], ARRAY['order','shipment','return'],
  '[{"attr":"subject.roles","op":"contains","value":"ops"}]', true);
