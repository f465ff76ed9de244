// What ECPay posts to the merchant's server: the payment result (ReturnURL) and the issued ATM
// account or CVS/BARCODE code (PaymentInfoURL). Parsing never throws: every outcome is a value.
import { z } from 'zod';
import { RTN_CODES } from './aio-constants.js';
import { verifyCheckMacValue } from './check-mac-value.js';
import type { EcpayMerchant } from './stage.js';
import { formFields, isTaipeiDateTime } from './wire.js';

const dateTime = z.string().refine(isTaipeiDateTime, 'must be yyyy/MM/dd HH:mm:ss');
const integer = z.string().regex(/^-?\d+$/, 'must be an integer');

const common = {
  MerchantID: z.string().regex(/^\d{1,10}$/),
  MerchantTradeNo: z.string().regex(/^[A-Za-z0-9]{1,20}$/),
  StoreID: z.string().max(20).default(''),
  RtnCode: integer,
  RtnMsg: z.string().max(200),
  TradeNo: z.string().max(20),
  TradeAmt: integer,
  PaymentType: z.string().max(20),
  TradeDate: dateTime,
  CustomField1: z.string().default(''),
  CustomField2: z.string().default(''),
  CustomField3: z.string().default(''),
  CustomField4: z.string().default(''),
};

/** ReturnURL (and the browser's OrderResultURL post): the result of a payment. Extra fields (NeedExtraPaidInfo) are allowed. */
export const PaymentResultNotification = z.object({
  ...common,
  /** Empty when the payment did not happen. */
  PaymentDate: z.union([z.literal(''), dateTime]).default(''),
  /** Kept as sent (`1`, `10`, `0.0000` are all seen): never re-format it before verifying. */
  PaymentTypeChargeFee: z.string().default(''),
  SimulatePaid: z.enum(['0', '1']).default('0'),
});

/** PaymentInfoURL: an ATM account or a CVS/BARCODE code was issued (RtnCode 2 / 10100073), or issuing failed. */
export const PaymentInfoNotification = z.object({
  ...common,
  /** ATM `yyyy/MM/dd`; CVS/BARCODE `yyyy/MM/dd HH:mm:ss`. */
  ExpireDate: z.string().default(''),
  BankCode: z.string().max(3).default(''),
  vAccount: z.string().max(16).default(''),
  PaymentNo: z.string().max(14).default(''),
  Barcode1: z.string().max(20).default(''),
  Barcode2: z.string().max(20).default(''),
  Barcode3: z.string().max(20).default(''),
});

const KNOWN_RESULT_FIELDS = new Set([...Object.keys(PaymentResultNotification.shape), 'CheckMacValue']);

/** What `PaymentType`'s prefix says the shopper used (`Credit_CreditCard` → `Credit`, `ATM_TAISHIN` → `ATM`). */
export function methodOfPaymentType(paymentType: string): string {
  return paymentType.split('_')[0] ?? '';
}

interface NotificationBase {
  merchantId: string;
  merchantTradeNo: string;
  storeId: string;
  rtnCode: number;
  rtnMsg: string;
  /** ECPay's trade number: keep it with the order (queries and refunds need it). */
  tradeNo: string;
  tradeAmt: number;
  /** As sent, e.g. `Credit_CreditCard`, `ATM_TAISHIN`, `CVS_CVS`, `BARCODE_BARCODE`. */
  paymentType: string;
  /** The prefix of `paymentType`: `Credit`, `ATM`, `CVS`, `BARCODE`, `WebATM`, `ApplePay`, … */
  method: string;
  /** When ECPay created the trade, `yyyy/MM/dd HH:mm:ss` Taiwan time. */
  tradeDate: string;
  customFields: [string, string, string, string];
}

/** A payment result. Ship only when `paid` and not `simulatePaid`, and only when `tradeAmt` is the order's total. */
export interface PaymentResult extends NotificationBase {
  kind: 'payment_result';
  /** `RtnCode` is 1. */
  paid: boolean;
  /** Empty when not paid. */
  paymentDate: string;
  paymentTypeChargeFee: string;
  /** Fired from ECPay's back-office "模擬付款": no money moved, never fulfil. */
  simulatePaid: boolean;
  /** Every field beyond the standard set (NeedExtraPaidInfo: `gwsr`, `card4no`, `stage`, `PaymentNo`, …), as sent. */
  extras: Record<string, string>;
}

/** An issued ATM account or CVS/BARCODE code: the order awaits payment, it has not failed. */
export interface PaymentInfo extends NotificationBase {
  kind: 'payment_info';
  /** `RtnCode` is 2 (ATM) or 10100073 (CVS/BARCODE); otherwise issuing failed. */
  issued: boolean;
  /** The payment deadline as sent (ATM `yyyy/MM/dd`; CVS/BARCODE `yyyy/MM/dd HH:mm:ss`), Taiwan time. */
  expireDate: string;
  /** ATM: bank code and virtual account; empty otherwise. */
  bankCode: string;
  vAccount: string;
  /** CVS: the payment code; empty otherwise. */
  paymentNo: string;
  /** BARCODE: the three segments; empty otherwise. */
  barcodes: [string, string, string];
}

export type Notification = PaymentResult | PaymentInfo;

/**
 * Why a notification was not accepted (answer it `0|…`). `malformed`: not a form of single string
 * fields, or a notification's fields missing or ill-formed. `bad_mac`: the CheckMacValue is missing
 * or not that of the fields (forged or tampered). `wrong_merchant`: signed for another MerchantID.
 */
