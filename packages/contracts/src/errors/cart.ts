/**
 * Problem codes of the cart module. It also answers inventory's INVENTORY_SHORTAGE (409, with
 * `available`) and pricing's COUPON_INVALID (409, with `reason`).
 */
export const CartErrorCodes = [
  'CART_ITEM_NOT_FOUND',
  'CART_VARIANT_UNAVAILABLE',
  'CART_LINE_LIMIT',
  'CART_SHIPPING_METHOD_UNAVAILABLE',
] as const;
export type CartErrorCode = (typeof CartErrorCodes)[number];
