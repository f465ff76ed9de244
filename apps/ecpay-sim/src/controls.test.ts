import { STAGE_AIO, buildQueryTradeInfo, parsePaymentInfo, parsePaymentResult, parseQueryTradeInfoResponse } from '@shop/ecpay';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createShopper,
  fieldOnPage,
  formsOf,
  postForm,
  startMerchant,
  startSimulator,
  type Merchant,
  type RunningSimulator,
} from './testing.js';

let sim: RunningSimulator;
let shop: Merchant;
beforeAll(async () => {
  shop = await startMerchant();
  sim = await startSimulator();
});
afterEach(async () => {
  await control('DELETE', '/faults');
});
afterAll(async () => {
  await sim.close();
  await shop.close();
});

const { order, open, press, errorCode, notices, result, control, tradeView } = createShopper(() => ({ sim, shop }));

async function queried(merchantTradeNo: string) {
  const form = buildQueryTradeInfo({ merchantTradeNo, now: new Date() }, STAGE_AIO);
  const parsed = parseQueryTradeInfoResponse((await postForm(`${sim.url}${form.action}`, form.fields)).text, STAGE_AIO);
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.trade;
}

const fault = async (body: Record<string, unknown>) => expect((await control('POST', '/faults', body)).status).toBe(200);
const pay = (input: ReturnType<typeof order>) => open(input).then((html) => press(html, '/SimCashier/pay', '付款成功'));

describe('notification faults', () => {
  it('duplicate: sends N copies of the notification at once, each valid', async () => {
    const input = order('DUPN');
    await fault({ merchantTradeNo: input.merchantTradeNo, duplicate: 3 });
    await pay(input);
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(3));
    const copies = notices('/return', input.merchantTradeNo).map((r) => result(r.fields));
    expect(new Set(copies.map((c) => `${c.tradeNo}/${c.rtnCode}`)).size).toBe(1);
    expect((await tradeView(input.merchantTradeNo)).deliveries.map((d) => [d.attempt, d.copy])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
  });

  it('delay: the shopper’s browser is back at the shop before the server notification arrives', async () => {
    const input = order('DELAY', { orderResultUrl: `${shop.url}/result` });
    await fault({ merchantTradeNo: input.merchantTradeNo, delayMs: 1000 });
    const page = await pay(input);
    const browser = formsOf(page).find((f) => f.id === 'result')!;
    await postForm(browser.action, browser.fields);
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1), { timeout: 10_000 });
    const arrivals = shop.received.filter((r) => r.fields.MerchantTradeNo === input.merchantTradeNo).map((r) => r.path);
    expect(arrivals).toEqual(['/result', '/return']);
  });

  it('reorder: the code notice (PaymentInfoURL) arrives after the payment result (ReturnURL)', async () => {
    const input = order('REORD', { choosePayment: 'ATM', paymentInfoUrl: `${shop.url}/info` });
    await fault({ merchantTradeNo: input.merchantTradeNo, reorder: true });
    const issued = await press(await open(input), '/SimCashier/issue', '取號');
    expect((await tradeView(input.merchantTradeNo)).deliveries).toEqual([]);
    await press(issued, '/SimCashier/pay-code', '模擬付款');
    await vi.waitFor(() => expect(notices('/info', input.merchantTradeNo)).toHaveLength(1));
    const arrivals = shop.received.filter((r) => r.fields.MerchantTradeNo === input.merchantTradeNo).map((r) => r.path);
    expect(arrivals).toEqual(['/return', '/info']);
    expect(parsePaymentInfo(notices('/info', input.merchantTradeNo)[0]!.fields, STAGE_AIO)).toMatchObject({
      ok: true,
      notification: { issued: true },
    });
  });

  it('drop: nothing reaches the shop, and QueryTradeInfo still tells the truth', async () => {
    const input = order('DROP');
    await fault({ merchantTradeNo: input.merchantTradeNo, drop: true });
    await pay(input);
    await vi.waitFor(async () => expect((await tradeView(input.merchantTradeNo)).deliveries.map((d) => d.outcome)).toEqual(['dropped']));
    expect(notices('/return', input.merchantTradeNo)).toEqual([]);
    expect(await queried(input.merchantTradeNo)).toMatchObject({ status: 'paid', tradeAmt: 1280 });
  });

  it('badSignature: the notification and the browser’s result fail verification', async () => {
    const input = order('BADSIG', { orderResultUrl: `${shop.url}/result` });
    await fault({ merchantTradeNo: input.merchantTradeNo, badSignature: true });
    const page = await pay(input);
    const browser = formsOf(page).find((f) => f.id === 'result')!;
    expect(parsePaymentResult(browser.fields, STAGE_AIO)).toMatchObject({ ok: false, error: 'bad_mac' });
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo).length).toBeGreaterThan(0));
    expect(parsePaymentResult(notices('/return', input.merchantTradeNo)[0]!.fields, STAGE_AIO)).toMatchObject({
      ok: false,
      error: 'bad_mac',
    });
  });

  it('amountDelta: a correctly signed notification with another TradeAmt; QueryTradeInfo keeps the real amount', async () => {
    const input = order('AMTX');
    await fault({ merchantTradeNo: input.merchantTradeNo, amountDelta: -1000 });
    await pay(input);
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    expect(result(notices('/return', input.merchantTradeNo)[0]!.fields)).toMatchObject({ paid: true, tradeAmt: 280 });
    expect(await queried(input.merchantTradeNo)).toMatchObject({ tradeAmt: 1280 });
  });

  it('applies global faults to every trade until they are cleared', async () => {
    await fault({ drop: true });
    const a = order('GLOB');
    await pay(a);
    await vi.waitFor(async () => expect((await tradeView(a.merchantTradeNo)).deliveries.map((d) => d.outcome)).toEqual(['dropped']));
    expect((await control('DELETE', '/faults')).json).toEqual({ global: {}, trades: {} });
    const b = order('GLOB');
    await pay(b);
    await vi.waitFor(() => expect(notices('/return', b.merchantTradeNo)).toHaveLength(1));
  });

  it('refuses faults it does not know or values out of range', async () => {
    for (const body of [{ duplicate: 0 }, { delayMs: -1 }, { explode: true }, { merchantTradeNo: 'bad-no', drop: true }]) {
      const res = await control('POST', '/faults', body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ code: 'INVALID_FAULTS' });
    }
  });
});

