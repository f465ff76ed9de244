import { describe, expect, it } from 'vitest';
import { parseNotification, parsePaymentInfo, parsePaymentResult } from './aio-notifications.js';
import { signFields } from './check-mac-value.js';
import { STAGE_AIO, type EcpayMerchant } from './stage.js';
import { extraPaidInfoCallback, extraPaidInfoCheckMacValue } from './test-vectors.js';

const legacy: EcpayMerchant = { merchantId: '2000132', hashKey: '5294y06JbISpM5x9', hashIv: 'v77hoKGq4kWxNNIS' };
const emptyCustomFields = { CustomField1: '', CustomField2: '', CustomField3: '', CustomField4: '' };

/** The docs' ReturnURL sample, with its published CheckMacValue. */
const paid = {
  ...emptyCustomFields,
  MerchantID: '3002607',
  MerchantTradeNo: 'D9RMXNrihUYM',
  PaymentDate: '2024/12/31 12:26:09',
  PaymentType: 'Credit_CreditCard',
  PaymentTypeChargeFee: '10',
  RtnCode: '1',
  RtnMsg: '交易成功',
  SimulatePaid: '0',
  StoreID: '',
  TradeAmt: '402',
  TradeDate: '2024/12/31 12:25:43',
  TradeNo: '2412311225437371',
  CheckMacValue: '85D927637935683EA756CDEF76498FEB9F5D098A7A1AC4F0CB3B3609A9D4116A',
};

/** An older docs CVS code notice (legacy merchant), with its CheckMacValue. */
const cvsIssued = {
  Barcode1: '',
  Barcode2: '',
  Barcode3: '',
  ExpireDate: '2017/12/28 00:39:03',
  MerchantID: '2000132',
  MerchantTradeNo: 'Test1513787899',
  PaymentNo: 'LLL17355880822',
  PaymentType: 'CVS_CVS',
  RtnCode: '10100073',
  RtnMsg: 'Get CVS Code Succeeded.',
  TradeAmt: '2000',
  TradeDate: '2017/12/21 00:39:03',
  TradeNo: '17122100383415923452',
  StoreID: '',
  ...emptyCustomFields,
  CheckMacValue: 'C25373CE6379BB6116FAE8398F4A8E60B71B289D955F6B8A9D9F53FDCC97F571',
};

/** An ATM account notice (computed vector). */
const atmIssued = {
  MerchantID: '3002607',
  MerchantTradeNo: 'SIM20250101000003',
  StoreID: '',
  RtnCode: '2',
  RtnMsg: 'Get VirtualAccount Succeeded',
  TradeNo: '2501011300005678',
  TradeAmt: '500',
  PaymentType: 'ATM_TAISHIN',
  TradeDate: '2025/01/01 13:00:00',
  ...emptyCustomFields,
  BankCode: '812',
  vAccount: '9103522175887271',
  ExpireDate: '2025/01/04',
  CheckMacValue: '8928DBA7271A20953812F8355A912F60C4ABF9AC5554D9991D0F9829373DAE22',
};

/** A card result with extra paid info (lower-case names): vector C1. */
const withExtras = { ...extraPaidInfoCallback, CheckMacValue: extraPaidInfoCheckMacValue };

