-- Default access to shipping methods. Admins already may do everything (admin-everything).
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('ops-shipping-methods', 'Operations staff configure shipping methods and their fees.', 'allow',
  ARRAY['read','create','update','delete'], ARRAY['shipping_method'],
  '[{"attr":"subject.roles","op":"contains","value":"ops"}]', true),
('anyone-reads-active-shipping-methods', 'Anyone, signed in or not, may read the active shipping methods.', 'allow',
  ARRAY['read'], ARRAY['shipping_method'],
  '[{"attr":"resource.status","op":"eq","value":"active"}]', true);
--> statement-breakpoint
-- Promotions, coupon codes and the stacking policy (resource `promotion`): admins already may do
-- everything; operations staff read and write them; customers and support get nothing.
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('ops-promotions', 'Operations staff manage promotions, coupon codes and the stacking policy.', 'allow',
  ARRAY['read','create','update'], ARRAY['promotion'],
  '[{"attr":"subject.roles","op":"contains","value":"ops"}]', true);
