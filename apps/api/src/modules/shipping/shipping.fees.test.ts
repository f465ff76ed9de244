import { findTaiwanDistrict, taiwanCities } from '@shop/contracts/tw-address';
import { describe, expect, it } from 'vitest';
import {
  destinationZone,
  OUTLYING_CITIES,
  OUTLYING_DISTRICTS,
  quoteShipping,
  UNSERVED_DISTRICTS,
  type QuoteLine,
  type QuoteMethod,
} from './shipping.fees.js';
import type { ShippingMethodId } from './shipping.types.js';

const id = (s: string) => s as ShippingMethodId;

/** NT$120 flat, free from NT$1,000, NT$100 to the islands, no limits. */
const home: QuoteMethod = {
  id: id('home'),
  kind: 'home_delivery',
  active: true,
  fee: { type: 'flat', amount: 120 },
  freeShippingThreshold: 1000,
  islandSurcharge: 100,
  maxWeightGrams: null,
  maxSizeCm: null,
  minOrderAmount: 0,
  maxOrderAmount: null,
  unknownItemWeightGrams: 500,
};
/** By weight: ≤ 5 kg NT$130, ≤ 10 kg NT$160, ≤ 20 kg NT$200. */
const byWeight: QuoteMethod = {
  ...home,
  id: id('weight'),
  fee: {
    type: 'weight',
    bands: [
      { upToGrams: 5000, fee: 130 },
      { upToGrams: 10000, fee: 160 },
      { upToGrams: 20000, fee: 200 },
    ],
  },
  freeShippingThreshold: null,
};
/** 7-ELEVEN-like: NT$60, free from NT$499, ≤ 5 kg, ≤ 105 cm, NT$1–20,000. */
const pickup: QuoteMethod = {
  id: id('pickup'),
  kind: 'store_pickup',
  active: true,
  fee: { type: 'flat', amount: 60 },
  freeShippingThreshold: 499,
  islandSurcharge: 0,
  maxWeightGrams: 5000,
  maxSizeCm: 105,
  minOrderAmount: 1,
  maxOrderAmount: 20000,
  unknownItemWeightGrams: 500,
};

const line = (over: Partial<QuoteLine> = {}): QuoteLine => ({
  quantity: 1,
  weightGrams: 300,
  virtual: false,
  storePickupEligible: true,
  ...over,
});
const one = (
  method: QuoteMethod,
  over: { lines?: QuoteLine[]; subtotal?: number; destination?: { city: string; district: string }; parcelSizeCm?: number } = {},
) => {
  const q = quoteShipping({
    methods: [method],
    lines: over.lines ?? [line()],
    subtotal: over.subtotal ?? 500,
    destination: over.destination,
    parcelSizeCm: over.parcelSizeCm,
  });
  if (!q.needsShipping) throw new Error('expected a shipped cart');
  return q.quotes[0]!;
};
const feeOf = (q: ReturnType<typeof one>) => (q.available ? q.fee : q.reason);

