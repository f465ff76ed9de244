import { STAGE_AIO, buildAioCheckout, parsePaymentInfo, signFields, type AioCheckoutInput } from '@shop/ecpay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createShopper,
  fieldOnPage,
  formsOf,
  startMerchant,
  startSimulator,
  type Merchant,
  type PageForm,
  type RunningSimulator,
} from './testing.js';

let sim: RunningSimulator;
let shop: Merchant;
beforeAll(async () => {
  shop = await startMerchant();
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
  await shop.close();
});

const { order, checkout, open, press, errorCode, notices, result, tradeView } = createShopper(() => ({ sim, shop }));

/** A form signed correctly whatever it holds (to show what ECPay refuses beyond the signature). */
const signedForm = (fields: Record<string, string>) => signFields(fields, STAGE_AIO, 'sha256');
const unsigned = (input: AioCheckoutInput) => {
  const { CheckMacValue: _, ...fields } = buildAioCheckout(input, STAGE_AIO).fields;
  return fields;
};
const formTo = (html: string, step: string): PageForm | undefined => formsOf(html).find((f) => f.action.endsWith(step));

describe('checking the checkout form as ECPay does', () => {
  it('shows the cashier for a good order: its number, amount and items', async () => {
    const input = order('OK');
    const html = await open(input);
    expect(errorCode(html)).toBeUndefined();
    expect(fieldOnPage(html, 'MerchantTradeNo')).toBe(input.merchantTradeNo);
    expect(fieldOnPage(html, 'TotalAmount')).toBe('NT$ 1,280');
    expect(html).toContain('<li>咖啡豆 200g x1</li><li>濾掛 10入 x2</li>');
    expect(fieldOnPage(html, 'TradeNo')).toMatch(/^\d{16}$/);
    expect(html).toContain('lang="zh-Hant-TW"');
  });

  it('refuses a tampered form and a missing checksum', async () => {
    const signed = buildAioCheckout(order('MAC'), STAGE_AIO).fields;
    expect(errorCode(await checkout({ ...signed, TotalAmount: '1' }))).toBe('CheckMacValueError');
    const { CheckMacValue: _, ...noMac } = signed;
    expect(errorCode(await checkout(noMac))).toBe('CheckMacValueError');
    // A refused attempt does not use up the number.
    expect(errorCode(await checkout(signed))).toBeUndefined();
  });

  it('refuses a MerchantTradeNo the merchant used before, paid or not', async () => {
    const first = order('DUP');
    expect(errorCode(await open(first))).toBeUndefined();
    const again = await open({ ...first, totalAmount: 999 });
    expect(errorCode(again)).toBe('MerchantTradeNoDuplicate');
    expect(again).toContain('特店交易編號重覆');
    expect(formsOf(again)).toEqual([]);
  });

  it('refuses amounts out of the method’s range, and amounts that are not integers', async () => {
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('CVS')), ChoosePayment: 'CVS', TotalAmount: '20001' })))).toBe(
      'TotalAmountError',
    );
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('CVS')), ChoosePayment: 'CVS', TotalAmount: '26' })))).toBe(
      'TotalAmountError',
    );
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('AMT')), TotalAmount: '12.5' })))).toBe('TotalAmountError');
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('AMT')), TotalAmount: '0' })))).toBe('TotalAmountError');
  });

  it('refuses a missing or empty ItemName, naming the field', async () => {
    const { ItemName: _, ...noItems } = unsigned(order('ITEM'));
    const missing = await checkout(signedForm(noItems));
    expect(errorCode(missing)).toBe('ItemNameError');
    expect(missing).toContain('缺少必要參數：商品名稱 ItemName');
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('ITEM')), ItemName: ' # ' })))).toBe('ItemNameError');
  });

  it('cuts an ItemName longer than 400 characters instead of refusing it', async () => {
    const html = await checkout(signedForm({ ...unsigned(order('LONG')), ItemName: `${'長'.repeat(398)}商品名稱` }));
    expect(errorCode(html)).toBeUndefined();
    expect(html).toContain(`<li>${'長'.repeat(398)}商品</li>`);
  });

  it('refuses an unknown merchant, EncryptType 0, a bad date and a method the merchant has not enabled', async () => {
    const other = signFields(
      { ...unsigned(order('MID')), MerchantID: '3002599' },
      { hashKey: 'spPjZn66i0OhqJsQ', hashIv: 'hT5OJckN45isQTTs' },
      'sha256',
    );
    expect(errorCode(await checkout(other))).toBe('MerchantIDError');
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('ENC')), EncryptType: '0' })))).toBe('EncryptTypeError');
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('DATE')), MerchantTradeDate: '2026-12-07 10:00' })))).toBe(
      'MerchantTradeDateError',
    );
    expect(errorCode(await checkout(signedForm({ ...unsigned(order('BNPL')), ChoosePayment: 'BNPL', TotalAmount: '5000' })))).toBe(
      'ChoosePaymentError',
    );
    expect(errorCode(await checkout({}))).toBe('MerchantIDError');
  });

  it('sends no notification for any refused order', async () => {
    const tags = ['MAC', 'DUP', 'CVS', 'AMT', 'ITEM', 'MID', 'ENC', 'DATE', 'BNPL'];
    expect(shop.received.filter((r) => tags.some((t) => r.fields.MerchantTradeNo?.startsWith(t)))).toEqual([]);
  });
});

