import type { Cart, CartLine } from '@shop/contracts/cart';
import { describe, expect, it } from 'vitest';
import {
  cartUnits,
  checkoutBlockers,
  clampQuantity,
  couponRefusal,
  couponRefusalKey,
  lineMaxQuantity,
  lineNotices,
  maxAddQuantity,
  productName,
  requestedQuantity,
  shippingSummary,
  unitsStillAddable,
  variantStock,
} from './cart';

function line(over: Partial<CartLine> = {}): CartLine {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    variantId: '00000000-0000-4000-8000-0000000000a1',
    productId: '00000000-0000-4000-8000-0000000000b1',
    sku: 'TEE-M',
    slug: 'tee',
    productName: { 'zh-TW': '圓領T恤', en: 'Crew tee' },
    options: [],
    imageUrl: null,
    quantity: 2,
    unitPrice: 490,
    unitPriceWhenAdded: 490,
    priceChanged: false,
    unavailable: false,
    exceedsAvailable: false,
    available: 10,
    addOnOf: null,
    addOnStatus: null,
    lineSubtotal: 980,
    lineDiscount: 0,
    allocatedOrderDiscount: 0,
    lineTotal: 980,
    discounts: [],
    ...over,
  };
}

const method = (over: Partial<Cart['shippingMethods'][number]> = {}): Cart['shippingMethods'][number] => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'tcat_home',
  kind: 'home_delivery',
  carrier: 'tcat',
  name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat home delivery' },
  available: true,
  reason: null,
  fee: 130,
  discount: 0,
  total: 130,
  missingForFree: 500,
  ...over,
});

const totals = (over: Partial<Cart['totals']> = {}): Cart['totals'] => ({
  subtotal: 1000,
  lineDiscounts: 0,
  orderDiscounts: 0,
  shipping: 0,
  shippingDiscount: 0,
  total: 1000,
  ...over,
});

describe('cartUnits', () => {
  it('counts units over the lines, not lines; no cart is 0', () => {
    expect(cartUnits({ lines: [line({ quantity: 2 }), line({ id: 'x', quantity: 3 })] })).toBe(5);
    expect(cartUnits(null)).toBe(0);
    expect(cartUnits({ lines: [] })).toBe(0);
  });
});

describe('variantStock', () => {
  const variant = { id: 'v1', stock: 'in_stock' as const };
  it('takes the stock API’s state and units left (told only while low)', () => {
    const told = { productId: 'p', variants: [{ variantId: 'v1', state: 'low' as const, left: 3 }] };
    expect(variantStock(told, variant)).toEqual({ state: 'low', left: 3 });
    const out = { productId: 'p', variants: [{ variantId: 'v1', state: 'out' as const, left: null }] };
    expect(variantStock(out, variant)).toEqual({ state: 'out', left: null });
  });
  it('falls back to the catalog’s state when the stock API said nothing about the variant', () => {
    expect(variantStock(null, { id: 'v1', stock: 'low' })).toEqual({ state: 'low', left: null });
    expect(variantStock({ productId: 'p', variants: [] }, variant)).toEqual({ state: 'in_stock', left: null });
    expect(variantStock(null, undefined)).toBeNull();
  });
});

describe('quantities', () => {
  it('an add asks for 1–99, never more than are left', () => {
    expect(maxAddQuantity(null)).toBe(99);
    expect(maxAddQuantity(3)).toBe(3);
    expect(maxAddQuantity(500)).toBe(99);
    expect(clampQuantity(0)).toBe(1);
    expect(clampQuantity('7', 5)).toBe(5);
    expect(clampQuantity('abc')).toBe(1);
    expect(clampQuantity(2.7)).toBe(2);
    expect(clampQuantity(150)).toBe(99);
  });

  it('a line’s form asks for the − / + button’s number before the typed one', () => {
    const form = (entries: [string, string][]) => {
      const data = new FormData();
      for (const [k, v] of entries) data.append(k, v);
      return data;
    };
    expect(requestedQuantity(form([['quantity', '4']]))).toBe(4);
    expect(
      requestedQuantity(
        form([
          ['quantity', '4'],
          ['set', '5'],
        ]),
      ),
    ).toBe(5);
    expect(requestedQuantity(form([['quantity', '0']]))).toBeNull();
    expect(requestedQuantity(form([['quantity', '100']]))).toBeNull();
    expect(requestedQuantity(form([['quantity', '2.5']]))).toBeNull();
    expect(requestedQuantity(form([]))).toBeNull();
  });

  it('a line’s stepper stops at what is left (at least 1, so a line over it can still be lowered)', () => {
    expect(lineMaxQuantity({ available: null, quantity: 3 })).toBe(99);
    expect(lineMaxQuantity({ available: 4, quantity: 2 })).toBe(4);
    expect(lineMaxQuantity({ available: 0, quantity: 2 })).toBe(1);
  });

  it('after a shortage, the units still addable are what can be sold less what the cart already holds', () => {
    expect(unitsStillAddable({ available: 5, requested: 7 }, 3)).toBe(1);
    expect(unitsStillAddable({ available: 2, requested: 3 }, 3)).toBe(2);
    expect(unitsStillAddable({ available: 2, requested: 9 }, 1)).toBe(0);
    expect(unitsStillAddable(undefined, 1)).toBe(0);
  });
});

