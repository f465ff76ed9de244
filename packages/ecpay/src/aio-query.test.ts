import { describe, expect, it } from 'vitest';
import { buildDoAction, parseDoActionResponse } from './aio-do-action.js';
import { buildQueryTradeInfo, parseQueryTradeInfoResponse } from './aio-query.js';
import { signFields } from './check-mac-value.js';
import { STAGE_AIO, type EcpayMerchant } from './stage.js';
import { formatRawPairs } from './wire.js';

const legacy: EcpayMerchant = { merchantId: '2000132', hashKey: '5294y06JbISpM5x9', hashIv: 'v77hoKGq4kWxNNIS' };

/** A real stage answer, as ECPay wrote it: raw values, alphabetical, CheckMacValue last. */
const stageAnswer =
  'CustomField1=&CustomField2=&CustomField3=&CustomField4=&HandlingCharge=60&ItemName=粉色玫瑰花束 x1#紫色鬱金香盆栽 x1&MerchantID=3002607&MerchantTradeNo=ORD20260927D300D&PaymentDate=2026/09/27 16:30:59&PaymentType=Credit_CreditCard&PaymentTypeChargeFee=61&StoreID=&TradeAmt=2430&TradeDate=2026/09/27 16:28:39&TradeNo=2609271628390061&TradeStatus=1&CheckMacValue=A75D7DC7111B63171B25659CD256D8B0BEE62F85D003F6E8B1C9D79F0567E388';

/** Another, with full-width spaces and a trailing #, for the legacy merchant. */
const legacyAnswer =
  'CustomField1=&CustomField2=&CustomField3=&CustomField4=&HandlingCharge=11&ItemName=potatl　數量:1　小計:125#apple　數量:4　小計:400#&MerchantID=2000132&MerchantTradeNo=28Langji12520&PaymentDate=2021/11/07 22:28:53&PaymentType=Credit_CreditCard&PaymentTypeChargeFee=11&StoreID=&TradeAmt=525&TradeDate=2021/11/07 22:28:27&TradeNo=2111072228273784&TradeStatus=1&CheckMacValue=A9C2ABDA55C45E4C99338E35263EE06BEB341A95FC38B3716BFD025B178A09F3';

