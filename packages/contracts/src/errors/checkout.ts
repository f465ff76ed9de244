/**
 * Problem codes of the checkout module. It also answers inventory's INVENTORY_SHORTAGE (409, with
 * `lines`), pricing's COUPON_INVALID (409) and shipping's method problems through the cart's
 * CART_SHIPPING_METHOD_UNAVAILABLE (409).
 */
export const CheckoutErrorCodes = [
  'PRICE_CHANGED',
  'IDEMPOTENCY_KEY_REUSED',
  'CHECKOUT_SESSION_INVALID',
  'CHECKOUT_CART_EMPTY',
  'CHECKOUT_ACCOUNT_DISABLED',
  'CHECKOUT_ADDRESS_REQUIRED',
  'CHECKOUT_STORE_REQUIRED',
  'CHECKOUT_PAYMENT_METHOD_UNAVAILABLE',
] as const;
export type CheckoutErrorCode = (typeof CheckoutErrorCodes)[number];
