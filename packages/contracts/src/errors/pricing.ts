/** Problem codes the pricing module adds (it also answers the platform's VERSION_CONFLICT on a stale edit). */
export const PricingErrorCodes = [
  'PROMOTION_NOT_FOUND',
  'PROMOTION_TRANSITION_REFUSED',
  'PROMOTION_ARCHIVED',
  'PROMOTION_NOT_COUPON',
  'COUPON_CODE_TAKEN',
  'COUPON_INVALID',
] as const;
export type PricingErrorCode = (typeof PricingErrorCodes)[number];
