import type { Address } from '@shop/contracts/identity';
import { checked, formValues, text, type FormValues } from '$lib/forms/form-data';

export const addressFields = ['recipientName', 'phone', 'postalCode', 'city', 'district', 'line1', 'line2', 'isDefault'] as const;

/** Pattern mismatches on these fields get their own copy (Taiwan phone, postal code). */
export const addressFormats = { phone: 'fieldError.phone', postalCode: 'fieldError.postalCode' } as const;

/** Reads a posted address form: what was typed (to show again) and the input for `AddressInput`. */
export function readAddressForm(form: FormData): { values: FormValues; input: Record<string, unknown> } {
  const values = formValues(form, addressFields);
  values.isDefault = checked(form, 'isDefault') ? 'on' : '';
  return {
    values,
    input: {
      recipientName: text(form, 'recipientName'),
      phone: text(form, 'phone'),
      postalCode: text(form, 'postalCode'),
      city: text(form, 'city'),
      district: text(form, 'district'),
      line1: text(form, 'line1'),
      line2: text(form, 'line2'),
      isDefault: checked(form, 'isDefault'),
    },
  };
}

export function addressToValues(address: Address): FormValues {
  return {
    recipientName: address.recipientName,
    phone: address.phone,
    postalCode: address.postalCode,
    city: address.city,
    district: address.district,
    line1: address.line1,
    line2: address.line2,
    isDefault: address.isDefault ? 'on' : '',
  };
}

/** One line as Taiwanese addresses are written: postal code, city, district, street. */
export function formatAddressLine(address: Pick<Address, 'postalCode' | 'city' | 'district' | 'line1' | 'line2'>): string {
  return `${address.postalCode} ${address.city}${address.district}${address.line1}${address.line2 ? ` ${address.line2}` : ''}`;
}