const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('parseNotification', () => {
  it('reads the docs’ paid notification as a payment, paid for real', () => {
    const r = parseNotification(paid, STAGE_AIO);
    expect(r).toMatchObject({
      ok: true,
      notification: {
        kind: 'payment_result',
        paid: true,
        simulatePaid: false,
        rtnCode: 1,
        merchantTradeNo: 'D9RMXNrihUYM',
        tradeNo: '2412311225437371',
        tradeAmt: 402,
        method: 'Credit',
        paymentDate: '2024/12/31 12:26:09',
        paymentTypeChargeFee: '10',
        customFields: ['', '', '', ''],
        extras: {},
      },
    });
  });

  it('reads the same notification from the raw urlencoded body', () => {
    expect(parseNotification(urlencoded(paid), STAGE_AIO)).toMatchObject({ ok: true, notification: { paid: true, tradeAmt: 402 } });
    expect(parseNotification(new URLSearchParams(paid), STAGE_AIO)).toMatchObject({ ok: true });
  });

  it('reads a CVS code notice as an issued code, not a failure', () => {
    const r = parseNotification(cvsIssued, legacy);
    expect(r).toMatchObject({
      ok: true,
      notification: {
        kind: 'payment_info',
        issued: true,
        method: 'CVS',
        paymentNo: 'LLL17355880822',
        expireDate: '2017/12/28 00:39:03',
        barcodes: ['', '', ''],
        tradeAmt: 2000,
      },
    });
  });

  it('reads an ATM account notice with its bank, account and deadline', () => {
    expect(parsePaymentInfo(atmIssued, STAGE_AIO)).toMatchObject({
      ok: true,
      notification: {
        kind: 'payment_info',
        issued: true,
        rtnCode: 2,
        method: 'ATM',
        bankCode: '812',
        vAccount: '9103522175887271',
        expireDate: '2025/01/04',
      },
    });
  });

  it('keeps extra paid info (card tail, authorisation) beside the standard fields', () => {
    const r = parsePaymentResult(withExtras, STAGE_AIO);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.notification.customFields[0]).toBe('order-42');
    expect(r.notification.extras).toMatchObject({ card4no: '2222', card6no: '431195', auth_code: '777777', gwsr: '12345678', stage: '0' });
    expect(r.notification.extras).not.toHaveProperty('RtnCode');
  });

  it('reads a failed card payment as not paid', () => {
    const failed = signFields({ ...withoutMac(paid), RtnCode: '10100058', RtnMsg: '付款失敗', PaymentDate: '' }, STAGE_AIO, 'sha256');
    expect(parseNotification(failed, STAGE_AIO)).toMatchObject({
      ok: true,
      notification: { kind: 'payment_result', paid: false, rtnCode: 10100058, paymentDate: '' },
    });
  });

  it('refuses a tampered amount, a forged or missing checksum, and another merchant’s notice', () => {
    expect(parseNotification({ ...paid, TradeAmt: '1' }, STAGE_AIO)).toMatchObject({ ok: false, error: 'bad_mac' });
    expect(parseNotification({ ...paid, CheckMacValue: '0'.repeat(64) }, STAGE_AIO)).toMatchObject({ ok: false, error: 'bad_mac' });
    expect(parseNotification(withoutMac(paid), STAGE_AIO)).toMatchObject({ ok: false, error: 'bad_mac' });
    expect(parseNotification(paid, { ...STAGE_AIO, hashKey: 'another-key-0000' })).toMatchObject({ ok: false, error: 'bad_mac' });
    const otherMerchant = signFields({ ...withoutMac(paid), MerchantID: '3002599' }, STAGE_AIO, 'sha256');
    expect(parseNotification(otherMerchant, STAGE_AIO)).toMatchObject({ ok: false, error: 'wrong_merchant' });
  });

  it('accepts a lower-case checksum (ECPay compares case-insensitively)', () => {
    expect(parseNotification({ ...paid, CheckMacValue: paid.CheckMacValue.toLowerCase() }, STAGE_AIO)).toMatchObject({ ok: true });
  });

  it('answers malformed, never throws, on anything that is not one form of strings', () => {
    for (const body of [null, undefined, 42, 'not=a&not=form', ['a'], { ...paid, TradeAmt: ['1', '2'] }, { a: { b: 1 } }]) {
      expect(parseNotification(body, STAGE_AIO)).toMatchObject({ ok: false, error: 'malformed' });
    }
  });

  it('answers malformed for a well-signed body without the fields of a notification', () => {
    const signed = signFields({ MerchantID: '3002607', Hello: 'world' }, STAGE_AIO, 'sha256');
    expect(parseNotification(signed, STAGE_AIO)).toMatchObject({ ok: false, error: 'malformed' });
    const badAmount = signFields({ ...withoutMac(paid), TradeAmt: '40.2' }, STAGE_AIO, 'sha256');
    expect(parseNotification(badAmount, STAGE_AIO)).toMatchObject({
      ok: false,
      error: 'malformed',
      detail: expect.stringContaining('TradeAmt'),
    });
  });
});

function withoutMac(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[0] !== 'CheckMacValue' && e[1] !== undefined));
}
