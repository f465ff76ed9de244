/** Problem codes of the orders module. */
export const OrdersErrorCodes = [
  'ORDER_NOT_FOUND',
  'ORDER_INVALID_TRANSITION',
  'ORDER_NOT_EDITABLE',
  'ORDER_NUMBER_UNAVAILABLE',
  'ORDER_LINK_INVALID',
  'ORDER_HAS_ACCOUNT',
] as const;
export type OrdersErrorCode = (typeof OrdersErrorCodes)[number];
