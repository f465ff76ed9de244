import type { Address } from '@shop/contracts/identity';
import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import { checkoutFieldOf, NEW_ADDRESS, readCheckoutForm, type CheckoutFormContext } from './checkout-form';

const zh = getTranslator('zh-TW');
const en = getTranslator('en');

const HOME = '11111111-1111-4111-8111-111111111111';
const STORE = '22222222-2222-4222-8222-222222222222';
const ORDER = '33333333-3333-4333-8333-333333333333';
const SAVED = '44444444-4444-4444-8444-444444444444';

const saved: Address = {
  id: SAVED,
  recipientName: '王小明',
  phone: '0912345678',
  postalCode: '106',
  city: '臺北市',
  district: '大安區',
  line1: '忠孝東路四段 1 號',
  line2: '5 樓',
  isDefault: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const ctx = (over: Partial<CheckoutFormContext> = {}): CheckoutFormContext => ({
  methodKinds: new Map([
    [HOME, 'home_delivery'],
    [STORE, 'store_pickup'],
  ]),
  needsShipping: true,
  savedAddresses: [],
  ...over,
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  const base: Record<string, string> = {
    orderId: ORDER,
    expectedTotal: '1200',
    buyerName: '林小華',
    buyerMobile: '0911-222-333',
    buyerEmail: 'hua@example.test',
    recipientSame: 'on',
    shippingMethodId: HOME,
    addressId: NEW_ADDRESS,
    city: '台北市',
    district: '中正區',
    postalCode: '',
    line1: '重慶南路一段 122 號',
    paymentMethod: 'bank_transfer',
    acceptTerms: 'on',
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) if (v !== '\u0000') data.set(k, v);
  return data;
}

describe('readCheckoutForm', () => {
  it('reads a guest home delivery: mobile without dashes, 台 read as 臺, the district’s postal code filled in', () => {
    const result = readCheckoutForm(form({}), ctx(), zh);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.body).toMatchObject({
      orderId: ORDER,
      buyer: { name: '林小華', mobile: '0911222333', email: 'hua@example.test' },
      recipient: { sameAsBuyer: true },
      shippingMethodId: HOME,
      address: { city: '臺北市', district: '中正區', zip: '100', line: '重慶南路一段 122 號' },
      paymentMethod: 'bank_transfer',
      acceptTerms: true,
      marketingOptIn: false,
      expected: { total: 1200 },
    });
    expect(result.body.store).toBeUndefined();
  });

  it('reads an ECPay choice: the method, and installments with their count (a count is required)', () => {
    const card = readCheckoutForm(form({ paymentMethod: 'credit' }), ctx(), zh);
    expect(card.ok && card.body).toMatchObject({ paymentMethod: 'ecpay', ecpay: { method: 'credit' } });
    const split = readCheckoutForm(form({ paymentMethod: 'installments', installments: '12' }), ctx(), zh);
    expect(split.ok && split.body).toMatchObject({ paymentMethod: 'ecpay', ecpay: { method: 'credit', installments: 12 } });
    const noCount = readCheckoutForm(form({ paymentMethod: 'installments' }), ctx(), en);
    expect(noCount.ok).toBe(false);
    if (!noCount.ok) expect(noCount.errors.installments).toBe('Choose the number of installments');
  });

  it('takes a saved address from the member’s address book, and refuses an id that is not there', () => {
    const chosen = readCheckoutForm(form({ addressId: SAVED, city: '', district: '', line1: '' }), ctx({ savedAddresses: [saved] }), zh);
    expect(chosen.ok && chosen.body.address).toEqual({ city: '臺北市', district: '大安區', zip: '106', line: '忠孝東路四段 1 號 5 樓' });

    const other = readCheckoutForm(form({ addressId: '55555555-5555-4555-8555-555555555555' }), ctx({ savedAddresses: [saved] }), zh);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.errors.addressId).toBe('找不到這個地址，請重新選擇');
  });

  it('names each wrong field in words, in the shopper’s language', () => {
    const bad = form({
      buyerName: ' ',
      buyerMobile: '12345',
      buyerEmail: 'nope',
      recipientSame: '\u0000',
      recipientName: '王',
      recipientMobile: '0800',
      city: '臺北市',
      district: '板橋區',
      paymentMethod: '\u0000',
      acceptTerms: '\u0000',
    });
    const zhResult = readCheckoutForm(bad, ctx(), zh);
    expect(zhResult.ok).toBe(false);
    if (zhResult.ok) return;
    expect(zhResult.errors).toEqual({
      buyerName: '這是必填欄位',
      buyerMobile: '請輸入台灣手機號碼，例如 0912345678',
      buyerEmail: '請輸入有效的電子郵件地址',
      recipientName: '收件人姓名需為 2–10 個字',
      recipientMobile: '請輸入台灣手機號碼，例如 0912345678',
      district: '這個鄉鎮市區不在所選的縣市裡，請重新選擇',
      paymentMethod: '請選擇付款方式',
      acceptTerms: '請勾選同意服務條款與退換貨政策',
    });
    const enResult = readCheckoutForm(bad, ctx(), en);
    if (!enResult.ok) expect(enResult.errors.acceptTerms).toBe('Please accept the terms of service and the return policy');
  });

  it('keeps what was typed to show it again, the checkboxes as on or blank', () => {
    const result = readCheckoutForm(form({ acceptTerms: '\u0000', marketingOptIn: 'on', note: '請下午送' }), ctx(), zh);
    expect(result.ok).toBe(false);
    expect(result.values).toMatchObject({ buyerName: '林小華', acceptTerms: '', marketingOptIn: 'on', note: '請下午送', city: '台北市' });
  });

  it('checks the postal code against the district', () => {
    const result = readCheckoutForm(form({ postalCode: '106' }), ctx(), zh);
    expect(!result.ok && result.errors.postalCode).toBe('郵遞區號和所選的鄉鎮市區不符');
    const longer = readCheckoutForm(form({ postalCode: '100006' }), ctx(), zh);
    expect(longer.ok && longer.body.address?.zip).toBe('100006');
  });

  it('asks for a shipping method the cart offers, and a store for store pickup', () => {
    const none = readCheckoutForm(form({ shippingMethodId: '' }), ctx(), zh);
    expect(!none.ok && none.errors.shippingMethodId).toBe('請選擇配送方式');

    const noStore = readCheckoutForm(form({ shippingMethodId: STORE }), ctx(), zh);
    expect(!noStore.ok && noStore.errors.store).toBe('請填寫取貨門市');

    const store = { id: '131386', name: '鑫台北門市', address: '臺北市中正區忠孝西路一段 49 號', brand: 'seven_eleven' };
    const picked = readCheckoutForm(form({ shippingMethodId: STORE }), ctx({ store }), zh);
    expect(picked.ok && picked.body).toMatchObject({ store, shippingMethodId: STORE });
    expect(picked.ok && picked.body.address).toBeUndefined();
  });

  it('asks nothing about delivery when every line is virtual', () => {
    const result = readCheckoutForm(
      form({ shippingMethodId: '', recipientSame: '\u0000', recipientName: '' }),
      ctx({ needsShipping: false }),
      zh,
    );
    expect(result.ok && result.body).toMatchObject({ shippingMethodId: null, recipient: { sameAsBuyer: true } });
    expect(result.ok && result.body.address).toBeUndefined();
  });

  it('sends the gifts the page showed, and a form without its order id asks for a reload', () => {
    const gifts = [{ variantId: '66666666-6666-4666-8666-666666666666', quantity: 1 }];
    const result = readCheckoutForm(form({}), ctx({ gifts }), zh);
    expect(result.ok && result.body.expected).toEqual({ total: 1200, gifts });

    const stale = readCheckoutForm(form({ orderId: 'x' }), ctx(), en);
    expect(!stale.ok && stale.errors).toEqual({ form: 'This checkout page has expired; reload it and try again' });
  });
});

describe('checkoutFieldOf', () => {
  it('maps contract and API paths to the form’s fields', () => {
    expect(checkoutFieldOf('body.buyer.mobile')).toBe('buyerMobile');
    expect(checkoutFieldOf('recipient.name')).toBe('recipientName');
    expect(checkoutFieldOf('body.address.zip')).toBe('postalCode');
    expect(checkoutFieldOf('address')).toBe('line1');
    expect(checkoutFieldOf('body.store.id')).toBe('store');
    expect(checkoutFieldOf('shippingMethodId')).toBe('shippingMethodId');
    expect(checkoutFieldOf('body.orderId')).toBe('form');
  });
});
