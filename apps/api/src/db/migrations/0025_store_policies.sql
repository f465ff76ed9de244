-- The shop's details and legal pages (resource `store_settings`): admins already may do everything
-- (admin-everything); anyone, signed in or not, may read what the storefront shows of them.
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('anyone-reads-public-store-details', 'Anyone, signed in or not, may read the shop''s public details and its legal pages.', 'allow',
  ARRAY['read'], ARRAY['store_settings'],
  '[{"attr":"resource.visibility","op":"eq","value":"public"}]', true);