describe('trade controls', () => {
  it('expire: a CVS code past its deadline cannot be paid, nothing is notified, QueryTradeInfo says not established', async () => {
    const input = order('EXP', { choosePayment: 'CVS', paymentInfoUrl: `${shop.url}/info` });
    const issued = await press(await open(input), '/SimCashier/issue', '取號');
    await vi.waitFor(() => expect(notices('/info', input.merchantTradeNo)).toHaveLength(1));
    expect(await queried(input.merchantTradeNo)).toMatchObject({ status: 'unpaid' });

    expect((await control('POST', `/trades/3002607/${input.merchantTradeNo}/expire`)).json).toMatchObject({ status: 'expired' });
    expect(await queried(input.merchantTradeNo)).toMatchObject({ status: 'not_established', tradeStatus: '10200095' });
    const late = await press(issued, '/SimCashier/pay-code', '模擬付款');
    expect(late).toContain('data-result="expired"');
    expect((await control('POST', `/trades/3002607/${input.merchantTradeNo}/pay`, {})).status).toBe(409);
    expect(notices('/return', input.merchantTradeNo)).toEqual([]);
  });

  it('pay: pays an issued code as the back-office “模擬付款” (SimulatePaid=1)', async () => {
    const input = order('SIMPAID', { choosePayment: 'BARCODE' });
    const issued = await press(await open(input), '/SimCashier/issue', '取號');
    expect(fieldOnPage(issued, 'Barcode3')).toBeTruthy();
    expect((await control('POST', `/trades/3002607/${input.merchantTradeNo}/pay`, { simulatePaid: true })).json).toMatchObject({
      status: 'paid',
    });
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    expect(result(notices('/return', input.merchantTradeNo)[0]!.fields)).toMatchObject({
      paid: true,
      simulatePaid: true,
      paymentType: 'BARCODE_BARCODE',
    });
  });

  it('resend: sends the result again, saying paid', async () => {
    const input = order('RESEND');
    await pay(input);
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(1));
    expect((await control('POST', `/trades/3002607/${input.merchantTradeNo}/resend`)).status).toBe(202);
    await vi.waitFor(() => expect(notices('/return', input.merchantTradeNo)).toHaveLength(2));
    expect(notices('/return', input.merchantTradeNo).map((r) => result(r.fields).rtnMsg)).toEqual(['交易成功', 'paid']);
  });

  it('close: only a card payment that is not closed yet; unknown trades answer 404', async () => {
    const atm = order('CLATM', { choosePayment: 'ATM' });
    await open(atm);
    expect((await control('POST', `/trades/3002607/${atm.merchantTradeNo}/close`)).status).toBe(409);
    expect((await control('POST', '/trades/3002607/NOSUCH1/close')).status).toBe(404);
    expect((await control('GET', '/trades/3002607/NOSUCH1')).status).toBe(404);
    expect(errorCode(await postForm(`${sim.url}/SimCashier/pay`, { TradeNo: '0' }).then((r) => r.text))).toBe('TradeNotFound');
  });
});