export interface NotificationError {
  ok: false;
  error: 'malformed' | 'bad_mac' | 'wrong_merchant';
  detail: string;
}

export type NotificationParse<T extends Notification = Notification> =
  { ok: true; notification: T; fields: Record<string, string> } | NotificationError;

function base(f: z.infer<z.ZodObject<typeof common>>): NotificationBase {
  return {
    merchantId: f.MerchantID,
    merchantTradeNo: f.MerchantTradeNo,
    storeId: f.StoreID,
    rtnCode: Number(f.RtnCode),
    rtnMsg: f.RtnMsg,
    tradeNo: f.TradeNo,
    tradeAmt: Number(f.TradeAmt),
    paymentType: f.PaymentType,
    method: methodOfPaymentType(f.PaymentType),
    tradeDate: f.TradeDate,
    customFields: [f.CustomField1, f.CustomField2, f.CustomField3, f.CustomField4],
  };
}

type Verified = { ok: true; fields: Record<string, string> } | NotificationError;

function verified(body: unknown, merchant: EcpayMerchant): Verified {
  const fields = formFields(body);
  if (!fields) return { ok: false, error: 'malformed', detail: 'not a form of single string fields' };
  if (!verifyCheckMacValue(fields, merchant, 'sha256'))
    return { ok: false, error: 'bad_mac', detail: 'CheckMacValue does not match the fields' };
  if (fields.MerchantID !== merchant.merchantId) {
    return { ok: false, error: 'wrong_merchant', detail: `MerchantID ${fields.MerchantID ?? '(none)'} is not ${merchant.merchantId}` };
  }
  return { ok: true, fields };
}

function malformed(error: z.ZodError): NotificationError {
  const i = error.issues[0];
  return { ok: false, error: 'malformed', detail: `${String(i?.path[0] ?? '')}: ${i?.message ?? 'invalid'}` };
}

function toResult(fields: Record<string, string>): NotificationParse<PaymentResult> {
  const parsed = PaymentResultNotification.safeParse(fields);
  if (!parsed.success) return malformed(parsed.error);
  const f = parsed.data;
  const extras = Object.fromEntries(Object.entries(fields).filter(([name]) => !KNOWN_RESULT_FIELDS.has(name)));
  return {
    ok: true,
    fields,
    notification: {
      kind: 'payment_result',
      ...base(f),
      paid: Number(f.RtnCode) === RTN_CODES.paid,
      paymentDate: f.PaymentDate,
      paymentTypeChargeFee: f.PaymentTypeChargeFee,
      simulatePaid: f.SimulatePaid === '1',
      extras,
    },
  };
}

function toInfo(fields: Record<string, string>): NotificationParse<PaymentInfo> {
  const parsed = PaymentInfoNotification.safeParse(fields);
  if (!parsed.success) return malformed(parsed.error);
  const f = parsed.data;
  const rtnCode = Number(f.RtnCode);
  return {
    ok: true,
    fields,
    notification: {
      kind: 'payment_info',
      ...base(f),
      issued: rtnCode === RTN_CODES.atmIssued || rtnCode === RTN_CODES.codeIssued,
      expireDate: f.ExpireDate,
      bankCode: f.BankCode,
      vAccount: f.vAccount,
      paymentNo: f.PaymentNo,
      barcodes: [f.Barcode1, f.Barcode2, f.Barcode3],
    },
  };
}

/** Whether received fields are a PaymentInfoURL notice rather than a payment result. */
function looksLikePaymentInfo(fields: Record<string, string>): boolean {
  const code = Number(fields.RtnCode);
  if (code === RTN_CODES.atmIssued || code === RTN_CODES.codeIssued) return true;
  if ('SimulatePaid' in fields || 'PaymentDate' in fields) return false;
  return ['ExpireDate', 'vAccount', 'BankCode', 'Barcode1'].some((name) => name in fields);
}

/**
 * Reads a notification posted to ReturnURL or PaymentInfoURL (one endpoint may take both, as ECPay's
 * own shop plugin does): checks the CheckMacValue over every received field in constant time, that it
 * is for this merchant, and the fields' shapes; then tells a payment result (`RtnCode` 1 paid, else
 * failed) from an issued code (`RtnCode` 2 / 10100073). Never throws.
 *
 * De-duplicate on (MerchantTradeNo, TradeNo, RtnCode), never on CheckMacValue: re-sends carry
 * `RtnMsg=paid` and so a different checksum.
 */
export function parseNotification(body: unknown, merchant: EcpayMerchant): NotificationParse {
  const v = verified(body, merchant);
  if (!v.ok) return v;
  return looksLikePaymentInfo(v.fields) ? toInfo(v.fields) : toResult(v.fields);
}

/** `parseNotification` for an endpoint that only takes payment results (ReturnURL, OrderResultURL). */
export function parsePaymentResult(body: unknown, merchant: EcpayMerchant): NotificationParse<PaymentResult> {
  const v = verified(body, merchant);
  return v.ok ? toResult(v.fields) : v;
}

/** `parseNotification` for an endpoint that only takes issued codes (PaymentInfoURL). */
export function parsePaymentInfo(body: unknown, merchant: EcpayMerchant): NotificationParse<PaymentInfo> {
  const v = verified(body, merchant);
  return v.ok ? toInfo(v.fields) : v;
}
