/** Problem codes of the payments module. */
export const PaymentsErrorCodes = ['PAYMENT_METHOD_UNSUPPORTED'] as const;
export type PaymentsErrorCode = (typeof PaymentsErrorCodes)[number];
