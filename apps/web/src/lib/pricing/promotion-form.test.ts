import { describe, expect, it } from 'vitest';
import {
  blankPromotionFields,
  fieldOfPath,
  isoToTaipei,
  percentToBasisPoints,
  promotionFields,
  promotionInput,
  promotionPatch,
  taipeiToIso,
} from './promotion-form';

const category = '0b9f7c2e-1d4a-4b8e-9f00-000000000001';
const variant = '0b9f7c2e-1d4a-4b8e-9f00-000000000002';
const product = '0b9f7c2e-1d4a-4b8e-9f00-000000000003';

describe('promotionInput', () => {
  it('reads 任選 3 件 999 for a category, automatic, starting at a Taipei time', () => {
    const { body } = promotionInput({
      ...blankPromotionFields,
      nameZh: '任選3件999',
      kind: 'bundle_price',
      groupSize: '3',
      groupPrice: '999',
      scopeType: 'categories',
      categoryIds: [category],
      startsAt: '2026-12-01T00:00',
    });
    expect(body).toMatchObject({
      name: { 'zh-TW': '任選3件999' },
      isCoupon: false,
      rule: { kind: 'bundle_price', groupSize: 3, groupPrice: 999 },
      scope: { type: 'categories', categoryIds: [category] },
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: null,
      totalLimit: null,
    });
  });

  it('reads percentages as basis points and a blank cap as none', () => {
    const { body } = promotionInput({ ...blankPromotionFields, nameZh: '全館9折', percentOff: '10', maxDiscount: '', isCoupon: true });
    expect(body?.rule).toEqual({ kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 0 });
    expect(percentToBasisPoints('12.5')).toBe(1250);
    expect(percentToBasisPoints('1.234')).toBeNaN();
  });

  it('reads rows of tiers and add-on offers, leaving out blank rows', () => {
    const tiers = promotionInput({
      ...blankPromotionFields,
      nameZh: '滿額折',
      kind: 'spend_tiers',
      tierMin: ['1000', '', '2000'],
      tierOff: ['100', '', '300'],
    });
    expect(tiers.body?.rule).toEqual({
      kind: 'spend_tiers',
      tiers: [
        { minSubtotal: 1000, amountOff: 100 },
        { minSubtotal: 2000, amountOff: 300 },
      ],
    });
    const addOn = promotionInput({
      ...blankPromotionFields,
      nameZh: '加價購',
      kind: 'add_on',
      offerProduct: [product, ''],
      offerVariant: [variant, ''],
      offerPrice: ['99', ''],
      offerMax: ['', ''],
    });
    expect(addOn.body?.rule).toEqual({
      kind: 'add_on',
      minSubtotal: 0,
      offers: [{ productId: product, variantId: variant, price: 99, maxPerOrder: 1 }],
    });
  });

  it('names the form fields of the problems', () => {
    const { issues } = promotionInput({
      ...blankPromotionFields,
      kind: 'spend_tiers',
      tierMin: ['2000', '1000'],
      tierOff: ['100', '200'],
      isCoupon: true,
      startsAt: '2026-12-02T00:00',
      endsAt: '2026-12-01T00:00',
    });
    expect(issues?.map((i) => i.field)).toEqual(['nameZh', 'tierMin.1', 'isCoupon', 'endsAt']);
    expect(fieldOfPath(['rule', 'gift', 'variantId'])).toBe('giftVariantId');
    expect(fieldOfPath(['rule', 'offers', 0, 'price'])).toBe('offerPrice.0');
    expect(fieldOfPath(['scope', 'categoryIds'])).toBe('scope');
  });
});

describe('editing', () => {
  it('round-trips a stored promotion through the form, sending the version read', () => {
    const { body } = promotionInput({
      ...blankPromotionFields,
      nameZh: '第二件6折',
      kind: 'nth_unit_percent',
      nth: '2',
      pricePercent: '60',
      startsAt: '2026-12-01T09:30',
      totalLimit: '100',
    });
    const stored = {
      ...body!,
      id: product,
      kind: 'nth_unit_percent' as const,
      status: 'active' as const,
      uses: 0,
      discountGiven: 0,
      remainingUses: 100,
      codeCount: 0,
      createdBy: null,
      updatedBy: null,
      createdAt: '',
      updatedAt: '',
      version: 3,
    };
    const fields = promotionFields(stored);
    expect(fields).toMatchObject({ pricePercent: '60', startsAt: '2026-12-01T09:30', totalLimit: '100' });
    expect(promotionPatch(fields, 3).body).toMatchObject({ version: 3, rule: body!.rule, startsAt: '2026-12-01T09:30:00+08:00' });
  });

  it('converts Taipei wall-clock times both ways', () => {
    expect(taipeiToIso(' ')).toBeNull();
    expect(isoToTaipei('2026-12-31T16:00:00Z')).toBe('2027-01-01T00:00');
  });
});
