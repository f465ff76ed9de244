import { describe, expect, it } from 'vitest';
import { blankMethodFields, fieldOfPath, methodBody, methodFields } from './method-form';

const fields = {
  ...blankMethodFields,
  code: 'tcat_home',
  nameZh: '黑貓宅急便',
  nameEn: 'T-Cat',
  amount: '120',
  freeShippingThreshold: '1,000',
};

describe('methodBody', () => {
  it('reads a flat fee, blank limits as none and a threshold with a thousands separator', () => {
    const { body } = methodBody(fields);
    expect(body).toMatchObject({
      code: 'tcat_home',
      fee: { type: 'flat', amount: 120 },
      freeShippingThreshold: 1000,
      maxWeightGrams: null,
      maxOrderAmount: null,
      islandSurcharge: 0,
    });
  });

  it('reads weight bands, leaving out blank rows', () => {
    const { body } = methodBody({ ...fields, feeType: 'weight', bandUpTo: ['5000', '', '10000'], bandFee: ['100', '', '150'] });
    expect(body?.fee).toEqual({
      type: 'weight',
      bands: [
        { upToGrams: 5000, fee: 100 },
        { upToGrams: 10000, fee: 150 },
      ],
    });
  });

  it('names the fields that are wrong', () => {
    const { errors } = methodBody({
      ...fields,
      code: 'Bad Code',
      amount: 'abc',
    });
    expect(errors).toEqual({ code: 'admin.shippingMethod.codeHint', amount: 'admin.shippingMethod.wholeNumber' });
    expect(methodBody({ ...fields, carrier: 'seven_eleven' }).errors).toEqual({ carrier: 'admin.shippingMethod.carrierNotOfKind' });
    expect(methodBody({ ...fields, feeType: 'weight', bandUpTo: ['5000', '3000'], bandFee: ['100', '120'] }).errors).toEqual({
      'bandUpTo.1': 'admin.shippingMethod.bandsAscending',
    });
  });

  it('maps schema paths to fields and round-trips a stored method', () => {
    expect(fieldOfPath(['fee', 'bands', 2, 'fee'])).toBe('bandFee.2');
    expect(fieldOfPath(['name', 'zh-TW'])).toBe('nameZh');
    const { body } = methodBody(fields);
    const stored = { ...body!, id: '00000000-0000-4000-8000-000000000000', createdAt: '', updatedAt: '' };
    expect(methodBody(methodFields(stored)).body).toEqual(body);
  });
});
