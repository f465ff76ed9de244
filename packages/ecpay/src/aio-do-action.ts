// DoAction (`POST /CreditDetail/DoAction`): close, refund, undo a close or void a card payment.
import { z } from 'zod';
import { AIO_PATHS } from './aio-constants.js';
import { AioRequestError, type SignedForm } from './aio-checkout.js';
import { signFields } from './check-mac-value.js';
import type { EcpayMerchant } from './stage.js';
import { parseRawPairs } from './wire.js';
import type { EcpayAnswerError } from './aio-query.js';

/**
 * ECPay's actions on a card trade:
 * - `C` 關帳 (close, request the money): from 已授權 (authorised) to 要關帳 (to be closed), later 已關帳 (closed).
 * - `R` 退刷 (refund, full or partial; all refunds together at most the amount): when to be closed or closed.
 *   Installment and bonus-point trades are refunded in full only.
 * - `E` 取消 (undo the close): from to be closed back to authorised.
 * - `N` 放棄 (void the authorisation): only while authorised (before any close).
 * Full refund: authorised → `N`; to be closed → `E` then `N` (or `R`); closed → `R`.
 */
export const DO_ACTIONS = ['C', 'R', 'E', 'N'] as const;
export type DoActionKind = (typeof DO_ACTIONS)[number];

export const DoActionRequest = z.object({
  MerchantID: z.string().regex(/^\d{1,10}$/),
  MerchantTradeNo: z.string().regex(/^[A-Za-z0-9]{1,20}$/),
  TradeNo: z.string().regex(/^\d{1,20}$/),
  Action: z.enum(DO_ACTIONS),
  /** C: the amount to close; R: the amount to refund; E and N: the order's amount. */
  TotalAmount: z.string().regex(/^[1-9]\d{0,9}$/),
  PlatformID: z
    .string()
    .regex(/^\d{0,10}$/)
    .optional(),
  CheckMacValue: z.string().regex(/^[0-9A-Fa-f]{64}$/),
});
export type DoActionRequest = z.infer<typeof DoActionRequest>;

/** Signs a DoAction request. Throws `AioRequestError` for an amount that is not a positive integer. */
export function buildDoAction(
  input: { merchantTradeNo: string; tradeNo: string; action: DoActionKind; totalAmount: number; platformId?: string },
  merchant: EcpayMerchant,
): SignedForm {
  if (!Number.isSafeInteger(input.totalAmount) || input.totalAmount <= 0) {
    throw new AioRequestError([{ field: 'TotalAmount', message: 'must be a positive integer' }]);
  }
  const fields: Record<string, string> = {
    MerchantID: merchant.merchantId,
    MerchantTradeNo: input.merchantTradeNo,
    TradeNo: input.tradeNo,
    Action: input.action,
    TotalAmount: String(input.totalAmount),
  };
  if (input.platformId !== undefined) fields.PlatformID = input.platformId;
  return { action: AIO_PATHS.doAction, fields: signFields(fields, merchant, 'sha256') };
}

export interface DoActionResult {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  rtnCode: number;
  rtnMsg: string;
  /** `RtnCode` is 1: the action was taken. Anything else: refused, `rtnMsg` says why. */
  succeeded: boolean;
}

/**
 * Reads a DoAction answer (`MerchantID=…&MerchantTradeNo=…&TradeNo=…&RtnCode=…&RtnMsg=…`, raw values,
 * **no** CheckMacValue: nothing in it can be trusted beyond "the call over TLS said so"). Never throws.
 */
export function parseDoActionResponse(text: string): { ok: true; result: DoActionResult } | EcpayAnswerError {
  const trimmed = text.trim();
  if (/^0\|/.test(trimmed)) return { ok: false, error: 'rejected', detail: trimmed.slice(2) };
  const fields = parseRawPairs(trimmed);
  if (!fields || fields.RtnCode === undefined || !/^-?\d+$/.test(fields.RtnCode)) {
    return { ok: false, error: 'malformed', detail: trimmed.slice(0, 200) };
  }
  const rtnCode = Number(fields.RtnCode);
  return {
    ok: true,
    result: {
      merchantId: fields.MerchantID ?? '',
      merchantTradeNo: fields.MerchantTradeNo ?? '',
      tradeNo: fields.TradeNo ?? '',
      rtnCode,
      rtnMsg: fields.RtnMsg ?? '',
      succeeded: rtnCode === 1,
    },
  };
}
