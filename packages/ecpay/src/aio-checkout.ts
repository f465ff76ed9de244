// The AIO checkout form (`POST /Cashier/AioCheckOut/V5`): its fields as ECPay checks them, and a
// builder that signs one for the shopper's browser to post.
import { z } from 'zod';
import {
  AIO_PATHS,
  AIO_PAYMENT_METHODS,
  AIO_SUB_PAYMENTS,
  AMOUNT_LIMITS,
  ATM_EXPIRE_DAYS,
  BARCODE_STORE_EXPIRE_DAYS,
  CREDIT_INSTALLMENTS,
  CVS_STORE_EXPIRE_MINUTES,
  FIELD_MAX,
  MAX_TOTAL_AMOUNT,
  type AioPaymentMethod,
  type CreditInstallment,
} from './aio-constants.js';
import { signFields } from './check-mac-value.js';
import type { EcpayMerchant } from './stage.js';
import { formatTaipeiDateTime, isTaipeiDateTime } from './wire.js';

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const text = (max: number) => z.string().max(max);
const url = z.string().max(FIELD_MAX.url).refine(isHttpUrl, 'must be an http(s) URL');
/** Optional URLs may also be sent empty, as ECPay's SDKs do. */
const optionalUrl = z.union([z.literal(''), url]).optional();
const digits = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be an integer')
    .refine((v) => Number(v) >= min && Number(v) <= max, `must be ${min}–${max}`);
const yesNo = z.enum(['Y', 'N']).optional();

export const AioPaymentMethodSchema = z.enum(AIO_PAYMENT_METHODS);

/**
 * The checkout form as it travels (every value a string), with ECPay's rules: lengths, formats and
 * the rules between fields. `ItemName` longer than 400 characters is not refused (ECPay cuts it).
 * `CheckMacValue` is checked separately (`verifyCheckMacValue` over every received field).
 */
