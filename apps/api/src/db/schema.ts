// Every table of every module, for Drizzle's relational queries and drizzle-kit.
export * from '../platform/outbox.tables.js';
export * from '../platform/scheduler.tables.js';
export * from '../platform/access.tables.js';
export * from '../platform/read-versions.tables.js';
export * from '../modules/identity/identity.tables.js';
export * from '../modules/notifications/notifications.tables.js';
export * from '../modules/catalog/catalog.tables.js';
export * from '../modules/inventory/inventory.tables.js';
export * from '../modules/shipping/shipping.tables.js';
export * from '../modules/pricing/pricing.tables.js';
export * from '../modules/cart/cart.tables.js';
export * from '../modules/store/store.tables.js';
export * from '../modules/orders/orders.tables.js';
export * from '../modules/payments/payments.tables.js';
export * from '../modules/checkout/checkout.tables.js';
