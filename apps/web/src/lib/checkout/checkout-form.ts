// Reading the checkout form: what the shopper typed (to show again after a refusal) and the body of
// POST /api/checkout, with every problem named next to its field in the shopper's language.
import { CheckoutBody } from '@shop/contracts/checkout';
import type { Address } from '@shop/contracts/identity';
import { findTaiwanCity, findTaiwanDistrict, normalisePlaceName, normaliseTaiwanPhone } from '@shop/contracts/tw-address';
import type { ShippingMethodKind } from '@shop/contracts/shipping';
import type { z } from 'zod';
import { issueMessage, type FieldErrors } from '$lib/forms/field-errors';
import { checked, formValues, text, type FormValues } from '$lib/forms/form-data';
import type { Translate } from '$lib/i18n';
import { paymentFieldsOf } from './checkout-payment';

/** The form's field names (the address book's choice included; the pickup store is kept by the shop, not posted). */
export const checkoutFields = [
  'orderId',
  'expectedTotal',
  'buyerName',
  'buyerMobile',
  'buyerEmail',
  'recipientSame',
  'recipientName',
  'recipientMobile',
  'shippingMethodId',
  'addressId',
  'city',
  'district',
  'postalCode',
  'line1',
  'paymentMethod',
  'installments',
  'note',
  'acceptTerms',
  'marketingOptIn',
] as const;

/** Value of `addressId` when the shopper types an address instead of choosing a saved one. */
export const NEW_ADDRESS = 'new';

export interface CheckoutFormContext {
  /** The cart's shipping methods by id: the kind decides whether an address or a store is needed. */
  methodKinds: ReadonlyMap<string, ShippingMethodKind>;
  /** False when every line is virtual: no shipping, no recipient. */
  needsShipping: boolean;
  /** The member's address book (empty for guests). */
  savedAddresses: readonly Address[];
  /** The pickup store chosen on the chain's map (kept by the shop, not posted with the form). */
  store?: { id: string; name: string; address: string; brand: string } | undefined;
  /** The gifts the page showed, sent back for the server to compare. */
  gifts?: ReadonlyArray<{ variantId: string; quantity: number }>;
}

export type CheckoutFormResult =
  { ok: true; values: FormValues; body: CheckoutBody } | { ok: false; values: FormValues; errors: FieldErrors };

/** Contract paths (`buyer.mobile`) → the form's field names (`buyerMobile`). */
const fieldOfPath: Record<string, string> = {
  'buyer.name': 'buyerName',
  'buyer.mobile': 'buyerMobile',
  'buyer.email': 'buyerEmail',
  'recipient.name': 'recipientName',
  'recipient.mobile': 'recipientMobile',
  'address.city': 'city',
  'address.district': 'district',
  'address.zip': 'postalCode',
  'address.line': 'line1',
  store: 'store',
  'store.id': 'store',
  'store.name': 'store',
  'store.address': 'store',
  'store.brand': 'store',
  'expected.total': 'form',
  orderId: 'form',
};

/** The form field a contract path (or an API's `body.<path>`) belongs to. */
export function checkoutFieldOf(path: string): string {
  const bare = path.startsWith('body.') ? path.slice(5) : path;
  if (fieldOfPath[bare]) return fieldOfPath[bare];
  const head = bare.split('.')[0] ?? bare;
  if (head === 'address') return 'line1';
  if (head === 'recipient') return 'recipientName';
  if (head === 'ecpay') return 'paymentMethod';
  return head || 'form';
}

/** Words for the fields whose generic message would not say what is wanted. */
function messageFor(field: string, issue: z.core.$ZodIssue, t: Translate): string {
  switch (field) {
    case 'buyerMobile':
    case 'recipientMobile':
      return issue.code === 'too_small' && issue.minimum === 1 ? t('fieldError.required') : t('fieldError.mobile');
    case 'recipientName':
      return t('checkout.errors.recipientName');
    case 'postalCode':
      return t('fieldError.postalCode');
    case 'acceptTerms':
      return t('checkout.errors.acceptTerms');
    case 'paymentMethod':
      return t('checkout.errors.paymentMethod');
    case 'shippingMethodId':
      return t('checkout.errors.shippingMethod');
    case 'store':
      return t('checkout.errors.store');
    default:
      return issueMessage(issue, t);
  }
}

const blank = (s: string) => s.trim() === '';

/**
 * Reads a posted checkout form. A saved address is looked up in the member's address book (an id
 * not there is refused); a typed one must be a 縣市 and 鄉鎮市區 of the lists with a postal code
 * that starts with the district's. Home delivery needs an address, store pickup a store.
 */
