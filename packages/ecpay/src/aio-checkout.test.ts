import { describe, expect, it } from 'vitest';
import { AioCheckoutRequest, AioRequestError, buildAioCheckout, cutText, joinItemNames, type AioCheckoutInput } from './aio-checkout.js';
import { signFields, verifyCheckMacValue } from './check-mac-value.js';
import { STAGE_AIO, type EcpayMerchant } from './stage.js';

const legacy: EcpayMerchant = { merchantId: '2000132', hashKey: '5294y06JbISpM5x9', hashIv: 'v77hoKGq4kWxNNIS' };

/** The documented worked example, as the shop would describe it. */
const workedExample: AioCheckoutInput = {
  merchantTradeNo: 'ecpay20230312153023',
  tradeDate: new Date('2023-03-12T07:30:23Z'), // 15:30:23 in Taipei
  totalAmount: 30000,
  tradeDesc: '促銷方案',
  itemNames: ['Apple iphone 15'],
  returnUrl: 'https://www.ecpay.com.tw/receive.php',
  choosePayment: 'ALL',
};

const order: AioCheckoutInput = {
  merchantTradeNo: 'SHOP1001A1',
  tradeDate: new Date('2026-12-07T16:30:00Z'),
  totalAmount: 1280,
  tradeDesc: '測試商店訂單',
  itemNames: ['咖啡豆 200g x1', '濾掛 10入 x2'],
  returnUrl: 'https://shop.example/api/payments/ecpay/notify',
  choosePayment: 'Credit',
};

const issuesOf = (input: AioCheckoutInput, merchant: EcpayMerchant = STAGE_AIO) => {
  try {
    buildAioCheckout(input, merchant);
    return [];
  } catch (e) {
    if (e instanceof AioRequestError) return e.issues.map((i) => i.field);
    throw e;
  }
};

