// The cart module's public surface: the only file other modules (and modules.ts) may import.
// Private: cart.tables.ts, cart.repo.ts, cart.service.ts internals, cart.routes.ts.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { cartRoutes } from './cart.routes.js';

/**
 * The shopper's cart use cases, each `(deps, caller, input?)` with `caller` the signed-in user and
 * the guest token; each write runs in its own transaction with the cart row locked first, and each
 * answers the cart priced again (`priceCart`) with the cookie to set or clear.
 */
export {
  addItem,
  applyCoupon,
  chooseShippingMethod,
  getCart,
  removeCoupon,
  removeItem,
  updateItem,
  type CartCaller,
  type CartDeps,
  type CartResult,
} from './cart.service.js';

/**
 * For checkout, in its transaction: `lockCartForCheckout(tx, caller, { now, customerKey,
 * shippingMethodId, destination? })` locks the caller's active cart (`FOR UPDATE`, the first lock
 * of the global order) and prices it in `tx` exactly as the cart's answers do (answering the
 * engine's result, the catalog facts, stock levels, shipping quotes, the gift units the stock
 * allowed and the cart `view`), or undefined without an active cart; `markConverted(tx, cartId)`
 * once the order is written (the shopper's next add starts a new cart). `hashToken` is the
 * SHA-256 the guest cart is stored under (a stable key for the guest; never show it).
 */
export { hashToken, lockCartForCheckout, markConverted, type CheckoutCart, type PricedCartState } from './cart.service.js';

/** `/api/cart…` (register with `{ deps, config }` under `/api`); `cartCallerOf(req)`: whose cart a request names. */
export { cartCallerOf, cartRoutes, CART_COOKIE } from './cart.routes.js';

/** The module for modules.ts: the shopper's cart routes. */
export function cartModule(ctx: ModuleContext): ModuleParts {
  return {
    name: 'cart',
    routes: [routes(cartRoutes, { deps: { db: ctx.db, clock: ctx.clock }, config: ctx.config })],
    eventHandlers: [],
    jobs: [],
  };
}
