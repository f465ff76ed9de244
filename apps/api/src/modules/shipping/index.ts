// The shipping module's public surface: the only file other modules (and app.ts) may import.
// Private: shipping.tables.ts, shipping.repo.ts, shipping.service.ts internals, response mapping.

import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { shippingRoutes } from './shipping.routes.js';

/** A configured method (fee schedule parsed) and its branded id. */
export type { ShippingMethod, ShippingMethodId } from './shipping.types.js';

/**
 * The fee quote, pure: `quoteShipping({ methods, lines, subtotal, destination?, parcelSizeCm? })`
 * answers per method `{ available: true, fee, baseFee, freeShippingApplied, surcharge,
 * missingForFree, weightGrams, weightEstimated }` or `{ available: false, reason }`, and
 * `needsShipping: false` (no quotes) for a cart without physical lines. Units of unknown weight
 * count as the method's `unknownItemWeightGrams`. `destinationZone` says whether a 縣市/鄉鎮市區 is
 * on the outlying islands; the lists are exported for display.
 */
export {
  destinationZone,
  OUTLYING_CITIES,
  OUTLYING_DISTRICTS,
  quoteShipping,
  UNSERVED_DISTRICTS,
  type MethodQuote,
  type QuoteInput,
  type QuoteLine,
  type QuoteMethod,
  type ShippingQuote,
} from './shipping.fees.js';
/** Why a method cannot carry a cart, in the order `quoteShipping` checks them. */
export { ShippingUnavailableReasons, type ShippingUnavailableReason } from '@shop/contracts/shipping';

/**
 * The active methods by sort order, for server-side callers (the cart quotes with them). No access
 * check and no transaction: a plain read.
 */
export { listActiveMethods, listActiveMethodsAt } from './shipping.service.js';

/**
 * `GET /api/shipping-methods` (public) and `GET|POST /api/admin/shipping-methods`,
 * `GET|PATCH|DELETE /api/admin/shipping-methods/:id` (staff with `shipping_method` access; DELETE
 * deactivates). Register with `{ db }` under `/api`.
 */
export { shippingRoutes } from './shipping.routes.js';

/**
 * Adds the default methods (7-ELEVEN, 全家, 萊爾富, OK pickup; 黑貓, 新竹物流, 中華郵政 home
 * delivery) when the table is empty, in its own transaction; does nothing otherwise. Resolves
 * `{ inserted }`.
 */
export { DEFAULT_SHIPPING_METHODS, seedDefaultShippingMethods } from './shipping.seed.js';

/** The module for modules.ts: the shoppers' list of methods and the staff configuration routes. */
export function shippingModule(ctx: ModuleContext): ModuleParts {
  return { name: 'shipping', routes: [routes(shippingRoutes, { db: ctx.db })], eventHandlers: [], jobs: [] };
}