describe('lineNotices', () => {
  it('says a price moved, with both prices', () => {
    expect(lineNotices(line({ priceChanged: true, unitPriceWhenAdded: 590, unitPrice: 490 }))).toEqual([
      { kind: 'priceChanged', from: 590, to: 490 },
    ]);
  });
  it('says only that an unavailable line cannot be bought', () => {
    expect(lineNotices(line({ unavailable: true, priceChanged: true }))).toEqual([{ kind: 'unavailable' }]);
  });
  it('says how many are left when the line asks for more', () => {
    expect(lineNotices(line({ exceedsAvailable: true, available: 1 }))).toEqual([{ kind: 'exceeds', available: 1 }]);
  });
});

describe('coupon refusals', () => {
  it('reads the reason and its figures from the problem document', () => {
    expect(couponRefusal({ code: 'COUPON_INVALID', reason: 'minimum_not_met', missingAmount: 120 })).toEqual({
      reason: 'minimum_not_met',
      missingAmount: 120,
      limit: null,
    });
    expect(couponRefusal({ reason: 'bogus' }).reason).toBe('unknown');
    expect(couponRefusal(null).reason).toBe('unknown');
  });
  it('picks the words: the missing amount when known, the per-customer limit apart from the total', () => {
    expect(couponRefusalKey({ reason: 'minimum_not_met', missingAmount: 120, limit: null })).toBe('cart.coupon.refused.minimum_not_met');
    expect(couponRefusalKey({ reason: 'minimum_not_met', missingAmount: null, limit: null })).toBe(
      'cart.coupon.refused.minimum_not_met_plain',
    );
    expect(couponRefusalKey({ reason: 'used_up', missingAmount: null, limit: 'per_customer' })).toBe(
      'cart.coupon.refused.used_up_per_customer',
    );
    expect(couponRefusalKey({ reason: 'used_up', missingAmount: null, limit: 'total' })).toBe('cart.coupon.refused.used_up');
    expect(couponRefusalKey({ reason: 'expired', missingAmount: null, limit: null })).toBe('cart.coupon.refused.expired');
  });
});

describe('shippingSummary', () => {
  const m = method();
  it('asks for a method until one is chosen, and says nothing for a cart that needs no shipping', () => {
    expect(shippingSummary({ needsShipping: true, shippingMethodId: null, shippingMethods: [m], totals: totals() })).toEqual({
      kind: 'choose',
    });
    expect(shippingSummary({ needsShipping: false, shippingMethodId: null, shippingMethods: [], totals: totals() })).toEqual({
      kind: 'none',
    });
  });
  it('tells the fee, what a promotion waives, and free when nothing is left to pay', () => {
    expect(
      shippingSummary({ needsShipping: true, shippingMethodId: m.id, shippingMethods: [m], totals: totals({ shipping: 130 }) }),
    ).toEqual({
      kind: 'fee',
      fee: 130,
      discount: 0,
      total: 130,
    });
    expect(
      shippingSummary({
        needsShipping: true,
        shippingMethodId: m.id,
        shippingMethods: [m],
        totals: totals({ shipping: 130, shippingDiscount: 130 }),
      }),
    ).toEqual({ kind: 'free', fee: 130 });
    expect(shippingSummary({ needsShipping: true, shippingMethodId: m.id, shippingMethods: [m], totals: totals({ shipping: 0 }) })).toEqual(
      {
        kind: 'free',
        fee: 0,
      },
    );
  });
});

describe('checkoutBlockers and names', () => {
  it('counts lines checkout would refuse', () => {
    expect(checkoutBlockers({ lines: [line({ unavailable: true }), line({ id: 'b', exceedsAvailable: true })] })).toEqual({
      empty: false,
      unavailable: 1,
      exceeding: 1,
    });
    expect(checkoutBlockers({ lines: [line({ unavailable: true })] }).empty).toBe(true);
  });
  it('names a product in the page’s language, falling back to zh-TW, then the SKU', () => {
    expect(productName(line(), 'en', '?')).toBe('Crew tee');
    expect(productName(line({ productName: { 'zh-TW': '圓領T恤', en: '' } }), 'en', '?')).toBe('圓領T恤');
    expect(productName(line({ productName: null }), 'zh-TW', '?')).toBe('TEE-M');
    expect(productName({ productName: null }, 'zh-TW', '商品')).toBe('商品');
  });
});