describe('buildAioCheckout', () => {
  it('reproduces the documented worked example field for field and checksum for checksum', () => {
    const form = buildAioCheckout(workedExample, STAGE_AIO);
    expect(form.action).toBe('/Cashier/AioCheckOut/V5');
    expect(form.fields).toEqual({
      TradeDesc: '促銷方案',
      PaymentType: 'aio',
      MerchantTradeDate: '2023/03/12 15:30:23',
      MerchantTradeNo: 'ecpay20230312153023',
      MerchantID: '3002607',
      ReturnURL: 'https://www.ecpay.com.tw/receive.php',
      ItemName: 'Apple iphone 15',
      TotalAmount: '30000',
      ChoosePayment: 'ALL',
      EncryptType: '1',
      CheckMacValue: '6C51C9E6888DE861FD62FB1DD17029FC742634498FD813DC43D4243B5685B840',
    });
  });

  it('reproduces the PHP SDK’s signed order with the legacy merchant', () => {
    const form = buildAioCheckout(
      {
        merchantTradeNo: 'Test201102145704',
        tradeDate: new Date('2020-10-20T06:57:04Z'),
        totalAmount: 100,
        tradeDesc: '檢查碼建立測試',
        itemNames: ['測試商品 100 TWD x 1'],
        returnUrl: 'https://www.ecpay.com.tw/receive.php',
        choosePayment: 'ALL',
      },
      legacy,
    );
    expect(form.fields.CheckMacValue).toBe('5DC5C11B7E9D42A5D750511E6BE08CDE759104F7EAB6CDD761AE120A5A8ABB34');
  });

  it('writes the trade date in Taiwan time whatever the instant’s day in UTC', () => {
    const form = buildAioCheckout({ ...order, tradeDate: new Date('2026-12-31T16:05:09Z') }, STAGE_AIO);
    expect(form.fields.MerchantTradeDate).toBe('2027/01/01 00:05:09');
  });

  it('joins item names with # and sends only the optional fields it was given', () => {
    const form = buildAioCheckout(
      {
        ...order,
        choosePayment: 'ATM',
        atmExpireDays: 5,
        paymentInfoUrl: 'https://shop.example/api/payments/ecpay/info',
        clientBackUrl: 'https://shop.example/orders/1001',
        needExtraPaidInfo: true,
        customFields: ['order-1001'],
      },
      STAGE_AIO,
    );
    expect(form.fields).toMatchObject({
      ItemName: '咖啡豆 200g x1#濾掛 10入 x2',
      ChoosePayment: 'ATM',
      ExpireDate: '5',
      PaymentInfoURL: 'https://shop.example/api/payments/ecpay/info',
      NeedExtraPaidInfo: 'Y',
      CustomField1: 'order-1001',
    });
    expect(form.fields).not.toHaveProperty('CustomField2');
    expect(form.fields).not.toHaveProperty('OrderResultURL');
    expect(verifyCheckMacValue(form.fields, STAGE_AIO, 'sha256')).toBe(true);
  });

  it('lists installments and hidden methods as ECPay writes them', () => {
    const card = buildAioCheckout({ ...order, creditInstallment: ['3', '6', '12'] }, STAGE_AIO);
    expect(card.fields.CreditInstallment).toBe('3,6,12');
    const all = buildAioCheckout({ ...order, choosePayment: 'ALL', ignorePayment: ['WebATM', 'BNPL'] }, STAGE_AIO);
    expect(all.fields.IgnorePayment).toBe('WebATM#BNPL');
  });

  it('refuses what ECPay refuses, naming the field', () => {
    expect(issuesOf({ ...order, merchantTradeNo: 'SHOP-1001' })).toEqual(['MerchantTradeNo']);
    expect(issuesOf({ ...order, merchantTradeNo: 'A'.repeat(21) })).toEqual(['MerchantTradeNo']);
    expect(issuesOf({ ...order, totalAmount: 0 })).toEqual(['TotalAmount']);
    expect(issuesOf({ ...order, totalAmount: 12.5 })).toEqual(['TotalAmount']);
    expect(issuesOf({ ...order, tradeDesc: 'x'.repeat(201) })).toEqual(['TradeDesc']);
    expect(issuesOf({ ...order, itemNames: [] })).toEqual(['ItemName']);
    expect(issuesOf({ ...order, returnUrl: 'ftp://shop.example/x' })).toEqual(['ReturnURL']);
    expect(issuesOf({ ...order, returnUrl: `https://shop.example/${'x'.repeat(190)}` })).toEqual(['ReturnURL']);
    expect(issuesOf({ ...order, orderResultUrl: order.returnUrl })).toEqual(['OrderResultURL']);
    expect(issuesOf({ ...order, customFields: ['x'.repeat(51)] })).toEqual(['CustomField1']);
    expect(issuesOf({ ...order, customFields: ['a', 'b', 'c', 'd', 'e'] })).toEqual(['CustomField5']);
    expect(issuesOf({ ...order, choosePayment: 'ATM', atmExpireDays: 61 })).toEqual(['ExpireDate']);
    expect(issuesOf({ ...order, choosePayment: 'CVS', storeExpireDate: 43201 })).toEqual(['StoreExpireDate']);
    expect(issuesOf({ ...order, choosePayment: 'BARCODE', storeExpireDate: 31 })).toEqual(['StoreExpireDate']);
    expect(issuesOf({ ...order, choosePayment: 'CVS', totalAmount: 20001 })).toEqual(['TotalAmount']);
    expect(issuesOf({ ...order, choosePayment: 'CVS', totalAmount: 26 })).toEqual(['TotalAmount']);
    expect(issuesOf({ ...order, choosePayment: 'BNPL', totalAmount: 2999 })).toEqual(['TotalAmount']);
    expect(issuesOf({ ...order, choosePayment: 'ATM', chooseSubPayment: 'FAMILY' })).toEqual(['ChooseSubPayment']);
    expect(issuesOf(order, { ...STAGE_AIO, merchantId: 'ABC' })).toEqual(['MerchantID']);
  });

  it('accepts the limits themselves', () => {
    expect(issuesOf({ ...order, choosePayment: 'ATM', atmExpireDays: 60 })).toEqual([]);
    expect(issuesOf({ ...order, choosePayment: 'CVS', totalAmount: 20000, storeExpireDate: 43200 })).toEqual([]);
    expect(issuesOf({ ...order, choosePayment: 'BARCODE', storeExpireDate: 30 })).toEqual([]);
    expect(issuesOf({ ...order, merchantTradeNo: 'A'.repeat(20), tradeDesc: 'x'.repeat(200) })).toEqual([]);
  });
});

