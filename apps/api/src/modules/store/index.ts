// The store module's public surface: the only file other modules (and app.ts) may import.
// Private: store.tables.ts, store.repo.ts, store.service.ts internals, response mapping.

import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { storeRoutes } from './store.routes.js';

/** Outbox events of staff edits (`store.settings_updated`, `store.legal_page_updated`, `store.payment_settings_updated`). */
export { StoreEvents } from './store.events.js';

/**
 * `GET /api/store`, `GET /api/store/pages/:slug` and `GET /api/store/payments` (anyone: the
 * footer's details, the legal pages, the ways to pay), `GET|PUT /api/admin/store/settings`,
 * `GET|PUT /api/admin/store/pages/:slug` and `GET|PUT /api/admin/store/payments` (staff with
 * `store_settings` access: admins by default). Register with `{ db }` under `/api`.
 */
export { storeRoutes } from './store.routes.js';

/**
 * Writes the default shop details and legal pages (terms, privacy, returns with the 7-day
 * cooling-off right) that are absent, each with an insert that does nothing on an existing row:
 * safe on every start and from several processes at once. No transaction needed. Resolves what
 * it added.
 */
export { seedStoreDefaults } from './store.service.js';
export { DEFAULT_LEGAL_PAGES, DEFAULT_PAYMENT_SETTINGS, DEFAULT_STORE_SETTINGS } from './store.defaults.js';

/**
 * `currentPaymentSettings(db | tx)`: which ways to pay the shop offers and ECPay's code deadlines,
 * as saved (the defaults until then). A plain read without an access check, for checkout and for
 * starting ECPay payments.
 */
export { currentPaymentSettings } from './store.service.js';
export type { PaymentSettingsView } from './store.types.js';

/** The module for modules.ts: the shop's details, legal pages and payment settings. */
export function storeModule(ctx: ModuleContext): ModuleParts {
  return { name: 'store', routes: [routes(storeRoutes, { db: ctx.db })], eventHandlers: [], jobs: [] };
}
