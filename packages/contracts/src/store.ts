// The shop's own details (name, contact, company) and its legal pages: staff edit them, shoppers
// read them in the footer and on /terms, /privacy and /returns.
import { isBan } from 'taiwan-id-validator';
import { z } from 'zod';
import { TaiwanPhone } from './identity.js';
import { InstallmentCount, InstallmentCounts } from './payments.js';

/** Problem `code`s the store routes answer with (besides the platform's). */
export { StoreErrorCodes, type StoreErrorCode } from './errors/store.js';

/** Why a field of the store settings is refused: the `code` of its field error in a VALIDATION_FAILED problem. */
export const StoreFieldIssueCodes = {
  taxIdChecksum: 'tax_id_checksum',
} as const;

export const StoreLocales = ['zh-TW', 'en'] as const;
export const StoreLocale = z.enum(StoreLocales);
export type StoreLocale = z.infer<typeof StoreLocale>;

/** The legal pages every shop has: terms of service, privacy policy, return and refund policy. */
export const LegalPageSlugs = ['terms', 'privacy', 'returns'] as const;
export const LegalPageSlug = z.enum(LegalPageSlugs);
export type LegalPageSlug = z.infer<typeof LegalPageSlug>;

/** True for one of the legal pages' slugs. */
export function isLegalPageSlug(slug: string): slug is LegalPageSlug {
  return (LegalPageSlugs as readonly string[]).includes(slug);
}

/**
 * 統一編號: 8 digits whose weighted digit sum (weights 1,2,1,2,1,2,4,1, two-digit products summed
 * digit by digit) is a multiple of 5 (the rule since 2023; it was 10 before, and every number valid
 * then is valid now); when the 7th digit is 7, the sum plus one may be the multiple instead.
 */
export const TaxId = z
  .string()
  .trim()
  .regex(/^\d{8}$/, { error: 'Enter the 8-digit unified business number (統一編號).', abort: true })
  .refine((s) => isBan(s), {
    error: 'This unified business number (統一編號) fails its check digit; check it again.',
    params: { code: StoreFieldIssueCodes.taxIdChecksum },
  });

/** Text in both languages; English may be left empty (the storefront then shows the zh-TW). */
const bilingual = (max: number, required: boolean) =>
  z.object({
    'zh-TW': required ? z.string().trim().min(1).max(max) : z.string().trim().max(max),
    en: z.string().trim().max(max),
  });

/** '' (or only spaces) means "not given": stored as null. */
const optional = <T extends z.ZodType<string | null>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable());

/** The shop's details as staff edit them (PUT replaces them all). */
export const StoreSettingsValues = z.object({
  /** The shop's name: zh-TW required; English optional. */
  name: bilingual(60, true),
  contactEmail: optional(z.string().trim().max(254).pipe(z.email())),
  /** 聯絡電話, stored as digits. */
  phone: optional(TaiwanPhone),
  /** 客服專線 (may be a 0800 number), stored as digits. */
  serviceLine: optional(TaiwanPhone),
  address: optional(z.string().trim().max(200)),
  /** 營業／客服時間, free text per language. */
  businessHours: bilingual(200, false),
  /** 公司名稱. */
  companyName: optional(z.string().trim().max(100)),
  /** 統一編號 (8 digits with a valid check digit). */
  taxId: optional(TaxId),
  /** 負責人. */
  representative: optional(z.string().trim().max(60)),
});
export type StoreSettingsValues = z.output<typeof StoreSettingsValues>;

/** PUT body: every field, and the `version` the editor read (a stale one is 409 VERSION_CONFLICT). */
export const StoreSettingsInput = StoreSettingsValues.extend({ version: z.number().int().min(0).max(2_147_483_647) });
export type StoreSettingsInput = z.input<typeof StoreSettingsInput>;

const Localized = z.object({ 'zh-TW': z.string(), en: z.string() });

