// The checkout module's public surface: the only file other modules (and modules.ts) may import.
// Private: checkout.tables.ts (idempotency keys), checkout.repo.ts, checkout-ids.ts, the routes.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { checkoutRoutes } from './checkout.routes.js';
import { pruneIdempotencyKeys, type CheckoutDeps } from './checkout.service.js';

/**
 * `checkoutSession(deps, caller)`: a pre-issued order id bound to the shopper;
 * `placeCheckout(deps, { caller, actor, idempotencyKey?, body })`: the cart to an order in one
 * transaction, idempotent by key and by order id; `checkDeliveryAddress(address)`: the one check
 * of a delivery address's shape.
 */
export { checkDeliveryAddress, checkoutSession, placeCheckout, type CheckoutAnswer, type CheckoutDeps } from './checkout.service.js';

/** The module for modules.ts: `/api/checkout/session`, `/api/checkout`, and the hourly job that deletes day-old idempotency keys. */
export function checkoutModule(ctx: ModuleContext): ModuleParts {
  const deps: CheckoutDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config, linkKey: ctx.linkKey };
  return {
    name: 'checkout',
    routes: [routes(checkoutRoutes, { deps })],
    eventHandlers: [],
    jobs: [
      {
        name: 'checkout.idempotency-prune',
        intervalMs: 60 * 60 * 1000,
        run: async (db) => {
          await pruneIdempotencyKeys({ db, clock: ctx.clock });
        },
      },
    ],
  };
}