describe('a card payment', () => {
  it('posts a signed, paid ReturnURL notification and sends the browser to OrderResultURL with the signed result', async () => {
    const input = order('CARD', { orderResultUrl: `${shop.url}/result`, customFields: ['order-42'] });
    const page = await open(input);
    const done = await press(page, '/SimCashier/pay', '付款成功');

    const browser = formsOf(done).find((f) => f.id === 'result');
    expect(browser?.action).toBe(`${shop.url}/result`);
    expect(done).toMatch(/document\.getElementById\('result'\)\.submit\(\)/);
    const returned = result(browser!.fields);
    expect(returned).toMatchObject({
      paid: true,
      rtnMsg: 'Succeeded',
      tradeAmt: 1280,
      merchantTradeNo: input.merchantTradeNo,
      method: 'Credit',
    });

    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    const notified = result(notices('/return', input.merchantTradeNo)[0]!.fields);
    expect(notified).toMatchObject({
      paid: true,
      simulatePaid: false,
      rtnMsg: '交易成功',
      tradeAmt: 1280,
      paymentType: 'Credit_CreditCard',
      tradeNo: returned.tradeNo,
      customFields: ['order-42', '', '', ''],
    });
    // ECPay's shape on the wire: alphabetical, empty custom fields and StoreID present, CheckMacValue last.
    const names = Object.keys(notices('/return', input.merchantTradeNo)[0]!.fields);
    expect(names.at(-1)).toBe('CheckMacValue');
    expect(names).toEqual(expect.arrayContaining(['StoreID', 'CustomField2', 'CustomField4', 'SimulatePaid', 'PaymentTypeChargeFee']));
  });

  it('notifies a failed payment as failed and links back to the shop when there is no OrderResultURL', async () => {
    const input = order('FAIL', { clientBackUrl: 'https://shop.example/orders/42' });
    const done = await press(await open(input), '/SimCashier/pay', '付款失敗');
    expect(done).toContain('data-result="failed"');
    expect(done).toContain('href="https://shop.example/orders/42"');
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    expect(result(notices('/return', input.merchantTradeNo)[0]!.fields)).toMatchObject({ paid: false, rtnCode: 10100058, paymentDate: '' });
  });

  it('refuses to pay the same trade twice (a reload of the result)', async () => {
    const page = await open(order('TWICE'));
    await press(page, '/SimCashier/pay', '付款成功');
    expect(errorCode(await press(page, '/SimCashier/pay', '付款成功'))).toBe('TradeStateError');
  });

  it('offers the order’s installments and reports the chosen one', async () => {
    const input = order('INST', { creditInstallment: ['3', '6'], needExtraPaidInfo: true, totalAmount: 1000 });
    const page = await open(input);
    expect(formTo(page, '/SimCashier/pay')!.radios).toEqual([
      { name: 'Installment', value: '3', checked: true },
      { name: 'Installment', value: '6', checked: false },
    ]);
    expect(page).toContain('分期付款');
    await press(page, '/SimCashier/pay', '付款成功', { Installment: '6' });
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    const paid = result(notices('/return', input.merchantTradeNo)[0]!.fields);
    expect(paid.extras).toMatchObject({ stage: '6', stast: '170', staed: '166', card4no: '2222', card6no: '431195', amount: '1000' });
    expect(
      errorCode(
        await press(await open(order('INST2', { creditInstallment: ['3'] })), '/SimCashier/pay', '付款成功', { Installment: '12' }),
      ),
    ).toBe('CreditInstallmentError');
  });

  it('re-sends the notification until the merchant answers exactly 1|OK, re-sends saying paid', async () => {
    const input = order('RETRY');
    shop.answer = (path, n) => (path === '/retry' && n < 3 ? (n === 1 ? '1|OK\n' : 'OK') : '1|OK');
    const done = await press(await open({ ...input, returnUrl: `${shop.url}/retry` }), '/SimCashier/pay', '付款成功');
    expect(done).toContain('data-result="paid"');
    await vi.waitFor(() => expect(notices('/retry', input.merchantTradeNo)).toHaveLength(3));
    const sent = notices('/retry', input.merchantTradeNo).map((r) => result(r.fields));
    expect(sent.map((n) => n.rtnMsg)).toEqual(['交易成功', 'paid', 'paid']);
    expect(sent.every((n) => n.paid && n.tradeNo === sent[0]!.tradeNo)).toBe(true);
    const trade = await tradeView(input.merchantTradeNo);
    expect(trade.deliveries.map((d) => d.outcome)).toEqual(['not_acknowledged', 'not_acknowledged', 'acknowledged']);
  });

  it('gives up after the last attempt when the merchant never acknowledges', async () => {
    const input = order('NOACK');
    shop.answer = (path) => (path === '/broken' ? '0|ERROR' : '1|OK');
    await press(await open({ ...input, returnUrl: `${shop.url}/broken` }), '/SimCashier/pay', '付款成功');
    const deliveries = async () =>
      ((await (await fetch(`${sim.url}/_controls/trades/3002607/${input.merchantTradeNo}`)).json()) as { deliveries: unknown[] })
        .deliveries;
    await vi.waitFor(async () => expect(await deliveries()).toHaveLength(4));
    expect(notices('/broken', input.merchantTradeNo)).toHaveLength(4);
  });

  it('serves the shopper even when the merchant cannot be reached', async () => {
    const input = order('DOWN', { returnUrl: 'http://127.0.0.1:9/unreachable' });
    expect(await press(await open(input), '/SimCashier/pay', '付款成功')).toContain('data-result="paid"');
  });
});