/** The shop's details as staff see them. */
export const StoreSettings = z.object({
  name: Localized,
  contactEmail: z.string().nullable(),
  phone: z.string().nullable(),
  serviceLine: z.string().nullable(),
  address: z.string().nullable(),
  businessHours: Localized,
  companyName: z.string().nullable(),
  taxId: z.string().nullable(),
  representative: z.string().nullable(),
  /** 0 until the first save. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type StoreSettings = z.infer<typeof StoreSettings>;

/**
 * What shoppers see (footer, legal pages): the name, how to reach the shop and the company
 * behind it, both languages at once. Empty English falls back to the zh-TW.
 */
export const PublicStore = z.object({
  name: Localized,
  contactEmail: z.string().nullable(),
  phone: z.string().nullable(),
  serviceLine: z.string().nullable(),
  address: z.string().nullable(),
  businessHours: Localized,
  company: z.object({
    name: z.string().nullable(),
    taxId: z.string().nullable(),
    representative: z.string().nullable(),
  }),
});
export type PublicStore = z.infer<typeof PublicStore>;

/** A legal page's text: paragraphs separated by blank lines, `## ` headings, `- ` list items; no HTML. */
const PageText = z.string().trim().max(30_000);

export const LegalPageValues = z.object({
  body: z.object({ 'zh-TW': PageText.min(1), en: PageText }),
});
/** PUT body of a legal page: both texts and the `version` the editor read. */
export const LegalPageInput = LegalPageValues.extend({ version: z.number().int().min(0).max(2_147_483_647) });
export type LegalPageInput = z.input<typeof LegalPageInput>;

/** A legal page as staff see it. */
export const AdminLegalPage = z.object({
  slug: LegalPageSlug,
  body: Localized,
  /** 0 while the page still has the built-in text and was never saved. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type AdminLegalPage = z.infer<typeof AdminLegalPage>;

/** A legal page for shoppers, in one language (English falls back to the zh-TW text when empty). */
export const LegalPage = z.object({
  slug: LegalPageSlug,
  locale: StoreLocale,
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type LegalPage = z.infer<typeof LegalPage>;

/** Any string: an unknown slug answers 404 LEGAL_PAGE_NOT_FOUND. */
export const LegalPageParams = z.object({
  slug: z.string().max(100).describe('terms, privacy or returns'),
});
export const StoreLocaleQuery = z.object({ locale: StoreLocale.optional() });

// ---------- payment settings ----------

/**
 * The deadlines ECPay accepts for offline codes, and its defaults: an ATM virtual account in days
 * (`ExpireDate`), a convenience-store code in minutes and a barcode in days (`StoreExpireDate`).
 */
export const PaymentDeadlineLimits = {
  atmDays: { default: 3, min: 1, max: 60 },
  cvsMinutes: { default: 10080, min: 1, max: 43200 },
  barcodeDays: { default: 7, min: 1, max: 30 },
} as const;

const within = (l: { min: number; max: number }) => z.number().int().min(l.min).max(l.max);

/** Why payment settings are refused: the `code` of a field error in a VALIDATION_FAILED problem. */
export const PaymentSettingsIssueCodes = {
  noMethod: 'no_payment_method',
  installmentsNeedCard: 'installments_need_card',
} as const;

const paymentSettingsShape = {
  /** Card through ECPay (信用卡). */
  credit: z.boolean(),
  /** Card installment counts offered (信用卡分期); empty: no installments. Needs `credit`. */
  installments: z
    .array(InstallmentCount)
    .max(InstallmentCounts.length)
    .refine((a) => new Set(a).size === a.length, 'Each count once.')
    .transform((a) => [...a].sort((x, y) => x - y)),
  applePay: z.boolean(),
  /** ATM virtual account (ATM 轉帳). */
  atm: z.boolean(),
  /** Convenience-store payment code (超商代碼). */
  cvs: z.boolean(),
  /** Convenience-store barcode (超商條碼). */
  barcode: z.boolean(),
  /** Bank transfer confirmed by staff (銀行轉帳). */
  bankTransfer: z.boolean(),
  /** Cash on delivery (貨到付款): orders that ship only. */
  cashOnDelivery: z.boolean(),
  atmDays: within(PaymentDeadlineLimits.atmDays),
  cvsMinutes: within(PaymentDeadlineLimits.cvsMinutes),
  barcodeDays: within(PaymentDeadlineLimits.barcodeDays),
};

type PaymentSwitches = { [K in 'credit' | 'applePay' | 'atm' | 'cvs' | 'barcode' | 'bankTransfer' | 'cashOnDelivery']: boolean } & {
  installments: readonly number[];
};

/** At least one way to pay; installments only with the card. */
function checkPaymentSwitches(v: PaymentSwitches, ctx: z.core.$RefinementCtx) {
  if (!(v.credit || v.applePay || v.atm || v.cvs || v.barcode || v.bankTransfer || v.cashOnDelivery))
    ctx.addIssue({
      code: 'custom',
      path: ['credit'],
      message: 'Offer at least one way to pay.',
      params: { code: PaymentSettingsIssueCodes.noMethod },
    });
  if (v.installments.length > 0 && !v.credit)
    ctx.addIssue({
      code: 'custom',
      path: ['installments'],
      message: 'Installments are paid by card: turn the card on, or the installments off.',
      params: { code: PaymentSettingsIssueCodes.installmentsNeedCard },
    });
}

/** Which ways to pay the shop offers at checkout, and how long ECPay's offline codes stay payable. */
export const PaymentSettingsValues = z.object(paymentSettingsShape).superRefine(checkPaymentSwitches);
export type PaymentSettingsValues = z.output<typeof PaymentSettingsValues>;

/** PUT body: every setting and the `version` the editor read (a stale one is 409 VERSION_CONFLICT). */
export const PaymentSettingsInput = z
  .object({ ...paymentSettingsShape, version: z.number().int().min(0).max(2_147_483_647) })
  .superRefine(checkPaymentSwitches);
export type PaymentSettingsInput = z.input<typeof PaymentSettingsInput>;

/** The payment settings as staff see them. */
export const PaymentSettings = z.object({
  credit: z.boolean(),
  installments: z.array(InstallmentCount),
  applePay: z.boolean(),
  atm: z.boolean(),
  cvs: z.boolean(),
  barcode: z.boolean(),
  bankTransfer: z.boolean(),
  cashOnDelivery: z.boolean(),
  atmDays: z.number().int(),
  cvsMinutes: z.number().int(),
  barcodeDays: z.number().int(),
  /** 0 until the first save. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type PaymentSettings = z.infer<typeof PaymentSettings>;

/** What the storefront offers at checkout (the same switches and deadlines, without the version). */
export const PublicPaymentSettings = PaymentSettings.omit({ version: true, updatedAt: true });
export type PublicPaymentSettings = z.infer<typeof PublicPaymentSettings>;
