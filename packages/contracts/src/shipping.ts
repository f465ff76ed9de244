// Shipping methods: staff configuration (inputs, admin views) and the shopper's list.
// Money is in integer minor units: TWD whole dollars.
import { z } from 'zod';

/** Problem `code`s the shipping routes answer with (besides the platform's). */
export { ShippingErrorCodes, type ShippingErrorCode } from './errors/shipping.js';

/** Why fields of a shipping method do not fit together: the `code` of their field error in a VALIDATION_FAILED problem. */
export const ShippingFieldIssueCodes = {
  carrierNotOfKind: 'carrier_not_of_kind',
  bandsNotAscending: 'bands_not_ascending',
  amountRangeInverted: 'amount_range_inverted',
} as const;

export const ShippingMethodKinds = ['home_delivery', 'store_pickup'] as const;
export const ShippingMethodKind = z.enum(ShippingMethodKinds);
export type ShippingMethodKind = z.infer<typeof ShippingMethodKind>;

/** Home delivery carriers: 黑貓宅急便, 新竹物流, 中華郵政, 嘉里大榮, 台灣宅配通, another one. */
export const HomeDeliveryCarriers = ['tcat', 'hct', 'chunghwa_post', 'kerry_tj', 'pelican', 'other'] as const;
/** Convenience-store chains for pickup: 7-ELEVEN, 全家, 萊爾富, OK超商. */
export const StoreChains = ['seven_eleven', 'family_mart', 'hi_life', 'ok_mart'] as const;
export const ShippingCarrier = z.enum([...HomeDeliveryCarriers, ...StoreChains]);
export type ShippingCarrier = z.infer<typeof ShippingCarrier>;

/** The carriers (home delivery) or store chains (store pickup) a method of this kind may name. */
export function carriersOfKind(kind: ShippingMethodKind): readonly ShippingCarrier[] {
  return kind === 'home_delivery' ? HomeDeliveryCarriers : StoreChains;
}

/** Why a method cannot carry a cart (see the quote function of the shipping module). */
export const ShippingUnavailableReasons = [
  'inactive',
  'item_not_eligible',
  'amount_out_of_range',
  'too_heavy',
  'too_large',
  'destination_not_served',
] as const;
export type ShippingUnavailableReason = (typeof ShippingUnavailableReasons)[number];

/** The largest amount (TWD) any fee, threshold or limit may be. */
const MAX_AMOUNT = 10_000_000;
const Amount = z.number().int().min(0).max(MAX_AMOUNT);
/** 1 g to 1 t. */
const Grams = z.number().int().min(1).max(1_000_000);
const ShippingCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { error: 'Use 2–40 lower-case letters, digits and underscores, starting with a letter.' });
const Name = z.string().trim().min(1).max(100);
/** A method's name in both languages: the storefront shows one of them. */
export const ShippingMethodName = z.object({ 'zh-TW': Name, en: Name });

export const WeightBand = z.object({
  /** The band holds parcels up to and including this weight. */
  upToGrams: Grams,
  fee: Amount,
});

/**
 * What a parcel costs before the free-shipping threshold and the surcharge: one flat fee, or by the
 * parcel's weight (the first band whose `upToGrams` is ≥ the weight; heavier than the last band is
 * not carried). Bands are listed lightest first.
 */
export const FeeSchedule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('flat'), amount: Amount }),
  z.object({
    type: z.literal('weight'),
    bands: z
      .array(WeightBand)
      .min(1)
      .max(20)
      .superRefine((bands, ctx) => {
        bands.forEach((b, i) => {
          const prev = bands[i - 1];
          if (prev && b.upToGrams <= prev.upToGrams) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'upToGrams'],
              message: 'List the bands lightest first, each heavier than the one before.',
              params: { code: ShippingFieldIssueCodes.bandsNotAscending },
            });
          }
        });
      }),
  }),
]);
export type FeeSchedule = z.infer<typeof FeeSchedule>;

/** Every field of a method as staff write it; no defaults (PATCH sends some of them). */
const methodFields = {
  code: ShippingCode,
  kind: ShippingMethodKind,
  /** A home delivery carrier for `home_delivery`, a store chain for `store_pickup`. */
  carrier: ShippingCarrier,
  name: ShippingMethodName,
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(100_000),
  fee: FeeSchedule,
  /** Orders whose amount is at least this ship for free (the outlying-islands surcharge still applies); null: never free. */
  freeShippingThreshold: Amount.min(1).nullable(),
  /** Added to the fee for a destination on the outlying islands (澎湖縣, 金門縣, 連江縣, 綠島鄉, 蘭嶼鄉, 琉球鄉). */
  islandSurcharge: Amount,
  /** The heaviest parcel the method takes; null: no limit but the last weight band. */
  maxWeightGrams: Grams.nullable(),
  /** The largest parcel the method takes, as the sum of its three sides in cm; null: no limit. */
  maxSizeCm: z.number().int().min(1).max(1000).nullable(),
  /** The order amount range the method serves (store pickup collects at most NT$20,000). */
  minOrderAmount: Amount,
  maxOrderAmount: Amount.nullable(),
  /** The weight assumed for each unit of a product whose weight is not recorded. */
  unknownItemWeightGrams: Grams,
};