describe('the checkout form’s rules between fields', () => {
  const signed = (fields: Record<string, string>) => signFields(fields, STAGE_AIO, 'sha256');
  const base = buildAioCheckout(order, STAGE_AIO).fields;
  const fieldsOf = (extra: Record<string, string>) => {
    const r = AioCheckoutRequest.safeParse(signed({ ...base, ...extra }));
    return r.success ? [] : r.error.issues.map((i) => String(i.path[0]));
  };

  it('keeps installments, periodic charges and UnionPay-only apart', () => {
    const periodic = { PeriodAmount: '1280', PeriodType: 'M', Frequency: '1', ExecTimes: '12' };
    expect(fieldsOf(periodic)).toEqual([]);
    expect(fieldsOf({ ...periodic, CreditInstallment: '3' })).toEqual(['CreditInstallment']);
    expect(fieldsOf({ CreditInstallment: '3', UnionPay: '1' })).toEqual(['CreditInstallment']);
    expect(fieldsOf({ ...periodic, PeriodAmount: '1000' })).toEqual(['PeriodAmount']);
    expect(fieldsOf({ ...periodic, Frequency: '13' })).toEqual(['Frequency']);
    expect(fieldsOf({ PeriodType: 'M' })).toEqual(['PeriodType']);
    expect(fieldsOf({ CreditInstallment: '5' })).toEqual(['CreditInstallment']);
  });

  it('needs a member id to remember a card, and a real date and type', () => {
    expect(fieldsOf({ BindingCard: '1' })).toEqual(['MerchantMemberID']);
    expect(fieldsOf({ BindingCard: '1', MerchantMemberID: '3002607m42' })).toEqual([]);
    expect(fieldsOf({ MerchantTradeDate: '2026/02/30 10:00:00' })).toEqual(['MerchantTradeDate']);
    expect(fieldsOf({ MerchantTradeDate: '2026-12-08 00:30:00' })).toEqual(['MerchantTradeDate']);
    expect(fieldsOf({ EncryptType: '0' })).toEqual(['EncryptType']);
    expect(fieldsOf({ PaymentType: 'credit' })).toEqual(['PaymentType']);
    expect(fieldsOf({ ChoosePayment: 'GooglePay' })).toEqual(['ChoosePayment']);
    expect(fieldsOf({ ChoosePayment: 'ALL', IgnorePayment: 'ATM#Cash' })).toEqual(['IgnorePayment']);
  });

  it('takes an ItemName longer than 400 characters (ECPay cuts it) but not an empty one', () => {
    expect(fieldsOf({ ItemName: 'x'.repeat(500) })).toEqual([]);
    expect(fieldsOf({ ItemName: ' # ' })).toEqual(['ItemName']);
  });
});

describe('item names', () => {
  it('cuts at 400 characters without splitting a character or leaving a trailing #', () => {
    const names = Array.from({ length: 60 }, (_, i) => `商品${i} 🎁 x1`);
    const joined = joinItemNames(names);
    expect(joined.length).toBeLessThanOrEqual(400);
    expect(joined.endsWith('#')).toBe(false);
    expect(joined).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate
    expect(joined.startsWith('商品0 🎁 x1#商品1 🎁 x1#')).toBe(true);
  });

  it('turns an item’s own # into ＃ so it stays one line', () => {
    expect(joinItemNames(['T-shirt #1', '  ', '杯子'])).toBe('T-shirt ＃1#杯子');
  });

  it('cuts at grapheme boundaries', () => {
    const family = '👨‍👩‍👧';
    expect(cutText(`ab${family}`, 4)).toBe('ab');
    expect(cutText(`ab${family}`, 10)).toBe(`ab${family}`);
  });
});
