// The pricing module's public surface: the only file other modules may import.
// Private: pricing.rules.ts, pricing.scenario.ts, pricing.explain.ts, pricing.allocate.ts,
// pricing.tables.ts, pricing.repo.ts, promotions.service.ts, coupon-codes.ts.

import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { pricingAdminRoutes } from './pricing.routes.js';

/**
 * The pure pricing engine: `priceCart(input)` turns cart lines, the store's stacking policy, the
 * automatic promotions, at most one coupon, the shipping options, the time `now` and the usage
 * facts the caller read from the database into a priced cart. No I/O, no clock, deterministic,
 * integers in minor units throughout; the result does not depend on the order of the lines.
 * Throws `ValidationError` on non-integer or negative amounts, quantities below 1 and duplicate
 * line ids. Callers reserve stock for `giftLines` and record a coupon use only when
 * `coupon.status === 'applied'`.
 */
export { priceCart } from './pricing.engine.js';
export type {
  AddOnLineOutcome,
  AddOnOffer,
  AddOnRule,
  AddOnStatus,
  AppliedPromotion,
  BasisPoints,
  BundlePriceRule,
  CouponOutcome,
  CouponPromotion,
  CouponRefusal,
  FreeShippingRule,
  GiftLine,
  GiftRule,
  LineDiscountPart,
  LinePercentageRule,
  LocalizedName,
  Money,
  NextStep,
  NthUnitRule,
  OrderFixedRule,
  OrderPercentageRule,
  PriceCartInput,
  PricedCart,
  PricedLine,
  PricingLineInput,
  PricingTotals,
  Promotion,
  PromotionCommon,
  PromotionFacts,
  PromotionKind,
  PromotionRule,
  PromotionScope,
  ShippingOption,
  ShippingQuote,
  SpendTiersRule,
  StackingPolicy,
} from './pricing.types.js';

/**
 * For cart and checkout: stored promotions as engine inputs. Reads only; each takes the pool or
 * the caller's transaction.
 * - `activeAutomaticPromotions(db, now)`: active automatic promotions running at `now` → `automaticPromotions`.
 * - `findCoupon(db, code, now)`: the typed code (normalised upper-case) and its promotion, or
 *   `promotion: null` for no such code or a paused/archived promotion → `coupon`.
 * - `usageFacts(db, { promotionIds, customerKey, couponCode? })`: `remainingUses` and
 *   `customerUses` per promotion → `facts` (a used single-use code reads `remainingUses: 0`;
 *   merge `giftAvailable` in from inventory).
 * - `stackingPolicy(db)`: the store's policy → `policy`.
 * - `shopPricing(db, now, version)`: the two above from a copy kept while the `pricing` read
 *   version (platform/read-versions.ts) is `version`.
 */
export { activeAutomaticPromotions, findCoupon, shopPricing, stackingPolicy, usageFacts } from './usage.service.js';

/**
 * For checkout, in the caller's transaction (`withTx`). Invariant: `uses` never passes a total
 * limit, a customer's uses never pass the per-customer limit, a single-use code counts once, and
 * every use of a reference is given back at most once; each limit is one conditional statement.
 * - `redeem(tx, { reference, promotionId, couponCode?, customerKey, amount })` counts a use (all or
 *   nothing, in a savepoint) or throws `ConflictError('COUPON_INVALID', …, { reason: 'used_up' |
 *   'unknown', limit?, promotionId })`: roll back and price the cart again. Redeem only what
 *   `priceCart` applied, at most once per reference (a repeat returns `counted: false`).
 * - `release(tx, { reference })`: the order failed or was cancelled before payment; gives every
 *   active use of the reference back exactly once.
 * - `finalize(tx, { reference })`: payment succeeded; the uses become final and stay counted.
 *
 * Lock order inside checkout: stock rows first, then promotion usage rows (redeem promotions in
 * ascending id order), then the order. Uses of one promotion queue on its row until each
 * checkout commits, so keep the transaction short.
 */
export {
  customerKeyForGuest,
  customerKeyForUser,
  finalize,
  lockUsesOf,
  redeem,
  release,
  type CouponInvalidReason,
  type Redemption,
  type RedeemInput,
} from './usage.service.js';

/** Outbox events of staff changes: promotion.created, .updated, .paused, .resumed, .archived. */
export { PromotionEvents } from './pricing.events.js';

/**
 * Staff use cases, each `(deps, { actor, context, … })`, authorizing on the `promotion` resource
 * and opening their own transaction.
 */
export {
  addCouponCodes,
  couponCodesCsv,
  createPromotion,
  getPricingSettings,
  getPromotion,
  listCouponCodes,
  listPromotions,
  transitionPromotion,
  updatePricingSettings,
  updatePromotion,
  type PricingDeps,
} from './promotions.service.js';

/** The promotion status table: pause, resume, archive. */
export { PROMOTION_TRANSITIONS, statusAfter, type PromotionAction } from './promotion-status.js';

/** `/api/admin/promotions…` and `/api/admin/pricing-settings` (register with `{ db }` under `/api`). */
export { pricingAdminRoutes } from './pricing.routes.js';

/** The module for modules.ts: the staff routes for promotions, coupon codes and the stacking policy. */
export function pricingModule(ctx: ModuleContext): ModuleParts {
  return { name: 'pricing', routes: [routes(pricingAdminRoutes, { db: ctx.db })], eventHandlers: [], jobs: [] };
}