export function readCheckoutForm(form: FormData, ctx: CheckoutFormContext, t: Translate): CheckoutFormResult {
  const values = formValues(form, checkoutFields);
  values.recipientSame = checked(form, 'recipientSame') ? 'on' : '';
  values.acceptTerms = checked(form, 'acceptTerms') ? 'on' : '';
  values.marketingOptIn = checked(form, 'marketingOptIn') ? 'on' : '';
  const errors: FieldErrors = {};

  const methodId = text(form, 'shippingMethodId').trim();
  const kind = ctx.methodKinds.get(methodId);
  if (ctx.needsShipping && !kind) errors.shippingMethodId = t('checkout.errors.shippingMethod');

  let address: { city: string; district: string; zip: string; line: string } | undefined;
  if (ctx.needsShipping && kind === 'home_delivery') {
    const addressId = text(form, 'addressId').trim() || NEW_ADDRESS;
    if (addressId !== NEW_ADDRESS) {
      const saved = ctx.savedAddresses.find((a) => a.id === addressId);
      if (saved) {
        address = {
          city: saved.city,
          district: saved.district,
          zip: saved.postalCode,
          line: [saved.line1, saved.line2].filter((s) => !blank(s)).join(' '),
        };
      } else errors.addressId = t('checkout.errors.savedAddress');
    } else {
      const city = text(form, 'city').trim();
      const district = text(form, 'district').trim();
      let zip = text(form, 'postalCode').trim();
      if (blank(city)) errors.city = t('fieldError.required');
      else if (!findTaiwanCity(city)) errors.city = t('fieldError.unknownCity');
      else if (blank(district)) errors.district = t('fieldError.required');
      else {
        const found = findTaiwanDistrict(city, district);
        if (!found) errors.district = t('fieldError.districtNotInCity');
        // Without scripts nothing fills the postal code: the district's own is the answer.
        else if (zip === '') zip = found.zip;
        else if (/^\d+$/.test(zip) && !zip.startsWith(found.zip)) errors.postalCode = t('fieldError.postalCodeMismatch');
      }
      address = { city: normalisePlaceName(city), district: normalisePlaceName(district), zip, line: text(form, 'line1') };
    }
  }

  let store: { id: string; name: string; address: string; brand: string } | undefined;
  if (ctx.needsShipping && kind === 'store_pickup') {
    store = ctx.store;
    if (!store) errors.store = t('checkout.errors.store');
  }

  // The payment radio carries the choice (`credit`, `installments`, `atm`, … `bank_transfer`); installments need a count.
  const payment = paymentFieldsOf(text(form, 'paymentMethod').trim(), text(form, 'installments').trim());
  if (text(form, 'paymentMethod').trim() === 'installments' && payment.ecpay?.installments === undefined)
    errors.installments = t('checkout.errors.installments');

  const sameAsBuyer = !ctx.needsShipping || checked(form, 'recipientSame');
  const expectedTotal = Number(text(form, 'expectedTotal'));
  const input = {
    orderId: text(form, 'orderId').trim(),
    buyer: {
      name: text(form, 'buyerName'),
      mobile: normaliseTaiwanPhone(text(form, 'buyerMobile')),
      email: text(form, 'buyerEmail').trim(),
    },
    recipient: sameAsBuyer
      ? { sameAsBuyer: true as const }
      : { sameAsBuyer: false as const, name: text(form, 'recipientName'), mobile: normaliseTaiwanPhone(text(form, 'recipientMobile')) },
    shippingMethodId: ctx.needsShipping ? methodId || null : null,
    ...(address ? { address } : {}),
    ...(store ? { store } : {}),
    ...payment,
    ...(blank(text(form, 'note')) ? {} : { note: text(form, 'note') }),
    acceptTerms: checked(form, 'acceptTerms'),
    marketingOptIn: checked(form, 'marketingOptIn'),
    expected: {
      total: Number.isInteger(expectedTotal) ? expectedTotal : -1,
      ...(ctx.gifts && ctx.gifts.length > 0 ? { gifts: ctx.gifts.map((g) => ({ variantId: g.variantId, quantity: g.quantity })) } : {}),
    },
  };

  const parsed = CheckoutBody.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // The union of the recipient reports against its branches; name the fields of the one chosen.
      if (path === 'recipient' && !sameAsBuyer) {
        if ([...input.recipient.name!.trim()].length < 2 || [...input.recipient.name!.trim()].length > 10)
          errors.recipientName ??= t('checkout.errors.recipientName');
        if (!/^09\d{8}$/.test(input.recipient.mobile!)) errors.recipientMobile ??= t('fieldError.mobile');
        continue;
      }
      const field = checkoutFieldOf(path);
      if (field === 'form') errors.form ??= t('checkout.errors.reload');
      else errors[field] ??= messageFor(field, issue, t);
    }
  }
  // A postal code left blank is the district's: its own error would only repeat the district's.
  if (errors.city || errors.district) delete errors.postalCode;
  if (Object.keys(errors).length > 0 || !parsed.success) {
    if (Object.keys(errors).length === 0) errors.form = t('checkout.errors.reload');
    return { ok: false, values, errors };
  }
  return { ok: true, values, body: parsed.data };
}

/** A member's buyer fields as the form starts: their name, mobile and email. */
export function memberBuyerValues(user: { displayName: string; email: string; phone?: string | null }): FormValues {
  return { buyerName: user.displayName, buyerEmail: user.email, buyerMobile: user.phone ?? '' };
}
