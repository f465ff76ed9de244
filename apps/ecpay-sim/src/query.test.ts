import {
  STAGE_AIO,
  buildDoAction,
  buildQueryTradeInfo,
  parseDoActionResponse,
  parseQueryTradeInfoResponse,
  signFields,
  type DoActionKind,
} from '@shop/ecpay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShopper, postForm, startMerchant, startSimulator, type Merchant, type RunningSimulator } from './testing.js';

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

const { order, open, press, control, tradeView, paidByCard } = createShopper(() => ({ sim, shop }));

async function query(merchantTradeNo: string, now = new Date()) {
  const form = buildQueryTradeInfo({ merchantTradeNo, now }, STAGE_AIO);
  const { text } = await postForm(`${sim.url}${form.action}`, form.fields);
  return { text, parsed: parseQueryTradeInfoResponse(text, STAGE_AIO) };
}

async function doAction(merchantTradeNo: string, tradeNo: string, action: DoActionKind, totalAmount: number) {
  const form = buildDoAction({ merchantTradeNo, tradeNo, action, totalAmount }, STAGE_AIO);
  const { text } = await postForm(`${sim.url}${form.action}`, form.fields);
  const parsed = parseDoActionResponse(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.result;
}

describe('QueryTradeInfo', () => {
  it('answers a paid card trade with ECPay’s signed, unencoded text', async () => {
    const { input, tradeNo } = await paidByCard('QPAID', { itemNames: ['C++ 入門 x1', '咖啡 #2'] });
    const { text, parsed } = await query(input.merchantTradeNo);
    expect(text).toMatch(
      /^CustomField1=&CustomField2=&CustomField3=&CustomField4=&HandlingCharge=\d+&ItemName=C\+\+ 入門 x1#咖啡 ＃2&MerchantID=3002607&/,
    );
    expect(text).toMatch(/&TradeStatus=1&CheckMacValue=[0-9A-F]{64}$/);
    expect(parsed).toMatchObject({
      ok: true,
      trade: { status: 'paid', tradeNo, tradeAmt: 1280, paymentType: 'Credit_CreditCard', itemName: 'C++ 入門 x1#咖啡 ＃2' },
    });
  });

  it('answers an order never paid as unpaid, a failed one as not established, an unknown one as not found', async () => {
    const open1 = order('QOPEN');
    await open(open1);
    expect((await query(open1.merchantTradeNo)).parsed).toMatchObject({
      ok: true,
      trade: { status: 'unpaid', paymentDate: '', tradeAmt: 1280 },
    });
    const failed = order('QFAIL');
    await press(await open(failed), '/SimCashier/pay', '付款失敗');
    expect((await query(failed.merchantTradeNo)).parsed).toMatchObject({
      ok: true,
      trade: { status: 'not_established', tradeStatus: '10200095' },
    });
    expect((await query('NOSUCHTRADE1')).parsed).toMatchObject({ ok: true, trade: { status: 'not_found', tradeStatus: '10200047' } });
  });

  it('includes extra paid info when the order asked for it', async () => {
    const { input } = await paidByCard('QEXTRA', { needExtraPaidInfo: true });
    const { parsed } = await query(input.merchantTradeNo);
    expect(parsed).toMatchObject({ ok: true, trade: { extras: { card4no: '2222', card6no: '431195', stage: '0' } } });
  });

  it('refuses a bad signature, a stale TimeStamp and an unknown merchant', async () => {
    const form = buildQueryTradeInfo({ merchantTradeNo: 'ANY1', now: new Date() }, STAGE_AIO);
    expect((await postForm(`${sim.url}${form.action}`, { ...form.fields, MerchantTradeNo: 'ANY2' })).text).toBe('0|CheckMacValue Error');
    expect((await query('ANY1', new Date(Date.now() - 10 * 60_000))).text).toBe('0|TimeStamp Error');
    const other = signFields(
      { MerchantID: '2000132', MerchantTradeNo: 'ANY1', TimeStamp: String(Math.floor(Date.now() / 1000)) },
      STAGE_AIO,
      'sha256',
    );
    const refused = (await postForm(`${sim.url}${form.action}`, other)).text;
    expect(refused).toBe('0|MerchantID Error');
    expect(parseQueryTradeInfoResponse(refused, STAGE_AIO)).toMatchObject({ ok: false, error: 'rejected' });
  });
});

describe('DoAction', () => {
  it('voids (N) an authorisation that is not closed, and then refuses to refund it', async () => {
    const { input, tradeNo } = await paidByCard('VOID');
    expect(await doAction(input.merchantTradeNo, tradeNo, 'N', 1280)).toMatchObject({ succeeded: true, rtnCode: 1, tradeNo });
    expect((await tradeView(input.merchantTradeNo)).card?.state).toBe('voided');
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 100)).toMatchObject({ succeeded: false });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'N', 1280)).toMatchObject({ succeeded: false });
  });

  it('refunds (R) a closed trade in parts, and refuses a refund beyond what is left', async () => {
    const { input, tradeNo } = await paidByCard('REFUND');
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 100)).toMatchObject({ succeeded: false, rtnMsg: '交易狀態不允許此動作' });
    expect((await control('POST', `/trades/3002607/${input.merchantTradeNo}/close`)).status).toBe(200);
    expect(await doAction(input.merchantTradeNo, tradeNo, 'N', 1280)).toMatchObject({ succeeded: false });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 300)).toMatchObject({ succeeded: true });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 981)).toMatchObject({ succeeded: false, rtnMsg: '退款金額大於可退金額' });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 980)).toMatchObject({ succeeded: true });
    expect((await tradeView(input.merchantTradeNo)).card).toMatchObject({ state: 'closed', refunded: 1280 });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 1)).toMatchObject({ succeeded: false });
  });

  it('closes (C), undoes the close (E) and then voids (N)', async () => {
    const { input, tradeNo } = await paidByCard('CLOSE');
    expect(await doAction(input.merchantTradeNo, tradeNo, 'C', 1280)).toMatchObject({ succeeded: true });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'N', 1280)).toMatchObject({ succeeded: false });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'E', 1280)).toMatchObject({ succeeded: true });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'N', 1280)).toMatchObject({ succeeded: true });
  });

  it('refunds installment trades in full only', async () => {
    const { input, tradeNo } = await paidByCard('INSTR', { creditInstallment: ['3'] });
    await control('POST', `/trades/3002607/${input.merchantTradeNo}/close`);
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 100)).toMatchObject({ succeeded: false, rtnMsg: '分期交易僅能全額退款' });
    expect(await doAction(input.merchantTradeNo, tradeNo, 'R', 1280)).toMatchObject({ succeeded: true });
  });

  it('refuses the wrong TradeNo, a trade that is not a card payment, and a bad signature', async () => {
    const { input, tradeNo } = await paidByCard('WRONG');
    expect(await doAction(input.merchantTradeNo, '2501010000000000', 'N', 1280)).toMatchObject({ succeeded: false, rtnMsg: '查無此交易' });
    const atm = order('DOATM', { choosePayment: 'ATM' });
    await press(await open(atm), '/SimCashier/issue', '取號');
    const atmTradeNo = (await tradeView(atm.merchantTradeNo)).tradeNo;
    expect(await doAction(atm.merchantTradeNo, atmTradeNo, 'R', 1280)).toMatchObject({ succeeded: false });
    const form = buildDoAction({ merchantTradeNo: input.merchantTradeNo, tradeNo, action: 'N', totalAmount: 1280 }, STAGE_AIO);
    const { text } = await postForm(`${sim.url}${form.action}`, { ...form.fields, Action: 'R' });
    expect(parseDoActionResponse(text)).toMatchObject({ ok: true, result: { succeeded: false, rtnMsg: 'CheckMacValue Error' } });
    expect((await tradeView(input.merchantTradeNo)).card?.state).toBe('authorized');
  });
});
