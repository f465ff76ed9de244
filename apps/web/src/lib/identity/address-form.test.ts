import { describe, expect, it } from 'vitest';
import { addressToValues, formatAddressLine, readAddressForm } from './address-form';

function formData(entries: Array<[string, string | Blob]>): FormData {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
}

describe('the address form', () => {
  it('reads every field, with the default flag as a boolean', () => {
    const { values, input } = readAddressForm(
      formData([
        ['recipientName', '王小明'],
        ['phone', '0912345678'],
        ['postalCode', '106'],
        ['city', '臺北市'],
        ['district', '大安區'],
        ['line1', '復興南路一段 1 號'],
        ['isDefault', 'on'],
      ]),
    );

    expect(input).toEqual({
      recipientName: '王小明',
      phone: '0912345678',
      postalCode: '106',
      city: '臺北市',
      district: '大安區',
      line1: '復興南路一段 1 號',
      line2: '',
      isDefault: true,
    });
    expect(values.isDefault).toBe('on');
    expect(values.line2).toBe('');
  });

  it('fills the edit form from a saved address', () => {
    const address = {
      id: '00000000-0000-4000-8000-000000000001',
      recipientName: '王小明',
      phone: '02-23456789',
      postalCode: '10617',
      city: '臺北市',
      district: '大安區',
      line1: '羅斯福路四段 1 號',
      line2: '3 樓',
      isDefault: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(addressToValues(address)).toMatchObject({ postalCode: '10617', line2: '3 樓', isDefault: '' });
    expect(formatAddressLine(address)).toBe('10617 臺北市大安區羅斯福路四段 1 號 3 樓');
  });
});
