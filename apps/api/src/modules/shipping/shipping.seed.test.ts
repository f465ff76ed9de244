import { carriersOfKind } from '@shop/contracts/shipping';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHIPPING_METHODS } from './shipping.seed.js';

const base = (m: (typeof DEFAULT_SHIPPING_METHODS)[number]) => (m.fee.type === 'flat' ? m.fee.amount : m.fee.bands[0]!.fee);

describe('default shipping methods', () => {
  it('have unique codes and carriers of their kind', () => {
    expect(new Set(DEFAULT_SHIPPING_METHODS.map((m) => m.code)).size).toBe(DEFAULT_SHIPPING_METHODS.length);
    for (const m of DEFAULT_SHIPPING_METHODS) expect(carriersOfKind(m.kind), m.code).toContain(m.carrier);
  });

  it.each(DEFAULT_SHIPPING_METHODS.filter((m) => m.kind === 'store_pickup').map((m) => ({ code: m.code, m })))(
    '$code: NT$60–70, free from NT$499–999, ≤ 5 kg, NT$1–20,000',
    ({ m }) => {
      expect(base(m)).toBeGreaterThanOrEqual(60);
      expect(base(m)).toBeLessThanOrEqual(70);
      expect(m.freeShippingThreshold).toBeGreaterThanOrEqual(499);
      expect(m.freeShippingThreshold).toBeLessThanOrEqual(999);
      expect(m).toMatchObject({ maxWeightGrams: 5000, minOrderAmount: 1, maxOrderAmount: 20_000, active: true });
    },
  );

  it.each(DEFAULT_SHIPPING_METHODS.filter((m) => m.kind === 'home_delivery').map((m) => ({ code: m.code, m })))(
    '$code: from NT$100–150, free from NT$1,000–1,500',
    ({ m }) => {
      expect(base(m)).toBeGreaterThanOrEqual(100);
      expect(base(m)).toBeLessThanOrEqual(150);
      expect(m.freeShippingThreshold).toBeGreaterThanOrEqual(1000);
      expect(m.freeShippingThreshold).toBeLessThanOrEqual(1500);
    },
  );

  it('cover every store chain', () => {
    expect(
      DEFAULT_SHIPPING_METHODS.filter((m) => m.kind === 'store_pickup')
        .map((m) => m.carrier)
        .sort(),
    ).toEqual([...carriersOfKind('store_pickup')].sort());
  });
});