describe('ATM, CVS and BARCODE', () => {
  it('ATM: 取號 posts the account to PaymentInfoURL, 模擬付款 posts the payment to ReturnURL', async () => {
    const input = order('ATM', {
      choosePayment: 'ATM',
      atmExpireDays: 5,
      paymentInfoUrl: `${shop.url}/info`,
      clientBackUrl: 'https://shop.example/o/1',
    });
    const page = await open(input);
    expect(formTo(page, '/SimCashier/pay')).toBeUndefined();
    // The account is good until the end of the fifth day (Taiwan time) from when it is issued.
    const fifthDay = () => new Date(Date.now() + 5 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '/');
    const deadlines = [fifthDay()];
    const issued = await press(page, '/SimCashier/issue', '取號');
    deadlines.push(fifthDay());
    const vAccount = fieldOnPage(issued, 'vAccount');
    expect(vAccount).toMatch(/^\d{16}$/);
    expect(fieldOnPage(issued, 'BankCode')).toBe('812');

    await vi.waitFor(() => expect(notices('/info', input.merchantTradeNo)).toHaveLength(1));
    const info = parsePaymentInfo(notices('/info', input.merchantTradeNo)[0]!.fields, STAGE_AIO);
    expect(info).toMatchObject({
      ok: true,
      notification: { issued: true, rtnCode: 2, bankCode: '812', vAccount, paymentType: 'ATM_TAISHIN', tradeAmt: 1280 },
    });
    if (!info.ok) return;
    expect(deadlines).toContain(info.notification.expireDate);
    expect(notices('/return', input.merchantTradeNo)).toEqual([]);

    const paid = await press(issued, '/SimCashier/pay-code', '模擬付款');
    expect(paid).toContain('data-result="paid"');
    expect(paid).toContain('href="https://shop.example/o/1"');
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    expect(result(notices('/return', input.merchantTradeNo)[0]!.fields)).toMatchObject({
      paid: true,
      paymentType: 'ATM_TAISHIN',
      simulatePaid: false,
    });
  });

  it('CVS: the code notice carries PaymentNo and the deadline in minutes; a reload shows the same code', async () => {
    const input = order('CVS', { choosePayment: 'CVS', storeExpireDate: 60, paymentInfoUrl: `${shop.url}/info` });
    const page = await open(input);
    const issued = await press(page, '/SimCashier/issue', '取號');
    const code = fieldOnPage(issued, 'PaymentNo');
    expect(code).toMatch(/^LLL\d{11}$/);
    expect(fieldOnPage(await press(page, '/SimCashier/issue', '取號'), 'PaymentNo')).toBe(code);
    await vi.waitFor(() => expect(notices('/info', input.merchantTradeNo)).toHaveLength(1));
    const info = parsePaymentInfo(notices('/info', input.merchantTradeNo)[0]!.fields, STAGE_AIO);
    expect(info).toMatchObject({
      ok: true,
      notification: { issued: true, rtnCode: 10100073, paymentNo: code, paymentType: 'CVS_CVS', barcodes: ['', '', ''] },
    });
    if (!info.ok) return;
    const minutesLeft = (Date.parse(`${info.notification.expireDate.replaceAll('/', '-').replace(' ', 'T')}+08:00`) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(58);
    expect(minutesLeft).toBeLessThanOrEqual(60);
  });

  it('ClientRedirectURL: 返回商店 posts the code’s signed fields to the shop', async () => {
    const input = order('REDIR', { choosePayment: 'CVS', clientRedirectUrl: `${shop.url}/code` });
    const issued = await press(await open(input), '/SimCashier/issue', '取號');
    const back = formTo(issued, '/code');
    expect(back?.buttons.map((b) => b.text)).toEqual(['返回商店']);
    expect(parsePaymentInfo(back!.fields, STAGE_AIO)).toMatchObject({
      ok: true,
      notification: { issued: true, merchantTradeNo: input.merchantTradeNo, paymentNo: fieldOnPage(issued, 'PaymentNo') },
    });
  });

  it('ALL: the shopper picks a method among those not ignored, BARCODE gives three segments', async () => {
    const input = order('ALL', { choosePayment: 'ALL', ignorePayment: ['WebATM', 'TWQR'], paymentInfoUrl: `${shop.url}/info` });
    const page = await open(input);
    const offered = formTo(page, '/SimCashier/choose')!.buttons.map((b) => b.value);
    expect(offered).toEqual(['Credit', 'ApplePay', 'ATM', 'CVS', 'BARCODE']);
    const barcode = await press(page, '/SimCashier/choose', '超商條碼');
    const issued = await press(barcode, '/SimCashier/issue', '取號');
    expect(fieldOnPage(issued, 'Barcode1')).toBeTruthy();
    await vi.waitFor(() => expect(notices('/info', input.merchantTradeNo)).toHaveLength(1));
    expect(parsePaymentInfo(notices('/info', input.merchantTradeNo)[0]!.fields, STAGE_AIO)).toMatchObject({
      ok: true,
      notification: { rtnCode: 10100073, paymentType: 'BARCODE_BARCODE', paymentNo: '' },
    });
  });

  it('ALL hides methods whose amount limits the order breaks', async () => {
    const page = await open(order('ALLBIG', { choosePayment: 'ALL', totalAmount: 30000 }));
    expect(formTo(page, '/SimCashier/choose')!.buttons.map((b) => b.value)).not.toContain('CVS');
  });
});