type MethodValues = { [K in keyof typeof methodFields]: z.output<(typeof methodFields)[K]> };

/**
 * Where the fields of a whole method (after a PATCH is merged, too) do not fit together: a store
 * chain on a home delivery method (or the reverse), a minimum above the maximum.
 */
export function shippingMethodIssues(
  v: Pick<MethodValues, 'kind' | 'carrier' | 'minOrderAmount' | 'maxOrderAmount'>,
): Array<{ path: string; code: string; message: string }> {
  const issues: Array<{ path: string; code: string; message: string }> = [];
  if (!carriersOfKind(v.kind).includes(v.carrier)) {
    issues.push({
      path: 'carrier',
      code: ShippingFieldIssueCodes.carrierNotOfKind,
      message:
        v.kind === 'home_delivery'
          ? `Name a carrier: ${HomeDeliveryCarriers.join(', ')}.`
          : `Name a store chain: ${StoreChains.join(', ')}.`,
    });
  }
  if (v.maxOrderAmount !== null && v.minOrderAmount > v.maxOrderAmount) {
    issues.push({
      path: 'maxOrderAmount',
      code: ShippingFieldIssueCodes.amountRangeInverted,
      message: 'The maximum order amount is below the minimum.',
    });
  }
  return issues;
}

/** A new shipping method. Omitted: active, sort order 0, no threshold, no surcharge, no limits, NT$0 up, 500 g per unknown unit. */
export const ShippingMethodInput = z
  .object({
    ...methodFields,
    active: methodFields.active.default(true),
    sortOrder: methodFields.sortOrder.default(0),
    freeShippingThreshold: methodFields.freeShippingThreshold.default(null),
    islandSurcharge: methodFields.islandSurcharge.default(0),
    maxWeightGrams: methodFields.maxWeightGrams.default(null),
    maxSizeCm: methodFields.maxSizeCm.default(null),
    minOrderAmount: methodFields.minOrderAmount.default(0),
    maxOrderAmount: methodFields.maxOrderAmount.default(null),
    unknownItemWeightGrams: methodFields.unknownItemWeightGrams.default(500),
  })
  .superRefine((v, ctx) => {
    for (const i of shippingMethodIssues(v)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message, params: { code: i.code } });
  });
export type ShippingMethodInput = z.input<typeof ShippingMethodInput>;
export type ShippingMethodValues = z.output<typeof ShippingMethodInput>;

/** Some fields of a method; null clears a nullable one. The merged method is checked as a whole. */
export const ShippingMethodPatch = z
  .object(methodFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { error: 'Send at least one field to change.' });
export type ShippingMethodPatch = z.output<typeof ShippingMethodPatch>;

export const ShippingMethodParams = z.object({ id: z.uuid() });

export const ShippingLocale = z.enum(['zh-TW', 'en']);
export type ShippingLocale = z.infer<typeof ShippingLocale>;
/** `locale` wins over Accept-Language; without either, zh-TW. */
export const ShippingLocaleQuery = z.object({ locale: ShippingLocale.optional() });

const ruleFields = {
  id: z.uuid(),
  code: z.string(),
  kind: ShippingMethodKind,
  carrier: ShippingCarrier,
  sortOrder: z.number().int(),
  fee: FeeSchedule,
  freeShippingThreshold: z.number().int().nullable(),
  islandSurcharge: z.number().int(),
  maxWeightGrams: z.number().int().nullable(),
  maxSizeCm: z.number().int().nullable(),
  minOrderAmount: z.number().int(),
  maxOrderAmount: z.number().int().nullable(),
};

/** A method as staff see it: both names, inactive ones too. */
export const AdminShippingMethod = z.object({
  ...ruleFields,
  name: ShippingMethodName,
  active: z.boolean(),
  unknownItemWeightGrams: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AdminShippingMethod = z.infer<typeof AdminShippingMethod>;
export const AdminShippingMethodList = z.object({ items: z.array(AdminShippingMethod) });

/** An active method as shoppers see it: its name in the request's language and the rules that set its fee. */
export const ShippingMethod = z.object({ ...ruleFields, name: z.string() });
export type ShippingMethod = z.infer<typeof ShippingMethod>;
export const ShippingMethodList = z.object({ locale: ShippingLocale, items: z.array(ShippingMethod) });
