-- Promotions, coupon codes and the stacking policy (resource `promotion`): admins already may do
-- everything; operations staff read and write them; customers and support get nothing.
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('ops-promotions', 'Operations staff manage promotions, coupon codes and the stacking policy.', 'allow',
  ARRAY['read','create','update'], ARRAY['promotion'],
  '[{"attr":"subject.roles","op":"contains","value":"ops"}]', true);
