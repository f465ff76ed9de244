// QueryTradeInfo (`POST /Cashier/QueryTradeInfo/V5`): the merchant's server asks for one order's
// state, e.g. when a notification never came. The answer is a signed `name=value&…` text.
import { z } from 'zod';
import { AIO_PATHS, TRADE_STATUS } from './aio-constants.js';
import type { SignedForm } from './aio-checkout.js';
import { signFields, verifyCheckMacValue } from './check-mac-value.js';
import type { EcpayMerchant } from './stage.js';
import { parseRawPairs } from './wire.js';

export const QueryTradeInfoRequest = z.object({
  MerchantID: z.string().regex(/^\d{1,10}$/),
  MerchantTradeNo: z.string().regex(/^[A-Za-z0-9]{1,20}$/),
  /** Unix seconds; ECPay refuses one more than 3 minutes off its clock. */
  TimeStamp: z.string().regex(/^\d{1,12}$/),
  PlatformID: z
    .string()
    .regex(/^\d{0,10}$/)
    .optional(),
  CheckMacValue: z.string().regex(/^[0-9A-Fa-f]{64}$/),
});
export type QueryTradeInfoRequest = z.infer<typeof QueryTradeInfoRequest>;

/** Signs a QueryTradeInfo request; `now` becomes `TimeStamp` (the package reads no clock). */
export function buildQueryTradeInfo(
  input: { merchantTradeNo: string; now: Date; platformId?: string },
  merchant: EcpayMerchant,
): SignedForm {
  const fields: Record<string, string> = {
    MerchantID: merchant.merchantId,
    MerchantTradeNo: input.merchantTradeNo,
    TimeStamp: String(Math.floor(input.now.getTime() / 1000)),
  };
  if (input.platformId !== undefined) fields.PlatformID = input.platformId;
  return { action: AIO_PATHS.queryTradeInfo, fields: signFields(fields, merchant, 'sha256') };
}

const STANDARD_FIELDS = new Set([
  'MerchantID',
  'MerchantTradeNo',
  'StoreID',
  'TradeNo',
  'TradeAmt',
  'PaymentDate',
  'PaymentType',
  'HandlingCharge',
  'PaymentTypeChargeFee',
  'TradeDate',
  'TradeStatus',
  'ItemName',
  'CustomField1',
  'CustomField2',
  'CustomField3',
  'CustomField4',
  'CheckMacValue',
]);

/** An order as QueryTradeInfo reports it. */
export interface QueriedTrade {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  /** Zero when the answer has none (an unknown trade). */
  tradeAmt: number;
  /** As sent: `0` unpaid, `1` paid, `10200095` not established, `10200047` not found, others. */
  tradeStatus: string;
  status: 'unpaid' | 'paid' | 'not_established' | 'not_found' | 'other';
  /** Empty while unpaid. */
  paymentDate: string;
  /** Empty while no method was chosen. */
  paymentType: string;
  handlingCharge: string;
  paymentTypeChargeFee: string;
  tradeDate: string;
  itemName: string;
  storeId: string;
  customFields: [string, string, string, string];
  /** NeedExtraPaidInfo fields and anything else beyond the standard set, as sent. */
  extras: Record<string, string>;
}

/**
 * Why an answer was not accepted. `rejected`: ECPay refused the request (an `0|…`-style or unsigned
 * error text; `detail` holds it). `bad_mac`: signed wrongly. `malformed`: not `name=value&…` or
 * missing the trade's identity.
 */
export interface EcpayAnswerError {
  ok: false;
  error: 'rejected' | 'bad_mac' | 'malformed';
  detail: string;
}

const STATUS_NAMES: Record<string, QueriedTrade['status']> = {
  [TRADE_STATUS.unpaid]: 'unpaid',
  [TRADE_STATUS.paid]: 'paid',
  [TRADE_STATUS.notEstablished]: 'not_established',
  [TRADE_STATUS.notFound]: 'not_found',
};

/**
 * Reads a QueryTradeInfo answer: raw `name=value` pairs (values not URL-encoded, `+` kept), checks
 * its CheckMacValue over the parsed values in constant time and that it is this merchant's. Never throws.
 */
export function parseQueryTradeInfoResponse(
  text: string,
  merchant: EcpayMerchant,
): { ok: true; trade: QueriedTrade; fields: Record<string, string> } | EcpayAnswerError {
  const trimmed = text.trim();
  if (/^0\|/.test(trimmed)) return { ok: false, error: 'rejected', detail: trimmed.slice(2) };
  const fields = parseRawPairs(trimmed);
  if (!fields) return { ok: false, error: 'rejected', detail: trimmed.slice(0, 200) };
  if (!('CheckMacValue' in fields)) return { ok: false, error: 'rejected', detail: trimmed.slice(0, 200) };
  if (!verifyCheckMacValue(fields, merchant, 'sha256'))
    return { ok: false, error: 'bad_mac', detail: 'CheckMacValue does not match the fields' };
  if (fields.MerchantID !== merchant.merchantId || !fields.MerchantTradeNo || fields.TradeStatus === undefined) {
    return { ok: false, error: 'malformed', detail: 'not an answer about one of this merchant’s trades' };
  }
  const amount = fields.TradeAmt ?? '';
  if (amount !== '' && !/^\d+$/.test(amount)) return { ok: false, error: 'malformed', detail: 'TradeAmt is not an integer' };
  const get = (name: string) => fields[name] ?? '';
  return {
    ok: true,
    fields,
    trade: {
      merchantId: get('MerchantID'),
      merchantTradeNo: get('MerchantTradeNo'),
      tradeNo: get('TradeNo'),
      tradeAmt: amount === '' ? 0 : Number(amount),
      tradeStatus: get('TradeStatus'),
      status: STATUS_NAMES[get('TradeStatus')] ?? 'other',
      paymentDate: get('PaymentDate'),
      paymentType: get('PaymentType'),
      handlingCharge: get('HandlingCharge'),
      paymentTypeChargeFee: get('PaymentTypeChargeFee'),
      tradeDate: get('TradeDate'),
      itemName: get('ItemName'),
      storeId: get('StoreID'),
      customFields: [get('CustomField1'), get('CustomField2'), get('CustomField3'), get('CustomField4')],
      extras: Object.fromEntries(Object.entries(fields).filter(([name]) => !STANDARD_FIELDS.has(name))),
    },
  };
}