describe('quoteShipping', () => {
  describe('flat fee', () => {
    it.each([
      { subtotal: 0, fee: 120 },
      { subtotal: 999, fee: 120 },
      { subtotal: 5000, fee: 0 },
    ])('subtotal $subtotal → $fee', ({ subtotal, fee }) => {
      expect(feeOf(one(home, { subtotal }))).toBe(fee);
    });

    it('does not depend on the weight', () => {
      expect(feeOf(one(home, { lines: [line({ weightGrams: 50_000 })] }))).toBe(120);
    });
  });

  describe('weight bands (inclusive upper edges)', () => {
    it.each([
      { grams: 0, fee: 130 },
      { grams: 1, fee: 130 },
      { grams: 5000, fee: 130 },
      { grams: 5001, fee: 160 },
      { grams: 10000, fee: 160 },
      { grams: 10001, fee: 200 },
      { grams: 20000, fee: 200 },
      { grams: 20001, fee: 'too_heavy' },
    ])('$grams g → $fee', ({ grams, fee }) => {
      expect(feeOf(one(byWeight, { lines: [line({ weightGrams: grams })] }))).toBe(fee);
    });

    it('weighs quantity × unit weight over all physical lines', () => {
      const q = one(byWeight, { lines: [line({ quantity: 3, weightGrams: 1500 }), line({ quantity: 2, weightGrams: 300 })] });
      expect(q).toMatchObject({ available: true, weightGrams: 5100, baseFee: 160, fee: 160, weightEstimated: false });
    });

    it.each([
      { what: 'unknown weight, 10 units × the method’s 500 g', lines: [line({ quantity: 10, weightGrams: null })], grams: 5000, fee: 130 },
      { what: 'unknown weight, 11 units × 500 g', lines: [line({ quantity: 11, weightGrams: null })], grams: 5500, fee: 160 },
      { what: 'known and unknown together', lines: [line({ weightGrams: 4800 }), line({ weightGrams: null })], grams: 5300, fee: 160 },
    ])('$what → $grams g, estimated', ({ lines, grams, fee }) => {
      expect(one(byWeight, { lines })).toMatchObject({ available: true, weightGrams: grams, fee, weightEstimated: true });
    });

    it('uses each method’s own default weight for unknown units', () => {
      const heavyDefault = { ...byWeight, unknownItemWeightGrams: 6000 };
      expect(one(heavyDefault, { lines: [line({ weightGrams: null })] })).toMatchObject({ weightGrams: 6000, fee: 160 });
    });
  });

  describe('free-shipping threshold', () => {
    it.each([
      { subtotal: 999, fee: 120, free: false, missing: 1 },
      { subtotal: 1000, fee: 0, free: true, missing: 0 },
      { subtotal: 1001, fee: 0, free: true, missing: 0 },
      { subtotal: 0, fee: 120, free: false, missing: 1000 },
    ])('subtotal $subtotal of 1000 → fee $fee, missing $missing', ({ subtotal, fee, free, missing }) => {
      expect(one(home, { subtotal })).toMatchObject({
        available: true,
        fee,
        baseFee: 120,
        freeShippingApplied: free,
        missingForFree: missing,
      });
    });

    it('says nothing is missing when the method has no threshold', () => {
      expect(one(byWeight, { subtotal: 1_000_000 })).toMatchObject({ freeShippingApplied: false, missingForFree: null, fee: 130 });
    });

    it('makes a weight-band fee free too', () => {
      expect(one({ ...byWeight, freeShippingThreshold: 2000 }, { subtotal: 2000, lines: [line({ weightGrams: 9000 })] })).toMatchObject({
        fee: 0,
        baseFee: 160,
      });
    });
  });

  describe('outlying-islands surcharge', () => {
    it.each([
      { city: '澎湖縣', district: '馬公市' },
      { city: '澎湖縣', district: '七美鄉' },
      { city: '金門縣', district: '金城鎮' },
      { city: '金門縣', district: '烈嶼鄉' },
      { city: '連江縣', district: '南竿鄉' },
      { city: '連江縣', district: '東引鄉' },
      { city: '屏東縣', district: '琉球鄉' },
      { city: '臺東縣', district: '綠島鄉' },
      { city: '臺東縣', district: '蘭嶼鄉' },
      { city: '台東縣', district: '蘭嶼鄉' },
    ])('$city$district adds NT$100', (destination) => {
      expect(one(home, { destination, subtotal: 500 })).toMatchObject({ available: true, fee: 220, surcharge: 100 });
    });

    it.each([
      { city: '臺北市', district: '大安區' },
      { city: '屏東縣', district: '東港鎮' },
      { city: '臺東縣', district: '臺東市' },
      { city: '高雄市', district: '旗津區' },
    ])('mainland $city$district adds nothing', (destination) => {
      expect(one(home, { destination })).toMatchObject({ available: true, fee: 120, surcharge: 0 });
    });

    it('adds nothing without a destination', () => {
      expect(one(home)).toMatchObject({ fee: 120, surcharge: 0 });
    });

    it('still applies when shipping is free', () => {
      expect(one(home, { destination: { city: '金門縣', district: '金湖鎮' }, subtotal: 1500 })).toMatchObject({
        fee: 100,
        baseFee: 120,
        freeShippingApplied: true,
        surcharge: 100,
      });
    });

    it('is per method (store pickup charges none)', () => {
      expect(one(pickup, { destination: { city: '澎湖縣', district: '馬公市' }, subtotal: 300 })).toMatchObject({ fee: 60, surcharge: 0 });
    });

    it.each(UNSERVED_DISTRICTS.map((d) => ({ ...d })))('$city$district is served by no method', (destination) => {
      expect(feeOf(one(home, { destination }))).toBe('destination_not_served');
    });

    it('lists only places that exist in the postal list', () => {
      for (const city of OUTLYING_CITIES) expect(taiwanCities.map((c) => c.name)).toContain(city);
      for (const p of [...OUTLYING_DISTRICTS, ...UNSERVED_DISTRICTS])
        expect(findTaiwanDistrict(p.city, p.district), `${p.city}${p.district}`).toBeDefined();
    });

    it('puts every district of the island counties offshore', () => {
      for (const c of taiwanCities.filter((x) => OUTLYING_CITIES.includes(x.name))) {
        for (const d of c.districts) expect(destinationZone({ city: c.name, district: d.name })).toBe('outlying');
      }
    });
  });

  describe('store-pickup limits', () => {
    it.each([
      { what: 'at the weight limit', lines: [line({ quantity: 2, weightGrams: 2500 })], subtotal: 300, result: 60 },
      { what: 'over the weight limit', lines: [line({ quantity: 2, weightGrams: 2501 })], subtotal: 300, result: 'too_heavy' },
      { what: 'over the limit by unknown weights', lines: [line({ quantity: 11, weightGrams: null })], subtotal: 300, result: 'too_heavy' },
      { what: 'an amount of NT$0', lines: [line()], subtotal: 0, result: 'amount_out_of_range' },
      { what: 'an amount of NT$1', lines: [line()], subtotal: 1, result: 60 },
      { what: 'an amount of NT$20,000', lines: [line()], subtotal: 20000, result: 0 },
      { what: 'an amount of NT$20,001', lines: [line()], subtotal: 20001, result: 'amount_out_of_range' },
      {
        what: 'a line not eligible for pickup',
        lines: [line(), line({ storePickupEligible: false })],
        subtotal: 300,
        result: 'item_not_eligible',
      },
      {
        what: 'a virtual line not flagged eligible',
        lines: [line(), line({ virtual: true, storePickupEligible: false })],
        subtotal: 300,
        result: 60,
      },
    ])('$what → $result', ({ lines, subtotal, result }) => {
      expect(feeOf(one(pickup, { lines, subtotal }))).toBe(result);
    });

    it.each([
      { size: undefined, result: 60 },
      { size: 105, result: 60 },
      { size: 106, result: 'too_large' },
    ])('a parcel of $size cm → $result', ({ size, result }) => {
      expect(feeOf(one(pickup, { subtotal: 300, ...(size === undefined ? {} : { parcelSizeCm: size }) }))).toBe(result);
    });

    it('a non-eligible line leaves home delivery available', () => {
      expect(feeOf(one(home, { lines: [line({ storePickupEligible: false })] }))).toBe(120);
    });

    it('names the first reason that applies: eligibility before amount before weight', () => {
      const lines = [line({ weightGrams: 9000, storePickupEligible: false })];
      expect(feeOf(one(pickup, { lines, subtotal: 0 }))).toBe('item_not_eligible');
      expect(feeOf(one(pickup, { lines: [line({ weightGrams: 9000 })], subtotal: 0 }))).toBe('amount_out_of_range');
    });
  });

  describe('inactive methods', () => {
    it('are unavailable whatever the cart', () => {
      expect(feeOf(one({ ...home, active: false }))).toBe('inactive');
      expect(feeOf(one({ ...pickup, active: false }, { subtotal: 0 }))).toBe('inactive');
    });
  });

  describe('virtual and mixed carts', () => {
    it.each([
      {
        what: 'only virtual lines',
        lines: [line({ virtual: true, weightGrams: null }), line({ virtual: true, storePickupEligible: false })],
      },
      { what: 'no lines', lines: [] },
    ])('$what need no shipping', ({ lines }) => {
      expect(quoteShipping({ methods: [home, pickup], lines, subtotal: 300 })).toEqual({ needsShipping: false, quotes: [] });
    });

    it('a mixed cart ships its physical lines only: the virtual ones add no weight', () => {
      const q = quoteShipping({
        methods: [byWeight, pickup, { ...home, active: false }],
        lines: [line({ weightGrams: 4000 }), line({ virtual: true, weightGrams: 9000, quantity: 5 })],
        subtotal: 800,
      });
      expect(q).toEqual({
        needsShipping: true,
        quotes: [
          {
            methodId: 'weight',
            available: true,
            fee: 130,
            baseFee: 130,
            freeShippingApplied: false,
            surcharge: 0,
            missingForFree: null,
            weightGrams: 4000,
            weightEstimated: false,
          },
          {
            methodId: 'pickup',
            available: true,
            fee: 0,
            baseFee: 60,
            freeShippingApplied: true,
            surcharge: 0,
            missingForFree: 0,
            weightGrams: 4000,
            weightEstimated: false,
          },
          { methodId: 'home', available: false, reason: 'inactive' },
        ],
      });
    });
  });

  describe('input it refuses', () => {
    it.each([
      { what: 'quantity 0', lines: [line({ quantity: 0 })], subtotal: 0 },
      { what: 'a fractional quantity', lines: [line({ quantity: 1.5 })], subtotal: 0 },
      { what: 'a negative weight', lines: [line({ weightGrams: -1 })], subtotal: 0 },
      { what: 'a negative subtotal', lines: [line()], subtotal: -1 },
    ])('$what', ({ lines, subtotal }) => {
      expect(() => quoteShipping({ methods: [home], lines, subtotal })).toThrow(RangeError);
    });
  });
});
