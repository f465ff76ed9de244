// The shop's own details (name, contact, company) and its legal pages: staff edit them, shoppers
// read them in the footer and on /terms, /privacy and /returns.
import { isBan } from 'taiwan-id-validator';
import { z } from 'zod';
import { TaiwanPhone } from './identity.js';

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
