// The shopper's cart: requests carry ids and quantities only (never a price); the answer is the cart
// priced on the server. Money is in integer minor units: TWD whole dollars.
import { z } from 'zod';
import { PromotionKind } from './pricing.js';
import { ShippingCarrier, ShippingMethodKind, ShippingUnavailableReasons } from './shipping.js';

export { CartErrorCodes, type CartErrorCode } from './errors/cart.js';

/** Units of one line: 1–99. */
export const MAX_LINE_QUANTITY = 99;
export const LineQuantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

export const AddCartItemBody = z.object({
  variantId: z.uuid(),
  quantity: LineQuantity,
  /** The add-on (加價購) promotion this unit is taken through; the special price applies while its offer holds. */
  addOnOf: z.uuid().nullable().optional(),
});
export type AddCartItemBody = z.infer<typeof AddCartItemBody>;

export const UpdateCartItemBody = z.object({ quantity: LineQuantity });
export const CartItemParams = z.object({ id: z.uuid() });
export const ApplyCouponBody = z.object({ code: z.string().trim().min(1).max(64) });
export const ShippingMethodChoice = z.object({ methodId: z.uuid().nullable() });

const Named = z.object({ 'zh-TW': z.string(), en: z.string() });

export const CartDiscountPart = z.object({ promotionId: z.string(), level: z.enum(['line', 'order']), amount: z.number().int() });

export const CartLine = z.object({
  id: z.uuid(),
  variantId: z.uuid(),
  productId: z.uuid(),
  sku: z.string().nullable(),
  slug: z.string().nullable(),
  productName: Named.nullable(),
  options: z.array(z.object({ name: Named, value: Named })),
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
  /** The price now (what the line is charged at). */
  unitPrice: z.number().int(),
  /** The price when the line was added. */
  unitPriceWhenAdded: z.number().int(),
  priceChanged: z.boolean(),
  /** The variant is no longer sold or its product is not on the shelf: the line is left out of the totals. */
  unavailable: z.boolean(),
  /** More units than can be sold now (`available`); checkout would refuse the line. */
  exceedsAvailable: z.boolean(),
  /** Units that can be sold now; null for unlimited stock. */
  available: z.number().int().nullable(),
  /** Not covered by the 7-day cooling-off return (七天鑑賞期): the cart and checkout say so before the order. */
  coolingOffExempt: z.boolean(),
  addOnOf: z.string().nullable(),
  /** For an add-on line: whether its special price applies (`applied`, `over_limit`, `condition_not_met`, `not_offered`). */
  addOnStatus: z.enum(['applied', 'over_limit', 'condition_not_met', 'not_offered']).nullable(),
  lineSubtotal: z.number().int(),
  lineDiscount: z.number().int(),
  allocatedOrderDiscount: z.number().int(),
  lineTotal: z.number().int(),
  discounts: z.array(CartDiscountPart),
});
export type CartLine = z.infer<typeof CartLine>;

export const CartGiftLine = z.object({
  promotionId: z.string(),
  variantId: z.string(),
  productId: z.string(),
  productName: Named.nullable(),
  imageUrl: z.string().nullable(),
  quantity: z.number().int(),
});

export const CartAppliedPromotion = z.object({
  promotionId: z.string(),
  kind: PromotionKind,
  name: Named,
  source: z.enum(['automatic', 'coupon']),
  saving: z.number().int(),
});

export const CartNextStep = z.object({
  /** `shipping_method`: the selected (else the nearest) shipping method's own free-shipping threshold. */
  source: z.enum(['automatic', 'coupon', 'shipping_method']),
  promotionId: z.string().nullable(),
  shippingMethodId: z.string().nullable(),
  kind: z.union([PromotionKind, z.literal('free_shipping_threshold')]),
  name: Named,
  missingAmount: z.number().int().nullable(),
  missingQuantity: z.number().int().nullable(),
  /** Ready to show: 「再買 NT$120 即可免運」 / "NT$120 more for free shipping". */
  message: Named,
});

export const CartAddOnOffer = z.object({
  promotionId: z.string(),
  name: Named,
  productId: z.string(),
  variantId: z.string(),
  specialPrice: z.number().int(),
  maxPerOrder: z.number().int(),
  inCart: z.number().int(),
});

export const CartCoupon = z.object({
  code: z.string(),
  status: z.enum(['applied', 'refused']),
  promotionId: z.string().nullable(),
  saving: z.number().int(),
  reason: z.enum(['unknown', 'not_started', 'expired', 'minimum_not_met', 'used_up', 'not_applicable', 'not_combinable']).nullable(),
  missingAmount: z.number().int().nullable(),
  limit: z.enum(['total', 'per_customer']).nullable(),
});

export const CartShippingMethod = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: ShippingMethodKind,
  carrier: ShippingCarrier,
  name: Named,
  available: z.boolean(),
  reason: z.enum(ShippingUnavailableReasons).nullable(),
  /** The method's fee for this cart before any promotion (0 when its own free-shipping threshold is reached). */
  fee: z.number().int().nullable(),
  /** Waived by a free-shipping promotion. */
  discount: z.number().int().nullable(),
  /** What the shopper pays for shipping with this method. */
  total: z.number().int().nullable(),
  missingForFree: z.number().int().nullable(),
});

export const CartTotals = z.object({
  subtotal: z.number().int(),
  lineDiscounts: z.number().int(),
  orderDiscounts: z.number().int(),
  shipping: z.number().int(),
  shippingDiscount: z.number().int(),
  total: z.number().int(),
});

export const Cart = z.object({
  /** Null until the first item is added. */
  id: z.uuid().nullable(),
  lines: z.array(CartLine),
  giftLines: z.array(CartGiftLine),
  applied: z.array(CartAppliedPromotion),
  nextSteps: z.array(CartNextStep),
  addOnOffers: z.array(CartAddOnOffer),
  coupon: CartCoupon.nullable(),
  /** False when every line is virtual: no shipping method applies. */
  needsShipping: z.boolean(),
  shippingMethodId: z.uuid().nullable(),
  shippingMethods: z.array(CartShippingMethod),
  totals: CartTotals,
});
export type Cart = z.infer<typeof Cart>;