export const AioCheckoutRequest = z
  .object({
    MerchantID: z.string().regex(/^\d{1,10}$/, 'must be up to 10 digits'),
    MerchantTradeNo: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'must be 1–20 letters or digits'),
    MerchantTradeDate: z.string().refine(isTaipeiDateTime, 'must be yyyy/MM/dd HH:mm:ss'),
    PaymentType: z.literal('aio'),
    TotalAmount: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, 'must be a positive integer')
      .refine((v) => Number(v) <= MAX_TOTAL_AMOUNT, 'too large'),
    TradeDesc: text(FIELD_MAX.TradeDesc).refine((v) => v.trim() !== '', 'must not be empty'),
    ItemName: z.string().refine((v) => v.replaceAll('#', '').trim() !== '', 'must name at least one item'),
    ReturnURL: url,
    ChoosePayment: AioPaymentMethodSchema,
    CheckMacValue: z.string().regex(/^[0-9A-Fa-f]{64}$/, 'must be a SHA-256 hex digest'),
    EncryptType: z.literal('1'),
    StoreID: z
      .string()
      .regex(/^[A-Za-z0-9]{0,20}$/)
      .optional(),
    ClientBackURL: optionalUrl,
    ItemURL: optionalUrl,
    Remark: text(FIELD_MAX.Remark).optional(),
    ChooseSubPayment: text(20).optional(),
    OrderResultURL: optionalUrl,
    NeedExtraPaidInfo: yesNo,
    DeviceSource: text(10).optional(),
    IgnorePayment: text(FIELD_MAX.IgnorePayment).optional(),
    PlatformID: z
      .string()
      .regex(/^\d{0,10}$/)
      .optional(),
    InvoiceMark: yesNo,
    CustomField1: text(FIELD_MAX.CustomField).optional(),
    CustomField2: text(FIELD_MAX.CustomField).optional(),
    CustomField3: text(FIELD_MAX.CustomField).optional(),
    CustomField4: text(FIELD_MAX.CustomField).optional(),
    Language: z.enum(['', 'ENG', 'KOR', 'JPN', 'CHI']).optional(),
    // Card
    BindingCard: z.enum(['', '0', '1']).optional(),
    MerchantMemberID: text(FIELD_MAX.MerchantMemberID).optional(),
    Redeem: z.enum(['', 'Y', 'N']).optional(),
    UnionPay: z.enum(['', '0', '1', '2']).optional(),
    CreditInstallment: z
      .string()
      .max(20)
      .refine(
        (v) => v === '' || v.split(',').every((n) => (CREDIT_INSTALLMENTS as readonly string[]).includes(n)),
        'must list 3, 6, 12, 18, 24 or 30N',
      )
      .optional(),
    PeriodAmount: z.union([z.literal(''), digits(1, MAX_TOTAL_AMOUNT)]).optional(),
    PeriodType: z.enum(['', 'D', 'M', 'Y']).optional(),
    Frequency: z.union([z.literal(''), digits(1, 365)]).optional(),
    ExecTimes: z.union([z.literal(''), digits(1, 999)]).optional(),
    PeriodReturnURL: optionalUrl,
    // ATM, CVS, BARCODE
    ExpireDate: z.union([z.literal(''), digits(ATM_EXPIRE_DAYS.min, ATM_EXPIRE_DAYS.max)]).optional(),
    StoreExpireDate: z.union([z.literal(''), digits(1, CVS_STORE_EXPIRE_MINUTES.max)]).optional(),
    PaymentInfoURL: optionalUrl,
    ClientRedirectURL: optionalUrl,
    Desc_1: text(FIELD_MAX.Desc).optional(),
    Desc_2: text(FIELD_MAX.Desc).optional(),
    Desc_3: text(FIELD_MAX.Desc).optional(),
    Desc_4: text(FIELD_MAX.Desc).optional(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const amount = Number(f.TotalAmount);
    const limit = AMOUNT_LIMITS[f.ChoosePayment];
    if (limit && (amount < limit.min || amount > limit.max))
      issue('TotalAmount', `must be ${limit.min}–${limit.max} for ${f.ChoosePayment}`);
    if (f.OrderResultURL && f.OrderResultURL.trim() === f.ReturnURL.trim()) issue('OrderResultURL', 'must differ from ReturnURL');
    const subs = AIO_SUB_PAYMENTS[f.ChoosePayment];
    if (f.ChooseSubPayment && subs && !subs.includes(f.ChooseSubPayment)) issue('ChooseSubPayment', `must be one of ${subs.join(', ')}`);
    if (f.IgnorePayment) {
      const unknown = f.IgnorePayment.split('#').filter((m) => m !== '' && !(AIO_PAYMENT_METHODS as readonly string[]).includes(m));
      if (unknown.length > 0 || f.IgnorePayment.split('#').includes('ALL'))
        issue('IgnorePayment', 'must list payment methods separated by #');
    }
    if (f.StoreExpireDate && f.ChoosePayment === 'BARCODE' && Number(f.StoreExpireDate) > BARCODE_STORE_EXPIRE_DAYS.max) {
      issue('StoreExpireDate', `must be ${BARCODE_STORE_EXPIRE_DAYS.min}–${BARCODE_STORE_EXPIRE_DAYS.max} days for BARCODE`);
    }
    if (f.BindingCard === '1' && !f.MerchantMemberID) issue('MerchantMemberID', 'is required with BindingCard=1');
    const periodic = [f.PeriodAmount, f.PeriodType, f.Frequency, f.ExecTimes].filter((v) => v !== undefined && v !== '').length;
    if (periodic > 0 && periodic < 4) issue('PeriodType', 'PeriodAmount, PeriodType, Frequency and ExecTimes go together');
    if (periodic === 4) {
      if (f.PeriodAmount !== f.TotalAmount) issue('PeriodAmount', 'must equal TotalAmount');
      const caps = { D: [365, 999], M: [12, 99], Y: [1, 9] } as const;
      const [frequency, times] = caps[f.PeriodType as 'D' | 'M' | 'Y'];
      if (Number(f.Frequency) > frequency) issue('Frequency', `must be at most ${frequency} for PeriodType ${f.PeriodType}`);
      if (Number(f.ExecTimes) > times) issue('ExecTimes', `must be at most ${times} for PeriodType ${f.PeriodType}`);
    }
    const exclusive = [!!f.CreditInstallment, periodic === 4, f.UnionPay === '1'].filter(Boolean).length;
    if (exclusive > 1) issue('CreditInstallment', 'installments, periodic charges and UnionPay-only exclude each other');
  });
export type AioCheckoutRequest = z.infer<typeof AioCheckoutRequest>;

/** What the shop knows about an order; the builder turns it into ECPay's fields. */
export interface AioCheckoutInput {
  /** 1–20 letters or digits, never reused (ECPay refuses a second attempt with the same number). */
  merchantTradeNo: string;
  /** When the order was sent; written in Taiwan time. */
  tradeDate: Date;
  /** Integer NTD. */
  totalAmount: number;
  tradeDesc: string;
  /** One entry per line on ECPay's page; joined with `#` and cut to 400 characters. */
  itemNames: readonly string[];
  /** Server-to-server result (answer `1|OK`). */
  returnUrl: string;
  choosePayment: AioPaymentMethod;
  chooseSubPayment?: string;
  /** The shopper's browser posts the signed result here after an instant payment. */
  orderResultUrl?: string;
  /** A plain "back to the shop" link (ignored by ECPay when `orderResultUrl` is set). */
  clientBackUrl?: string;
  /** Server-to-server notice that an ATM account or a CVS/BARCODE code was issued. */
  paymentInfoUrl?: string;
  clientRedirectUrl?: string;
  itemUrl?: string;
  remark?: string;
  storeId?: string;
  platformId?: string;
  language?: 'ENG' | 'KOR' | 'JPN' | 'CHI';
  /** ATM: days to pay (1–60, ECPay's default 3). */
  atmExpireDays?: number;
  /** CVS: minutes to pay (default 10080); BARCODE: days (default 7). */
  storeExpireDate?: number;
  /** Installment counts offered to the shopper (must be contracted). */
  creditInstallment?: readonly CreditInstallment[];
  /** With `ALL`: methods to hide. */
  ignorePayment?: readonly Exclude<AioPaymentMethod, 'ALL'>[];
  /** Card details, bank account tails and the like in notifications and queries. */
  needExtraPaidInfo?: boolean;
  /** Up to four strings of ≤ 50 characters, echoed in notifications and queries. */
  customFields?: readonly string[];
  /** CVS/BARCODE: up to four lines (≤ 20) shown on the store kiosk. */
  storeDescriptions?: readonly string[];
}

