/** Problem codes of the payments module. */
export const PaymentsErrorCodes = [
  'PAYMENT_METHOD_UNSUPPORTED',
  'PAYMENT_ORDER_NOT_PAYABLE',
  'PAYMENT_METHOD_UNAVAILABLE',
  'REFUND_NOT_FOUND',
  'REFUND_NOT_ALLOWED',
  'REFUND_ALREADY_OPEN',
  'REFUND_AMOUNT_EXCEEDED',
  'REFUND_LINE_INVALID',
  'REFUND_BANK_ACCOUNT_REQUIRED',
  'REFUND_INVALID_TRANSITION',
] as const;
export type PaymentsErrorCode = (typeof PaymentsErrorCodes)[number];
