import { describe, expect, it } from 'vitest';
import { PaymentSettingsValues, StoreSettingsValues, TaxId } from './store.js';

const codeOf = (value: string) => {
  const parsed = TaxId.safeParse(value);
  if (parsed.success) return 'ok';
  const issue = parsed.error.issues[0]!;
  return (issue as { params?: { code?: string } }).params?.code ?? issue.code;
};

describe('統一編號', () => {
  it.each([
    ['04595257', 'ok'],
    // Valid by the 2023 rule only: the weighted sum is a multiple of 5, not of 10.
    ['00000005', 'ok'],
    // The 7th digit is 7 and the sum plus one is the multiple.
    ['10458575', 'ok'],
    [' 04595257 ', 'ok'],
    ['12345678', 'tax_id_checksum'],
    ['1234567', 'invalid_format'],
    ['0459525A', 'invalid_format'],
    ['０４５９５２５７', 'invalid_format'],
  ])('%s → %s', (value, expected) => {
    expect(codeOf(value)).toBe(expected);
  });
});

describe('store settings values', () => {
  it('store blank optional fields as null and normalise phone numbers to digits', () => {
    const parsed = StoreSettingsValues.parse({
      name: { 'zh-TW': ' 好物小舖 ', en: '' },
      contactEmail: ' ',
      phone: '(02) 2345-6789',
      serviceLine: '0800-123-456',
      address: '',
      businessHours: { 'zh-TW': '', en: '' },
      companyName: null,
      taxId: '',
      representative: '  ',
    });
    expect(parsed).toEqual({
      name: { 'zh-TW': '好物小舖', en: '' },
      contactEmail: null,
      phone: '0223456789',
      serviceLine: '0800123456',
      address: null,
      businessHours: { 'zh-TW': '', en: '' },
      companyName: null,
      taxId: null,
      representative: null,
    });
  });
});

describe('PaymentSettingsValues', () => {
  const defaults = {
    credit: true,
    installments: [],
    applePay: false,
    atm: true,
    cvs: true,
    barcode: true,
    bankTransfer: true,
    cashOnDelivery: true,
    atmDays: 3,
    cvsMinutes: 10080,
    barcodeDays: 7,
  };
  const codesOf = (v: unknown) => {
    const r = PaymentSettingsValues.safeParse(v);
    return r.success
      ? []
      : r.error.issues.map((i) => `${i.path.join('.')}:${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
  };

  it('takes the defaults and sorts the installment counts', () => {
    expect(PaymentSettingsValues.parse({ ...defaults, installments: [12, 3] }).installments).toEqual([3, 12]);
  });

  it('refuses no way to pay, installments without the card, repeated or unknown counts and deadlines out of range', () => {
    const none = { credit: false, applePay: false, atm: false, cvs: false, barcode: false, bankTransfer: false, cashOnDelivery: false };
    expect(codesOf({ ...defaults, ...none })).toEqual(['credit:no_payment_method']);
    expect(codesOf({ ...defaults, credit: false, installments: [6] })).toEqual(['installments:installments_need_card']);
    expect(codesOf({ ...defaults, installments: [6, 6] })).toHaveLength(1);
    expect(codesOf({ ...defaults, installments: [24] })).toHaveLength(1);
    expect(codesOf({ ...defaults, atmDays: 0, cvsMinutes: 43201, barcodeDays: 31 }).map((c) => c.split(':')[0])).toEqual([
      'atmDays',
      'cvsMinutes',
      'barcodeDays',
    ]);
  });
});
