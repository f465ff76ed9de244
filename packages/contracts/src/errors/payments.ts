/** Problem codes of the payments module. */
export const PaymentsErrorCodes = ['PAYMENT_METHOD_UNSUPPORTED', 'PAYMENT_ORDER_NOT_PAYABLE', 'PAYMENT_METHOD_UNAVAILABLE'] as const;
export type PaymentsErrorCode = (typeof PaymentsErrorCodes)[number];