describe('QueryTradeInfo', () => {
  it('signs the request like the computed vector', () => {
    const form = buildQueryTradeInfo({ merchantTradeNo: 'SIM20250101000001', now: new Date(1735704000_000) }, STAGE_AIO);
    expect(form).toEqual({
      action: '/Cashier/QueryTradeInfo/V5',
      fields: {
        MerchantID: '3002607',
        MerchantTradeNo: 'SIM20250101000001',
        TimeStamp: '1735704000',
        CheckMacValue: '6B0439B961FAC92AFB61D5D14745E35E330F1466CF369CF38591192580EBAFF4',
      },
    });
  });

  it('reads real stage answers and verifies their checksums over the raw values', () => {
    const r = parseQueryTradeInfoResponse(stageAnswer, STAGE_AIO);
    expect(r).toMatchObject({
      ok: true,
      trade: {
        merchantTradeNo: 'ORD20260927D300D',
        tradeNo: '2609271628390061',
        tradeAmt: 2430,
        status: 'paid',
        tradeStatus: '1',
        itemName: '粉色玫瑰花束 x1#紫色鬱金香盆栽 x1',
        paymentType: 'Credit_CreditCard',
        handlingCharge: '60',
        extras: {},
      },
    });
    expect(parseQueryTradeInfoResponse(legacyAnswer, legacy)).toMatchObject({
      ok: true,
      trade: { itemName: 'potatl　數量:1　小計:125#apple　數量:4　小計:400#', tradeAmt: 525 },
    });
  });

  it('keeps a + in a value (the answer is not URL-encoded)', () => {
    const fields = signFields(
      { MerchantID: '3002607', MerchantTradeNo: 'A1', TradeStatus: '0', TradeAmt: '100', ItemName: 'C++ 入門 x1' },
      STAGE_AIO,
      'sha256',
    );
    const r = parseQueryTradeInfoResponse(formatRawPairs(fields), STAGE_AIO);
    expect(r).toMatchObject({ ok: true, trade: { itemName: 'C++ 入門 x1', status: 'unpaid' } });
  });

  it('names unknown and unfinished trades', () => {
    const answer = (status: string) =>
      formatRawPairs(signFields({ MerchantID: '3002607', MerchantTradeNo: 'A1', TradeStatus: status, TradeAmt: '' }, STAGE_AIO, 'sha256'));
    expect(parseQueryTradeInfoResponse(answer('10200047'), STAGE_AIO)).toMatchObject({
      ok: true,
      trade: { status: 'not_found', tradeAmt: 0 },
    });
    expect(parseQueryTradeInfoResponse(answer('10200095'), STAGE_AIO)).toMatchObject({ ok: true, trade: { status: 'not_established' } });
    expect(parseQueryTradeInfoResponse(answer('123'), STAGE_AIO)).toMatchObject({
      ok: true,
      trade: { status: 'other', tradeStatus: '123' },
    });
  });

  it('refuses a tampered answer, another merchant’s, and reports ECPay’s refusals', () => {
    expect(parseQueryTradeInfoResponse(stageAnswer.replace('TradeStatus=1', 'TradeStatus=0'), STAGE_AIO)).toMatchObject({
      ok: false,
      error: 'bad_mac',
    });
    expect(parseQueryTradeInfoResponse(stageAnswer, legacy)).toMatchObject({ ok: false, error: 'bad_mac' });
    expect(parseQueryTradeInfoResponse('0|CheckMacValue Error', STAGE_AIO)).toMatchObject({
      ok: false,
      error: 'rejected',
      detail: 'CheckMacValue Error',
    });
    expect(parseQueryTradeInfoResponse('<html>Forbidden</html>', STAGE_AIO)).toMatchObject({ ok: false, error: 'rejected' });
    expect(parseQueryTradeInfoResponse('', STAGE_AIO)).toMatchObject({ ok: false, error: 'rejected' });
    const foreign = formatRawPairs(signFields({ MerchantID: '3002599', MerchantTradeNo: 'A1', TradeStatus: '1' }, STAGE_AIO, 'sha256'));
    expect(parseQueryTradeInfoResponse(foreign, STAGE_AIO)).toMatchObject({ ok: false, error: 'malformed' });
  });
});

describe('DoAction', () => {
  it('signs a refund like the computed vector', () => {
    const form = buildDoAction(
      { merchantTradeNo: 'SIM20250101000001', tradeNo: '2501011200001234', action: 'R', totalAmount: 200 },
      STAGE_AIO,
    );
    expect(form.action).toBe('/CreditDetail/DoAction');
    expect(form.fields.CheckMacValue).toBe('213E4327568FD1B4284BF05532ABC9EB580B5324057D80133C575B7FBE13B82E');
  });

  it('refuses an amount that is not a positive integer', () => {
    for (const totalAmount of [0, -5, 1.5]) {
      expect(() => buildDoAction({ merchantTradeNo: 'A1', tradeNo: '1', action: 'R', totalAmount }, STAGE_AIO)).toThrow(/TotalAmount/);
    }
  });

  it('reads success and refusal answers', () => {
    expect(parseDoActionResponse('MerchantID=3002607&MerchantTradeNo=A1&TradeNo=2501011200001234&RtnCode=1&RtnMsg=Succeeded')).toEqual({
      ok: true,
      result: {
        merchantId: '3002607',
        merchantTradeNo: 'A1',
        tradeNo: '2501011200001234',
        rtnCode: 1,
        rtnMsg: 'Succeeded',
        succeeded: true,
      },
    });
    expect(parseDoActionResponse('MerchantID=3002607&MerchantTradeNo=A1&TradeNo=1&RtnCode=0&RtnMsg=退款金額大於可退金額')).toMatchObject({
      ok: true,
      result: { succeeded: false, rtnMsg: '退款金額大於可退金額' },
    });
    expect(parseDoActionResponse('Forbidden')).toMatchObject({ ok: false, error: 'malformed' });
  });
});