/** The builder was given an order ECPay would refuse; `issues` name the ECPay fields. */
export class AioRequestError extends Error {
  constructor(readonly issues: ReadonlyArray<{ field: string; message: string }>) {
    super(`ECPay would refuse this request: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    this.name = 'AioRequestError';
  }
}

/** A signed form for the shopper's browser: post `fields` to the AIO host + `action`. */
export interface SignedForm {
  action: string;
  fields: Record<string, string>;
}

const graphemes = new Intl.Segmenter('zh-Hant', { granularity: 'grapheme' });

/**
 * Cuts text to at most `max` UTF-16 units (what ECPay's .NET counts; never fewer code points) at a
 * grapheme boundary, so no character, surrogate pair or combined emoji is split.
 */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const { segment } of graphemes.segment(value)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

/**
 * `ItemName` from item names: each name's own `#` becomes a full-width `＃` (a `#` starts a new
 * line on ECPay's page), names are joined with `#` and the whole is cut to 400 characters without
 * splitting a character or leaving a dangling `#`.
 */
export function joinItemNames(names: readonly string[]): string {
  const joined = names
    .map((n) => n.replaceAll('#', '＃').trim())
    .filter((n) => n !== '')
    .join('#');
  return cutText(joined, FIELD_MAX.ItemName).replace(/#+$/, '');
}

/** Issues of a Zod parse as ECPay field names. */
export function fieldIssues(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
}

/**
 * Builds and signs the checkout form for one attempt: required fields, the optional ones the input
 * names, `MerchantTradeDate` in Taiwan time, `ItemName` from the item names, `EncryptType=1` and the
 * SHA-256 CheckMacValue. Throws `AioRequestError` on anything ECPay would refuse (lengths, formats,
 * amount limits, the rules between fields).
 */
export function buildAioCheckout(input: AioCheckoutInput, merchant: EcpayMerchant): SignedForm {
  const optional: Record<string, string | undefined> = {
    ChooseSubPayment: input.chooseSubPayment,
    OrderResultURL: input.orderResultUrl,
    ClientBackURL: input.clientBackUrl,
    PaymentInfoURL: input.paymentInfoUrl,
    ClientRedirectURL: input.clientRedirectUrl,
    ItemURL: input.itemUrl,
    Remark: input.remark,
    StoreID: input.storeId,
    PlatformID: input.platformId,
    Language: input.language,
    ExpireDate: input.atmExpireDays?.toString(),
    StoreExpireDate: input.storeExpireDate?.toString(),
    CreditInstallment: input.creditInstallment?.join(','),
    IgnorePayment: input.ignorePayment?.join('#'),
    NeedExtraPaidInfo: input.needExtraPaidInfo === undefined ? undefined : input.needExtraPaidInfo ? 'Y' : 'N',
  };
  const custom = input.customFields ?? [];
  const descs = input.storeDescriptions ?? [];
  if (custom.length > 4) throw new AioRequestError([{ field: 'CustomField5', message: 'at most four custom fields' }]);
  if (descs.length > 4) throw new AioRequestError([{ field: 'Desc_5', message: 'at most four descriptions' }]);
  custom.forEach((v, i) => (optional[`CustomField${i + 1}`] = v));
  descs.forEach((v, i) => (optional[`Desc_${i + 1}`] = v));
  if (!Number.isSafeInteger(input.totalAmount)) throw new AioRequestError([{ field: 'TotalAmount', message: 'must be an integer' }]);

  const fields: Record<string, string> = {
    MerchantID: merchant.merchantId,
    MerchantTradeNo: input.merchantTradeNo,
    MerchantTradeDate: formatTaipeiDateTime(input.tradeDate),
    PaymentType: 'aio',
    TotalAmount: String(input.totalAmount),
    TradeDesc: input.tradeDesc,
    ItemName: joinItemNames(input.itemNames),
    ReturnURL: input.returnUrl,
    ChoosePayment: input.choosePayment,
    EncryptType: '1',
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) fields[name] = value;
  const signed = signFields(fields, merchant, 'sha256');
  const checked = AioCheckoutRequest.safeParse(signed);
  if (!checked.success) throw new AioRequestError(fieldIssues(checked.error));
  return { action: AIO_PATHS.checkout, fields: signed };
}
