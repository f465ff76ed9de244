/** Problem codes of the shipping module (shipping methods). */
export const ShippingErrorCodes = ['SHIPPING_METHOD_NOT_FOUND', 'SHIPPING_METHOD_CODE_TAKEN'] as const;
export type ShippingErrorCode = (typeof ShippingErrorCodes)[number];
