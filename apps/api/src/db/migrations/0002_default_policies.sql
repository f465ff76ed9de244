-- Default ABAC policies (design §8, seed 000 §5). Built-in rows can be disabled but not deleted.
INSERT INTO "abac_policies" ("name", "description", "effect", "actions", "resource_types", "conditions", "built_in") VALUES
('deny-inactive', 'A disabled account may do nothing.', 'deny', ARRAY['*'], ARRAY['*'],
  '[{"attr":"subject.active","op":"eq","value":false}]', true),
('admin-everything', 'Admins may do everything.', 'allow', ARRAY['*'], ARRAY['*'],
  '[{"attr":"subject.roles","op":"contains","value":"admin"}]', true),
('customer-owns-own', 'Signed-in users manage their own profile, addresses, sessions, carts, orders, tickets and refund requests.', 'allow',
  ARRAY['read','create','update','delete'], ARRAY['profile','address','session','cart','order','ticket','refund_request'],
  '[{"attr":"subject.userId","op":"exists"},{"attr":"resource.ownerId","op":"eq","ref":"subject.userId"}]', true),
('ops-operations', 'Operations staff manage catalog, stock, orders, shipments and returns.', 'allow',
  ARRAY['*'], ARRAY['product','category','brand','attribute','stock','order','shipment','return'],
  '[{"attr":"subject.roles","op":"contains","value":"ops"}]', true),
('support-tickets-refunds', 'Support staff handle tickets and refund requests.', 'allow',
  ARRAY['*'], ARRAY['ticket','refund_request'],
  '[{"attr":"subject.roles","op":"contains","value":"support"}]', true),
('support-reads-customers', 'Support staff look up customers and their orders.', 'allow',
  ARRAY['read'], ARRAY['user','order','address'],
  '[{"attr":"subject.roles","op":"contains","value":"support"}]', true);
